import { type SQLWrapper, sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import type { Visibility } from "../../platform/access/visibility.ts";
import { belongsTo, createdAtNow, demoFlag, serialId, updatedAtNow } from "../../platform/db/columns.ts";
import { documentColumns } from "../../platform/files/documents.ts";
import type { Locale } from "../../platform/i18n/i18n.ts";
import { users } from "../../platform/schema.ts";
import { searchIndex } from "../../platform/search/match.ts";
import { organisations } from "../directory/schema.ts";
import { networks } from "../networks/schema.ts";
import { subjectNetworks } from "../subjects/schema.ts";

/** What kind of gathering (samling) a network holds. */
export const GATHERING_KINDS = ["conference", "seminar", "workshop", "webinar", "information_meeting"] as const;
export type GatheringKind = (typeof GATHERING_KINDS)[number];

/**
 * Who may register: anyone (no account needed); chief executives and councillors (anyone, saying
 * which they are); the network's own people or one subject network's, signed in; or those the
 * organiser invited, by the link in their invitation.
 */
export const AUDIENCES = ["everyone", "leaders", "members", "subject_network", "invited"] as const;
export type Audience = (typeof AUDIENCES)[number];

/** What a person registering for a gathering for chief executives and councillors says they are. */
export const LEADER_ROLES = ["chief_executive", "councillor", "other"] as const;
export type LeaderRole = (typeof LEADER_ROLES)[number];

/** A registration holds a place, waits for one (in the order registered), or was cancelled. */
export const REGISTRATION_STATUSES = ["confirmed", "waiting", "cancelled"] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

/** A gathering's searched text, for the site search (decision 0034): its title, what it is about, and what came of it. */
export const gatheringSearchFields = (t: { title: SQLWrapper; description: SQLWrapper; report: SQLWrapper }) => ({
  title: t.title,
  summary: t.description,
  body: [t.report],
});

/** A gathering a network holds: a conference, seminar, workshop, webinar or information meeting. */
export const gatherings = pgTable(
  "gatherings",
  {
    id: serialId(),
    networkId: belongsTo("network_id", () => networks.id),
    /**
     * Other networks the organiser invites to hold it together: each that accepts is a co-host (see
     * gathering_hosts). Only a public gathering is held together.
     */
    invitedNetworkIds: integer("invited_network_ids").array().notNull().default(sql`'{}'::int[]`),
    /** The subject network the gathering is for, if any: it is listed on that subject network's page too. */
    subjectNetworkId: integer("subject_network_id").references(() => subjectNetworks.id, { onDelete: "set null" }),
    kind: text("kind").$type<GatheringKind>().notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    audience: text("audience").$type<Audience>().notNull().default("everyone"),
    /** Who sees the gathering at all: public, or only the network's people (the access kernel's rule). */
    visibility: text("visibility").$type<Visibility>().notNull().default("public"),
    place: text("place").notNull().default(""),
    /** A video link, for a webinar or a gathering held online too. */
    videoUrl: text("video_url").notNull().default(""),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    /** Places; beyond it registrations wait. None: no limit. */
    capacity: integer("capacity"),
    /** The last moment to register; without one, registration closes when the gathering starts. */
    registrationClosesAt: timestamp("registration_closes_at", { withTimezone: true }),
    /** Days after the gathering ends that participants' names and addresses are kept. */
    personalDataDays: integer("personal_data_days").notNull().default(90),
    /** What came of it, written afterwards. */
    report: text("report").notNull().default(""),
    isDemo: demoFlag(),
    createdAt: createdAtNow(),
    updatedAt: updatedAtNow(),
  },
  (t) => [
    index("gatherings_network_idx").on(t.networkId, t.startsAt),
    searchIndex("gatherings_search_text_idx", gatheringSearchFields(t)),
  ],
);

/**
 * A network's acceptance of an invitation to hold a gathering together with its organiser. The
 * organiser invites (the gathering's `invitedNetworkIds`, its own row); the invited network's
 * secretariat accepts (this row, its own): each network writes only what is its own. A co-host is a
 * network invited that has accepted.
 */
export const gatheringHosts = pgTable(
  "gathering_hosts",
  {
    gatheringId: belongsTo("gathering_id", () => gatherings.id),
    networkId: belongsTo("network_id", () => networks.id),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.gatheringId, t.networkId] }), index("gathering_hosts_network_idx").on(t.networkId)],
);

/** One item of a gathering's programme. */
export const gatheringSessions = pgTable(
  "gathering_sessions",
  {
    id: serialId(),
    gatheringId: belongsTo("gathering_id", () => gatherings.id),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    title: text("title").notNull(),
    speakers: text("speakers").notNull().default(""),
    room: text("room").notNull().default(""),
  },
  (t) => [index("gathering_sessions_gathering_idx").on(t.gatheringId, t.startsAt)],
);

