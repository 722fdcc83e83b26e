import { z } from "zod";
import { type ApiRouter, listOf, listQuery } from "../../platform/http/api.ts";
import { AppError, type FieldError, NotFoundError, type Result, ValidationError } from "../../platform/http/errors.ts";
import { dbId, optionalId, query } from "../../platform/http/validation.ts";
import type { AppContext } from "../../platform/module.ts";
import { slugParam } from "../networks/index.ts";
import { MEASURE_STATUSES, STRATEGY_STATUSES } from "./schema.ts";
import { adoptInput, focusAreaInput, goalInput, measureInput, reportInput, strategyInput } from "./strategies.service.ts";
import { sharedStrategyInput, themeName } from "./themes/themes.service.ts";

const int = z.number().int();
const strategyParams = z.object({ id: dbId });
const partParams = strategyParams.extend({ partId: dbId });

const summaryOut = z.object({
  id: int,
  title: z.string(),
  organisationId: int.nullable().describe("Set for a member's strategy"),
  networkId: int.nullable().describe("Set for a network's shared strategy"),
  owner: z.string(),
  firstYear: int,
  lastYear: int,
  status: z.enum(STRATEGY_STATUSES),
  adoptedOn: z.string().nullable(),
  adoptedBy: z.string(),
  revision: int,
  previousId: int.nullable().describe("The revision this one was started from"),
  isDemo: z.boolean(),
});
const originId = int
  .nullable()
  .describe("The same part in the previous revision, which this one was copied from: its identity across revisions");
const strategyOut = summaryOut.omit({ owner: true }).extend({
  vision: z.string(),
  documentUrl: z.string().nullable().describe("The adopted document, when one has been uploaded"),
  goals: z.array(z.object({ id: int, originId, title: z.string(), description: z.string() })),
  focusAreas: z.array(
    z.object({
      id: int,
      originId,
      title: z.string(),
      why: z.string(),
      what: z.string(),
      goalIds: z.array(int),
      sourceFocusAreaIds: z.array(int).describe("For a shared strategy: the members' focus areas it was started from"),
    }),
  ),
  measures: z.array(
    z.object({
      id: int,
      originId,
      focusAreaId: int.nullable(),
      description: z.string(),
      goal: z.string(),
      indicator: z.string(),
      expectedBenefits: z.string().describe("The benefits it should give, in words"),
      responsibleOrganisationId: int.nullable(),
      responsible: z.string(),
      deadlineYear: int.nullable(),
      deadlineDate: z.string().nullable(),
      years: z.array(int),
      status: z.enum(MEASURE_STATUSES),
      statusComment: z.string(),
      projectIds: z.array(int),
      benefitIds: z.array(int).describe("Benefits in the portfolio the measure should give"),
      reports: z.array(z.object({ status: z.enum(MEASURE_STATUSES), comment: z.string(), by: z.string(), at: z.string() })),
    }),
  ),
});

