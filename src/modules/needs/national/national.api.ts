import { z } from "zod";
import type { Actor } from "../../../platform/access/actor.ts";
import { type ApiRouter, listOf, listQuery } from "../../../platform/http/api.ts";
import { resultOf } from "../../../platform/http/errors.ts";
import { dbId, query, searchText } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { slugParam } from "../../networks/index.ts";
import { NEED_STATES, RECIPIENT_KINDS, RECOMMENDATIONS, SUBMISSION_VISIBILITIES, URGENCIES } from "../schema.ts";
import type { NationalNeed } from "./national.repo.ts";
import { NATIONAL_SORTS } from "./national.repo.ts";
import type { NationalEntry } from "./national.service.ts";
import type { Submission } from "./submissions.repo.ts";

const int = z.number().int();

const nationalOut = z.object({
  nationalNeedId: int.nullable().describe("The national need; null for a need linked to none"),
  needId: int.nullable().describe("The need, for a need linked to no national need"),
  title: z.string(),
  description: z.string(),
  networks: int.describe("Networks with a need in it the caller may see"),
  organisations: int.describe("Organisations behind those needs: their own and their supporters, each once"),
  inhabitants: int.describe("Inhabitants of the organisations whose population the directory knows"),
  unknownPopulation: int.describe("Organisations whose population the directory does not know"),
  needs: z.array(
    z.object({
      id: int,
      title: z.string(),
      network: z.string(),
      organisation: z.string(),
      state: z.enum(NEED_STATES),
      urgency: z.enum(URGENCIES),
      recommendation: z.enum(RECOMMENDATIONS).nullable().describe("The working committee's latest recommendation"),
    }),
  ),
  organisationList: z.array(z.object({ id: int, name: z.string(), population: int.nullable() })),
});

const present = (e: NationalEntry): z.infer<typeof nationalOut> => ({
  nationalNeedId: e.nationalNeedId,
  needId: e.needId,
  title: e.title,
  description: e.description,
  networks: e.networks,
  organisations: e.organisations,
  inhabitants: e.inhabitants,
  unknownPopulation: e.unknown,
  needs: e.items.map((n) => ({
    id: n.id,
    title: n.title,
    network: n.networkSlug,
    organisation: n.organisationName,
    state: n.state,
    urgency: n.urgency,
    recommendation: n.recommendation,
  })),
  organisationList: e.organisationList,
});

const submissionOut = z.object({
  id: int,
  network: z.string(),
  recipientKind: z.enum(RECIPIENT_KINDS),
  recipientName: z.string(),
  title: z.string(),
  coverNote: z.string(),
  sentOn: z.string().describe("yyyy-mm-dd"),
  answer: z.string(),
  answeredOn: z.string().nullable(),
  visibility: z.enum(SUBMISSION_VISIBILITIES),
});

const presentSubmission = (s: Submission, network: string): z.infer<typeof submissionOut> => ({
  id: s.id,
  network,
  recipientKind: s.recipientKind,
  recipientName: s.recipientName,
  title: s.title,
  coverNote: s.coverNote,
  sentOn: s.sentOn,
  answer: s.answer,
  answeredOn: s.answeredOn,
  visibility: s.visibility,
});

/** A submission with its needs as the caller may read them. */
const submissionDetailOut = submissionOut.extend({
  needs: z.array(
    z.object({
      needId: int.nullable().describe("The need, where the caller may see it"),
      title: z.string(),
      problem: z.string(),
      asSent: z.boolean().describe("The text is the copy kept as it was sent"),
    }),
  ),
});

/** A national need's own text: written by secretariats, public to everyone. */
const nationalNeedOut = z.object({ id: int, title: z.string(), description: z.string() });
const presentNationalNeed = (n: NationalNeed): z.infer<typeof nationalNeedOut> => ({
  id: n.id,
  title: n.title,
  description: n.description,
});

const nationalNeedIn = z.object({
  title: z.string().max(200).describe("Public to everyone, whoever may see the needs behind it"),
  description: z.string().max(4000).optional().describe("Public to everyone"),
});

/** A submission as the API takes it: the form's fields, the needs by id. */
const submissionIn = z.object({
  recipientKind: z.enum(RECIPIENT_KINDS),
  recipientName: z.string().max(200).optional().describe("The body's name; required for a ministry or another body"),
  title: z.string().max(200),
  coverNote: z.string().max(10_000).optional(),
  sentOn: z.string().describe("yyyy-mm-dd, not after today"),
  visibility: z
    .enum(SUBMISSION_VISIBILITIES)
    .optional()
    .describe("public (the default), or network: read by the network's own people only"),
  needIds: z
    .array(int)
    .max(1000)
    .describe("Needs of the network's own to pass on, at least one; a public submission takes only needs everyone may read"),
});

