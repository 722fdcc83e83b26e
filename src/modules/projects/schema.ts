import { type SQL, type SQLWrapper, sql } from "drizzle-orm";
import {
  bigint,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import type { Visibility } from "../../platform/access/visibility.ts";
import { belongsTo, createdAtNow, demoFlag, refersTo, serialId, updatedAtNow } from "../../platform/db/columns.ts";
import { norwegianOrder } from "../../platform/db/order.ts";
import { documentColumns } from "../../platform/files/documents.ts";
import { users } from "../../platform/schema.ts";
import { searchIndex } from "../../platform/search/match.ts";
import { organisations, people } from "../directory/schema.ts";
import { bodies, networks } from "../networks/schema.ts";

export const PROJECT_KINDS = ["local", "regional", "national", "innovation"] as const;
export type ProjectKind = (typeof PROJECT_KINDS)[number];

/** The sectors every network has; a network may add its own (network_sectors). */
export const SECTORS = [
  "health_care",
  "schools",
  "planning_building",
  "technical",
  "culture",
  "finance_admin",
  "archive",
  "information_security",
  "infrastructure",
  "other",
] as const;

/** The public-sector project model (Digdir's prosjektveiviser) with operation (forvaltning) after closing. */
export const PHASES = ["idea", "concept", "planning", "execution", "closing", "operation"] as const;
export type Phase = (typeof PHASES)[number];

export const PARTICIPANT_ROLES = ["lead", "participant", "interested"] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

export const STATUS_COLOURS = ["green", "yellow", "red"] as const;
export type StatusColour = (typeof STATUS_COLOURS)[number];
/** The dimensions a status report rates, overall first. */
export const STATUS_DIMENSIONS = ["overall", "time", "cost", "quality", "risk", "benefit"] as const;
export type StatusDimension = (typeof STATUS_DIMENSIONS)[number];

export const JOIN_REQUEST_STATES = ["pending", "accepted", "declined"] as const;
export type JoinRequestState = (typeof JOIN_REQUEST_STATES)[number];

export const RELATION_KINDS = ["builds_on", "replaces", "related"] as const;
export type RelationKind = (typeof RELATION_KINDS)[number];

export const BENEFIT_TYPES = ["money", "time", "quality", "other"] as const;
export type BenefitType = (typeof BENEFIT_TYPES)[number];

/** The project a record hangs off, removed with it: the same column in every table below. */
const projectColumn = () => belongsTo("project_id", () => projects.id);

/**
 * The text full-text search reads, with Norwegian stemming. The index below is on this very
 * expression and the repository searches with it, so a saved project is found at once: there is no
 * separate search index that could lag behind.
 */
export const projectSearchDocument = (t: { title: unknown; summary: unknown; description: unknown; problem: unknown }): SQL =>
  sql`to_tsvector('norwegian'::regconfig, ${t.title} || ' ' || ${t.summary} || ' ' || ${t.description} || ' ' || ${t.problem})`;

/** A project's searched text, for the site search and the portfolio (decision 0034). */
export const projectSearchFields = (t: {
  title: SQLWrapper;
  summary: SQLWrapper;
  description: SQLWrapper;
  problem: SQLWrapper;
}) => ({
  title: t.title,
  summary: t.summary,
  body: [t.description, t.problem],
});

export const projects = pgTable(
  "projects",
  {
    id: serialId(),
    /** The network whose portfolio holds the project. */
    networkId: belongsTo("network_id", () => networks.id),
    /** The organisation the project belongs to; null for the network's own (joint) projects. */
    ownerOrganisationId: integer("owner_organisation_id").references(() => organisations.id),
    title: text("title").notNull(),
    summary: text("summary").notNull().default(""),
    description: text("description").notNull().default(""),
    problem: text("problem").notNull().default(""),
    kind: text("kind").$type<ProjectKind>().notNull(),
    /** One of SECTORS, or a key of the network's own sectors. */
    sector: text("sector").notNull(),
    phase: text("phase").$type<Phase>().notNull().default("idea"),
    contactPersonId: integer("contact_person_id").references(() => people.id, { onDelete: "set null" }),
    startDate: date("start_date"),
    endDate: date("end_date"),
    /** Whole kroner. */
    budget: bigint("budget", { mode: "number" }),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    visibility: text("visibility").$type<Visibility>().notNull().default("public"),
    /** The body a "body" project is kept to. */
    bodyId: integer("body_id").references(() => bodies.id, { onDelete: "set null" }),
    /** Raised by every save; a save that names an older version is refused (optimistic locking). */
    version: integer("version").notNull().default(1),
    isDemo: demoFlag(),
    createdAt: createdAtNow(),
    updatedAt: updatedAtNow(),
  },
  (t) => [
    index("projects_network_idx").on(t.networkId),
    index("projects_owner_idx").on(t.ownerOrganisationId),
    index("projects_search_idx").using("gin", projectSearchDocument(t)),
    searchIndex("projects_search_text_idx", projectSearchFields(t)),
    index("projects_tags_idx").using("gin", t.tags),
    // The portfolio's default order: a page of it reads 50 rows, not every project.
    index("projects_title_order_idx").on(norwegianOrder(t.title), t.id),
  ],
);

export const networkSectors = pgTable(
  "network_sectors",
  {
    networkId: belongsTo("network_id", () => networks.id),
    /** "x-" and a slug, so it can never clash with a built-in sector. */
    key: text("key").notNull(),
    name: text("name").notNull(),
  },
  (t) => [primaryKey({ columns: [t.networkId, t.key] })],
);

export const projectParticipants = pgTable(
  "project_participants",
  {
    projectId: projectColumn(),
    organisationId: refersTo("organisation_id", () => organisations.id),
    role: text("role").$type<ParticipantRole>().notNull(),
    fromDate: date("from_date"),
    createdAt: createdAtNow(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.organisationId] }), index("project_participants_org_idx").on(t.organisationId)],
);

