import { z } from "zod";
import type { Actor } from "../../platform/access/actor.ts";
import { isNetworkMember } from "../../platform/access/authorize.ts";
import { canSee, type Visibility } from "../../platform/access/visibility.ts";
import { audited, createAudited, deleteAudited, updateAudited } from "../../platform/audit/audited.ts";
import { type Db, isUniqueViolation } from "../../platform/db/client.ts";
import { type FieldError, invalid, NotFoundError, ok, type Result } from "../../platform/http/errors.ts";
import {
  checkbox,
  kroner,
  optionalDate,
  optionalId,
  optionalText,
  requiredId,
  requiredText,
  toFieldErrors,
} from "../../platform/http/validation.ts";
import type { OrganisationReads, PeopleReads } from "../directory/index.ts";
import { MEMBERSHIP_LEVELS } from "../networks/index.ts";
import { SIZE_CLASSES, type SizeClass } from "../roadmap/index.ts";
import {
  type Budget,
  type BudgetLine,
  EconomyRepo,
  type NetworkMembership,
  type ReleasedTime,
  type ReleasedTimeRow,
} from "./economy.repo.ts";
import { checkFees, type FeeCheck, feeOf, type MemberFee, populationOn } from "./fees.ts";
import type { EconomyMessageKey } from "./messages.ts";
import {
  BUDGET_CATEGORIES,
  type BudgetCategory,
  COST_CATEGORIES,
  FEE_METHODS,
  type FeeMethod,
  INCOME_CATEGORIES,
} from "./schema.ts";

/**
 * The years a budget may be for: those of the annual plans and reports (2000–2200, within the date
 * domain of decision 0020), since an annual document of a year shows that year's budget.
 */
export const YEAR_MIN = 2000;
export const YEAR_MAX = 2200;
/** A budget is for the network (default) or public; it holds no body, so "body" has no reader to name. */
export const BUDGET_VISIBILITIES = ["network", "public"] as const;

/**
 * A number typed in Norway: spaces between thousands, a decimal comma. Empty (or null, or left out)
 * is missing; text that is no number is left as it is, for the schema to refuse as not a number.
 */
const typedNumber = (v: unknown) => {
  if (v === null) return undefined;
  if (typeof v !== "string") return v;
  const s = v.replace(/[\s\u00a0]/g, "").replace(",", ".");
  if (s === "") return undefined;
  const n = Number(s);
  return Number.isNaN(n) ? v : n;
};
/** A number that must be given: missing is "fill in", anything else wrong is `message`. */
const givenNumber = (message: EconomyMessageKey) =>
  z.number({ error: (issue) => (issue.input === undefined ? "errors.required" : message) }).finite(message);
const decimal = (
  max: number,
  decimals: number,
  message: "economy.errors.hours" | "economy.errors.perInhabitant",
  /** Whether 0 is allowed (a key without a part per inhabitant), or the number must be more (hours). */
  zero = true,
) =>
  z.preprocess(
    typedNumber,
    givenNumber(message)
      .min(0, message)
      .max(max, message)
      .refine((n) => Math.abs(n * 10 ** decimals - Math.round(n * 10 ** decimals)) < 1e-6, message)
      .refine((n) => zero || n > 0, message),
  );
/** The date moved by whole years, same day (29 February becomes the 28th in a common year). */
export const yearsLater = (isoDate: string, years: number) => {
  const [y, m, d] = isoDate.split("-");
  const year = Number(y) + years;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return `${year}-${m}-${m === "02" && d === "29" && !leap ? "28" : d}`;
};
/** Whole kroner that must be given (an amount that may be empty is `kroner`). */
const requiredKroner = kroner.refine((v) => v !== null, "errors.required").transform((v) => v as number);
const year = z.preprocess(
  typedNumber,
  givenNumber("economy.errors.year")
    .int("economy.errors.year")
    .min(YEAR_MIN, "economy.errors.year")
    .max(YEAR_MAX, "economy.errors.year"),
);

