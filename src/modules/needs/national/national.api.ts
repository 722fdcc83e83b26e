import { z } from "zod";
import { type ApiRouter, listOf, listQuery } from "../../../platform/http/api.ts";
import { dbId, query, searchText } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { slugParam } from "../../networks/index.ts";
import { NEED_STATES, RECIPIENT_KINDS, RECOMMENDATIONS, SUBMISSION_VISIBILITIES, URGENCIES } from "../schema.ts";
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

/** Needs passed on nationally in the JSON API: the national view, and networks' submissions to national bodies. */
export function nationalApi(api: ApiRouter, { services }: AppContext) {
  const { nationalNeeds, needSubmissions, networks } = services;
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
    response: submissionOut.extend({
      needs: z.array(
        z.object({
          needId: int.nullable().describe("The need, where the caller may see it"),
          title: z.string(),
          problem: z.string(),
          asSent: z.boolean().describe("The text is the copy kept as it was sent"),
        }),
      ),
    }),
    handler: async ({ actor, params }) => {
      const r = await needSubmissions.get(actor, params.id);
      const items = await needSubmissions.items(actor, params.id);
      return {
        ...presentSubmission(r.submission, r.networkSlug),
        needs: items.map((i) => ({ needId: i.visible ? i.needId : null, title: i.title, problem: i.problem, asSent: i.asSent })),
      };
    },
  });
}
