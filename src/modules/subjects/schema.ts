import { type SQLWrapper, sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { belongsTo, createdAtNow, demoFlag, serialId, updatedAtNow } from "../../platform/db/columns.ts";
import { documentColumns } from "../../platform/files/documents.ts";
import { users } from "../../platform/schema.ts";
import { searchIndex } from "../../platform/search/match.ts";
import { organisations } from "../directory/schema.ts";
import { networks } from "../networks/schema.ts";
import { projects } from "../projects/schema.ts";
import { nationalSolutions } from "../roadmap/schema.ts";
import { solutions } from "../solutions/schema.ts";

/** How people join a subject network: at once, or when a coordinator approves. */
export const JOIN_POLICIES = ["open", "approval"] as const;
export type JoinPolicy = (typeof JOIN_POLICIES)[number];

/** A member takes part; a coordinator also runs the subject network. */
export const MEMBER_ROLES = ["member", "coordinator"] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/**
 * Who reads what a subject network's people write: everyone, or only its members (its internal
 * notes). The subject network is the container; see decision 0027.
 */
export const SUBJECT_VISIBILITIES = ["public", "members"] as const;
export type SubjectVisibility = (typeof SUBJECT_VISIBILITIES)[number];

/** A quality-assurance review is asked for, then given (with a verdict) or declined. */
export const REVIEW_STATUSES = ["requested", "reviewed", "declined"] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export const REVIEW_VERDICTS = ["sound", "sound_with_changes", "not_sound"] as const;
export type ReviewVerdict = (typeof REVIEW_VERDICTS)[number];

/** A subject network's searched text, for the site search (decision 0034): its name and mandate. */
export const subjectNetworkSearchFields = (t: { name: SQLWrapper; mandate: SQLWrapper }) => ({
  title: t.name,
  body: [t.mandate],
});

/** A subject network (fagnettverk): people from any organisation who share competence in one field. */
export const subjectNetworks = pgTable(
  "subject_networks",
  {
    id: serialId(),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    /** What it is for and what it does: its mandate. */
    mandate: text("mandate").notNull().default(""),
    /** National: no owning network, open to the whole country. */
    national: boolean("national").notNull().default(false),
    joinPolicy: text("join_policy").$type<JoinPolicy>().notNull().default("open"),
    isDemo: demoFlag(),
    createdAt: createdAtNow(),
    updatedAt: updatedAtNow(),
  },
  (t) => [uniqueIndex("subject_networks_slug_uq").on(t.slug)],
);

/** The regional networks that own a subject network; it is listed on each one's page. */
export const subjectNetworkOwners = pgTable(
  "subject_network_owners",
  {
    subjectNetworkId: belongsTo("subject_network_id", () => subjectNetworks.id),
    networkId: belongsTo("network_id", () => networks.id),
  },
  (t) => [
    primaryKey({ columns: [t.subjectNetworkId, t.networkId] }),
    index("subject_network_owners_network_idx").on(t.networkId),
  ],
);

/** A person in a subject network; `approved` false while a coordinator has yet to let them in. */
export const subjectNetworkMembers = pgTable(
  "subject_network_members",
  {
    subjectNetworkId: belongsTo("subject_network_id", () => subjectNetworks.id),
    userId: belongsTo("user_id", () => users.id),
    /** The organisation the person is there for, if they named one. */
    organisationId: integer("organisation_id").references(() => organisations.id, { onDelete: "set null" }),
    role: text("role").$type<MemberRole>().notNull().default("member"),
    approved: boolean("approved").notNull().default(true),
    isDemo: demoFlag(),
    createdAt: createdAtNow(),
  },
  (t) => [primaryKey({ columns: [t.subjectNetworkId, t.userId] }), index("subject_network_members_user_idx").on(t.userId)],
);

/** What an experience note is searched by (Norwegian stemming). */
export const experienceSearchDocument = (t: { title: unknown; whatWeDid: unknown; cost: unknown; differently: unknown }) =>
  sql`to_tsvector('norwegian'::regconfig, ${t.title} || ' ' || ${t.whatWeDid} || ' ' || ${t.cost} || ' ' || ${t.differently})`;

/** An experience note's searched text, for the site search (decision 0034): what was done, then what it cost and what to do differently. */
export const experienceSearchFields = (t: {
  title: SQLWrapper;
  whatWeDid: SQLWrapper;
  cost: SQLWrapper;
  differently: SQLWrapper;
}) => ({
  title: t.title,
  summary: t.whatWeDid,
  body: [t.cost, t.differently],
});

/** "What we did, what it cost, what we would do differently": experience one organisation learned. */
export const experienceNotes = pgTable(
  "experience_notes",
  {
    id: serialId(),
    subjectNetworkId: belongsTo("subject_network_id", () => subjectNetworks.id),
    title: text("title").notNull(),
    whatWeDid: text("what_we_did").notNull(),
    cost: text("cost").notNull().default(""),
    differently: text("differently").notNull().default(""),
    /** The organisation that learned it. */
    organisationId: integer("organisation_id").references(() => organisations.id, { onDelete: "set null" }),
    /** Whom to ask: a member of the subject network. */
    contactUserId: integer("contact_user_id").references(() => users.id, { onDelete: "set null" }),
    visibility: text("visibility").$type<SubjectVisibility>().notNull().default("public"),
    projectId: integer("project_id").references(() => projects.id, { onDelete: "set null" }),
    solutionId: integer("solution_id").references(() => solutions.id, { onDelete: "set null" }),
    nationalSolutionId: integer("national_solution_id").references(() => nationalSolutions.id, { onDelete: "set null" }),
    authorId: integer("author_id").references(() => users.id, { onDelete: "set null" }),
    authorLabel: text("author_label").notNull(),
    isDemo: demoFlag(),
    createdAt: createdAtNow(),
    updatedAt: updatedAtNow(),
  },
  (t) => [
    index("experience_notes_subject_idx").on(t.subjectNetworkId, t.createdAt),
    index("experience_notes_project_idx").on(t.projectId),
    index("experience_notes_solution_idx").on(t.solutionId),
    index("experience_notes_national_idx").on(t.nationalSolutionId),
    index("experience_notes_search_idx").using("gin", experienceSearchDocument(t)),
    searchIndex("experience_notes_search_text_idx", experienceSearchFields(t)),
  ],
);

/** A project's owner or its network's secretariat asks a subject network to quality-assure it. */
export const subjectReviews = pgTable(
  "subject_reviews",
  {
    id: serialId(),
    subjectNetworkId: belongsTo("subject_network_id", () => subjectNetworks.id),
    projectId: belongsTo("project_id", () => projects.id),
    /** What the asker wants looked at. */
    request: text("request").notNull(),
    requestedById: integer("requested_by_id").references(() => users.id, { onDelete: "set null" }),
    requestedByLabel: text("requested_by_label").notNull(),
    status: text("status").$type<ReviewStatus>().notNull().default("requested"),
    verdict: text("verdict").$type<ReviewVerdict>(),
    findings: text("findings").notNull().default(""),
    recommendations: text("recommendations").notNull().default(""),
    reviewedById: integer("reviewed_by_id").references(() => users.id, { onDelete: "set null" }),
    reviewedByLabel: text("reviewed_by_label"),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    isDemo: demoFlag(),
    createdAt: createdAtNow(),
  },
  (t) => [index("subject_reviews_subject_idx").on(t.subjectNetworkId), index("subject_reviews_project_idx").on(t.projectId)],
);

/** What a question and its answers are searched by. */
export const questionSearchDocument = (t: { title: unknown; body: unknown }) =>
  sql`to_tsvector('norwegian'::regconfig, ${t.title} || ' ' || ${t.body})`;

/** A member's question to the subject network; its answers are kept, so the next municipality finds them. */
export const subjectQuestions = pgTable(
  "subject_questions",
  {
    id: serialId(),
    subjectNetworkId: belongsTo("subject_network_id", () => subjectNetworks.id),
    title: text("title").notNull(),
    body: text("body").notNull().default(""),
    organisationId: integer("organisation_id").references(() => organisations.id, { onDelete: "set null" }),
    visibility: text("visibility").$type<SubjectVisibility>().notNull().default("public"),
    askedById: integer("asked_by_id").references(() => users.id, { onDelete: "set null" }),
    askedByLabel: text("asked_by_label").notNull(),
    isDemo: demoFlag(),
    createdAt: createdAtNow(),
  },
  (t) => [
    index("subject_questions_subject_idx").on(t.subjectNetworkId, t.createdAt),
    index("subject_questions_search_idx").using("gin", questionSearchDocument(t)),
  ],
);

export const subjectAnswers = pgTable(
  "subject_answers",
  {
    id: serialId(),
    questionId: belongsTo("question_id", () => subjectQuestions.id),
    body: text("body").notNull(),
    authorId: integer("author_id").references(() => users.id, { onDelete: "set null" }),
    authorLabel: text("author_label").notNull(),
    isDemo: demoFlag(),
    createdAt: createdAtNow(),
  },
  (t) => [index("subject_answers_question_idx").on(t.questionId, t.createdAt)],
);

/** A subject network's own documents (templates, risk assessments, reports), public or for its members. */
export const subjectDocuments = pgTable(
  "subject_network_documents",
  {
    ...documentColumns(),
    subjectNetworkId: belongsTo("subject_network_id", () => subjectNetworks.id),
    visibility: text("visibility").$type<SubjectVisibility>().notNull().default("public"),
  },
  (t) => [index("subject_network_documents_subject_idx").on(t.subjectNetworkId)],
);