/** Who moved a project to which phase, and when. */
export const projectPhaseChanges = pgTable(
  "project_phase_changes",
  {
    id: serialId(),
    projectId: projectColumn(),
    fromPhase: text("from_phase").$type<Phase>(),
    toPhase: text("to_phase").$type<Phase>().notNull(),
    changedById: integer("changed_by_id").references(() => users.id),
    changedByLabel: text("changed_by_label").notNull(),
    note: text("note").notNull().default(""),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("project_phase_changes_project_idx").on(t.projectId, t.at)],
);

/** One dated status report; each dimension has a colour and a comment. */
export const statusReports = pgTable(
  "status_reports",
  {
    id: serialId(),
    projectId: projectColumn(),
    reportDate: date("report_date").notNull(),
    overall: text("overall").$type<StatusColour>().notNull(),
    overallComment: text("overall_comment").notNull().default(""),
    time: text("time").$type<StatusColour>().notNull(),
    timeComment: text("time_comment").notNull().default(""),
    cost: text("cost").$type<StatusColour>().notNull(),
    costComment: text("cost_comment").notNull().default(""),
    quality: text("quality").$type<StatusColour>().notNull(),
    qualityComment: text("quality_comment").notNull().default(""),
    risk: text("risk").$type<StatusColour>().notNull(),
    riskComment: text("risk_comment").notNull().default(""),
    benefit: text("benefit").$type<StatusColour>().notNull(),
    benefitComment: text("benefit_comment").notNull().default(""),
    createdById: integer("created_by_id").references(() => users.id),
    createdAt: createdAtNow(),
  },
  (t) => [index("status_reports_project_idx").on(t.projectId, t.reportDate)],
);

/** A benefit (gevinst) the project should give, measured against an indicator. */
export const benefits = pgTable(
  "benefits",
  {
    id: serialId(),
    projectId: projectColumn(),
    title: text("title").notNull(),
    type: text("type").$type<BenefitType>().notNull(),
    ownerPersonId: integer("owner_person_id").references(() => people.id, { onDelete: "set null" }),
    indicator: text("indicator").notNull(),
    unit: text("unit").notNull(),
    baseline: doublePrecision("baseline").notNull(),
    target: doublePrecision("target").notNull(),
    targetDate: date("target_date"),
    createdAt: createdAtNow(),
  },
  (t) => [index("benefits_project_idx").on(t.projectId)],
);

export const benefitMeasurements = pgTable(
  "benefit_measurements",
  {
    id: serialId(),
    benefitId: belongsTo("benefit_id", () => benefits.id),
    /** The participating organisation whose own benefit this is; null for the project as a whole. */
    organisationId: integer("organisation_id").references(() => organisations.id, { onDelete: "cascade" }),
    measuredOn: date("measured_on").notNull(),
    value: doublePrecision("value").notNull(),
    note: text("note").notNull().default(""),
    createdAt: createdAtNow(),
  },
  (t) => [
    index("benefit_measurements_benefit_idx").on(t.benefitId, t.measuredOn),
    index("benefit_measurements_org_idx").on(t.organisationId),
  ],
);

