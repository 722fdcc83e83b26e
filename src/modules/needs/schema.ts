import { type SQL, type SQLWrapper, sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import type { Visibility } from "../../platform/access/visibility.ts";
import { belongsTo, createdAtNow, demoFlag, refersTo, serialId, updatedAtNow } from "../../platform/db/columns.ts";
import { documentColumns } from "../../platform/files/documents.ts";
import { users } from "../../platform/schema.ts";
import { searchIndex } from "../../platform/search/match.ts";
import { organisations } from "../directory/schema.ts";
import { bodies, networks } from "../networks/schema.ts";
import { projects } from "../projects/schema.ts";

export const NEED_KINDS = ["need", "idea"] as const;
export type NeedKind = (typeof NEED_KINDS)[number];

export const URGENCIES = ["low", "medium", "high", "critical"] as const;
export type Urgency = (typeof URGENCIES)[number];

export const EFFORTS = ["unknown", "small", "medium", "large"] as const;
export type Effort = (typeof EFFORTS)[number];

/**
 * Where a need stands on its way from registration to decision. "merged" needs live on in the need
 * they were merged into; "approved" ones in the project they became.
 */
export const NEED_STATES = [
  "registered",
  "in_assessment",
  "assessed",
  "prioritised",
  "parked",
  "rejected",
  "approved",
  "merged",
] as const;
export type NeedState = (typeof NEED_STATES)[number];

/** Needs that can still be assessed, supported, merged, moved or split. */
export const OPEN_NEED_STATES: readonly NeedState[] = ["registered", "in_assessment", "assessed", "prioritised", "parked"];

/** The text full-text search reads; the index is on this very expression (decision 0010). */
/** A need's searched text, for the site search and the needs list (decision 0034). */
export const needSearchFields = (t: { title: SQLWrapper; problem: SQLWrapper; affected: SQLWrapper; benefit: SQLWrapper }) => ({
  title: t.title,
  summary: t.problem,
  body: [t.affected, t.benefit],
});

export const needSearchDocument = (t: { title: unknown; problem: unknown; affected: unknown; benefit: unknown }): SQL =>
  sql`to_tsvector('norwegian'::regconfig, ${t.title} || ' ' || ${t.problem} || ' ' || ${t.affected} || ' ' || ${t.benefit})`;

/** A need (behov) or idea an organisation registers in a network. */
export const needs = pgTable(
  "needs",
  {
    id: serialId(),
    networkId: belongsTo("network_id", () => networks.id),
    /** The organisation that has the need and registered it. */
    organisationId: refersTo("organisation_id", () => organisations.id),
    kind: text("kind").$type<NeedKind>().notNull().default("need"),
    title: text("title").notNull(),
    problem: text("problem").notNull(),
    /** Who is affected: services and user groups. */
    affected: text("affected").notNull().default(""),
    benefit: text("benefit").notNull().default(""),
    urgency: text("urgency").$type<Urgency>().notNull().default("medium"),
    /** The law or regulation that requires it, if any. */
    legalRequirement: text("legal_requirement").notNull().default(""),
    /** Whole kroner, a rough estimate. */
    costEstimate: bigint("cost_estimate", { mode: "number" }),
    effort: text("effort").$type<Effort>().notNull().default("unknown"),
    state: text("state").$type<NeedState>().notNull().default("registered"),
    /** Set when merged: the need that now carries its supporters. */
    mergedIntoId: integer("merged_into_id").references((): AnyPgColumn => needs.id),
    /** Set when a decision approved it as a project. */
    projectId: integer("project_id").references(() => projects.id, { onDelete: "set null" }),
    visibility: text("visibility").$type<Visibility>().notNull().default("public"),
    bodyId: integer("body_id").references(() => bodies.id, { onDelete: "set null" }),
    createdById: integer("created_by_id").references(() => users.id),
    createdByLabel: text("created_by_label").notNull(),
    isDemo: demoFlag(),
    createdAt: createdAtNow(),
    updatedAt: updatedAtNow(),
  },
  (t) => [
    index("needs_network_idx").on(t.networkId, t.state),
    index("needs_organisation_idx").on(t.organisationId),
    index("needs_search_idx").using("gin", needSearchDocument(t)),
    searchIndex("needs_search_text_idx", needSearchFields(t)),
  ],
);

/** "We have this need too": another organisation's support, with its own note. */
export const needSupporters = pgTable(
  "need_supporters",
  {
    needId: belongsTo("need_id", () => needs.id),
    organisationId: refersTo("organisation_id", () => organisations.id),
    note: text("note").notNull().default(""),
    userId: integer("user_id").references(() => users.id),
    userLabel: text("user_label").notNull(),
    createdAt: createdAtNow(),
  },
  (t) => [primaryKey({ columns: [t.needId, t.organisationId] }), index("need_supporters_org_idx").on(t.organisationId)],
);

export const needDocuments = pgTable(
  "need_documents",
  {
    ...documentColumns(),
    needId: belongsTo("need_id", () => needs.id),
  },
  (t) => [index("need_documents_need_idx").on(t.needId)],
);

/** Every change of a need's state, with who and why: its history, and what the digests tell. */
export const needEvents = pgTable(
  "need_events",
  {
    id: serialId(),
    needId: belongsTo("need_id", () => needs.id),
    fromState: text("from_state").$type<NeedState>(),
    toState: text("to_state").$type<NeedState>().notNull(),
    /** What the person who made the change wrote, at the need's own visibility. */
    note: text("note").notNull().default(""),
    /**
     * The decision that made the change (a decisions-module record, hence no foreign key here). Its
     * text is shown through the visibility rule where the history is read, never copied into it.
     */
    decisionId: integer("decision_id"),
    /** The assessment round that made the change, shown through the rule in the same way. */
    roundId: integer("round_id").references((): AnyPgColumn => assessmentRounds.id, { onDelete: "set null" }),
    byId: integer("by_id").references(() => users.id),
    byLabel: text("by_label").notNull(),
    createdAt: createdAtNow(),
  },
  (t) => [index("need_events_need_idx").on(t.needId), index("need_events_created_idx").on(t.createdAt)],
);

// Assessment

/** Whether a high score is good (benefit) or bad (risk). */
export const CRITERION_DIRECTIONS = ["higher_is_better", "higher_is_worse"] as const;
export type CriterionDirection = (typeof CRITERION_DIRECTIONS)[number];

/** A network's assessment criteria as they stand today; a round copies them when it is created. */
export const assessmentCriteria = pgTable(
  "assessment_criteria",
  {
    id: serialId(),
    networkId: belongsTo("network_id", () => networks.id),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    scaleMin: integer("scale_min").notNull().default(1),
    scaleMax: integer("scale_max").notNull().default(5),
    weight: doublePrecision("weight").notNull().default(1),
    direction: text("direction").$type<CriterionDirection>().notNull().default("higher_is_better"),
    position: integer("position").notNull().default(0),
  },
  (t) => [index("assessment_criteria_network_idx").on(t.networkId)],
);

/** A band the weighted total (0-100) falls in: the highest band whose minimum it reaches. */
export interface Band {
  name: string;
  min: number;
}

/** A network's bands as they stand today; copied into each round. */
export const assessmentBands = pgTable(
  "assessment_bands",
  {
    networkId: belongsTo("network_id", () => networks.id),
    name: text("name").notNull(),
    min: doublePrecision("min").notNull(),
  },
  (t) => [primaryKey({ columns: [t.networkId, t.name] })],
);

/** An assessment round of a network's working committee, with the criteria and bands it uses. */
export const assessmentRounds = pgTable(
  "assessment_rounds",
  {
    id: serialId(),
    networkId: belongsTo("network_id", () => networks.id),
    /** The body that assesses: the network's working committee. */
    bodyId: refersTo("body_id", () => bodies.id),
    title: text("title").notNull(),
    /** The network's cycle the round belongs to, for example "2027 Q1" or "Budget 2028". */
    cycle: text("cycle").notNull().default(""),
    /** The last day scores are taken (Europe/Oslo). */
    deadline: date("deadline").notNull(),
    bands: jsonb("bands").$type<Band[]>().notNull(),
    isDemo: demoFlag(),
    createdAt: createdAtNow(),
  },
  (t) => [index("assessment_rounds_network_idx").on(t.networkId)],
);

/** The criteria a round was created with: later changes to the network's criteria do not reach it. */
export const roundCriteria = pgTable(
  "round_criteria",
  {
    id: serialId(),
    roundId: belongsTo("round_id", () => assessmentRounds.id),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    scaleMin: integer("scale_min").notNull(),
    scaleMax: integer("scale_max").notNull(),
    weight: doublePrecision("weight").notNull(),
    direction: text("direction").$type<CriterionDirection>().notNull(),
    position: integer("position").notNull(),
  },
  (t) => [index("round_criteria_round_idx").on(t.roundId)],
);

export const roundNeeds = pgTable(
  "round_needs",
  {
    roundId: belongsTo("round_id", () => assessmentRounds.id),
    needId: belongsTo("need_id", () => needs.id),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.needId] }), index("round_needs_need_idx").on(t.needId)],
);

