import { z } from "zod";
import type { Actor } from "../../platform/access/actor.ts";
import { type ApiRouter, listOf, listQuery } from "../../platform/http/api.ts";
import { ValidationError } from "../../platform/http/errors.ts";
import { query } from "../../platform/http/validation.ts";
import type { AppContext } from "../../platform/module.ts";
import { bandsInput, criterionInput, recommendationInput, roundInput, scoresInput } from "./assessment.service.ts";
import { eventNote, mergeInput, moveInput, needInput, splitInput, supportInput } from "./needs.service.ts";
import {
  criterionParams,
  needFilterShape,
  needParams,
  networkSlugParams,
  roundNeedParams,
  roundParams,
  supporterParams,
} from "./params.ts";
import { CRITERION_DIRECTIONS, EFFORTS, NEED_KINDS, NEED_STATES, RECOMMENDATIONS, URGENCIES } from "./schema.ts";

const int = z.number().int();

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
const supporterOut = z.object({ organisationId: int, organisationName: z.string(), note: z.string(), since: z.string() });
const needOut = z.object({
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
const criterionOut = z.object({
  id: int,
  name: z.string(),
  description: z.string(),
  scaleMin: int,
  scaleMax: int,
  weight: z.number(),
  direction: z.enum(CRITERION_DIRECTIONS),
  position: int,
});
const bandOut = z.object({ name: z.string(), min: z.number() });
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

export function needsApi(api: ApiRouter, { services }: AppContext) {
  const { needs, assessment, networks } = services;
  const tag = "needs";

  const detail = async (id: number, viewer: Actor | null) => {
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
  };
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
      const result = await needs.create(actor, network.id, req.body, req.i18n.locale);
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

  api.route({
    policy: "need.support",
    method: "POST",
    path: "/needs/:id/supporters",
    operationId: "supportNeed",
    summary: "We have this need too: an organisation you act for supports the need, with its own note",
    tag,
    params: needParams,
    body: supportInput,
    response: z.array(supporterOut),
    handler: async ({ actor, params, req }) => {
      const result = await needs.support(actor, params.id, req.body, req.i18n.locale);
      if (!result.ok) throw new ValidationError(result.errors);
      return (await detail(params.id, actor)).supporters;
    },
  });

  api.route({
    policy: "need.support",
    method: "DELETE",
    path: "/needs/:id/supporters/:organisationId",
    operationId: "withdrawNeedSupport",
    summary: "An organisation you act for no longer supports the need",
    tag,
    params: supporterParams,
    response: z.null(),
    status: 204,
    handler: async ({ actor, params }) => {
      await needs.withdrawSupport(actor, params.id, params.organisationId);
      return null;
    },
  });

  const tools = [
    {
      path: "merge",
      operationId: "mergeNeed",
      summary: "Merge a duplicate into another need, keeping every supporter and note",
      body: mergeInput,
      run: needs.merge,
    },
    {
      path: "move",
      operationId: "moveNeed",
      summary: "Move a need to another network its organisation is a member of",
      body: moveInput,
      run: needs.move,
    },
    {
      path: "split",
      operationId: "splitNeed",
      summary: "Split a part off a need into a new need",
      body: splitInput,
      run: needs.split,
    },
  ] as const;
  for (const tool of tools)
    api.route({
      policy: "need.manage",
      resource,
      method: "POST",
      path: `/needs/:id/${tool.path}`,
      operationId: tool.operationId,
      summary: tool.summary,
      tag,
      params: needParams,
      body: tool.body,
      response: needOut,
      handler: async ({ actor, params, req }) => {
        const result = await tool.run.call(needs, actor, params.id, req.body);
        if (!result.ok) throw new ValidationError(result.errors);
        return detail(result.value.id, actor);
      },
    });

  // Assessment

  const atag = "assessment";
  const network = ({ slug }: { slug: string }) => networks.get(slug);

  api.route({
    policy: "public",
    method: "GET",
    path: "/networks/:slug/criteria",
    operationId: "listCriteria",
    summary: "The network's assessment criteria as they stand (rounds keep their own copy)",
    tag: atag,
    params: networkSlugParams,
    query: z.object(listQuery),
    response: listOf(criterionOut),
    handler: async ({ params, query: q }) => {
      const { items, total } = await assessment.repo.criteriaPage((await networks.get(params.slug)).id, q);
      return { items: items.map(({ networkId: _n, ...c }) => c), total };
    },
  });

  api.route({
    policy: "assessment.configure",
    resource: network,
    method: "POST",
    path: "/networks/:slug/criteria",
    operationId: "createCriterion",
    summary: "Add an assessment criterion; it applies to rounds created from now on",
    tag: atag,
    params: networkSlugParams,
    body: criterionInput,
    response: criterionOut,
    status: 201,
    handler: async ({ actor, params, req }) => {
      const result = await assessment.saveCriterion(actor, (await networks.get(params.slug)).id, null, req.body);
      if (!result.ok) throw new ValidationError(result.errors);
      const { networkId: _n, ...c } = result.value;
      return c;
    },
  });

  api.route({
    policy: "assessment.configure",
    resource: network,
    method: "PUT",
    path: "/networks/:slug/criteria/:criterionId",
    operationId: "updateCriterion",
    summary: "Change an assessment criterion; rounds already created keep the criteria they were made with",
    tag: atag,
    params: criterionParams,
    body: criterionInput,
    response: criterionOut,
    handler: async ({ actor, params, req }) => {
      const result = await assessment.saveCriterion(actor, (await networks.get(params.slug)).id, params.criterionId, req.body);
      if (!result.ok) throw new ValidationError(result.errors);
      const { networkId: _n, ...c } = result.value;
      return c;
    },
  });

  api.route({
    policy: "assessment.configure",
    resource: network,
    method: "DELETE",
    path: "/networks/:slug/criteria/:criterionId",
    operationId: "deleteCriterion",
    summary: "Remove an assessment criterion from rounds created from now on",
    tag: atag,
    params: criterionParams,
    response: z.null(),
    status: 204,
    handler: async ({ actor, params }) => {
      await assessment.removeCriterion(actor, (await networks.get(params.slug)).id, params.criterionId);
      return null;
    },
  });

  api.route({
    policy: "assessment.configure",
    resource: network,
    method: "PUT",
    path: "/networks/:slug/bands",
    operationId: "setBands",
    summary: "Name the bands a weighted total (0-100) falls in, each with its minimum",
    tag: atag,
    params: networkSlugParams,
    body: bandsInput,
    response: z.array(bandOut),
    handler: async ({ actor, params, req }) => {
      const result = await assessment.saveBands(actor, (await networks.get(params.slug)).id, req.body);
      if (!result.ok) throw new ValidationError(result.errors);
      return result.value;
    },
  });

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
      const { items, total } = await assessment.repo.roundsPage((await networks.get(params.slug)).id, actor, q);
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