/** "We want to take part": an organisation asks to join a project; the project's lead decides. */
export const joinRequests = pgTable(
  "project_join_requests",
  {
    id: serialId(),
    projectId: projectColumn(),
    organisationId: refersTo("organisation_id", () => organisations.id),
    /** The role asked for: to take part, or to follow as interested. */
    role: text("role").$type<Exclude<ParticipantRole, "lead">>().notNull(),
    note: text("note").notNull().default(""),
    requestedById: integer("requested_by_id").references(() => users.id),
    requestedByLabel: text("requested_by_label").notNull(),
    state: text("state").$type<JoinRequestState>().notNull().default("pending"),
    decidedById: integer("decided_by_id").references(() => users.id),
    decidedByLabel: text("decided_by_label"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    reason: text("reason").notNull().default(""),
    createdAt: createdAtNow(),
  },
  (t) => [index("project_join_requests_project_idx").on(t.projectId, t.state)],
);

/** Where the money comes from: a source with the amount applied for and the amount granted. */
export const projectFunding = pgTable(
  "project_funding",
  {
    id: serialId(),
    projectId: projectColumn(),
    /** For example "Statsforvalterens skjønnsmidler" or "KS DigiFin". */
    source: text("source").notNull(),
    applied: bigint("applied", { mode: "number" }).notNull(),
    /** null until the application is decided. */
    granted: bigint("granted", { mode: "number" }),
    createdAt: createdAtNow(),
  },
  (t) => [index("project_funding_project_idx").on(t.projectId)],
);

export const projectLinks = pgTable(
  "project_links",
  {
    id: serialId(),
    projectId: projectColumn(),
    title: text("title").notNull(),
    url: text("url").notNull(),
  },
  (t) => [index("project_links_project_idx").on(t.projectId)],
);

/** This project builds on, replaces, or is related to another. */
export const projectRelations = pgTable(
  "project_relations",
  {
    id: serialId(),
    projectId: projectColumn(),
    relatedProjectId: belongsTo("related_project_id", () => projects.id),
    kind: text("kind").$type<RelationKind>().notNull(),
  },
  (t) => [
    uniqueIndex("project_relations_uq").on(t.projectId, t.relatedProjectId, t.kind),
    index("project_relations_related_idx").on(t.relatedProjectId),
  ],
);

/** Uploaded documents; they share the project's visibility. */
export const projectDocuments = pgTable(
  "project_documents",
  {
    ...documentColumns(),
    projectId: projectColumn(),
  },
  (t) => [index("project_documents_project_idx").on(t.projectId)],
);

export const SAVED_VIEW_KINDS = ["projects", "timeline"] as const;
export type SavedViewKind = (typeof SAVED_VIEW_KINDS)[number];

/** A user's own named filter of the overview or the timeline: the query string, as in the URL. */
export const savedViews = pgTable(
  "saved_views",
  {
    id: serialId(),
    userId: belongsTo("user_id", () => users.id),
    kind: text("kind").$type<SavedViewKind>().notNull(),
    name: text("name").notNull(),
    query: text("query").notNull(),
    createdAt: createdAtNow(),
  },
  (t) => [index("saved_views_user_idx").on(t.userId, t.kind)],
);

/** What a network expects done in each phase, in order. */
export const phaseChecklistItems = pgTable(
  "phase_checklist_items",
  {
    id: serialId(),
    networkId: belongsTo("network_id", () => networks.id),
    phase: text("phase").$type<Phase>().notNull(),
    text: text("text").notNull(),
    position: integer("position").notNull().default(0),
  },
  (t) => [index("phase_checklist_items_network_idx").on(t.networkId, t.phase)],
);

/** A checklist item ticked off for a project: by whom and when. */
export const projectChecklistMarks = pgTable(
  "project_checklist_marks",
  {
    projectId: projectColumn(),
    itemId: belongsTo("item_id", () => phaseChecklistItems.id),
    doneByLabel: text("done_by_label").notNull(),
    doneAt: timestamp("done_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.itemId] })],
);

/**
 * Whether a project's tags hold a word of the query, whole (array functions cannot be part of the
 * search index's expression, so tags are matched apart): the portfolio and the site search alike.
 */
export function tagsNamed(tags: SQLWrapper, q: string): SQL | undefined {
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  return words.length
    ? sql`${tags} && array[${sql.join(
        words.map((w) => sql`${w}`),
        sql`, `,
      )}]::text[]`
    : undefined;
}
