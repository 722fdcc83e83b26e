import type { SQLWrapper } from "drizzle-orm";
import { bigint, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { belongsTo, createdAtNow, demoFlag, serialId, updatedAtNow } from "../../platform/db/columns.ts";
import { users } from "../../platform/schema.ts";
import { organisations } from "../directory/schema.ts";
import { networks } from "../networks/schema.ts";
import { projects } from "../projects/schema.ts";

/** How national solutions are grouped; the shipped catalogue uses these. */
export const SOLUTION_CATEGORIES = [
  "identity",
  "services",
  "registers",
  "messaging",
  "openness",
  "finance",
  "data",
  "platform",
  "health",
  "other",
] as const;
export type SolutionCategory = (typeof SOLUTION_CATEGORIES)[number];

/** A national solution's searched text: its name, what it is for, and the agency that owns it (decision 0034). */
export const nationalSolutionSearchFields = (t: { name: SQLWrapper; purpose: SQLWrapper; owner: SQLWrapper }) => ({
  title: t.name,
  summary: t.purpose,
  body: [t.owner],
});

/**
 * A national solution or common component (ID-porten, Altinn, SvarUt …), shared by every network;
 * or a network's own regional initiative, when `networkId` is set.
 */
export const nationalSolutions = pgTable(
  "national_solutions",
  {
    id: serialId(),
    /** The shipped catalogue's id ("id-porten"); the import matches rows by it. */
    key: text("key").notNull(),
    name: text("name").notNull(),
    /** The agency that owns it, as written: "Digdir", "NAV and KS". */
    owner: text("owner").notNull(),
    category: text("category").$type<SolutionCategory>().notNull(),
    purpose: text("purpose").notNull().default(""),
    url: text("url").notNull().default(""),
    /** Set for a network's own regional initiative; null for the national catalogue. */
    networkId: integer("network_id").references(() => networks.id, { onDelete: "cascade" }),
    createdAt: createdAtNow(),
    updatedAt: updatedAtNow(),
  },
  (t) => [uniqueIndex("national_solutions_key_uq").on(t.key), index("national_solutions_network_idx").on(t.networkId)],
);

/** The solution a row belongs to; the row goes with it. */
const solutionRef = () => belongsTo("solution_id", () => nationalSolutions.id);

export const MILESTONE_KINDS = ["pilot", "available", "mandatory", "switch_off", "custom"] as const;
export type MilestoneKind = (typeof MILESTONE_KINDS)[number];

/** How exactly a date is known: national dates are often only "Q3 2027". */
export const PRECISIONS = ["day", "month", "quarter", "half_year", "year"] as const;
export type Precision = (typeof PRECISIONS)[number];

/** A date in a solution's life; the date is the first day of the period its precision names. */
export const milestones = pgTable(
  "milestones",
  {
    id: serialId(),
    solutionId: solutionRef(),
    kind: text("kind").$type<MilestoneKind>().notNull(),
    /** The name of a custom milestone. */
    label: text("label").notNull().default(""),
    date: date("date").notNull(),
    precision: text("precision").$type<Precision>().notNull(),
    note: text("note").notNull().default(""),
    isDemo: demoFlag(),
    updatedAt: updatedAtNow(),
  },
  (t) => [index("milestones_solution_idx").on(t.solutionId), index("milestones_date_idx").on(t.date)],
);

/** Every move of a milestone, so the roadmap can say "moved from Q1 to Q3 2027" and who moved it. */
export const milestoneChanges = pgTable(
  "milestone_changes",
  {
    id: serialId(),
    milestoneId: belongsTo("milestone_id", () => milestones.id),
    fromDate: date("from_date").notNull(),
    fromPrecision: text("from_precision").$type<Precision>().notNull(),
    toDate: date("to_date").notNull(),
    toPrecision: text("to_precision").$type<Precision>().notNull(),
    byId: integer("by_id").references(() => users.id),
    byLabel: text("by_label").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("milestone_changes_milestone_idx").on(t.milestoneId)],
);

export const TASK_KINDS = ["contract", "integration", "routines", "training", "information_security", "other"] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

/** What a municipality must do before a milestone, and how many months before it to start. */
export const preparationTasks = pgTable(
  "preparation_tasks",
  {
    id: serialId(),
    solutionId: solutionRef(),
    kind: text("kind").$type<TaskKind>().notNull(),
    description: text("description").notNull().default(""),
    /** The milestone kind it prepares for, usually "mandatory". */
    beforeKind: text("before_kind").$type<MilestoneKind>().notNull().default("mandatory"),
    leadMonths: integer("lead_months").notNull(),
    isDemo: demoFlag(),
  },
  (t) => [index("preparation_tasks_solution_idx").on(t.solutionId)],
);

/** Municipalities by inhabitants, for cost estimates. */
export const SIZE_CLASSES = ["under_5000", "5000_20000", "20000_50000", "over_50000"] as const;
export type SizeClass = (typeof SIZE_CLASSES)[number];

/** Expected cost for one municipality of a size class: once, and each year after. Whole kroner. */
export const costEstimates = pgTable(
  "cost_estimates",
  {
    solutionId: solutionRef(),
    sizeClass: text("size_class").$type<SizeClass>().notNull(),
    oneOff: bigint("one_off", { mode: "number" }).notNull().default(0),
    yearly: bigint("yearly", { mode: "number" }).notNull().default(0),
    isDemo: demoFlag(),
  },
  (t) => [primaryKey({ columns: [t.solutionId, t.sizeClass] })],
);

export const ADOPTION_STATUSES = ["not_relevant", "not_started", "planned", "in_progress", "in_use"] as const;
export type AdoptionStatus = (typeof ADOPTION_STATUSES)[number];

/** What an organisation reports about one solution: kept as it stands now (adoptions) and as every report (adoption_history). */
const reportedStatus = () => ({
  organisationId: belongsTo("organisation_id", () => organisations.id),
  solutionId: solutionRef(),
  status: text("status").$type<AdoptionStatus>().notNull(),
  /** When a planned adoption is to be done. */
  targetDate: date("target_date"),
  /** Since when it has been in use. */
  sinceDate: date("since_date"),
  comment: text("comment").notNull().default(""),
});

/** Where one organisation stands with one solution; no row means not reported. */
export const adoptions = pgTable(
  "adoptions",
  {
    ...reportedStatus(),
    byId: integer("by_id").references(() => users.id),
    byLabel: text("by_label").notNull(),
    isDemo: demoFlag(),
    updatedAt: updatedAtNow(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.solutionId] }), index("adoptions_solution_idx").on(t.solutionId)],
);

/** Every status an organisation has reported, so adoption can be shown over time. */
export const adoptionHistory = pgTable(
  "adoption_history",
  {
    id: serialId(),
    ...reportedStatus(),
    byLabel: text("by_label").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("adoption_history_solution_idx").on(t.solutionId, t.at), index("adoption_history_org_idx").on(t.organisationId)],
);

/**
 * A joint rollout: a network carries a solution out through a project in its portfolio; the
 * municipalities taking part are the project's participants.
 */
export const rollouts = pgTable(
  "rollouts",
  {
    solutionId: solutionRef(),
    projectId: belongsTo("project_id", () => projects.id),
    byLabel: text("by_label").notNull(),
    isDemo: demoFlag(),
    createdAt: createdAtNow(),
  },
  (t) => [primaryKey({ columns: [t.solutionId, t.projectId] }), index("rollouts_project_idx").on(t.projectId)],
);
