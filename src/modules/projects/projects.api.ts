import { z } from "zod";
import { VISIBILITY_VALUES } from "../../platform/access/visibility.ts";
import { type ApiRouter, listOf, listQuery } from "../../platform/http/api.ts";
import { ConflictError, ValidationError } from "../../platform/http/errors.ts";
import { MAX_ID, query } from "../../platform/http/validation.ts";
import type { AppContext } from "../../platform/module.ts";
import { colour, int, projectApiKit, projectOut, valueOrInvalid } from "./api-shapes.ts";
import { networkSlugParams, projectFilterShape, projectParams } from "./params.ts";
import { phaseInput, projectFields, projectInput } from "./projects.service.ts";
import { PHASES, PROJECT_KINDS } from "./schema.ts";

const projectListItem = z.object({
  id: int,
  title: z.string(),
  summary: z.string(),
  kind: z.enum(PROJECT_KINDS),
  sector: z.string(),
  phase: z.enum(PHASES),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  budget: int.nullable(),
  tags: z.array(z.string()),
  visibility: z.enum(VISIBILITY_VALUES),
  networkSlug: z.string(),
  ownerOrganisationId: int.nullable(),
  ownerName: z.string().nullable(),
  status: colour.nullable().describe("The overall status of the latest status report"),
  statusDate: z.string().nullable(),
});

const phaseBody = phaseInput.describe("Moves the project to another phase; who and when is recorded");

/** The project itself: listed, read, registered, changed (optimistic locking), moved to another phase, removed. */
export function projectsApi(api: ApiRouter, ctx: AppContext) {
  const { projects, networks } = ctx.services;
  const { tag, resource, detail } = projectApiKit(ctx);

  api.route({
    policy: "public",
    method: "GET",
    path: "/projects",
    operationId: "listProjects",
    summary: "The shared portfolio: projects the caller may see, filtered like the overview page",
    tag,
    query: query({ ...projectFilterShape, ...listQuery }),
    response: listOf(projectListItem),
    handler: async ({ actor, query: q }) => {
      const { items, total } = await projects.list(q, actor, q.sort, q.limit, q.offset);
      return {
        items: items.map(({ isDemo: _d, updatedAt: _u, networkId: _n, networkName: _nn, ...p }) => p),
        total,
      };
    },
  });

  api.route({
    policy: "public",
    method: "GET",
    path: "/projects/:id",
    operationId: "getProject",
    summary: "One project with its participants, latest status report and benefits",
    tag,
    params: projectParams,
    response: projectOut,
    handler: ({ actor, params }) => detail(params.id, actor),
  });

  api.route({
    policy: "project.create",
    resource: ({ slug }) => networks.get(slug),
    method: "POST",
    path: "/networks/:slug/projects",
    operationId: "createProject",
    summary: "Register a project in a network's portfolio",
    tag,
    params: networkSlugParams,
    body: projectInput,
    response: projectOut,
    status: 201,
    handler: async ({ actor, params, req }) => {
      const network = await networks.get(params.slug);
      const created = valueOrInvalid(await projects.create(actor, network.id, req.body));
      return detail(created.id, actor);
    },
  });

  api.route({
    policy: "project.update",
    resource,
    method: "PATCH",
    path: "/projects/:id",
    operationId: "updateProject",
    summary: "Change a project; fields left out keep their value. `version` is required (optimistic locking).",
    tag,
    params: projectParams,
    body: projectFields.partial().extend({ version: z.number().int().positive().max(MAX_ID) }),
    response: projectOut,
    handler: async ({ actor, params, req }) => {
      const current = await projects.get(params.id);
      const result = await projects.update(actor, params.id, { ...current, ...(req.body as object) });
      if (!result.ok) {
        if ("conflict" in result) throw new ConflictError(result.errors);
        throw new ValidationError(result.errors);
      }
      return detail(params.id, actor);
    },
  });

  api.route({
    policy: "project.delete",
    resource,
    method: "DELETE",
    path: "/projects/:id",
    operationId: "deleteProject",
    summary: "Remove a project with its reports and benefits",
    tag,
    params: projectParams,
    response: z.null(),
    status: 204,
    handler: async ({ actor, params }) => {
      await projects.remove(actor, params.id);
      return null;
    },
  });

  api.route({
    policy: "project.update",
    resource,
    method: "POST",
    path: "/projects/:id/phase",
    operationId: "setProjectPhase",
    summary: "Move a project to another phase",
    tag,
    params: projectParams,
    body: phaseBody,
    response: projectOut,
    handler: async ({ actor, params, req }) => {
      valueOrInvalid(await projects.setPhase(actor, params.id, req.body));
      return detail(params.id, actor);
    },
  });
}