export const budgetCreateInput = z.object({
  year,
  visibility: z.enum(BUDGET_VISIBILITIES, "errors.choice").default("network"),
  /** Start from the latest earlier budget's lines (their budgeted amounts) and fee key. */
  copyPrevious: checkbox.default(false),
});

/** The form's field of each size class's amount (the API sends them as one object, feeBySizeClass). */
export const sizeClassField = (c: SizeClass) => `size_${c}` as const;

/**
 * The cost-sharing key's amounts, each with the methods that use it and how it is read. The chosen
 * method's own amounts must be given (a deliberate 0 is typed as 0); the others are ignored.
 */
const KEY_AMOUNTS: { field: string; methods: readonly FeeMethod[]; schema: z.ZodType<number> }[] = [
  { field: "feeFixed", methods: ["fixed", "fixed_plus_per_inhabitant"], schema: requiredKroner },
  {
    field: "feePerInhabitant",
    methods: ["per_inhabitant", "fixed_plus_per_inhabitant"],
    schema: decimal(100_000, 2, "economy.errors.perInhabitant"),
  },
  ...SIZE_CLASSES.map((c) => ({ field: sizeClassField(c), methods: ["size_class"] as const, schema: requiredKroner })),
];

/** An amount the key does not use: kept when it is one, else 0 (the columns hold a number). */
const ignoredAmount = (schema: z.ZodType<number>, value: unknown) => {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : 0;
};

