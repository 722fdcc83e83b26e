import {
  type AnyPgColumn,
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import type { Visibility } from "../../platform/access/visibility.ts";
import { documentColumns } from "../../platform/files/documents.ts";
import { users } from "../../platform/schema.ts";
import { needs } from "../needs/schema.ts";
import { bodies, networks } from "../networks/schema.ts";
import { projects } from "../projects/schema.ts";

/** What a decision (vedtak) decides about the need or project its agenda item is about. */
export const OUTCOMES = ["prioritised", "parked", "rejected", "approved_as_project", "other"] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** A meeting of one of a network's bodies, with its agenda and, once held, its minutes. */
export const meetings = pgTable(
  "meetings",
  {
    id: serial("id").primaryKey(),
    networkId: integer("network_id")
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    bodyId: integer("body_id")
      .notNull()
      .references(() => bodies.id),
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
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("meetings_network_idx").on(t.networkId, t.meetingDate)],
);

/** The meeting's papers (saksdokumenter): files an agenda item can point to. */
export const meetingDocuments = pgTable(
  "meeting_documents",
  {
    ...documentColumns(),
    meetingId: integer("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
  },
  (t) => [index("meeting_documents_meeting_idx").on(t.meetingId)],
);

/** An agenda item (sak): about a need, a project or a paper, or about something else entirely. */
export const agendaItems = pgTable(
  "agenda_items",
  {
    id: serial("id").primaryKey(),
    meetingId: integer("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    /** Its number in the meeting: "Sak 3". */
    number: integer("number").notNull(),
    title: text("title").notNull(),
    /** The case presentation (saksframlegg). */
    description: text("description").notNull().default(""),
    needId: integer("need_id").references(() => needs.id, { onDelete: "set null" }),
    projectId: integer("project_id").references(() => projects.id, { onDelete: "set null" }),
    documentId: integer("document_id").references(() => meetingDocuments.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("agenda_items_number_uq").on(t.meetingId, t.number), index("agenda_items_need_idx").on(t.needId)],
);

/** A decision (vedtak) on an agenda item; immutable once the meeting's minutes are approved. */
export const decisions = pgTable(
  "decisions",
  {
    id: serial("id").primaryKey(),
    meetingId: integer("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    agendaItemId: integer("agenda_item_id")
      .notNull()
      .references(() => agendaItems.id, { onDelete: "cascade" }),
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
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("decisions_item_uq").on(t.agendaItemId), index("decisions_meeting_idx").on(t.meetingId)],
);

export const PRIORITY_TRACKS = ["national", "local"] as const;
export type PriorityTrack = (typeof PRIORITY_TRACKS)[number];

/** The steering group's rank order as decided on one date; each new ranking is kept beside the old. */
export const priorityRankings = pgTable(
  "priority_rankings",
  {
    id: serial("id").primaryKey(),
    networkId: integer("network_id")
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    decidedOn: date("decided_on").notNull(),
    /** The meeting that decided it, if any. */
    meetingId: integer("meeting_id").references(() => meetings.id, { onDelete: "set null" }),
    note: text("note").notNull().default(""),
    createdById: integer("created_by_id").references(() => users.id),
    createdByLabel: text("created_by_label").notNull(),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("priority_rankings_network_idx").on(t.networkId, t.decidedOn)],
);

/** One need or project's place in a ranking, within its track (national or local). */
export const priorityEntries = pgTable(
  "priority_entries",
  {
    rankingId: integer("ranking_id")
      .notNull()
      .references(() => priorityRankings.id, { onDelete: "cascade" }),
    track: text("track").$type<PriorityTrack>().notNull(),
    position: integer("position").notNull(),
    needId: integer("need_id").references(() => needs.id, { onDelete: "cascade" }),
    projectId: integer("project_id").references(() => projects.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.rankingId, t.track, t.position] })],
);
