import { sql } from "drizzle-orm";
import { bigint, date, index, integer, jsonb, numeric, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import type { Visibility } from "../../platform/access/visibility.ts";
import { belongsTo, createdAtNow, demoFlag, refersTo, serialId, updatedAtNow } from "../../platform/db/columns.ts";
import { organisations, people } from "../directory/schema.ts";
import { bodies, networks } from "../networks/schema.ts";

/** Where money comes from and where it goes; amounts are whole kroner. */
export const INCOME_CATEGORIES = ["member_fees", "grant", "other_income"] as const;
export const COST_CATEGORIES = ["secretariat", "released_time", "projects", "gatherings", "other_cost"] as const;
export const BUDGET_CATEGORIES = [...INCOME_CATEGORIES, ...COST_CATEGORIES] as const;
export type BudgetCategory = (typeof BUDGET_CATEGORIES)[number];

/**
 * How a network shares its costs between its members (kostnadsfordelingsnøkkel): the same amount each,
 * an amount per inhabitant, an amount per size class, or a fixed part plus a part per inhabitant.
 */
export const FEE_METHODS = ["fixed", "per_inhabitant", "size_class", "fixed_plus_per_inhabitant"] as const;
export type FeeMethod = (typeof FEE_METHODS)[number];

/** A network's budget for one year, with the actual amounts as the year goes. */
export const budgets = pgTable(
  "budgets",
  {
    id: serialId(),
    networkId: belongsTo("network_id", () => networks.id),
    year: integer("year").notNull(),
    /** Who may read the budget, its fees and its released time: the access kernel's rule. */
    visibility: text("visibility").$type<Visibility>().notNull().default("network"),
    note: text("note").notNull().default(""),
    // The cost-sharing key for the year's member fees.
    feeMethod: text("fee_method").$type<FeeMethod>().notNull().default("fixed"),
    /** The fixed amount per member (fixed, fixed_plus_per_inhabitant), whole kroner. */
    feeFixed: bigint("fee_fixed", { mode: "number" }).notNull().default(0),
    /** Kroner per inhabitant (per_inhabitant, fixed_plus_per_inhabitant), to the øre. */
    feePerInhabitant: numeric("fee_per_inhabitant", { precision: 12, scale: 2, mode: "number" }).notNull().default(0),
    /** Whole kroner per member by size class (size_class): { under_5000: 40000, … }. */
    feeBySizeClass: jsonb("fee_by_size_class").$type<Record<string, number>>().notNull().default({}),
    /** The date whose reference population the fees are computed from. */
    populationOn: date("population_on"),
    /** Which membership levels pay (members, not observers, by default). */
    payingLevels: text("paying_levels").array().notNull().default(sql`'{member}'::text[]`),
    isDemo: demoFlag(),
    createdAt: createdAtNow(),
    updatedAt: updatedAtNow(),
  },
  (t) => [uniqueIndex("budgets_network_year_uq").on(t.networkId, t.year)],
);

/** One line of a budget: an income or a cost, budgeted and (as the year goes) actual. */
export const budgetLines = pgTable(
  "budget_lines",
  {
    id: serialId(),
    budgetId: belongsTo("budget_id", () => budgets.id),
    category: text("category").$type<BudgetCategory>().notNull(),
    /** What the line is, in the network's words ("Skjønnsmidler fra Statsforvalteren", "DigiFin"). */
    label: text("label").notNull(),
    budgeted: bigint("budgeted", { mode: "number" }).notNull().default(0),
    /** The actual amount so far; null until one is recorded. */
    actual: bigint("actual", { mode: "number" }),
    position: integer("position").notNull().default(0),
  },
  (t) => [index("budget_lines_budget_idx").on(t.budgetId, t.position)],
);

/**
 * Released time (frikjøp): a member's employee released for the network's work, for a body, hours at
 * a rate; the network pays it back to the member in its fee statement.
 */
export const releasedTime = pgTable(
  "released_time",
  {
    id: serialId(),
    budgetId: belongsTo("budget_id", () => budgets.id),
    organisationId: refersTo("organisation_id", () => organisations.id),
    personId: integer("person_id").references(() => people.id, { onDelete: "set null" }),
    /** The person's name as recorded, kept when the person is removed from the directory. */
    personName: text("person_name").notNull(),
    bodyId: integer("body_id").references(() => bodies.id, { onDelete: "set null" }),
    hours: numeric("hours", { precision: 8, scale: 1, mode: "number" }).notNull(),
    /** Kroner per hour. */
    rate: bigint("rate", { mode: "number" }).notNull(),
    note: text("note").notNull().default(""),
    createdAt: createdAtNow(),
  },
  (t) => [index("released_time_budget_idx").on(t.budgetId), index("released_time_org_idx").on(t.organisationId)],
);