export function strategiesApi(api: ApiRouter, { services }: AppContext) {
  const { strategies, networks } = services;
  const tag = "strategies";

  const detail = async (id: number) => {
    const d = await strategies.detail(id);
    const { createdAt: _c, updatedAt: _u, documentFileId, ...s } = d.strategy;
    return {
      ...s,
      documentUrl: documentFileId ? `/strategies/${s.id}/document` : null,
      goals: d.goals.map(({ id, originId, title, description }) => ({ id, originId, title, description })),
      focusAreas: d.focusAreas.map(({ id, originId, title, why, what, goalIds, sources }) => ({
        id,
        originId,
        title,
        why,
        what,
        goalIds,
        sourceFocusAreaIds: sources.map((x) => x.id),
      })),
      measures: d.measures.map(({ strategyId: _s, position: _p, responsibleName: _r, projects, benefits, reports, ...m }) => ({
        ...m,
        projectIds: projects.map((p) => p.id),
        benefitIds: benefits.map((b) => b.id),
        reports: reports.map((r) => ({ status: r.status, comment: r.comment, by: r.byLabel, at: r.at.toISOString() })),
      })),
    };
  };
  /**
   * A command's errors as a 422: a refusal of the whole strategy (adopted, replaced) says why and
   * what to do as its message ("adopted … start a new revision"), never "some fields are not filled
   * in correctly".
   */
  const refused = (errors: FieldError[]) =>
    errors.length > 0 && errors.every((e) => e.field === "_")
      ? new AppError(422, "refused", errors[0]!.key, errors)
      : new ValidationError(errors);
  /** A command's result as the strategy it changed, or its errors (see refused). */
  const then = async (id: number, result: Result<unknown>) => {
    if (!result.ok) throw refused(result.errors);
    return detail(id);
  };
  const resource = ({ id }: { id: number }) => strategies.resource(id);

  api.route({
    policy: "public",
    method: "GET",
    path: "/strategies",
    operationId: "listStrategies",
    summary: "Strategies of members and networks; with a network, its own and its members'",
    tag,
    query: query({ network: slugParam.shape.slug.optional(), status: z.enum(STRATEGY_STATUSES).optional(), ...listQuery }),
    response: listOf(summaryOut),
    handler: async ({ query: q }) => {
      const network = q.network ? await networks.get(q.network) : undefined;
      const { items, total } = await strategies.repo.listPage({ networkId: network?.id, status: q.status }, q);
      return {
        items: items.map(({ strategy: { createdAt: _c, updatedAt: _u, vision: _v, documentFileId: _d, ...s }, ownerName }) => ({
          ...s,
          owner: ownerName,
        })),
        total,
      };
    },
  });

  api.route({
    policy: "public",
    method: "GET",
    path: "/strategies/:id",
    operationId: "getStrategy",
    summary: "A strategy with its goals, focus areas and action plan, each measure with its status reports",
    tag,
    params: strategyParams,
    response: strategyOut,
    handler: ({ params }) => detail(params.id),
  });

  const createBody = strategyInput.and(z.object({ templateId: optionalId.describe("A strategy to copy the structure of") }));
  api.route({
    policy: "strategy.edit",
    resource: async ({ id }) => strategies.resourceOf({ organisationId: id, networkId: null }),
    method: "POST",
    path: "/organisations/:id/strategies",
    operationId: "createOrganisationStrategy",
    summary: "Start a strategy for an organisation you act for, by hand or from a template",
    tag,
    params: strategyParams,
    body: createBody,
    response: strategyOut,
    status: 201,
    handler: async ({ actor, params, body }) => {
      if (!(await services.directory.organisations.byId(params.id))) throw new NotFoundError();
      const result = await strategies.create(actor, { organisationId: params.id }, body, body.templateId);
      if (!result.ok) throw refused(result.errors);
      return detail(result.value.id);
    },
  });

  api.route({
    policy: "strategy.edit",
    resource: async ({ slug }) => strategies.resourceOf({ organisationId: null, networkId: (await networks.get(slug)).id }),
    method: "POST",
    path: "/networks/:slug/strategies",
    operationId: "createNetworkStrategy",
    summary: "Start the network's shared strategy (its secretariat), by hand or from a template",
    tag,
    params: slugParam,
    body: createBody,
    response: strategyOut,
    status: 201,
    handler: async ({ actor, params, body }) => {
      const network = await networks.get(params.slug);
      const result = await strategies.create(actor, { networkId: network.id }, body, body.templateId);
      if (!result.ok) throw refused(result.errors);
      return detail(result.value.id);
    },
  });

  api.route({
    policy: "strategy.edit",
    resource: async ({ slug }) => strategies.resourceOf({ organisationId: null, networkId: (await networks.get(slug)).id }),
    method: "POST",
    path: "/networks/:slug/shared-strategies",
    operationId: "startSharedStrategy",
    summary:
      "Start the network's shared strategy from its members' strategies: a focus area per chosen theme, linked back to theirs",
    tag,
    params: slugParam,
    body: sharedStrategyInput,
    response: strategyOut,
    status: 201,
    handler: async ({ actor, params, req }) => {
      const network = await networks.get(params.slug);
      const result = await services.themes.startShared(actor, network.id, req.body, (theme) => themeName(req.i18n.t, theme));
      if (!result.ok) throw refused(result.errors);
      return detail(result.value.id);
    },
  });

  api.route({
    policy: "strategy.edit",
    resource,
    method: "PUT",
    path: "/strategies/:id",
    operationId: "updateStrategy",
    summary: "Change a draft's details; an adopted revision refuses",
    tag,
    params: strategyParams,
    body: strategyInput,
    response: strategyOut,
    handler: async ({ actor, params, body }) => then(params.id, await strategies.update(actor, params.id, body)),
  });

  for (const [segment, input, command, operationId, summary] of [
    ["goals", goalInput, "addGoal", "addStrategyGoal", "Add a goal to a draft"],
    ["focus-areas", focusAreaInput, "addFocusArea", "addFocusArea", "Add a focus area, with the goals it serves, to a draft"],
    ["measures", measureInput, "addMeasure", "addMeasure", "Add a measure to a draft's action plan"],
  ] as const) {
    api.route({
      policy: "strategy.edit",
      resource,
      method: "POST",
      path: `/strategies/:id/${segment}`,
      operationId,
      summary,
      tag,
      params: strategyParams,
      body: input,
      response: strategyOut,
      status: 201,
      handler: async ({ actor, params, req }) => then(params.id, await strategies[command](actor, params.id, req.body)),
    });
    const part = ({ goals: "goal", "focus-areas": "focusArea", measures: "measure" } as const)[segment];
    api.route({
      policy: "strategy.edit",
      resource,
      method: "PUT",
      path: `/strategies/:id/${segment}/:partId`,
      operationId: `update${operationId.replace(/^add/, "")}`,
      summary: `Change one of a draft's ${segment.replace("-", " ")}, checked as when it was added`,
      tag,
      params: partParams,
      body: input,
      response: strategyOut,
      handler: async ({ actor, params, req }) =>
        then(params.id, await strategies.updatePart(actor, params.id, part, params.partId, req.body)),
    });
    api.route({
      policy: "strategy.edit",
      resource,
      method: "DELETE",
      path: `/strategies/:id/${segment}/:partId`,
      operationId: `remove${operationId.replace(/^add/, "")}`,
      summary: `Remove one of a draft's ${segment.replace("-", " ")}`,
      tag,
      params: partParams,
      response: z.null(),
      status: 204,
      handler: async ({ actor, params }) => {
        const result = await strategies.removePart(actor, params.id, part, params.partId);
        if (!result.ok) throw refused(result.errors);
        return null;
      },
    });
  }

  api.route({
    policy: "strategy.edit",
    resource,
    method: "POST",
    path: "/strategies/:id/measures/:partId/reports",
    operationId: "reportMeasure",
    summary: "Report a measure's status with a comment; allowed after adoption, refused on a replaced revision",
    tag,
    params: partParams,
    body: reportInput,
    response: strategyOut,
    status: 201,
    handler: async ({ actor, params, body }) => then(params.id, await strategies.report(actor, params.id, params.partId, body)),
  });

  api.route({
    policy: "strategy.edit",
    resource,
    method: "POST",
    path: "/strategies/:id/adopt",
    operationId: "adoptStrategy",
    summary: "Adopt a draft: it is frozen, and the revision it was started from is replaced",
    tag,
    params: strategyParams,
    body: adoptInput,
    response: strategyOut,
    handler: async ({ actor, params, body }) => then(params.id, await strategies.adopt(actor, params.id, body)),
  });

  api.route({
    policy: "strategy.edit",
    resource,
    method: "POST",
    path: "/strategies/:id/revisions",
    operationId: "startStrategyRevision",
    summary: "Start the next revision of an adopted strategy as a draft copy",
    tag,
    params: strategyParams,
    response: strategyOut,
    status: 201,
    handler: async ({ actor, params }) => {
      const result = await strategies.newRevision(actor, params.id);
      if (!result.ok) throw refused(result.errors);
      return detail(result.value.id);
    },
  });
}
