import { z } from "zod";
import type { Actor } from "../../platform/access/actor.ts";
import { type ApiRouter, listOf } from "../../platform/http/api.ts";
import { invalid, NotFoundError, resultOf } from "../../platform/http/errors.ts";
import { dbId, wholeNumber } from "../../platform/http/validation.ts";
import type { AppContext } from "../../platform/module.ts";
import { MEMBERSHIP_LEVELS, slugParam } from "../networks/index.ts";
import { SIZE_CLASSES } from "../roadmap/index.ts";
import type { Budget } from "./economy.repo.ts";
import { BUDGET_VISIBILITIES, type BudgetView, releasedAmount, YEAR_MAX, YEAR_MIN } from "./economy.service.ts";
import { BUDGET_CATEGORIES, FEE_METHODS } from "./schema.ts";

const tag = "economy";
const yearParams = slugParam.extend({ year: wholeNumber(YEAR_MIN, YEAR_MAX) });
const lineParams = yearParams.extend({ lineId: dbId });
const releasedParams = yearParams.extend({ releasedId: dbId });
/** Amounts and numbers as JSON numbers, or as text typed in Norway ("1 200", "37,5"): the service checks them. */
const amount = z.union([z.number(), z.string().max(40), z.null()]);

const side = z.object({
  budgeted: z.number().describe("Every line's budgeted amount"),
  actual: z.number().describe("The actual amounts recorded so far: a line without one counts nothing (see recorded of lines)"),
  open: z.number().describe("Lines with no actual amount yet"),
  lines: z.number().describe("Lines on this side"),
  recorded: z.number().describe("Lines with an actual amount recorded"),
  budgetedRecorded: z.number().describe("The budgeted amount of the lines with an actual amount recorded"),
  deviation: z
    .number()
    .nullable()
    .describe("actual − budgetedRecorded: only lines with an actual amount are compared; null while none has one"),
});
const line = z.object({
  id: z.number(),
  category: z.enum(BUDGET_CATEGORIES),
  label: z.string(),
  budgeted: z.number(),
  actual: z.number().nullable().describe("Null until an actual amount is recorded"),
});
const feeKey = z.object({
  method: z.enum(FEE_METHODS),
  fixed: z.number().describe("Whole kroner per member (fixed, fixed_plus_per_inhabitant)"),
  perInhabitant: z.number().describe("Kroner per inhabitant, two decimals (per_inhabitant, fixed_plus_per_inhabitant)"),
  bySizeClass: z.record(z.string(), z.number()).describe(`Whole kroner per member by size class: ${SIZE_CLASSES.join(", ")}`),
  populationOn: z
    .string()
    .nullable()
    .describe(
      "The date whose population counts (a new budget: 1 January of its year); required for every method but fixed; null (fixed, or a budget from before the rule): the latest count",
    ),
  payingLevels: z.array(z.enum(MEMBERSHIP_LEVELS)),
});
const budgetSummary = z.object({
  year: z.number(),
  visibility: z.enum(BUDGET_VISIBILITIES),
  income: side,
  cost: side,
  result: z
    .object({
      budgeted: z.number().describe("Income less costs, every line"),
      actual: z.number().describe("Income less costs over the lines with an actual amount recorded (recorded of lines)"),
      lines: z.number(),
      recorded: z.number().describe("Lines with an actual amount recorded, both sides"),
      deviation: z
        .number()
        .nullable()
        .describe("actual less the budgeted result of the same lines; null while no line has an actual amount"),
    })
    .describe("While recorded < lines the actual result covers only part of the budget: read it with the counts"),
});
const statement = z.object({
  organisationId: z.number(),
  name: z.string(),
  level: z.string(),
  pays: z.boolean(),
  population: z.number().nullable(),
  populationCountedOn: z
    .string()
    .nullable()
    .describe("The date of the count used; null when the organisation's own figure (or none) was"),
  fixedPart: z.number(),
  perInhabitantPart: z.number(),
  sizeClassPart: z.number(),
  fee: z.number(),
  releasedHours: z.number(),
  releasedAmount: z.number(),
  net: z.number().describe("The fee less the released time paid back"),
});
const released = z.object({
  id: z.number(),
  organisationId: z.number(),
  organisation: z.string(),
  personId: z.number().nullable(),
  personName: z.string(),
  bodyId: z.number().nullable(),
  hours: z.number(),
  rate: z.number(),
  amount: z.number().describe("hours × rate, whole kroner"),
  note: z.string(),
});
const budgetDetail = budgetSummary.extend({
  note: z.string(),
  feeKey,
  lines: z.array(line),
  statements: z.array(statement),
  feeCheck: z.object({
    fees: z.number(),
    budgeted: z.number(),
    difference: z.number(),
    differs: z.boolean().describe("More than rounding apart"),
  }),
  released: z
    .array(released)
    .describe("Row by row for the network's own people only; others get an empty list and the totals per member in statements"),
  releasedDetail: z.boolean().describe("Whether released holds the rows (the caller is one of the network's people)"),
  releasedCheck: z.object({
    recorded: z.number().describe("The recorded released time, whole kroner"),
    against: z.enum(["actual", "budgeted"]).describe("The released time lines' actual once every one has it, else budgeted"),
    line: z.number(),
    difference: z.number(),
    differs: z.boolean(),
    noLine: z.boolean().describe("The budget has no released time line"),
  }),
});

