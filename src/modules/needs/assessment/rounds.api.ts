import { z } from "zod";
import type { Actor } from "../../../platform/access/actor.ts";
import { type ApiRouter, listOf, listQuery } from "../../../platform/http/api.ts";
import { ValidationError } from "../../../platform/http/errors.ts";
import type { AppContext } from "../../../platform/module.ts";
import { networkSlugParams, roundNeedParams, roundParams } from "../params.ts";
import { RECOMMENDATIONS } from "../schema.ts";
import { recommendationInput, roundInput, scoresInput } from "./assessment.service.ts";
import { bandOut, criterionOut } from "./criteria.api.ts";

const int = z.number().int();

const summaryOut = z.object({
  total: z.number().nullable().describe("Weighted total, 0-100; risks count the other way"),
  band: z.string().nullable(),
  assessors: int,
  criteria: z.array(
    z.object({
      criterionId: int,
      count: int,
      mean: z.number().nullable(),
      min: z.number().nullable(),
      max: z.number().nullable(),
      spread: z.number().nullable(),
    }),
  ),
});
const roundOut = z.object({
  id: int,
  networkId: int,
  bodyId: int,
  title: z.string(),
  cycle: z.string(),
  deadline: z.string(),
  bands: z.array(bandOut),
  criteria: z.array(criterionOut),
  results: z.array(
    z.object({
      needId: int,
      title: z.string(),
      organisationName: z.string(),
      summary: summaryOut,
      recommendation: z.object({ recommendation: z.enum(RECOMMENDATIONS), justification: z.string(), by: z.string() }).nullable(),
    }),
  ),
});
const scoreOut = z.object({ criterionId: int, assessor: z.string(), score: int, comment: z.string() });

/** Assessment rounds: their list and results, opening one, and the committee's scores and recommendation. */
export function roundsApi(api: ApiRouter, { services }: AppContext) {
  const { assessment, networks } = services;
  const atag = "assessment";
  const network = ({ slug }: { slug: string }) => networks.get(slug);

  const roundDetail = async (roundId: number, viewer: Actor | null) => {
    const { round, criteria, results } = await assessment.results(roundId, viewer);
    return {
      id: round.id,
      networkId: round.networkId,
      bodyId: round.bodyId,
      title: round.title,
      cycle: round.cycle,
      deadline: round.deadline,
      bands: round.bands,
      criteria: criteria.map(({ roundId: _r, ...c }) => c),
      results: results.map((r) => ({
        ...r,
        recommendation: r.recommendation
          ? {
              recommendation: r.recommendation.recommendation,
              justification: r.recommendation.justification,
              by: r.recommendation.byLabel,
            }
          : null,
      })),
    };
  };

  api.route({
    policy: "public",
    method: "GET",
    path: "/networks/:slug/rounds",
    operationId: "listRounds",
    summary: "The network's assessment rounds, newest deadline first",
    tag: atag,
    params: networkSlugParams,
    query: z.object(listQuery),
    response: listOf(
      z.object({ id: int, title: z.string(), cycle: z.string(), deadline: z.string(), bodyId: int, needCount: int }),
    ),
    handler: async ({ actor, params, query: q }) => {
      const { items, total } = await assessment.roundsPage((await networks.get(params.slug)).id, actor, q);
      return {
        items: items.map((r) => ({
          id: r.round.id,
          title: r.round.title,
          cycle: r.round.cycle,
          deadline: r.round.deadline,
          bodyId: r.round.bodyId,
          needCount: r.needCount,
        })),
        total,
      };
    },
  });

  api.route({
    policy: "assessment.configure",
    resource: network,
    method: "POST",
    path: "/networks/:slug/rounds",
    operationId: "createRound",
    summary: "Open an assessment round for chosen needs, scored by the working committee until the deadline",
    tag: atag,
    params: networkSlugParams,
    body: roundInput,
    response: roundOut,
    status: 201,
    handler: async ({ actor, params, req }) => {
      const result = await assessment.createRound(actor, (await networks.get(params.slug)).id, req.body, req.i18n.t);
      if (!result.ok) throw new ValidationError(result.errors);
      return roundDetail(result.value.id, actor);
    },
  });

  api.route({
    policy: "public",
    method: "GET",
    path: "/rounds/:roundId",
    operationId: "getRound",
    summary: "A round's criteria and each need's result: means, spread, weighted total, band, recommendation",
    tag: atag,
    params: roundParams,
    response: roundOut,
    handler: ({ actor, params }) => roundDetail(params.roundId, actor),
  });

  api.route({
    policy: "assessment.read",
    resource: ({ roundId }) => assessment.roundResource(roundId),
    method: "GET",
    path: "/rounds/:roundId/needs/:needId/scores",
    operationId: "listScores",
    summary: "Every assessor's scores of one need in a round (for the network's members)",
    tag: atag,
    params: roundNeedParams,
    query: z.object(listQuery),
    response: listOf(scoreOut),
    handler: async ({ actor, params, query: q }) => {
      const { items, total } = await assessment.scoresPage(params.roundId, params.needId, actor, q);
      return {
        items: items.map((s) => ({ criterionId: s.criterionId, assessor: s.assessorLabel, score: s.score, comment: s.comment })),
        total,
      };
    },
  });

  api.route({
    policy: "assessment.score",
    resource: ({ roundId }) => assessment.roundResource(roundId),
    refusal: "errors.notInCommittee",
    method: "PUT",
    path: "/rounds/:roundId/needs/:needId/scores",
    operationId: "scoreNeed",
    summary:
      "Your scores of one need, each on its criterion's scale with a comment (working committee members, until the deadline)",
    tag: atag,
    params: roundNeedParams,
    body: scoresInput,
    response: z.array(scoreOut),
    handler: async ({ actor, params, req }) => {
      const result = await assessment.score(actor, params.roundId, params.needId, req.body);
      if (!result.ok) throw new ValidationError(result.errors);
      const { scores } = await assessment.needInRound(params.roundId, params.needId, actor);
      return scores
        .filter((s) => s.assessorId === actor.userId)
        .map((s) => ({ criterionId: s.criterionId, assessor: s.assessorLabel, score: s.score, comment: s.comment }));
    },
  });

  api.route({
    policy: "assessment.recommend",
    resource: ({ roundId }) => assessment.roundResource(roundId),
    method: "PUT",
    path: "/rounds/:roundId/needs/:needId/recommendation",
    operationId: "recommendNeed",
    summary: "The working committee's recommendation for a need, with its justification",
    tag: atag,
    params: roundNeedParams,
    body: recommendationInput,
    response: roundOut,
    handler: async ({ actor, params, req }) => {
      const result = await assessment.recommend(actor, params.roundId, params.needId, req.body);
      if (!result.ok) throw new ValidationError(result.errors);
      return roundDetail(params.roundId, actor);
    },
  });
}
