import { z } from "zod";
import type { Actor } from "../../../platform/access/actor.ts";
import { type ApiRoute, type ApiRouter, listOf, listQuery } from "../../../platform/http/api.ts";
import { type Result, ValidationError } from "../../../platform/http/errors.ts";
import { query } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { catalogueFilterShape, networkSlugParams, solutionParams } from "../params.ts";
import { solutionInput } from "../roadmap.service.ts";
import { MILESTONE_KINDS, PRECISIONS, SIZE_CLASSES, SOLUTION_CATEGORIES, TASK_KINDS } from "../schema.ts";

const int = z.number().int();
const milestoneOut = z.object({
  id: int,
  kind: z.enum(MILESTONE_KINDS),
  label: z.string(),
  date: z.string().describe("The first day of the period the precision names: Q3 2027 is 2027-07-01"),
  precision: z.enum(PRECISIONS),
  note: z.string(),
  isDemo: z.boolean().describe("An invented date of the demo data"),
  moves: z.array(
    z.object({
      fromDate: z.string(),
      fromPrecision: z.enum(PRECISIONS),
      toDate: z.string(),
      toPrecision: z.enum(PRECISIONS),
      by: z.string(),
      at: z.string(),
    }),
  ),
});
export const solutionOut = z.object({
  id: int,
  key: z.string(),
  name: z.string(),
  owner: z.string(),
  category: z.enum(SOLUTION_CATEGORIES),
  purpose: z.string(),
  url: z.string(),
  networkId: int.nullable().describe("Set for a network's own regional initiative"),
  milestones: z.array(milestoneOut),
  tasks: z.array(
    z.object({
      id: int,
      kind: z.enum(TASK_KINDS),
      description: z.string(),
      beforeKind: z.enum(MILESTONE_KINDS),
      leadMonths: int,
    }),
  ),
  costs: z.array(z.object({ sizeClass: z.enum(SIZE_CLASSES), oneOff: int, yearly: int })),
  rollouts: z
    .array(
      z.object({
        projectId: int,
        title: z.string(),
        network: z.object({ slug: z.string(), name: z.string() }),
        participants: z.array(z.object({ id: int, name: z.string() })),
      }),
    )
    .describe("Networks' joint rollouts: their (public) project and the organisations taking part"),
});

/**
 * What the API's routes on one solution share: the solution as the API shows it, the solution the
 * policies are checked against, and the answer to a write (the solution again, or the fields refused).
 */
export function solutionAnswers({ services }: AppContext) {
  const { roadmap } = services;
  const detail = async (id: number) => {
    const [d, rollouts] = await Promise.all([roadmap.get(id), roadmap.rollouts(id)]);
    const { createdAt: _c, updatedAt: _u, ...solution } = d.solution;
    return {
      ...solution,
      milestones: d.milestones.map(({ solutionId: _s, updatedAt: _mu, changes, ...m }) => ({
        ...m,
        moves: changes.map((c) => ({
          fromDate: c.fromDate,
          fromPrecision: c.fromPrecision,
          toDate: c.toDate,
          toPrecision: c.toPrecision,
          by: c.byLabel,
          at: c.at.toISOString(),
        })),
      })),
      tasks: d.tasks.map(({ solutionId: _s, ...t }) => t),
      costs: d.costs.map(({ solutionId: _s, ...c }) => c),
      rollouts: rollouts.map((r) => ({
        projectId: r.projectId,
        title: r.title,
        network: { slug: r.networkSlug, name: r.networkName },
        participants: r.participants.map(({ id, name }) => ({ id, name })),
      })),
    };
  };
  const resource = ({ id }: { id: number }) => roadmap.resource(id);
  const answer = (result: Result<unknown>, id: number) => {
    if (!result.ok) throw new ValidationError(result.errors);
    return detail(id);
  };

  /** A change to one solution by those who keep it, answered with the solution as it is after it. */
  const edit = <P extends z.ZodType<{ id: number }>, B extends z.ZodType>(
    api: ApiRouter,
    route: Pick<ApiRoute<P, z.ZodType, B>, "method" | "path" | "operationId" | "summary" | "params" | "body" | "status">,
    write: (actor: Actor, params: z.infer<P>, body: unknown) => Promise<Result<unknown>>,
  ) =>
    api.route({
      ...route,
      policy: "roadmap.edit",
      resource,
      tag: "roadmap",
      response: solutionOut,
      handler: async ({ actor, params, req }) => answer(await write(actor, params, req.body), params.id),
    });

  /** Something of one solution removed by those who keep it; answers nothing (204). */
  const remove = <P extends z.ZodType<{ id: number }>>(
    api: ApiRouter,
    route: Pick<ApiRoute<P>, "path" | "operationId" | "summary" | "params">,
    drop: (actor: Actor, params: z.infer<P>) => Promise<void>,
  ) =>
    api.route({
      ...route,
      method: "DELETE",
      policy: "roadmap.edit",
      resource,
      tag: "roadmap",
      response: z.null(),
      status: 204,
      handler: async ({ actor, params }) => {
        await drop(actor, params);
        return null;
      },
    });

  return { detail, resource, answer, edit, remove };
}