const presentSummary = (b: Budget, totals: BudgetView["totals"]) => ({
  year: b.year,
  visibility: b.visibility as (typeof BUDGET_VISIBILITIES)[number],
  income: totals.income,
  cost: totals.cost,
  result: totals.result,
});

const presentReleasedRow = (r: BudgetView["released"][number]) => ({
  id: r.id,
  organisationId: r.organisationId,
  organisation: r.organisationName,
  personId: r.personId,
  personName: r.personName,
  bodyId: r.bodyId,
  hours: r.hours,
  rate: r.rate,
  amount: releasedAmount(r),
  note: r.note,
});

const presentDetail = (v: BudgetView): z.infer<typeof budgetDetail> => ({
  ...presentSummary(v.budget, v.totals),
  note: v.budget.note,
  feeKey: {
    method: v.budget.feeMethod,
    fixed: v.budget.feeFixed,
    perInhabitant: v.budget.feePerInhabitant,
    bySizeClass: v.budget.feeBySizeClass,
    populationOn: v.budget.populationOn,
    payingLevels: v.budget.payingLevels as (typeof MEMBERSHIP_LEVELS)[number][],
  },
  lines: v.lines.map(({ id, category, label, budgeted, actual }) => ({ id, category, label, budgeted, actual })),
  statements: v.statements.map((s) => ({
    organisationId: s.organisationId,
    name: s.name,
    level: s.level,
    pays: s.pays,
    population: s.population,
    populationCountedOn: s.source.kind === "count" ? s.source.countedOn : null,
    fixedPart: s.fixedPart,
    perInhabitantPart: s.perInhabitantPart,
    sizeClassPart: s.sizeClassPart,
    fee: s.fee,
    releasedHours: s.releasedHours,
    releasedAmount: s.releasedAmount,
    net: s.net,
  })),
  feeCheck: {
    fees: v.check.fees,
    budgeted: v.check.budgeted,
    difference: v.check.difference,
    differs: v.check.differs,
  },
  released: v.released.map(presentReleasedRow),
  releasedDetail: v.releasedDetail,
  releasedCheck: v.releasedCheck,
});

const lineIn = z.object({
  category: z.string().max(40),
  label: z.string().max(200),
  budgeted: amount,
  actual: amount.optional(),
});
const releasedIn = z.object({
  organisationId: z.number().int(),
  personId: z.number().int().nullable().optional(),
  personName: z.string().max(200).optional(),
  bodyId: z.number().int().nullable().optional(),
  hours: amount,
  rate: amount,
  note: z.string().max(2000).optional(),
});

/**
 * The network's economy in the JSON API: budgets, fee statements and released time, read by the
 * budget's visibility as on the pages; the network's secretariat writes.
 */
