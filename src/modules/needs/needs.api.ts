import { z } from "zod";
import type { Actor } from "../../platform/access/actor.ts";
import { type ApiRouter, listOf, listQuery } from "../../platform/http/api.ts";
import { ValidationError } from "../../platform/http/errors.ts";
import { query } from "../../platform/http/validation.ts";
import type { AppContext, ModuleServices } from "../../platform/module.ts";
import { eventNote, needInput } from "./needs.service.ts";
import { needFilterShape, needParams, networkSlugParams } from "./params.ts";
import { EFFORTS, NEED_KINDS, NEED_STATES, URGENCIES } from "./schema.ts";

export const int = z.number().int();

const needFields = {
  id: int,
  networkId: int,
  organisationId: int,
  kind: z.enum(NEED_KINDS),
  title: z.string(),
  problem: z.string(),
  state: z.enum(NEED_STATES),
  urgency: z.enum(URGENCIES),
  costEstimate: int.nullable(),
  effort: z.enum(EFFORTS),
  legalRequirement: z.string(),
  projectId: int.nullable(),
};
const needListItem = z.object({
  ...needFields,
  organisationName: z.string(),
  networkSlug: z.string(),
  supporters: int.describe("Organisations that share the need, the registering one included"),
  inhabitants: int.describe("Inhabitants of those organisations, from the reference data"),
});
export const supporterOut = z.object({ organisationId: int, organisationName: z.string(), note: z.string(), since: z.string() });
export const needOut = z.object({
  ...needFields,
  affected: z.string(),
  benefit: z.string(),
  visibility: z.enum(["public", "network", "body"]),
  mergedIntoId: int.nullable(),
  organisationName: z.string(),
  networkSlug: z.string(),
  supporters: z.array(supporterOut),
  sharedBy: z.object({ organisations: int, inhabitants: int }),
  events: z.array(
    z.object({
      fromState: z.enum(NEED_STATES).nullable(),
      toState: z.enum(NEED_STATES),
      note: z.string(),
      by: z.string(),
      at: z.string(),
    }),
  ),
});

/** A need as the API answers it: its fields, supporters and history, as the viewer may see them. */
export async function needDetail(services: ModuleServices, id: number, viewer: Actor | null) {
  const { needs, assessment } = services;
  const [d, decisions, rounds] = await Promise.all([
    needs.get(id, viewer),
    services.meetings.decisionsAbout({ needIds: [id] }, viewer),
    assessment.ofNeed(id, viewer),
  ]);
  const { createdAt: _c, updatedAt: _u, isDemo: _d, bodyId: _b, createdById: _cb, createdByLabel: _cl, ...need } = d.need;
  return {
    ...need,
    organisationName: d.organisationName,
    networkSlug: d.networkSlug,
    supporters: d.supporters.map((s) => ({
      organisationId: s.organisationId,
      organisationName: s.organisationName,
      note: s.note,
      since: s.createdAt.toISOString(),
    })),
    sharedBy: d.shared,
    events: d.events.map((e) => ({
      fromState: e.fromState,
      toState: e.toState,
      note: eventNote(e, { decisions, rounds }),
      by: e.byLabel,
      at: e.createdAt.toISOString(),
    })),
  };
}

/** Needs and ideas: the list, similar ones, one need, registering and changing it. */
export function needsApi(api: ApiRouter, { services }: AppContext) {
  const { needs, networks } = services;
  const tag = "needs";
  const detail = (id: number, viewer: Actor | null) => needDetail(services, id, viewer);
  const resource = ({ id }: { id: number }) => needs.resource(id);

  api.route({
    policy: "public",
    method: "GET",
    path: "/needs",
    operationId: "listNeeds",
    summary: "Needs and ideas the caller may see, filtered like the list page",
    tag,
    query: query({ ...needFilterShape, ...listQuery }),
    response: listOf(needListItem),
    handler: async ({ actor, query: q }) => {
      const { items, total } = await needs.search(q, actor, q.sort, q.limit, q.offset);
      return {
        items: items.map(({ createdAt: _c, visibility: _v, networkName: _n, ...n }) => n),
        total,
      };
    },
  });

  api.route({
    policy: "public",
    method: "GET",
    path: "/needs/similar",
    operationId: "similarNeeds",
    summary: "Needs and projects, in every network, that share words with a text (Norwegian full-text search)",
    tag,
    query: query({ text: z.string().max(4000).default("") }),
    response: z.object({
      needs: z.array(z.object({ id: int, title: z.string(), state: z.enum(NEED_STATES), supporters: int })),
      projects: z.array(z.object({ id: int, title: z.string() })),
    }),
    handler: async ({ actor, query: q }) => {
      const found = await needs.similar(q.text, actor);
      return {
        needs: found.needs.map(({ id, title, state, supporters }) => ({ id, title, state, supporters })),
        projects: found.projects.map(({ id, title }) => ({ id, title })),
      };
    },
  });

  api.route({
    policy: "public",
    method: "GET",
    path: "/needs/:id",
    operationId: "getNeed",
    summary: "One need with its supporters and the history of its state",
    tag,
    params: needParams,
    response: needOut,
    handler: ({ actor, params }) => detail(params.id, actor),
  });

  api.route({
    policy: "need.create",
    resource: ({ slug }) => networks.get(slug),
    method: "POST",
    path: "/networks/:slug/needs",
    operationId: "createNeed",
    summary: "Register a need or idea for an organisation you represent in the network",
    tag,
    params: networkSlugParams,
    body: needInput,
    response: needOut,
    status: 201,
    handler: async ({ actor, params, req }) => {
      const network = await networks.get(params.slug);
      const result = await needs.create(actor, network.id, req.body);
      if (!result.ok) throw new ValidationError(result.errors);
      return detail(result.value.id, actor);
    },
  });

  api.route({
    policy: "need.update",
    resource,
    method: "PATCH",
    path: "/needs/:id",
    operationId: "updateNeed",
    summary: "Change a need; fields left out keep their value",
    tag,
    params: needParams,
    body: needInput.partial(),
    response: needOut,
    handler: async ({ actor, params, req }) => {
      const current = await needs.resource(params.id);
      const result = await needs.update(actor, params.id, { ...current, ...(req.body as object) });
      if (!result.ok) throw new ValidationError(result.errors);
      return detail(params.id, actor);
    },
  });
}