/** A question the organiser adds to the registration form (dietary needs, which workshop). */
export const gatheringQuestions = pgTable(
  "gathering_questions",
  {
    id: serialId(),
    gatheringId: belongsTo("gathering_id", () => gatherings.id),
    text: text("text").notNull(),
    required: boolean("required").notNull().default(false),
  },
  (t) => [index("gathering_questions_gathering_idx").on(t.gatheringId)],
);

/**
 * A person's registration. Name, organisation and address are personal data: cleared when the
 * gathering's retention runs out, or at once by the person through their receipt's link.
 */
export const gatheringRegistrations = pgTable(
  "gathering_registrations",
  {
    id: serialId(),
    gatheringId: belongsTo("gathering_id", () => gatherings.id),
    status: text("status").$type<RegistrationStatus>().notNull(),
    name: text("name"),
    /** The organisation from the reference data, or, when it is not there, as typed. */
    organisationId: integer("organisation_id").references(() => organisations.id, { onDelete: "set null" }),
    organisationName: text("organisation_name"),
    email: text("email"),
    /** For a gathering for chief executives and councillors: which of them the person is. */
    leaderRole: text("leader_role").$type<LeaderRole>(),
    /** Dietary needs and the like, as the person wrote them. */
    note: text("note").notNull().default(""),
    /** The answers to the organiser's questions, by question id; personal data like the rest. */
    answers: jsonb("answers").$type<Record<string, string>>().notNull().default({}),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    /** The hash of the secret in the receipt's link (to see, cancel, or remove one's data). */
    receiptHash: text("receipt_hash").notNull(),
    /** The language the person registered in: their mails are written in it. */
    locale: text("locale").$type<Locale>().notNull().default("nb"),
    /** When the reminder the day before was sent; claimed once, whichever process sends it. */
    remindedAt: timestamp("reminded_at", { withTimezone: true }),
    /** Marked by the organiser afterwards; null until then. */
    attended: boolean("attended"),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    personalDataRemovedAt: timestamp("personal_data_removed_at", { withTimezone: true }),
    isDemo: demoFlag(),
    createdAt: createdAtNow(),
  },
  (t) => [
    index("gathering_registrations_gathering_idx").on(t.gatheringId, t.status, t.id),
    // A person's own registrations: the front page's "what waits" and who follows a gathering by registering.
    index("gathering_registrations_user_idx").on(t.userId).where(sql`${t.userId} is not null`),
    uniqueIndex("gathering_registrations_receipt_uq").on(t.receiptHash),
    // One place per address and gathering: a second registration with the same address is refused.
    uniqueIndex("gathering_registrations_email_uq")
      .on(t.gatheringId, sql`lower(${t.email})`)
      .where(sql`${t.status} <> 'cancelled' and ${t.email} is not null`),
  ],
);

/**
 * A person the organiser invited to a gathering by invitation: their address (personal data, cleared
 * with the gathering's other personal data) and the hash of the secret in their invitation's link,
 * which lets one registration in.
 */
export const gatheringInvitations = pgTable(
  "gathering_invitations",
  {
    id: serialId(),
    gatheringId: belongsTo("gathering_id", () => gatherings.id),
    email: text("email"),
    tokenHash: text("token_hash").notNull(),
    /** The registration it let in, once used. */
    registrationId: integer("registration_id").references(() => gatheringRegistrations.id, { onDelete: "set null" }),
    isDemo: demoFlag(),
    createdAt: createdAtNow(),
  },
  (t) => [
    uniqueIndex("gathering_invitations_token_uq").on(t.tokenHash),
    index("gathering_invitations_gathering_idx").on(t.gatheringId),
  ],
);

/** A gathering's materials afterwards: its documents (slides, a summary) … */
export const gatheringDocuments = pgTable(
  "gathering_documents",
  {
    ...documentColumns(),
    gatheringId: belongsTo("gathering_id", () => gatherings.id),
  },
  (t) => [index("gathering_documents_gathering_idx").on(t.gatheringId)],
);

/** … and its links (a recording, a page elsewhere). */
export const gatheringLinks = pgTable(
  "gathering_links",
  {
    id: serialId(),
    gatheringId: belongsTo("gathering_id", () => gatherings.id),
    title: text("title").notNull(),
    url: text("url").notNull(),
    createdAt: createdAtNow(),
  },
  (t) => [index("gathering_links_gathering_idx").on(t.gatheringId)],
);
