import { z } from "zod";
import { type ApiRouter, listOf, listQuery } from "../../platform/http/api.ts";
import { ValidationError } from "../../platform/http/errors.ts";
import { query } from "../../platform/http/validation.ts";
import { osloToday } from "../../platform/i18n/i18n.ts";
import type { AppContext } from "../../platform/module.ts";
import { adoptionInput } from "./adoption.service.ts";
import {
  adoptionScopeQuery,
  catalogueFilterShape,
  milestoneParams,
  networkSlugParams,
  rolloutParams,
  solutionParams,
  taskParams,
} from "./params.ts";
import { costsInput, milestoneInput, rolloutInput, solutionInput, taskInput } from "./roadmap.service.ts";
import { ADOPTION_STATUSES, MILESTONE_KINDS, PRECISIONS, SIZE_CLASSES, SOLUTION_CATEGORIES, TASK_KINDS } from "./schema.ts";

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
const solutionOut = z.object({
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

export function roadmapApi(api: ApiRouter, { services }: AppContext) {
  const { roadmap, networks } = services;
  const tag = "roadmap";

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
      const { items, total } = await roadmap.repo.listPage(
        { q: q.q, category: q.category, networkId: network?.id },
        osloToday(),
        q,
      );
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
    handler: ({ params }) => detail(params.id),
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
      return detail(result.value.id);
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
      return detail(result.value.id);
    },
  });

  api.route({
    policy: "roadmap.edit",
    resource,
    method: "PUT",
    path: "/national-solutions/:id",
    operationId: "updateNationalSolution",
    summary: "Change a solution's name, owner, category, purpose or link",
    tag,
    params: solutionParams,
    body: solutionInput,
    response: solutionOut,
    handler: async ({ actor, params, req }) => {
      const result = await roadmap.update(actor, params.id, req.body);
      if (!result.ok) throw new ValidationError(result.errors);
      return detail(params.id);
    },
  });

  api.route({
    policy: "roadmap.edit",
    resource,
    method: "POST",
    path: "/national-solutions/:id/milestones",
    operationId: "addMilestone",
    summary: "Add a milestone; its date must be the first day of the period its precision names",
    tag,
    params: solutionParams,
    body: milestoneInput,
    response: solutionOut,
    status: 201,
    handler: async ({ actor, params, req }) => {
      const result = await roadmap.addMilestone(actor, params.id, req.body);
      if (!result.ok) throw new ValidationError(result.errors);
      return detail(params.id);
    },
  });

  api.route({
    policy: "roadmap.edit",
    resource,
    method: "PUT",
    path: "/national-solutions/:id/milestones/:milestoneId",
    operationId: "updateMilestone",
    summary: "Change a milestone; a new date or precision is kept as a move, with who made it",
    tag,
    params: milestoneParams,
    body: milestoneInput,
    response: solutionOut,
    handler: async ({ actor, params, req }) => {
      const result = await roadmap.updateMilestone(actor, params.id, params.milestoneId, req.body);
      if (!result.ok) throw new ValidationError(result.errors);
      return detail(params.id);
    },
  });

  api.route({
    policy: "roadmap.edit",
    resource,
    method: "DELETE",
    path: "/national-solutions/:id/milestones/:milestoneId",
    operationId: "deleteMilestone",
    summary: "Remove a milestone",
    tag,
    params: milestoneParams,
    response: z.null(),
    status: 204,
    handler: async ({ actor, params }) => {
      await roadmap.removeMilestone(actor, params.id, params.milestoneId);
      return null;
    },
  });

  api.route({
    policy: "roadmap.edit",
    resource,
    method: "POST",
    path: "/national-solutions/:id/tasks",
    operationId: "addPreparationTask",
    summary: "Add what a municipality must do, and how many months before the milestone to start",
    tag,
    params: solutionParams,
    body: taskInput,
    response: solutionOut,
    status: 201,
    handler: async ({ actor, params, req }) => {
      const result = await roadmap.addTask(actor, params.id, req.body);
      if (!result.ok) throw new ValidationError(result.errors);
      return detail(params.id);
    },
  });

  api.route({
    policy: "roadmap.edit",
    resource,
    method: "DELETE",
    path: "/national-solutions/:id/tasks/:taskId",
    operationId: "deletePreparationTask",
    summary: "Remove a preparation task",
    tag,
    params: taskParams,
    response: z.null(),
    status: 204,
    handler: async ({ actor, params }) => {
      await roadmap.removeTask(actor, params.id, params.taskId);
      return null;
    },
  });

  api.route({
    policy: "roadmap.edit",
    resource,
    method: "PUT",
    path: "/national-solutions/:id/costs",
    operationId: "setCostEstimates",
    summary: "The expected cost for one municipality per size class, once and yearly, in whole kroner",
    tag,
    params: solutionParams,
    body: costsInput,
    response: solutionOut,
    handler: async ({ actor, params, req }) => {
      const result = await roadmap.saveCosts(actor, params.id, req.body);
      if (!result.ok) throw new ValidationError(result.errors);
      return detail(params.id);
    },
  });

  // Adoption

  const adoptionOut = z.array(
    z.object({
      solutionId: int,
      status: z.enum(ADOPTION_STATUSES),
      targetDate: z.string().nullable(),
      sinceDate: z.string().nullable(),
      comment: z.string(),
      by: z.string(),
      updatedAt: z.string(),
    }),
  );
  const adoptionOf = async (organisationId: number) =>
    (await services.adoption.ofOrganisation(organisationId)).statuses.map((a) => ({
      solutionId: a.solutionId,
      status: a.status,
      targetDate: a.targetDate,
      sinceDate: a.sinceDate,
      comment: a.comment,
      by: a.byLabel,
      updatedAt: a.updatedAt.toISOString(),
    }));

  api.route({
    policy: "public",
    method: "GET",
    path: "/organisations/:id/adoption",
    operationId: "getAdoption",
    summary: "A municipality's or county municipality's status with each national solution it has reported",
    tag,
    params: solutionParams,
    response: adoptionOut,
    handler: ({ params }) => adoptionOf(params.id),
  });

  api.route({
    policy: "adoption.report",
    resource: ({ id }) => services.access.organisationResource(id),
    method: "PUT",
    path: "/organisations/:id/adoption",
    operationId: "reportAdoption",
    summary: "Report statuses for an organisation you act for; every row is checked and nothing is saved if one is wrong",
    tag,
    params: solutionParams,
    body: z.object({ statuses: z.array(adoptionInput).max(500) }),
    response: adoptionOut,
    handler: async ({ actor, params, req }) => {
      const result = await services.adoption.report(actor, params.id, (req.body as { statuses: unknown[] }).statuses);
      if (!result.ok) throw new ValidationError(result.errors);
      return adoptionOf(params.id);
    },
  });

  api.route({
    policy: "rollout.link",
    method: "POST",
    path: "/national-solutions/:id/rollouts",
    operationId: "linkRollout",
    summary: "Link a public project of a network you are secretariat for as its joint rollout of the solution",
    tag,
    params: solutionParams,
    body: rolloutInput,
    response: solutionOut,
    status: 201,
    handler: async ({ actor, params, req }) => {
      const result = await roadmap.linkRollout(actor, params.id, req.body);
      if (!result.ok) throw new ValidationError(result.errors);
      return detail(params.id);
    },
  });

  api.route({
    policy: "rollout.unlink",
    resource: ({ projectId }) => roadmap.rolloutResource(projectId),
    method: "DELETE",
    path: "/national-solutions/:id/rollouts/:projectId",
    operationId: "unlinkRollout",
    summary: "Remove a network's rollout project from the solution (the network's secretariat)",
    tag,
    params: rolloutParams,
    response: z.null(),
    status: 204,
    handler: async ({ actor, params }) => {
      await roadmap.unlinkRollout(actor, params.id, params.projectId);
      return null;
    },
  });

  const yearRow = z.array(int).describe("Kroner per year, in the order of `years`");
  api.route({
    policy: "public",
    method: "GET",
    path: "/networks/:slug/roadmap-budget",
    operationId: "getNetworkBudget",
    summary: "Expected costs per year per member and per solution for the solutions the members have not adopted",
    tag,
    params: networkSlugParams,
    response: z.object({
      years: z.array(int),
      members: z.array(z.object({ organisationId: int, name: z.string(), sizeClass: z.enum(SIZE_CLASSES), perYear: yearRow })),
      solutions: z.array(z.object({ solutionId: int, name: z.string(), perYear: yearRow })),
      totals: yearRow,
      unplaced: int.describe("Cost estimates that could not be placed in a year: the solution has no dated milestone"),
    }),
    handler: async ({ params }) => {
      const b = await services.adoption.budget((await networks.get(params.slug)).id);
      return {
        years: b.years,
        members: b.members.map((m) => ({
          organisationId: m.member.id,
          name: m.member.name,
          sizeClass: m.size,
          perYear: m.perYear,
        })),
        solutions: b.solutions.map((s) => ({ solutionId: s.solution.id, name: s.solution.name, perYear: s.perYear })),
        totals: b.totals,
        unplaced: b.unplaced,
      };
    },
  });

  api.route({
    policy: "public",
    method: "GET",
    path: "/national-solutions/:id/adoption-history",
    operationId: "getAdoptionHistory",
    summary: "Adoption of one solution quarter by quarter, for the whole country, a network's members or a county",
    tag,
    params: solutionParams,
    query: adoptionScopeQuery,
    response: z.object({
      organisations: int,
      quarters: z.array(
        z.object({
          start: z.string(),
          inUse: int,
          inProgress: int,
          planned: int,
          reported: int,
          share: z.number(),
          inhabitantShare: z.number(),
        }),
      ),
    }),
    handler: async ({ params, query: q }) => {
      await roadmap.resource(params.id);
      const network = q.network ? await networks.get(q.network) : undefined;
      const h = await services.adoption.overTime(params.id, { networkId: network?.id, countyCode: q.county });
      return { organisations: h.adopters, quarters: h.points.map(({ date, ...p }) => ({ start: date, ...p })) };
    },
  });

  api.route({
    policy: "adoption.import",
    resource: ({ slug }) => networks.get(slug),
    method: "POST",
    path: "/networks/:slug/adoption/import",
    operationId: "importAdoption",
    summary:
      "Bulk update of the members' statuses from CSV text (the network's secretariat): every row is checked; if one is refused, nothing is applied and the errors name the lines",
    tag,
    params: networkSlugParams,
    body: z.object({ csv: z.string().max(5_000_000) }),
    response: z.object({ rows: int, changed: int }),
    handler: async ({ actor, params, body }) => {
      const network = await networks.get(params.slug);
      const result = await services.adoption.importCsv(actor, network.id, body.csv);
      if (!result.ok) throw new ValidationError([{ field: "csv", ...result.malformed }]);
      if (!result.applied)
        throw new ValidationError(
          result.rows.flatMap((r) =>
            r.problems.map(({ column, ...p }) => ({ field: column ? `line ${r.line}: ${column}` : `line ${r.line}`, ...p })),
          ),
        );
      return { rows: result.rows.length, changed: result.changed };
    },
  });
}