/** One assessor's score of one need on one criterion, with a comment. */
export const assessmentScores = pgTable(
  "assessment_scores",
  {
    id: serialId(),
    roundId: belongsTo("round_id", () => assessmentRounds.id),
    needId: belongsTo("need_id", () => needs.id),
    criterionId: belongsTo("criterion_id", () => roundCriteria.id),
    assessorId: refersTo("assessor_id", () => users.id),
    assessorLabel: text("assessor_label").notNull(),
    score: integer("score").notNull(),
    comment: text("comment").notNull().default(""),
    updatedAt: updatedAtNow(),
  },
  (t) => [
    uniqueIndex("assessment_scores_uq").on(t.roundId, t.needId, t.criterionId, t.assessorId),
    index("assessment_scores_need_idx").on(t.needId),
  ],
);

export const RECOMMENDATIONS = ["recommend", "do_not_recommend", "needs_more_work"] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];

/** The working committee's recommendation for a need in a round, with its justification. */
export const recommendations = pgTable(
  "need_recommendations",
  {
    roundId: belongsTo("round_id", () => assessmentRounds.id),
    needId: belongsTo("need_id", () => needs.id),
    recommendation: text("recommendation").$type<Recommendation>().notNull(),
    justification: text("justification").notNull(),
    byId: integer("by_id").references(() => users.id),
    byLabel: text("by_label").notNull(),
    updatedAt: updatedAtNow(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.needId] })],
);

