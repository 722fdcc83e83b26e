import { z } from "zod";
import type { Actor } from "../../platform/access/actor.ts";
import { can } from "../../platform/access/authorize.ts";
import { type ApiRouter, listOf, listQuery } from "../../platform/http/api.ts";
import { ForbiddenError } from "../../platform/http/errors.ts";
import type { AppContext, Services } from "../../platform/module.ts";
import { slugParam } from "../networks/index.ts";
import type { Consultation } from "./consultations.repo.ts";
import { idParams } from "./params.ts";
import { QUESTION_KINDS } from "./schema.ts";
import { stateOf } from "./state.ts";

/** The JSON shapes and helpers every sub-feature's API routes share. */

export const int = z.number().int();
export const tag = "consultations";

export const consultationOut = z.object({
  id: int,
  networkId: int,
  strategyId: int.nullable(),
  reviewOfId: int.nullable().describe("For an internal review round: the consultation it follows"),
  title: z.string(),
  intro: z.string(),
  opensAt: z.string(),
  closesAt: z.string(),
  state: z.enum(["upcoming", "open", "closed"]),
  audience: z.enum(["anyone", "members", "bodies"]),
  bodyIds: z.array(int),
  publishInputs: z.boolean(),
  personalDataDays: int,
  isDemo: z.boolean(),
});
export const detailOut = consultationOut.extend({
  sections: z
    .array(z.object({ id: int, heading: z.string(), body: z.string() }))
    .describe("The draft's text; empty when it is the text of a project the reader may not see"),
  questions: z.array(z.object({ id: int, text: z.string(), kind: z.enum(QUESTION_KINDS), options: z.array(z.string()) })),
});

const out = (c: Consultation) => ({
  id: c.id,
  networkId: c.networkId,
  strategyId: c.strategyId,
  reviewOfId: c.reviewOfId,
  title: c.title,
  intro: c.intro,
  opensAt: c.opensAt.toISOString(),
  closesAt: c.closesAt.toISOString(),
  state: stateOf(c),
  audience: c.audience,
  bodyIds: c.bodyIds,
  publishInputs: c.publishInputs,
  personalDataDays: c.personalDataDays,
  isDemo: c.isDemo,
});

/**
 * A consultation with its sections and questions, as detailOut, as the viewer may read it: the
 * sections are left out when they are a project's text the viewer may not see (projectTextShown).
 */
export async function detailOf({ consultations }: Services, id: number, viewer: Actor | null) {
  const d = await consultations.detail(id);
  const shown = await consultations.projectTextShown(d.consultation, viewer);
  return {
    ...out(d.consultation),
    sections: shown ? d.sections.map(({ id, heading, body }) => ({ id, heading, body })) : [],
    questions: d.questions.map(({ id, text, kind, options }) => ({ id, text, kind, options })),
  };
}

/** A review round is for the network's own people; everything else is public. */
export const readableBy = (c: Consultation, actor: Actor | null) => {
  if (c.audience === "bodies" && !can(actor, "consultation.summary", c)) throw new ForbiddenError();
};

/** A command's value, or its errors as a 422. */
export { resultOf } from "../../platform/http/errors.ts";

/** The consultation in the path, for the routes' policies. */
export const consultationOf =
  ({ consultations }: Services) =>
  ({ id }: { id: number }) =>
    consultations.get(id);

/** A network's consultations, and one consultation with its sections and questions. */
export function consultationsApi(api: ApiRouter, { services }: AppContext) {
  const { consultations, networks } = services;

  api.route({
    policy: "public",
    method: "GET",
    path: "/networks/:slug/consultations",
    operationId: "listConsultations",
    summary: "A network's consultations; internal review rounds only for the network's own people",
    tag,
    params: slugParam,
    query: z.object(listQuery),
    response: listOf(consultationOut),
    handler: async ({ params, actor, query: q }) => {
      const network = await networks.get(params.slug);
      // Review rounds are for the network's own people (the repo's audienceReadableWhere, the rule `readable` checks).
      const { items, total } = await consultations.ofNetworkPage(network.id, actor ?? null, q);
      return { items: items.map((i) => out(i.consultation)), total };
    },
  });

  api.route({
    policy: "public",
    method: "GET",
    path: "/consultations/:id",
    operationId: "getConsultation",
    summary: "A consultation with its sections and questions",
    tag,
    params: idParams,
    response: detailOut,
    handler: async ({ params, actor }) => {
      readableBy(await consultations.get(params.id), actor);
      return detailOf(services, params.id, actor ?? null);
    },
  });
}