export function economyApi(api: ApiRouter, { services: { economy, networks } }: AppContext) {
  const network = async ({ slug }: { slug: string }) => ({ networkId: (await networks.get(slug)).id });
  /** The budget for the secretariat's writes: a missing one is a 404 only once the caller is let in. */
  const budgetOf = async (slug: string, year: number) => {
    const { id } = await networks.get(slug);
    const budget = await economy.repo.budget(id, year);
    if (!budget) throw new NotFoundError();
    return budget;
  };

  api.route({
    policy: "public",
    method: "GET",
    path: "/networks/:slug/budgets",
    operationId: "listBudgets",
    summary: "The network's budgets the caller may see, newest year first, with their totals",
    tag,
    params: slugParam,
    response: listOf(budgetSummary),
    handler: async ({ params, actor }) => {
      const { id } = await networks.get(params.slug);
      const years = await economy.years(id, actor);
      return { items: years.map((y) => presentSummary(y.budget, y.totals)), total: years.length };
    },
  });

  api.route({
    policy: "public",
    method: "GET",
    path: "/networks/:slug/budgets/:year",
    operationId: "getBudget",
    summary:
      "A year's budget: its lines, totals, the cost-sharing key, every member's fee statement, the check and released time",
    tag,
    params: yearParams,
    response: budgetDetail,
    handler: async ({ params, actor }) => {
      const { id } = await networks.get(params.slug);
      return presentDetail(await economy.view(id, params.year, actor));
    },
  });

  api.route({
    policy: "economy.manage",
    resource: network,
    method: "POST",
    path: "/networks/:slug/budgets",
    operationId: "createBudget",
    summary: "Start a year's budget (the secretariat), optionally from the previous budget's lines and key",
    tag,
    params: slugParam,
    body: z.object({
      year: amount,
      visibility: z.enum(BUDGET_VISIBILITIES).optional(),
      copyPrevious: z.boolean().optional(),
    }),
    response: budgetDetail,
    status: 201,
    handler: async ({ params, actor, req }) => {
      const { id } = await networks.get(params.slug);
      const b = resultOf(await economy.create(actor, id, req.body));
      return presentDetail(await economy.view(id, b.year, actor));
    },
  });

  api.route({
    policy: "economy.manage",
    resource: network,
    method: "PUT",
    path: "/networks/:slug/budgets/:year",
    operationId: "updateBudget",
    summary: "Change a budget's visibility, note and cost-sharing key (every field)",
    tag,
    params: yearParams,
    body: z.object({
      visibility: z.enum(BUDGET_VISIBILITIES),
      note: z.string().max(4000).optional(),
      feeMethod: z
        .enum(FEE_METHODS)
        .describe(
          "The chosen method's own amounts are required (a deliberate 0 is sent as 0); those of the methods not chosen are ignored. A missing or null one is a field error (feeFixed, feePerInhabitant, feeBySizeClass.<class>), never stored as 0",
        ),
      feeFixed: amount.optional().describe("Whole kroner per member: required for fixed and fixed_plus_per_inhabitant"),
      feePerInhabitant: amount
        .optional()
        .describe("Kroner per inhabitant, two decimals: required for per_inhabitant and fixed_plus_per_inhabitant"),
      feeBySizeClass: z
        .record(z.string(), amount)
        .optional()
        .describe(`Whole kroner per member by size class: every class (${SIZE_CLASSES.join(", ")}) required for size_class`),
      populationOn: z.string().max(20).nullable().optional(),
      payingLevels: z.array(z.string().max(40)).max(10),
    }),
    response: budgetDetail,
    handler: async ({ params, actor, req }) => {
      const budget = await budgetOf(params.slug, params.year);
      const updated = await economy.updateSettings(actor, budget, req.body);
      // The form names a size class's amount size_<class>; the API sends it inside feeBySizeClass.
      resultOf(
        updated.ok
          ? updated
          : invalid(updated.errors.map((e) => ({ ...e, field: e.field.replace(/^size_/, "feeBySizeClass.") }))),
      );
      return presentDetail(await economy.view(budget.networkId, budget.year, actor));
    },
  });

  api.route({
    policy: "economy.manage",
    resource: network,
    method: "DELETE",
    path: "/networks/:slug/budgets/:year",
    operationId: "deleteBudget",
    summary: "Delete a budget with its lines and released time",
    tag,
    params: yearParams,
    response: z.null(),
    status: 204,
    handler: async ({ params, actor }) => {
      await economy.remove(actor, await budgetOf(params.slug, params.year));
      return null;
    },
  });

  api.route({
    policy: "economy.manage",
    resource: network,
    method: "POST",
    path: "/networks/:slug/budgets/:year/lines",
    operationId: "addBudgetLine",
    summary: "Add a line (an income or a cost) to a budget",
    tag,
    params: yearParams,
    body: lineIn,
    response: line,
    status: 201,
    handler: async ({ params, actor, req }) => {
      const l = resultOf(await economy.addLine(actor, await budgetOf(params.slug, params.year), req.body));
      return { id: l.id, category: l.category, label: l.label, budgeted: l.budgeted, actual: l.actual };
    },
  });

  api.route({
    policy: "economy.manage",
    resource: network,
    method: "PUT",
    path: "/networks/:slug/budgets/:year/lines/:lineId",
    operationId: "updateBudgetLine",
    summary: "Change a budget line, its actual amount as the year goes (null: not yet)",
    tag,
    params: lineParams,
    body: lineIn,
    response: line,
    handler: async ({ params, actor, req }) => {
      const budget = await budgetOf(params.slug, params.year);
      const l = resultOf(await economy.updateLine(actor, budget, params.lineId, req.body));
      return { id: l.id, category: l.category, label: l.label, budgeted: l.budgeted, actual: l.actual };
    },
  });

  api.route({
    policy: "economy.manage",
    resource: network,
    method: "DELETE",
    path: "/networks/:slug/budgets/:year/lines/:lineId",
    operationId: "deleteBudgetLine",
    summary: "Delete a budget line",
    tag,
    params: lineParams,
    response: z.null(),
    status: 204,
    handler: async ({ params, actor }) => {
      await economy.removeLine(actor, await budgetOf(params.slug, params.year), params.lineId);
      return null;
    },
  });

  const presentReleased = async (budget: Budget, id: number, actor: Actor) => {
    const [r] = (await economy.repo.released([budget.id], actor)).filter((x) => x.id === id);
    if (!r) throw new NotFoundError();
    return presentReleasedRow(r);
  };

  api.route({
    policy: "economy.manage",
    resource: network,
    method: "POST",
    path: "/networks/:slug/budgets/:year/released",
    operationId: "addReleasedTime",
    summary: "Record released time: who, from which member, for which body, hours at a rate (kroner per hour)",
    tag,
    params: yearParams,
    body: releasedIn,
    response: released,
    status: 201,
    handler: async ({ params, actor, req }) => {
      const budget = await budgetOf(params.slug, params.year);
      const r = resultOf(await economy.addReleased(actor, budget, req.body));
      return presentReleased(budget, r.id, actor);
    },
  });

  api.route({
    policy: "economy.manage",
    resource: network,
    method: "PUT",
    path: "/networks/:slug/budgets/:year/released/:releasedId",
    operationId: "updateReleasedTime",
    summary: "Change recorded released time",
    tag,
    params: releasedParams,
    body: releasedIn,
    response: released,
    handler: async ({ params, actor, req }) => {
      const budget = await budgetOf(params.slug, params.year);
      resultOf(await economy.updateReleased(actor, budget, params.releasedId, req.body));
      return presentReleased(budget, params.releasedId, actor);
    },
  });

  api.route({
    policy: "economy.manage",
    resource: network,
    method: "DELETE",
    path: "/networks/:slug/budgets/:year/released/:releasedId",
    operationId: "deleteReleasedTime",
    summary: "Delete recorded released time",
    tag,
    params: releasedParams,
    response: z.null(),
    status: 204,
    handler: async ({ params, actor }) => {
      await economy.removeReleased(actor, await budgetOf(params.slug, params.year), params.releasedId);
      return null;
    },
  });
}