/** The budget's own settings: who may read it, a note, and the cost-sharing key. */
export const budgetSettingsInput = z.preprocess(
  // The API sends the amounts by size class as one object; the form as one field per class.
  (v) => {
    if (!v || typeof v !== "object") return v;
    const { feeBySizeClass, ...rest } = v as Record<string, unknown>;
    return feeBySizeClass && typeof feeBySizeClass === "object"
      ? {
          ...rest,
          ...Object.fromEntries(Object.entries(feeBySizeClass as Record<string, unknown>).map(([k, a]) => [`size_${k}`, a])),
        }
      : rest;
  },
  z
    .looseObject({
      visibility: z.enum(BUDGET_VISIBILITIES, "errors.choice"),
      note: optionalText(4000),
      feeMethod: z.enum(FEE_METHODS, "errors.choice"),
      populationOn: optionalDate,
      payingLevels: z.preprocess(
        (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
        z.array(z.enum(MEMBERSHIP_LEVELS, "errors.choice")).min(1, "economy.errors.payingLevels").max(MEMBERSHIP_LEVELS.length),
      ),
    })
    // The chosen method's amounts, checked even when another field is wrong, so every error shows at once.
    .superRefine(
      (s, ctx) => {
        const method = FEE_METHODS.find((m) => m === s.feeMethod);
        if (!method) return;
        for (const amount of KEY_AMOUNTS) {
          if (!amount.methods.includes(method)) continue;
          const parsed = amount.schema.safeParse(s[amount.field]);
          if (!parsed.success)
            ctx.addIssue({ code: "custom", path: [amount.field], message: parsed.error.issues[0]?.message ?? "errors.invalid" });
        }
      },
      { when: () => true },
    )
    .transform((s) => {
      const amount = (field: string) => {
        const of = KEY_AMOUNTS.find((a) => a.field === field)!;
        return of.methods.includes(s.feeMethod) ? of.schema.parse(s[field]) : ignoredAmount(of.schema, s[field]);
      };
      return {
        visibility: s.visibility,
        note: s.note,
        feeMethod: s.feeMethod,
        feeFixed: amount("feeFixed"),
        feePerInhabitant: amount("feePerInhabitant"),
        feeBySizeClass: Object.fromEntries(SIZE_CLASSES.map((c) => [c, amount(sizeClassField(c))])),
        populationOn: s.populationOn,
        payingLevels: [...new Set(s.payingLevels)],
      };
    })
    // Every key but the fixed one counts inhabitants: on a date, so later counts never change the fees.
    .refine((s) => s.feeMethod === "fixed" || s.populationOn !== null, {
      path: ["populationOn"],
      message: "economy.errors.populationOn",
    }),
);

export const lineInput = z.object({
  category: z.enum(BUDGET_CATEGORIES, "economy.errors.category"),
  label: requiredText(200),
  budgeted: requiredKroner,
  /** Empty until an actual amount is recorded. */
  actual: kroner,
});

export const releasedInput = z
  .object({
    organisationId: requiredId,
    personId: optionalId,
    personName: optionalText(200),
    bodyId: optionalId,
    hours: decimal(10_000, 1, "economy.errors.hours", false),
    /** Whole kroner per hour: a rate of more than 100 000 is a slip (a yearly salary typed as the rate). */
    rate: z.preprocess(
      typedNumber,
      givenNumber("economy.errors.rate")
        .int("economy.errors.rate")
        .min(0, "economy.errors.rate")
        .max(100_000, "economy.errors.rate"),
    ),
    note: optionalText(2000),
  })
  .refine((r) => r.personId !== null || r.personName !== "", { path: ["personName"], message: "economy.errors.who" });

/**
 * Sums of one side of the budget. The actual amounts are those recorded so far: a line without one
 * counts nothing in `actual`, and the deviation compares only the lines that have one, so an
 * unrecorded cost never reads as money saved.
 */
export interface Side {
  /** Every line's budgeted amount. */
  budgeted: number;
  /** The actual amounts recorded so far (a line without one counts nothing). */
  actual: number;
  /** Lines that have no actual amount yet. */
  open: number;
  /** Lines on this side. */
  lines: number;
  /** Lines with an actual amount recorded. */
  recorded: number;
  /** The budgeted amount of the lines with an actual amount recorded. */
  budgetedRecorded: number;
  /** actual − budgetedRecorded; null while no line has an actual amount. */
  deviation: number | null;
}

export interface Totals {
  income: Side;
  cost: Side;
  /**
   * Income less costs: budgeted over every line, actual over the lines with an actual amount
   * recorded (`recorded` of `lines`), its deviation against those lines' budgeted result.
   */
  result: { budgeted: number; actual: number; lines: number; recorded: number; deviation: number | null };
}

/** A year's budget for the annual documents: its lines (income first) and the sums of each side. */
export interface BudgetSummary {
  year: number;
  visibility: Visibility;
  lines: { category: BudgetCategory; label: string; budgeted: number; actual: number | null }[];
  /** Actual: the lines with an actual amount recorded (`recorded` of `lines`). */
  income: { budgeted: number; actual: number; lines: number; recorded: number };
  cost: { budgeted: number; actual: number; lines: number; recorded: number };
  fees: number;
  releasedTime: { hours: number; amount: number };
}

/** A member's statement for the year: its fee (how it was computed), the released time paid back, the net. */
export interface FeeStatement extends MemberFee {
  /** Pays a fee under the key (its level pays); a member that does not pay may still be paid back. */
  pays: boolean;
  releasedHours: number;
  releasedAmount: number;
  /** What the member owes the network: the fee less the released time paid back (negative: the network owes). */
  net: number;
}

/** A year's budget with everything computed from it. */
export interface BudgetView {
  budget: Budget;
  lines: BudgetLine[];
  totals: Totals;
  statements: FeeStatement[];
  check: FeeCheck;
  /**
   * Released time row by row (who, hours, rate) for the network's own people only; empty for
   * everyone else, who see the per-member totals in `statements`.
   */
  released: ReleasedTimeRow[];
  /** Whether `released` holds the rows (the viewer is one of the network's people). */
  releasedDetail: boolean;
  releasedTotal: { hours: number; amount: number };
  /** The recorded released time against the budget's released time line(s). */
  releasedCheck: ReleasedCheck;
}

/**
 * Recorded released time against the released time line(s): against their actual amount once every
 * such line has one, else against the budgeted amount. Amounts are whole kroner, so any difference counts.
 */
export interface ReleasedCheck {
  recorded: number;
  against: "actual" | "budgeted";
  line: number;
  difference: number;
  differs: boolean;
  /** The budget has no released time line at all (nothing to check against). */
  noLine: boolean;
}

export function checkReleased(lines: readonly BudgetLine[], recorded: number): ReleasedCheck {
  const of = lines.filter((l) => l.category === "released_time");
  const actual = of.length > 0 && of.every((l) => l.actual !== null);
  const line = of.reduce((s, l) => s + (actual ? (l.actual ?? 0) : l.budgeted), 0);
  return {
    recorded,
    against: actual ? "actual" : "budgeted",
    line,
    difference: recorded - line,
    differs: of.length > 0 && recorded !== line,
    noLine: of.length === 0,
  };
}

export const isIncome = (category: BudgetCategory) => (INCOME_CATEGORIES as readonly string[]).includes(category);
export const isCost = (category: BudgetCategory) => (COST_CATEGORIES as readonly string[]).includes(category);
/** Hours summed as whole tenths (hours have one decimal), so 12.3 + 4.1 is 16.4, not 16.400000000000002. */
export const sumHours = (hours: readonly number[]) => hours.reduce((s, h) => s + Math.round(h * 10), 0) / 10;
const addHours = (a: number, b: number) => (Math.round(a * 10) + Math.round(b * 10)) / 10;

/** Released time's amount: hours times the rate, to whole kroner (hours have one decimal: half up). */
export const releasedAmount = (r: { hours: number; rate: number }) => Math.floor((Math.round(r.hours * 10) * r.rate + 5) / 10);

export function totalsOf(lines: readonly BudgetLine[]): Totals {
  const side = (pick: (c: BudgetCategory) => boolean): Side => {
    const of = lines.filter((l) => pick(l.category));
    const recorded = of.filter((l) => l.actual !== null);
    const actual = recorded.reduce((s, l) => s + (l.actual ?? 0), 0);
    const budgetedRecorded = recorded.reduce((s, l) => s + l.budgeted, 0);
    return {
      budgeted: of.reduce((s, l) => s + l.budgeted, 0),
      actual,
      open: of.length - recorded.length,
      lines: of.length,
      recorded: recorded.length,
      budgetedRecorded,
      deviation: recorded.length ? actual - budgetedRecorded : null,
    };
  };
  const income = side(isIncome);
  const cost = side(isCost);
  const recorded = income.recorded + cost.recorded;
  const actual = income.actual - cost.actual;
  return {
    income,
    cost,
    result: {
      budgeted: income.budgeted - cost.budgeted,
      actual,
      lines: income.lines + cost.lines,
      recorded,
      deviation: recorded ? actual - (income.budgetedRecorded - cost.budgetedRecorded) : null,
    },
  };
}

/** Whether the membership pays in the year: a paying level, and a member some day of that year. */
const paysIn = (m: NetworkMembership, budget: Pick<Budget, "year" | "payingLevels">) =>
  budget.payingLevels.includes(m.level) &&
  (m.fromDate === null || m.fromDate <= `${budget.year}-12-31`) &&
  (m.toDate === null || m.toDate >= `${budget.year}-01-01`);

/** The network's economy: budgets with their lines, the member fees from the cost-sharing key, released time. */
export class EconomyService {
  readonly repo: EconomyRepo;

  constructor(
    private readonly db: Db,
    private readonly organisations: Pick<OrganisationReads, "populationCounts">,
    private readonly people: Pick<PeopleReads, "byId">,
  ) {
    this.repo = new EconomyRepo(db);
  }

  // Reads.

  /** The network's budgets the viewer may see, newest first, each with its totals (two queries). */
  async years(networkId: number, viewer: Actor | null) {
    const list = await this.repo.budgetsOf(networkId, viewer);
    const lines = await this.repo.lines(list.map((b) => b.id));
    return list.map((budget) => ({ budget, totals: totalsOf(lines.filter((l) => l.budgetId === budget.id)) }));
  }

  /** A year's budget as the viewer may see it; 404 otherwise. */
  async get(networkId: number, year: number, viewer: Actor | null): Promise<Budget> {
    const budget = await this.repo.budget(networkId, year);
    if (!budget || !canSee(viewer, budget)) throw new NotFoundError();
    return budget;
  }

  /** A year's budget with its totals, fee statements, the check and released time (five queries). */
  async view(networkId: number, year: number, viewer: Actor | null): Promise<BudgetView> {
    const budget = await this.get(networkId, year, viewer);
    const [lines, members, released] = await Promise.all([
      this.repo.lines([budget.id]),
      this.repo.memberships(networkId),
      this.repo.released([budget.id], viewer),
    ]);
    const computed = await this.statements([budget], members, released);
    const statements = computed.get(budget.id) ?? [];
    const budgetedFees = lines.filter((l) => l.category === "member_fees").reduce((s, l) => s + l.budgeted, 0);
    const releasedTotal = {
      hours: sumHours(released.map((r) => r.hours)),
      amount: released.reduce((s, r) => s + releasedAmount(r), 0),
    };
    // Who was released, their hours and their rate are the network's own business: others see totals per member.
    const releasedDetail = isNetworkMember(viewer, networkId);
    return {
      budget,
      lines,
      totals: totalsOf(lines),
      statements,
      check: checkFees(
        statements.filter((s) => s.pays),
        budgetedFees,
        budget.feeMethod,
      ),
      released: releasedDetail ? released : [],
      releasedDetail,
      releasedTotal,
      releasedCheck: checkReleased(lines, releasedTotal.amount),
    };
  }

  /**
   * Every member's statement for each budget: the paying members' fees under the budget's key from
   * the population on its date, and the released time paid back (to any member that has some). One
   * query for the population counts, whatever the number of budgets and members.
   */
  private async statements(
    list: readonly Budget[],
    members: readonly NetworkMembership[],
    released: readonly ReleasedTimeRow[],
  ): Promise<Map<number, FeeStatement[]>> {
    const orgIds = [...new Set([...members.map((m) => m.organisationId), ...released.map((r) => r.organisationId)])];
    const counts = await this.organisations.populationCounts(orgIds);
    const countsOf = new Map<number, { countedOn: string; population: number }[]>();
    for (const c of counts) countsOf.set(c.organisationId, [...(countsOf.get(c.organisationId) ?? []), c]);
    const out = new Map<number, FeeStatement[]>();
    for (const budget of list) {
      const rows = new Map<number, FeeStatement>();
      for (const m of members) {
        const pays = paysIn(m, budget);
        if (!pays) continue;
        const pop = populationOn(countsOf.get(m.organisationId) ?? [], budget.populationOn, m.population);
        const fee = feeOf(budget, { organisationId: m.organisationId, name: m.name, level: m.level, ...pop });
        rows.set(m.organisationId, { ...fee, pays, releasedHours: 0, releasedAmount: 0, net: fee.fee });
      }
      for (const r of released) {
        if (r.budgetId !== budget.id) continue;
        let row = rows.get(r.organisationId);
        if (!row) {
          const m = members.find((x) => x.organisationId === r.organisationId);
          const fee = feeOf(
            { ...budget, feeMethod: "fixed", feeFixed: 0 },
            {
              organisationId: r.organisationId,
              name: r.organisationName,
              level: m?.level ?? "",
              population: null,
              source: { kind: "none" },
            },
          );
          row = { ...fee, pays: false, releasedHours: 0, releasedAmount: 0, net: 0 };
          rows.set(r.organisationId, row);
        }
        row.releasedHours = addHours(row.releasedHours, r.hours);
        row.releasedAmount += releasedAmount(r);
        row.net = row.fee - row.releasedAmount;
      }
      out.set(
        budget.id,
        [...rows.values()].sort((a, b) => a.name.localeCompare(b.name, "nb")),
      );
    }
    return out;
  }

  /** One member's statement for the year, as the viewer may see the budget; 404 when it has none. */
  async statement(networkId: number, year: number, organisationId: number, viewer: Actor | null) {
    const view = await this.view(networkId, year, viewer);
    const statement = view.statements.find((s) => s.organisationId === organisationId);
    if (!statement) throw new NotFoundError();
    return { view, statement, released: view.released.filter((r) => r.organisationId === organisationId) };
  }

  /** Per member organisation, over the years from..to inclusive, only budgets the viewer may see. */
  async memberMoney(
    networkId: number,
    years: { from: number; to: number },
    viewer: Actor | null,
  ): Promise<Map<number, { fee: number; releasedHours: number; releasedAmount: number }>> {
    const list = await this.repo.budgetsOf(networkId, viewer, years);
    const out = new Map<number, { fee: number; releasedHours: number; releasedAmount: number }>();
    if (list.length === 0) return out;
    const [members, released] = await Promise.all([
      this.repo.memberships(networkId),
      this.repo.released(
        list.map((b) => b.id),
        viewer,
      ),
    ]);
    for (const rows of (await this.statements(list, members, released)).values())
      for (const s of rows) {
        const sum = out.get(s.organisationId) ?? { fee: 0, releasedHours: 0, releasedAmount: 0 };
        sum.fee += s.fee;
        sum.releasedHours = addHours(sum.releasedHours, s.releasedHours);
        sum.releasedAmount += s.releasedAmount;
        out.set(s.organisationId, sum);
      }
    return out;
  }

  /**
   * A year's budget as the viewer may see it, or null: its lines, income first and then costs, and
   * each side's totals with how many of its lines have an actual amount (for the annual documents).
   */
  async budgetSummary(networkId: number, year: number, viewer: Actor | null): Promise<BudgetSummary | null> {
    const [budget] = await this.repo.budgetsOf(networkId, viewer, { from: year, to: year });
    if (!budget) return null;
    const [lines, members, released] = await Promise.all([
      this.repo.lines([budget.id]),
      this.repo.memberships(networkId),
      this.repo.released([budget.id], viewer),
    ]);
    const statements = (await this.statements([budget], members, released)).get(budget.id) ?? [];
    const totals = totalsOf(lines);
    const sideOf = (s: Side) => ({ budgeted: s.budgeted, actual: s.actual, lines: s.lines, recorded: s.recorded });
    return {
      year: budget.year,
      visibility: budget.visibility,
      // The lines keep their order within each side.
      lines: [...lines.filter((l) => isIncome(l.category)), ...lines.filter((l) => !isIncome(l.category))].map((l) => ({
        category: l.category,
        label: l.label,
        budgeted: l.budgeted,
        actual: l.actual,
      })),
      income: sideOf(totals.income),
      cost: sideOf(totals.cost),
      fees: statements.reduce((s, x) => s + x.fee, 0),
      releasedTime: {
        hours: sumHours(released.map((r) => r.hours)),
        amount: released.reduce((s, r) => s + releasedAmount(r), 0),
      },
    };
  }

  /** What the released time form chooses from: the network's members, bodies and seated people. */
  async releasedChoices(networkId: number) {
    const [members, bodies, people] = await Promise.all([
      this.repo.memberships(networkId),
      this.repo.bodiesOf(networkId),
      this.repo.seatedPeople(networkId),
    ]);
    const seen = new Set<number>();
    return { members, bodies, people: people.filter((p) => !seen.has(p.id) && seen.add(p.id)) };
  }

  // Commands: the routes and the API have authorised economy.manage for the network.

  async create(actor: Actor, networkId: number, input: unknown): Promise<Result<Budget>> {
    const parsed = budgetCreateInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const { year, visibility, copyPrevious } = parsed.data;
    if (await this.repo.budget(networkId, year)) return invalid([{ field: "year", key: "economy.errors.yearTaken" }]);
    const previous = copyPrevious ? (await this.repo.budgetsOf(networkId, actor)).find((b) => b.year < year) : undefined;
    const previousLines = previous ? await this.repo.lines([previous.id]) : [];
    try {
      return ok(
        await audited(this.db, actor, async (tx, audit) => {
          const repo = this.repo.with(tx);
          const budget = await repo.insertBudget({
            networkId,
            year,
            visibility,
            // A fee is computed from the population on a fixed date, so later counts never change past fees.
            populationOn: previous?.populationOn ? yearsLater(previous.populationOn, year - previous.year) : `${year}-01-01`,
            ...(previous
              ? {
                  feeMethod: previous.feeMethod,
                  feeFixed: previous.feeFixed,
                  feePerInhabitant: previous.feePerInhabitant,
                  feeBySizeClass: previous.feeBySizeClass,
                  payingLevels: previous.payingLevels,
                }
              : {}),
          });
          const lines = await repo.insertLines(
            previousLines.map((l) => ({
              budgetId: budget.id,
              category: l.category,
              label: l.label,
              budgeted: l.budgeted,
              actual: null,
              position: l.position,
            })),
          );
          await audit({
            action: "create",
            entity: "budget",
            entityId: budget.id,
            after: { ...budget, copiedFrom: previous?.year ?? null, lines: lines.length },
          });
          return budget;
        }),
      );
    } catch (error) {
      // Two secretaries starting the same year at once: the second is told, not failed.
      if (isUniqueViolation(error, "budgets_network_year_uq"))
        return invalid([{ field: "year", key: "economy.errors.yearTaken" }]);
      throw error;
    }
  }

  async updateSettings(actor: Actor, budget: Budget, input: unknown): Promise<Result<Budget>> {
    const parsed = budgetSettingsInput.safeParse(input);
    if (!parsed.success) return invalid(inFormOrder(toFieldErrors(parsed.error)));
    const values = parsed.data;
    return ok(
      await updateAudited(this.db, actor, "budget", budget, values, (tx) => this.repo.with(tx).updateBudget(budget.id, values)),
    );
  }

  async remove(actor: Actor, budget: Budget): Promise<void> {
    await deleteAudited(this.db, actor, "budget", budget, (tx) => this.repo.with(tx).deleteBudget(budget.id));
  }

  async addLine(actor: Actor, budget: Budget, input: unknown): Promise<Result<BudgetLine>> {
    const parsed = lineInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    return ok(
      await createAudited(this.db, actor, "budget_line", async (tx) => {
        const repo = this.repo.with(tx);
        const [line] = await repo.insertLines([
          { ...parsed.data, budgetId: budget.id, position: await repo.nextLinePosition(budget.id) },
        ]);
        return line!;
      }),
    );
  }

  async getLine(budget: Budget, id: number): Promise<BudgetLine> {
    const line = await this.repo.line(budget.id, id);
    if (!line) throw new NotFoundError();
    return line;
  }

  async updateLine(actor: Actor, budget: Budget, id: number, input: unknown): Promise<Result<BudgetLine>> {
    const existing = await this.getLine(budget, id);
    const parsed = lineInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    return ok(
      await updateAudited(this.db, actor, "budget_line", existing, parsed.data, (tx) =>
        this.repo.with(tx).updateLine(id, parsed.data),
      ),
    );
  }

  async removeLine(actor: Actor, budget: Budget, id: number): Promise<void> {
    const existing = await this.getLine(budget, id);
    await deleteAudited(this.db, actor, "budget_line", existing, (tx) => this.repo.with(tx).deleteLine(id));
  }

  async getReleased(budget: Budget, id: number): Promise<ReleasedTime> {
    const row = await this.repo.releasedRow(budget.id, id);
    if (!row) throw new NotFoundError();
    return row;
  }

  /** Released time names a member of the network, one of its bodies, and a person or a name. */
  private async parseReleased(budget: Budget, input: unknown): Promise<Result<z.infer<typeof releasedInput>>> {
    const parsed = releasedInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const r = parsed.data;
    const { members, bodies } = await this.releasedChoices(budget.networkId);
    const problems: FieldError[] = [];
    if (!members.some((m) => m.organisationId === r.organisationId))
      problems.push({ field: "organisationId", key: "errors.notNetworkMember" });
    if (r.bodyId !== null && !bodies.some((b) => b.id === r.bodyId)) problems.push({ field: "bodyId", key: "errors.choice" });
    let personName = r.personName;
    if (r.personId !== null) {
      // Only someone of the member or with a seat in the network: never any person in the directory.
      const person = await this.people.byId(r.personId);
      const belongs =
        person !== undefined &&
        (person.organisationId === r.organisationId || (await this.repo.seatedIn(budget.networkId, r.personId)));
      if (!person || !belongs) problems.push({ field: "personId", key: "economy.errors.personNotOfMember" });
      // A name typed as well would be dropped for the person's own: ask for one of the two (the same name is no conflict).
      else if (r.personName !== "" && r.personName !== person.name)
        problems.push({ field: "personName", key: "economy.errors.personAndName" });
      else personName = person.name;
    }
    if (problems.length) return invalid(problems);
    return ok({ ...r, personName });
  }

  async addReleased(actor: Actor, budget: Budget, input: unknown): Promise<Result<ReleasedTime>> {
    const parsed = await this.parseReleased(budget, input);
    if (!parsed.ok) return parsed;
    return ok(
      await createAudited(this.db, actor, "released_time", (tx) =>
        this.repo.with(tx).insertReleased({ ...parsed.value, budgetId: budget.id }),
      ),
    );
  }

  async updateReleased(actor: Actor, budget: Budget, id: number, input: unknown): Promise<Result<ReleasedTime>> {
    const existing = await this.getReleased(budget, id);
    const parsed = await this.parseReleased(budget, input);
    if (!parsed.ok) return parsed;
    return ok(
      await updateAudited(this.db, actor, "released_time", existing, parsed.value, (tx) =>
        this.repo.with(tx).updateReleased(id, parsed.value),
      ),
    );
  }

  async removeReleased(actor: Actor, budget: Budget, id: number): Promise<void> {
    const existing = await this.getReleased(budget, id);
    await deleteAudited(this.db, actor, "released_time", existing, (tx) => this.repo.with(tx).deleteReleased(id));
  }
}

/** The settings form's fields in the order the form shows them, which its error summary follows. */
const SETTINGS_FIELDS = ["visibility", "note", "feeMethod", ...KEY_AMOUNTS.map((a) => a.field), "populationOn", "payingLevels"];
const inFormOrder = (errors: FieldError[]) =>
  errors.toSorted((x, y) => SETTINGS_FIELDS.indexOf(x.field) - SETTINGS_FIELDS.indexOf(y.field));

/**
 * The settings form's fields of a stored budget. An amount the key does not use shows empty when it
 * is 0 (nothing was given), so it never reads as a deliberate 0 once another method is chosen.
 */
export function settingsFormValues(b: Budget): Record<string, unknown> {
  const shown = (field: string, value: number | undefined) => {
    const used = KEY_AMOUNTS.find((a) => a.field === field)!.methods.includes(b.feeMethod);
    return value === undefined || (!used && value === 0) ? "" : value;
  };
  return {
    visibility: b.visibility,
    note: b.note,
    feeMethod: b.feeMethod,
    feeFixed: shown("feeFixed", b.feeFixed),
    feePerInhabitant: shown("feePerInhabitant", b.feePerInhabitant),
    ...Object.fromEntries(SIZE_CLASSES.map((c) => [sizeClassField(c), shown(sizeClassField(c), b.feeBySizeClass[c])])),
    populationOn: b.populationOn ?? "",
    payingLevels: b.payingLevels,
  };
}