// Needs passed on nationally

/**
 * A national need: needs of several networks that their secretariats linked as the same need. Its
 * title and description are written by secretariats and are public; what it shows of each need is
 * read through the need's own visibility.
 */
export const nationalNeeds = pgTable("national_needs", {
  id: serialId(),
  title: text("title").notNull(),
  description: text("description").notNull().default(""),
  /** The network whose secretariat started it. */
  networkId: integer("network_id").references(() => networks.id, { onDelete: "set null" }),
  createdById: integer("created_by_id").references(() => users.id, { onDelete: "set null" }),
  createdByLabel: text("created_by_label").notNull(),
  isDemo: demoFlag(),
  createdAt: createdAtNow(),
  updatedAt: updatedAtNow(),
});

/** A need linked to a national need, by its own network's secretariat; a need is in one at most. */
export const nationalNeedLinks = pgTable(
  "national_need_links",
  {
    nationalNeedId: belongsTo("national_need_id", () => nationalNeeds.id),
    needId: belongsTo("need_id", () => needs.id),
    linkedById: integer("linked_by_id").references(() => users.id, { onDelete: "set null" }),
    linkedByLabel: text("linked_by_label").notNull(),
    linkedAt: timestamp("linked_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("national_need_links_need_uq").on(t.needId), index("national_need_links_group_idx").on(t.nationalNeedId)],
);

/** The national bodies a network passes needs on to. */
export const RECIPIENT_KINDS = ["ks_digitaliseringsutvalget", "komit_radet", "digdir", "ministry", "other"] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];

/** Who reads a submission: everyone, or the network's own people. */
export const SUBMISSION_VISIBILITIES = ["public", "network"] as const;
export type SubmissionVisibility = (typeof SUBMISSION_VISIBILITIES)[number];

/** A dated submission of a network's needs to a national body, with the answer received. */
export const needSubmissions = pgTable(
  "need_submissions",
  {
    id: serialId(),
    networkId: belongsTo("network_id", () => networks.id),
    recipientKind: text("recipient_kind").$type<RecipientKind>().notNull(),
    /** The body's name: the ministry's or the other body's, or a more precise name of the chosen one. */
    recipientName: text("recipient_name").notNull().default(""),
    title: text("title").notNull(),
    coverNote: text("cover_note").notNull().default(""),
    sentOn: date("sent_on").notNull(),
    answer: text("answer").notNull().default(""),
    answeredOn: date("answered_on"),
    visibility: text("visibility").$type<SubmissionVisibility>().notNull().default("public"),
    createdById: integer("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdByLabel: text("created_by_label").notNull(),
    isDemo: demoFlag(),
    createdAt: createdAtNow(),
    updatedAt: updatedAtNow(),
  },
  (t) => [index("need_submissions_network_idx").on(t.networkId, t.sentOn)],
);

/**
 * A need in a submission, with its title and problem as they were sent: copied only where everyone
 * who reads the submission may read the need (readableByAll), else null and shown through the rule.
 */
export const needSubmissionItems = pgTable(
  "need_submission_items",
  {
    id: serialId(),
    submissionId: belongsTo("submission_id", () => needSubmissions.id),
    needId: belongsTo("need_id", () => needs.id),
    titleSent: text("title_sent"),
    problemSent: text("problem_sent"),
    position: integer("position").notNull().default(0),
  },
  (t) => [
    uniqueIndex("need_submission_items_uq").on(t.submissionId, t.needId),
    index("need_submission_items_need_idx").on(t.needId),
  ],
);
