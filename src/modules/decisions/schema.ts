import type { SQLWrapper } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  date,
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
import { documentColumns } from "../../platform/files/documents.ts";
import { users } from "../../platform/schema.ts";
import { searchIndex } from "../../platform/search/match.ts";
import { needs } from "../needs/schema.ts";
import { bodies, networks } from "../networks/schema.ts";
import { projects } from "../projects/schema.ts";

/** What a decision (vedtak) decides about the need or project its agenda item is about. */
export const OUTCOMES = ["prioritised", "parked", "rejected", "approved_as_project", "other"] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** A meeting's searched text (decision 0034): its title, where it is held, and the minutes' own note. */
export const meetingSearchFields = (t: { title: SQLWrapper; place: SQLWrapper; minutesNote: SQLWrapper }) => ({
  title: t.title,
  summary: t.place,
  body: [t.minutesNote],
});

/** A meeting of one of a network's bodies, with its agenda and, once held, its minutes. */
export const meetings = pgTable(
  "meetings",
  {
    id: serialId(),
    networkId: belongsTo("network_id", () => networks.id),
    bodyId: refersTo("body_id", () => bodies.id),
    title: text("title").notNull(),
    meetingDate: date("meeting_date").notNull(),
    /** "10:00", as the invitation says it. */
    startTime: text("start_time").notNull().default(""),
    place: text("place").notNull().default(""),
    /** A video link, where the meeting is held online too. */
    link: text("link").notNull().default(""),
    /** What the minutes say beyond the decisions: who attended, other matters. */
    minutesNote: text("minutes_note").notNull().default(""),
    /** Set when the minutes are approved; from then on nothing in them changes. */
    minutesApprovedAt: timestamp("minutes_approved_at", { withTimezone: true }),
    minutesApprovedByLabel: text("minutes_approved_by_label"),
    visibility: text("visibility").$type<Visibility>().notNull().default("public"),
    isDemo: demoFlag(),
    createdAt: createdAtNow(),
    updatedAt: updatedAtNow(),
  },
  (t) => [
    index("meetings_network_idx").on(t.networkId, t.meetingDate),
    searchIndex("meetings_search_text_idx", meetingSearchFields(t)),
  ],
);

/** The meeting's papers (saksdokumenter): files an agenda item can point to. */
export const meetingDocuments = pgTable(
  "meeting_documents",
  {
    ...documentColumns(),
    meetingId: belongsTo("meeting_id", () => meetings.id),
  },
  (t) => [index("meeting_documents_meeting_idx").on(t.meetingId)],
);

/** An agenda item's searched text: its title and the case presentation. */
export const agendaItemSearchFields = (t: { title: SQLWrapper; description: SQLWrapper }) => ({
  title: t.title,
  body: [t.description],
});

/** An agenda item (sak): about a need, a project or a paper, or about something else entirely. */
export const agendaItems = pgTable(
  "agenda_items",
  {
    id: serialId(),
    meetingId: belongsTo("meeting_id", () => meetings.id),
    /** Its number in the meeting: "Sak 3". */
    number: integer("number").notNull(),
    title: text("title").notNull(),
    /** The case presentation (saksframlegg). */
    description: text("description").notNull().default(""),
    needId: integer("need_id").references(() => needs.id, { onDelete: "set null" }),
    projectId: integer("project_id").references(() => projects.id, { onDelete: "set null" }),
    documentId: integer("document_id").references(() => meetingDocuments.id, { onDelete: "set null" }),
    createdAt: createdAtNow(),
  },
  (t) => [
    uniqueIndex("agenda_items_number_uq").on(t.meetingId, t.number),
    index("agenda_items_need_idx").on(t.needId),
    searchIndex("agenda_items_search_text_idx", agendaItemSearchFields(t)),
  ],
);

/**
 * A decision's searched text: the decision itself, which is also its title in the results (it has no
 * other). Its outcome is a fixed value whose words are the interface's, in the reader's language, so
 * it is not searched text.
 */
export const decisionSearchFields = (t: { text: SQLWrapper }) => ({ title: t.text });

/** A decision (vedtak) on an agenda item; immutable once the meeting's minutes are approved. */
export const decisions = pgTable(
  "decisions",
  {
    id: serialId(),
    meetingId: belongsTo("meeting_id", () => meetings.id),
    agendaItemId: belongsTo("agenda_item_id", () => agendaItems.id),
    text: text("text").notNull(),
    outcome: text("outcome").$type<Outcome>().notNull(),
    decidedOn: date("decided_on").notNull(),
    /** Decisions are public unless marked otherwise; then only the body and the secretariat see them. */
    isPublic: boolean("is_public").notNull().default(true),
    /** The earlier decision this one follows (a decision is never changed, only followed). */
    supersedesId: integer("supersedes_id").references((): AnyPgColumn => decisions.id),
    /** The project an "approved as project" decision created. */
    projectId: integer("project_id").references(() => projects.id, { onDelete: "set null" }),
    createdById: integer("created_by_id").references(() => users.id),
    createdByLabel: text("created_by_label").notNull(),
    createdAt: createdAtNow(),
  },
  (t) => [
    uniqueIndex("decisions_item_uq").on(t.agendaItemId),
    index("decisions_meeting_idx").on(t.meetingId),
    searchIndex("decisions_search_text_idx", decisionSearchFields(t)),
  ],
);

export const PRIORITY_TRACKS = ["national", "local"] as const;
export type PriorityTrack = (typeof PRIORITY_TRACKS)[number];

/** The steering group's rank order as decided on one date; each new ranking is kept beside the old. */
export const priorityRankings = pgTable(
  "priority_rankings",
  {
    id: serialId(),
    networkId: belongsTo("network_id", () => networks.id),
    decidedOn: date("decided_on").notNull(),
    /** The meeting that decided it, if any. */
    meetingId: integer("meeting_id").references(() => meetings.id, { onDelete: "set null" }),
    note: text("note").notNull().default(""),
    createdById: integer("created_by_id").references(() => users.id),
    createdByLabel: text("created_by_label").notNull(),
    isDemo: demoFlag(),
    createdAt: createdAtNow(),
  },
  (t) => [index("priority_rankings_network_idx").on(t.networkId, t.decidedOn)],
);

/** One need or project's place in a ranking, within its track (national or local). */
export const priorityEntries = pgTable(
  "priority_entries",
  {
    rankingId: belongsTo("ranking_id", () => priorityRankings.id),
    track: text("track").$type<PriorityTrack>().notNull(),
    position: integer("position").notNull(),
    needId: integer("need_id").references(() => needs.id, { onDelete: "cascade" }),
    projectId: integer("project_id").references(() => projects.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.rankingId, t.track, t.position] })],
);
