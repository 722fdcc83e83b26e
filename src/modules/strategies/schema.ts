import { type SQLWrapper, sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { belongsTo, createdAtNow, demoFlag, serialId, updatedAtNow } from "../../platform/db/columns.ts";
import { files } from "../../platform/schema.ts";
import { searchIndex } from "../../platform/search/match.ts";
import { organisations } from "../directory/schema.ts";
import { networks } from "../networks/schema.ts";
import { benefits, projects } from "../projects/schema.ts";
import { nationalSolutions } from "../roadmap/schema.ts";

export const STRATEGY_STATUSES = ["draft", "consultation", "adopted", "replaced"] as const;
export type StrategyStatus = (typeof STRATEGY_STATUSES)[number];

/** A strategy's searched text (decision 0034): its title and its vision. */
export const strategySearchFields = (t: { title: SQLWrapper; vision: SQLWrapper }) => ({ title: t.title, summary: t.vision });

/**
 * A digitalisation strategy of a member organisation or of a network, over a period of years. Each
 * revision is a row of its own: an adopted revision is frozen, and a change starts a new draft
 * revision that points back to it.
 */
export const strategies = pgTable(
  "strategies",
  {
    id: serialId(),
    organisationId: integer("organisation_id").references(() => organisations.id, { onDelete: "cascade" }),
    networkId: integer("network_id").references(() => networks.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    firstYear: integer("first_year").notNull(),
    lastYear: integer("last_year").notNull(),
    status: text("status").$type<StrategyStatus>().notNull().default("draft"),
    adoptedOn: date("adopted_on"),
    /** The body that adopted it, as written: "kommunestyret", "styringsgruppa". */
    adoptedBy: text("adopted_by").notNull().default(""),
    vision: text("vision").notNull().default(""),
    /** The revision this one was started from; null for a first revision. */
    previousId: integer("previous_id").references((): AnyPgColumn => strategies.id, { onDelete: "set null" }),
    revision: integer("revision").notNull().default(1),
    /** The document as adopted (usually a PDF), when one has been uploaded. */
    documentFileId: integer("document_file_id").references(() => files.id, { onDelete: "set null" }),
    isDemo: demoFlag(),
    createdAt: createdAtNow(),
    updatedAt: updatedAtNow(),
  },
  (t) => [
    index("strategies_organisation_idx").on(t.organisationId),
    index("strategies_network_idx").on(t.networkId),
    searchIndex("strategies_search_text_idx", strategySearchFields(t)),
    check("strategies_one_owner", sql`(${t.organisationId} is null) <> (${t.networkId} is null)`),
    check("strategies_period", sql`${t.lastYear} >= ${t.firstYear}`),
  ],
);

/** A goal's searched text: its title and description. */
export const goalSearchFields = (t: { title: SQLWrapper; description: SQLWrapper }) => ({
  title: t.title,
  body: [t.description],
});

/** A strategic goal (mål). */
export const strategyGoals = pgTable(
  "strategy_goals",
  {
    id: serialId(),
    strategyId: belongsTo("strategy_id", () => strategies.id),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    position: integer("position").notNull().default(0),
    /** The goal of the previous revision this one was copied from: its identity across revisions. */
    originId: integer("origin_id").references((): AnyPgColumn => strategyGoals.id, { onDelete: "set null" }),
  },
  (t) => [
    index("strategy_goals_strategy_idx").on(t.strategyId),
    searchIndex("strategy_goals_search_text_idx", goalSearchFields(t)),
  ],
);

/** A focus area's searched text: its title, why and what. */
export const focusAreaSearchFields = (t: { title: SQLWrapper; why: SQLWrapper; what: SQLWrapper }) => ({
  title: t.title,
  body: [t.why, t.what],
});

/** A focus area (innsatsområde): why and what, and the goals it serves. */
export const focusAreas = pgTable(
  "focus_areas",
  {
    id: serialId(),
    strategyId: belongsTo("strategy_id", () => strategies.id),
    title: text("title").notNull(),
    why: text("why").notNull().default(""),
    what: text("what").notNull().default(""),
    position: integer("position").notNull().default(0),
    /** The focus area of the previous revision this one was copied from: its identity across revisions. */
    originId: integer("origin_id").references((): AnyPgColumn => focusAreas.id, { onDelete: "set null" }),
  },
  (t) => [
    index("focus_areas_strategy_idx").on(t.strategyId),
    searchIndex("focus_areas_search_text_idx", focusAreaSearchFields(t)),
  ],
);

export const focusAreaGoals = pgTable(
  "focus_area_goals",
  {
    focusAreaId: belongsTo("focus_area_id", () => focusAreas.id),
    goalId: belongsTo("goal_id", () => strategyGoals.id),
  },
  (t) => [primaryKey({ columns: [t.focusAreaId, t.goalId] })],
);

export const MEASURE_STATUSES = ["not_started", "in_progress", "done", "postponed", "dropped"] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];

/**
 * A measure's searched text: what it is (its description, also its title in the results, as in the
 * action plan), its concrete goal, then its indicator and the benefits it should give.
 */
export const measureSearchFields = (t: {
  description: SQLWrapper;
  goal: SQLWrapper;
  indicator: SQLWrapper;
  expectedBenefits: SQLWrapper;
}) => ({ title: t.description, summary: t.goal, body: [t.indicator, t.expectedBenefits] });

/** A measure (tiltak) of the action plan (handlingsplan). */
export const measures = pgTable(
  "measures",
  {
    id: serialId(),
    strategyId: belongsTo("strategy_id", () => strategies.id),
    focusAreaId: integer("focus_area_id").references(() => focusAreas.id, { onDelete: "set null" }),
    description: text("description").notNull(),
    /** The concrete goal, and the indicator that measures it where one fits. */
    goal: text("goal").notNull().default(""),
    indicator: text("indicator").notNull().default(""),
    /** The benefits the measure should give, in words; those in the portfolio are linked in measure_benefits. */
    expectedBenefits: text("expected_benefits").notNull().default(""),
    /** Who is responsible: an organisation, or a body or person as written. */
    responsibleOrganisationId: integer("responsible_organisation_id").references(() => organisations.id, {
      onDelete: "set null",
    }),
    responsible: text("responsible").notNull().default(""),
    /** The deadline: a year, or a day when one is set. */
    deadlineYear: integer("deadline_year"),
    deadlineDate: date("deadline_date"),
    /** The years of the period the measure is worked on; empty when not spread out. */
    years: integer("years").array().notNull().default([]),
    status: text("status").$type<MeasureStatus>().notNull().default("not_started"),
    statusComment: text("status_comment").notNull().default(""),
    position: integer("position").notNull().default(0),
    /** The measure of the previous revision this one was copied from: its identity across revisions. */
    originId: integer("origin_id").references((): AnyPgColumn => measures.id, { onDelete: "set null" }),
  },
  (t) => [index("measures_strategy_idx").on(t.strategyId), searchIndex("measures_search_text_idx", measureSearchFields(t))],
);

/** Every status a measure has been reported with, so follow-up can be read over time. */
export const measureReports = pgTable(
  "measure_reports",
  {
    id: serialId(),
    measureId: belongsTo("measure_id", () => measures.id),
    status: text("status").$type<MeasureStatus>().notNull(),
    comment: text("comment").notNull().default(""),
    byLabel: text("by_label").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("measure_reports_measure_idx").on(t.measureId)],
);

/** The portfolio's projects that carry a measure out. */
export const measureProjects = pgTable(
  "measure_projects",
  {
    measureId: belongsTo("measure_id", () => measures.id),
    projectId: belongsTo("project_id", () => projects.id),
  },
  (t) => [primaryKey({ columns: [t.measureId, t.projectId] }), index("measure_projects_project_idx").on(t.projectId)],
);

/** The benefits in the portfolio a measure should give. */
export const measureBenefits = pgTable(
  "measure_benefits",
  {
    measureId: belongsTo("measure_id", () => measures.id),
    benefitId: belongsTo("benefit_id", () => benefits.id),
  },
  (t) => [primaryKey({ columns: [t.measureId, t.benefitId] })],
);

/**
 * Themes that tag goals and focus areas, so members' strategies can be compared: a shared list
 * (network null, named in three languages by its key) that a network extends with its own.
 */
export const strategyThemes = pgTable(
  "strategy_themes",
  {
    id: serialId(),
    /** The shared list's key ("security"); a network's own themes get "n<network id>-<slug>". */
    key: text("key").notNull(),
    networkId: integer("network_id").references(() => networks.id, { onDelete: "cascade" }),
    /** A network's own theme's name as written; the shared themes are named by the interface's language. */
    name: text("name").notNull().default(""),
    /** Words that suggest the theme in a text, matched with Norwegian stemming. */
    keywords: text("keywords").notNull().default(""),
  },
  (t) => [uniqueIndex("strategy_themes_key_uq").on(t.key), index("strategy_themes_network_idx").on(t.networkId)],
);

export const focusAreaThemes = pgTable(
  "focus_area_themes",
  {
    focusAreaId: belongsTo("focus_area_id", () => focusAreas.id),
    themeId: belongsTo("theme_id", () => strategyThemes.id),
  },
  (t) => [primaryKey({ columns: [t.focusAreaId, t.themeId] }), index("focus_area_themes_theme_idx").on(t.themeId)],
);

export const goalThemes = pgTable(
  "goal_themes",
  {
    goalId: belongsTo("goal_id", () => strategyGoals.id),
    themeId: belongsTo("theme_id", () => strategyThemes.id),
  },
  (t) => [primaryKey({ columns: [t.goalId, t.themeId] }), index("goal_themes_theme_idx").on(t.themeId)],
);

/**
 * Where a focus area of a network's shared strategy came from: the members' focus areas, sharing a
 * theme, that it was started from.
 */
export const focusAreaSources = pgTable(
  "focus_area_sources",
  {
    focusAreaId: belongsTo("focus_area_id", () => focusAreas.id),
    sourceId: belongsTo("source_id", () => focusAreas.id),
  },
  (t) => [primaryKey({ columns: [t.focusAreaId, t.sourceId] }), index("focus_area_sources_source_idx").on(t.sourceId)],
);

export const AMBITION_KINDS = ["strategy_coverage", "solution_adoption", "joint_projects"] as const;
export type AmbitionKind = (typeof AMBITION_KINDS)[number];

/**
 * A network's regional ambition: a target with a deadline, measured from data the platform holds.
 * strategy_coverage: the share (percent) of members with an adopted strategy covering `year`;
 * solution_adoption: the share of members using `solutionId`; joint_projects: projects started per year.
 */
export const ambitions = pgTable(
  "ambitions",
  {
    id: serialId(),
    networkId: belongsTo("network_id", () => networks.id),
    title: text("title").notNull(),
    kind: text("kind").$type<AmbitionKind>().notNull(),
    /** A percent for the shares, a number of projects per year for joint_projects. */
    target: integer("target").notNull(),
    deadline: date("deadline").notNull(),
    year: integer("year"),
    solutionId: integer("solution_id").references(() => nationalSolutions.id, { onDelete: "cascade" }),
    description: text("description").notNull().default(""),
    isDemo: demoFlag(),
    createdAt: createdAtNow(),
  },
  (t) => [
    index("ambitions_network_idx").on(t.networkId),
    check(
      "ambitions_measure",
      sql`(${t.kind} = 'strategy_coverage' and ${t.year} is not null and ${t.solutionId} is null)
        or (${t.kind} = 'solution_adoption' and ${t.solutionId} is not null and ${t.year} is null)
        or (${t.kind} = 'joint_projects' and ${t.year} is null and ${t.solutionId} is null)`,
    ),
    check("ambitions_target", sql`${t.target} > 0`),
  ],
);