/** Needs passed on nationally in the JSON API: the national view, and networks' submissions to national bodies. */
export function nationalApi(api: ApiRouter, { services }: AppContext) {
  const { nationalNeeds, needSubmissions, networks, needs } = services;
  const tag = "needs";

  api.route({
    policy: "public",
    method: "GET",
    path: "/national-needs",
    operationId: "listNationalNeeds",
    summary:
      "The national view: needs linked across networks as the same need, with what the caller may see behind each; `unlinked` adds needs linked to none",
    tag,
    query: query({
      q: searchText,
      unlinked: z.enum(["true", "false"]).optional(),
      sort: z.enum(NATIONAL_SORTS).default("-networks"),
      ...listQuery,
    }),
    response: listOf(nationalOut),
    handler: async ({ actor, query: q }) => {
      const { items, total } = await nationalNeeds.view(actor, { q: q.q, unlinked: q.unlinked === "true" }, q.sort, q);
      return { items: items.map(present), total };
    },
  });

  api.route({
    policy: "public",
    method: "GET",
    path: "/national-needs/:id",
    operationId: "getNationalNeed",
    summary: "One national need with the needs, networks and organisations behind it that the caller may see",
    tag,
    params: z.object({ id: dbId }),
    response: nationalOut,
    handler: async ({ actor, params }) => present((await nationalNeeds.get(actor, params.id)).entry),
  });

  api.route({
    policy: "public",
    method: "GET",
    path: "/networks/:slug/need-submissions",
    operationId: "listNeedSubmissions",
    summary: "The network's submissions of needs to national bodies that the caller may see, latest first",
    tag,
    params: slugParam,
    query: z.object(listQuery),
    response: listOf(submissionOut),
    handler: async ({ actor, params, query: q }) => {
      const network = await networks.get(params.slug);
      const { items, total } = await needSubmissions.page(actor, network.id, q);
      return { items: items.map((r) => presentSubmission(r.submission, network.slug)), total };
    },
  });

  api.route({
    policy: "public",
    method: "GET",
    path: "/need-submissions/:id",
    operationId: "getNeedSubmission",
    summary: "A submission with its needs as they were sent (or as they are, where no copy was kept and the caller may see them)",
    tag,
    params: z.object({ id: dbId }),
    response: submissionDetailOut,
    handler: ({ actor, params }) => submissionDetail(actor, params.id),
  });

  // Writes: the same services and rules as the pages, refused before the body is read where the
  // caller may not (the router checks the route's policy against the resource first).

  const idParams = z.object({ id: dbId });
  /** The need by :id, for need.linkNational (its own network's secretariat) and a limited token's network. */
  const needOf = ({ id }: { id: number }) => needs.resource(id);
  /** The national need by :id with the networks behind it, and the one the caller acts in. */
  const nationalNeedOf = ({ id }: { id: number }, actor: Actor | null) => nationalNeeds.resourceFor(actor, id);
  /** The submission by :id as the caller may see it (404 otherwise), with its networkId. */
  const submissionOf = ({ id }: { id: number }, actor: Actor | null) => needSubmissions.get(actor, id);

  api.route({
    policy: "need.linkNational",
    resource: needOf,
    method: "POST",
    path: "/needs/:id/national-need",
    operationId: "startNationalNeed",
    summary:
      "Start a national need from a need of your own network (its secretariat) and link the need to it; the title and description are public",
    tag,
    params: idParams,
    body: nationalNeedIn,
    response: nationalNeedOut,
    status: 201,
    handler: async ({ actor, params, body }) => presentNationalNeed(resultOf(await nationalNeeds.start(actor, params.id, body))),
  });

  api.route({
    policy: "need.linkNational",
    resource: needOf,
    method: "PUT",
    path: "/needs/:id/national-need",
    operationId: "linkNationalNeed",
    summary:
      "Link a need of your own network (its secretariat) to a national need, moving it from the one it was in; a national need left empty goes",
    tag,
    params: idParams,
    body: z.object({ nationalNeedId: int }),
    response: nationalNeedOut,
    handler: async ({ actor, params, body }) => presentNationalNeed(resultOf(await nationalNeeds.link(actor, params.id, body))),
  });

  api.route({
    policy: "need.linkNational",
    resource: needOf,
    method: "DELETE",
    path: "/needs/:id/national-need",
    operationId: "unlinkNationalNeed",
    summary: "Take a need of your own network (its secretariat) out of its national need; 404 if it is in none",
    tag,
    params: idParams,
    response: z.object({}),
    status: 204,
    handler: async ({ actor, params }) => resultOf(await nationalNeeds.unlink(actor, params.id)),
  });

  api.route({
    policy: "nationalNeed.edit",
    resource: nationalNeedOf,
    method: "PATCH",
    path: "/national-needs/:id",
    operationId: "updateNationalNeed",
    summary:
      "Change a national need's title and description (the secretariat of a network with a need in it, or of the one that started it); fields left out keep their value",
    tag,
    params: idParams,
    body: nationalNeedIn.partial(),
    response: nationalNeedOut,
    handler: async ({ actor, params, body }) => {
      const { nationalNeed } = await nationalNeeds.resource(params.id);
      const input = { title: nationalNeed.title, description: nationalNeed.description, ...body };
      return presentNationalNeed(resultOf(await nationalNeeds.update(actor, nationalNeed, input)));
    },
  });

  api.route({
    policy: "needSubmission.manage",
    resource: async ({ slug }) => ({ networkId: (await networks.get(slug)).id }),
    method: "POST",
    path: "/networks/:slug/need-submissions",
    operationId: "createNeedSubmission",
    summary:
      "A dated submission of the network's own needs to a national body (its secretariat), keeping what was sent of each need",
    tag,
    params: slugParam,
    body: submissionIn,
    response: submissionDetailOut,
    status: 201,
    handler: async ({ actor, params, body }) => {
      const network = await networks.get(params.slug);
      const created = resultOf(await needSubmissions.create(actor, network.id, body));
      return submissionDetail(actor, created.id);
    },
  });

  api.route({
    policy: "needSubmission.manage",
    resource: submissionOf,
    method: "PATCH",
    path: "/need-submissions/:id",
    operationId: "updateNeedSubmission",
    summary:
      "Change a submission (its network's secretariat); fields left out keep their value. Needs kept keep what was sent; needs added are copied as they are now",
    tag,
    params: idParams,
    body: submissionIn.partial(),
    response: submissionDetailOut,
    handler: async ({ actor, params, body }) => {
      const { submission: s } = await needSubmissions.get(actor, params.id);
      const needIds = (await needSubmissions.repo.items(s.id)).map((r) => r.item.needId);
      const current = {
        recipientKind: s.recipientKind,
        recipientName: s.recipientName,
        title: s.title,
        coverNote: s.coverNote,
        sentOn: s.sentOn,
        visibility: s.visibility,
        needIds,
      };
      resultOf(await needSubmissions.update(actor, s, { ...current, ...body }));
      return submissionDetail(actor, s.id);
    },
  });

  api.route({
    policy: "needSubmission.manage",
    resource: submissionOf,
    method: "PUT",
    path: "/need-submissions/:id/answer",
    operationId: "recordNeedSubmissionAnswer",
    summary: "Record the answer the national body gave, and when (its network's secretariat)",
    tag,
    params: idParams,
    body: z.object({
      answer: z.string().max(10_000),
      answeredOn: z.string().describe("yyyy-mm-dd, on or after the day it was sent, not after today"),
    }),
    response: submissionDetailOut,
    handler: async ({ actor, params, body }) => {
      const { submission } = await needSubmissions.get(actor, params.id);
      resultOf(await needSubmissions.recordAnswer(actor, submission, body));
      return submissionDetail(actor, submission.id);
    },
  });

  api.route({
    policy: "needSubmission.manage",
    resource: submissionOf,
    method: "DELETE",
    path: "/need-submissions/:id",
    operationId: "deleteNeedSubmission",
    summary: "Delete a submission (its network's secretariat), with what was sent of each need and the answer",
    tag,
    params: idParams,
    response: z.object({}),
    status: 204,
    handler: async ({ actor, params }) => {
      const { submission } = await needSubmissions.get(actor, params.id);
      await needSubmissions.remove(actor, submission);
    },
  });

  /** A submission with its needs as the caller may read them. */
  async function submissionDetail(actor: Actor | null, id: number): Promise<z.infer<typeof submissionDetailOut>> {
    const r = await needSubmissions.get(actor, id);
    const items = await needSubmissions.items(actor, id);
    return {
      ...presentSubmission(r.submission, r.networkSlug),
      needs: items.map((i) => ({ needId: i.visible ? i.needId : null, title: i.title, problem: i.problem, asSent: i.asSent })),
    };
  }
}