/** The catalogue of national solutions and networks' initiatives: listed, read, added and changed. */
export function catalogueApi(api: ApiRouter, ctx: AppContext) {
  const { roadmap, networks } = ctx.services;
  const solution = solutionAnswers(ctx);
  const tag = "roadmap";

  api.route({
    policy: "public",
    method: "GET",
    path: "/national-solutions",
    operationId: "listNationalSolutions",
    summary: "The catalogue of national solutions, with networks' own initiatives (all, or the national ones and one network's)",
    tag,
    query: query({ ...catalogueFilterShape, ...listQuery }),
    response: listOf(solutionOut.omit({ milestones: true, tasks: true, costs: true, rollouts: true })),
    handler: async ({ query: q }) => {
      const network = q.network ? await networks.get(q.network) : undefined;
      const { items, total } = await roadmap.listPage({ q: q.q, category: q.category, networkId: network?.id }, q);
      return { items: items.map(({ solution: { createdAt: _c, updatedAt: _u, ...s } }) => s), total };
    },
  });

  api.route({
    policy: "public",
    method: "GET",
    path: "/national-solutions/:id",
    operationId: "getNationalSolution",
    summary: "One solution with its milestones (and their moves), preparation tasks and cost estimates",
    tag,
    params: solutionParams,
    response: solutionOut,
    handler: ({ params }) => solution.detail(params.id),
  });

  api.route({
    policy: "roadmap.edit",
    resource: async () => ({ networkId: null }),
    method: "POST",
    path: "/national-solutions",
    operationId: "createNationalSolution",
    summary: "Add a national solution to the catalogue (administrators and national editors)",
    tag,
    body: solutionInput,
    response: solutionOut,
    status: 201,
    handler: async ({ actor, req }) => {
      const result = await roadmap.create(actor, null, req.body);
      if (!result.ok) throw new ValidationError(result.errors);
      return solution.detail(result.value.id);
    },
  });

  api.route({
    policy: "roadmap.edit",
    resource: async ({ slug }) => ({ networkId: (await networks.get(slug)).id }),
    method: "POST",
    path: "/networks/:slug/initiatives",
    operationId: "createInitiative",
    summary: "Add a network's own regional initiative to the roadmap (its secretariat)",
    tag,
    params: networkSlugParams,
    body: solutionInput,
    response: solutionOut,
    status: 201,
    handler: async ({ actor, params, req }) => {
      const result = await roadmap.create(actor, (await networks.get(params.slug)).id, req.body);
      if (!result.ok) throw new ValidationError(result.errors);
      return solution.detail(result.value.id);
    },
  });

  solution.edit(
    api,
    {
      method: "PUT",
      path: "/national-solutions/:id",
      operationId: "updateNationalSolution",
      summary: "Change a solution's name, owner, category, purpose or link",
      params: solutionParams,
      body: solutionInput,
    },
    (actor, params, body) => roadmap.update(actor, params.id, body),
  );
}
