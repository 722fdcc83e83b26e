import { type SQLWrapper, sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import type { ApiScope } from "./auth/api-tokens.ts";
import { belongsTo, bytea, createdAtNow, serialId } from "./db/columns.ts";
import { type SearchFields, searchIndex } from "./search/match.ts";

/** Tables of the kernel: accounts, sessions, the audit trail and installation settings. */

export const users = pgTable("users", {
  id: serialId(),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  passwordHash: text("password_hash"),
  isAdmin: boolean("is_admin").notNull().default(false),
  /** Installation-wide roles beyond administrator, such as "national_editor" (see PLATFORM_ROLES). */
  roles: text("roles").array().notNull().default([]),
  createdAt: createdAtNow(),
  /** "issuer|sub" of the OpenID Connect identity linked to this account. */
  oidcSubject: text("oidc_subject").unique(),
  /** Set when the person asked to be deleted: the account is anonymised, never removed, so the audit trail stays whole. */
  deletedAt: timestamp("deleted_at", { withTimezone: true }),
  /** Part of the personal calendar feed's link: raised when the person asks for a new link, so the old one stops working. */
  calendarFeedVersion: integer("calendar_feed_version").notNull().default(0),
});

export const sessions = pgTable(
  "sessions",
  {
    /** sha256 of the cookie's token: a leaked table does not give working sessions. */
    idHash: text("id_hash").primaryKey(),
    userId: belongsTo("user_id", () => users.id),
    createdAt: createdAtNow(),
    /** Absolute end of the session, whatever its use. */
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    /** Idle timeout is counted from here; refreshed at most once a minute. */
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    /** The browser, shortened, so people recognise their sessions. */
    userAgent: text("user_agent").notNull().default(""),
    /** For a sign-in through OpenID Connect: the ID token, to sign out at the provider too. */
    oidcIdToken: text("oidc_id_token"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** What an audit entry records: a record made, changed, removed, or a period ended (a seat, an access). */
export const AUDIT_ACTIONS = ["create", "update", "delete", "end"] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    /** null for changes the system made itself (reference import, demo data). */
    // Accounts are anonymised, never deleted, so the trail never loses its actor (and never changes).
    actorUserId: integer("actor_user_id").references(() => users.id, { onDelete: "no action" }),
    actorLabel: text("actor_label").notNull(),
    /** The request that made the change, to find its log line; null for the CLI and the system. */
    requestId: text("request_id"),
    /** Keyed hash of the client's IP address; never the address itself. */
    ipHash: text("ip_hash"),
    action: text("action").$type<AuditAction>().notNull(),
    entity: text("entity").notNull(),
    entityId: text("entity_id").notNull(),
    before: jsonb("before"),
    after: jsonb("after"),
  },
  (t) => [index("audit_entity_idx").on(t.entity, t.entityId, t.at), index("audit_at_idx").on(t.at)],
);

export const appSettings = pgTable("app_settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().default(sql`now()`),
});

/**
 * Every e-mail Samverk sends, written in the same transaction as the change that causes it. With SMTP
 * configured a delivery loop sends what is pending; without it, the outbox is where mail stays, and the
 * administrator reads it in the app.
 */
export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: serialId(),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    /** The same as HTML, where the mail has it (a newsletter). */
    html: text("html"),
    /** An iCalendar text sent along as an invitation (a gathering's receipt and reminder), if any. */
    calendar: text("calendar"),
    /** Where the mail says how to stop it (RFC 2369, RFC 8058): an address whose POST unsubscribes at once. */
    unsubscribeUrl: text("unsubscribe_url"),
    /** pending, sent, or failed after the last attempt. */
    status: text("status").$type<"pending" | "sent" | "failed">().notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAtNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [index("mail_outbox_due_idx").on(t.status, t.nextAttemptAt)],
);

/** Single-use links sent by e-mail (password reset, e-mail change, a person's confirmation of an account link), stored as hashes only. */
export const authTokens = pgTable(
  "auth_tokens",
  {
    idHash: text("id_hash").primaryKey(),
    kind: text("kind").$type<"password_reset" | "email_change" | "person_link">().notNull(),
    userId: belongsTo("user_id", () => users.id),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    /** What the token carries: for an e-mail change, the new address; for a person link, the request's id. */
    payload: text("payload"),
    createdAt: createdAtNow(),
  },
  (t) => [index("auth_tokens_user_idx").on(t.userId)],
);

/**
 * Counters for throttling sign-in and other abusable forms, in the database so every app process
 * agrees. Keys name what is counted ("login-ip:<hash>", "login-account:<e-mail>"); IP addresses are
 * only ever stored as keyed hashes.
 */
export const throttles = pgTable("throttles", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  windowStartedAt: timestamp("window_started_at", { withTimezone: true }).notNull().defaultNow(),
  blockedUntil: timestamp("blocked_until", { withTimezone: true }),
});

/**
 * Form posts that created something, kept for a few minutes so the same form sent again (Back, then
 * send) answers the same redirect instead of storing twice (decision 0022). The id is a keyed hash of
 * who sent what where; the answer's address is encrypted with a key made from the same, so the table
 * holds neither the text sent nor a receipt's secret.
 */
export const formSubmissions = pgTable(
  "form_submissions",
  {
    id: text("id").primaryKey(),
    location: text("location").notNull(),
    createdAt: createdAtNow(),
  },
  (t) => [index("form_submissions_created_idx").on(t.createdAt)],
);

/** An invitation by e-mail to create an account: valid 7 days, used once; resending replaces the link. */
export const invitations = pgTable(
  "invitations",
  {
    id: serialId(),
    email: text("email").notNull(),
    name: text("name").notNull().default(""),
    /** The network the person is invited to, when there is one. */
    networkId: integer("network_id"),
    /** What accepting gives in that network: its role, the organisations to represent, the person record to link. */
    role: text("role").$type<"member" | "secretariat">(),
    organisationIds: integer("organisation_ids").array().notNull().default(sql`'{}'::integer[]`),
    personId: integer("person_id"),
    invitedById: integer("invited_by_id").references(() => users.id),
    tokenHash: text("token_hash").notNull().unique(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
    userId: integer("user_id").references(() => users.id),
    createdAt: createdAtNow(),
  },
  (t) => [index("invitations_email_idx").on(t.email), index("invitations_inviter_idx").on(t.invitedById, t.createdAt)],
);

/** Personal access tokens for the JSON API: hashed, shown once, scoped, optionally limited to one network. */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: serialId(),
    userId: belongsTo("user_id", () => users.id),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    /** "read" and/or "write". */
    scopes: text("scopes").array().$type<ApiScope[]>().notNull(),
    networkId: integer("network_id"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: createdAtNow(),
  },
  (t) => [index("api_tokens_user_idx").on(t.userId)],
);

/** Fixed-window request counters for API rate limits, shared by every app process. */
export const rateCounters = pgTable("rate_counters", {
  key: text("key").primaryKey(),
  windowStartedAt: timestamp("window_started_at", { withTimezone: true }).notNull().defaultNow(),
  hits: integer("hits").notNull().default(0),
});

/** A stored file's searched text: what it says, as extracted when it was stored (decision 0033). */
export const fileTextSearchFields = (t: { text: SQLWrapper }): SearchFields => ({ title: t.text });

/**
 * Uploaded files, in the database so that backups, the archive and every app process see the same
 * bytes. The type is what the content is (sniffed), never what the browser claimed. `text` is the
 * document's text, extracted once when the file is stored (files/text.ts, decision 0033), for search;
 * null when it was not extracted (not a kind with text, stored before extraction, or unreadable).
 */
export const files = pgTable(
  "files",
  {
    id: serialId(),
    name: text("name").notNull(),
    mediaType: text("media_type").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    content: bytea("content").notNull(),
    text: text("text"),
    createdById: integer("created_by_id").references(() => users.id),
    createdAt: createdAtNow(),
  },
  // The extracted text is searched through its own index (documentSearch), whoever owns the file.
  (t) => [searchIndex("files_text_search_idx", fileTextSearchFields(t))],
);

/**
 * Words of the two written standards that mean the same ("teneste" ⇄ "tjeneste"), so a query in either
 * finds records written in the other (decision 0034). The shipped list (data/search/nn-nb.tsv) is
 * brought in at every start; an administrator adds the installation's own.
 */
export const searchWordPairs = pgTable(
  "search_word_pairs",
  {
    id: serialId(),
    nynorsk: text("nynorsk").notNull(),
    bokmal: text("bokmal").notNull(),
    /** "shipped" from the list in the code, or "local", added by an administrator. */
    origin: text("origin").$type<"shipped" | "local">().notNull(),
    createdAt: createdAtNow(),
  },
  (t) => [uniqueIndex("search_word_pairs_pair_idx").on(t.nynorsk, t.bokmal)],
);

/**
 * What a person follows by their own choice (`following`), or has stopped hearing of among the records
 * they follow by their part in them (`stopped`): following by one's part is never stored, it follows the
 * roles as they are (decision 0035). A record is a module's kind and id, as its manifest's followables say.
 */
export const follows = pgTable(
  "follows",
  {
    userId: belongsTo("user_id", () => users.id),
    kind: text("kind").notNull(),
    recordId: integer("record_id").notNull(),
    state: text("state").$type<"following" | "stopped">().notNull(),
    createdAt: createdAtNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind, t.recordId] }), index("follows_record_idx").on(t.kind, t.recordId)],
);

/**
 * What happened to a record, published by its module in the transaction of the change (decision 0035).
 * It holds the record's reference and small values (a phase, a date), never text copied from the
 * record: what a reader sees of it is read from the record when shown, under the rule of that moment.
 */
export const activityEvents = pgTable(
  "activity_events",
  {
    id: serialId(),
    kind: text("kind").notNull(),
    recordId: integer("record_id").notNull(),
    type: text("type").notNull(),
    data: jsonb("data").$type<Record<string, string | number | null>>().notNull().default({}),
    /** The record the event is about, where it is not the one it is told under (a decision told under its body). */
    aboutKind: text("about_kind"),
    aboutId: integer("about_id"),
    actorUserId: integer("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAtNow(),
  },
  (t) => [index("activity_events_record_idx").on(t.kind, t.recordId, t.id)],
);

/** How far each person has looked at their activity: events after it are new. Their own place, which no page shared by others shows, so it does not count as a change of the data. */
export const activitySeen = pgTable("activity_seen", {
  userId: integer("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  lastSeenEventId: integer("last_seen_event_id").notNull().default(0),
});

/** How often one hears by mail of what one follows, per kind of record (decision 0035). */
export const DIGEST_FREQUENCIES = ["immediately", "daily", "weekly", "never"] as const;
export type DigestFrequency = (typeof DIGEST_FREQUENCIES)[number];

/**
 * Each person's choice per kind of record they follow ("project"); a kind without a row is mailed daily.
 * Their own settings, which no shared page shows, so they do not count as a change of the data.
 */
export const activitySettings = pgTable(
  "activity_settings",
  {
    userId: belongsTo("user_id", () => users.id),
    kind: text("kind").notNull(),
    frequency: text("frequency").$type<DigestFrequency>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);

/**
 * Where each person's mail of what they follow has got to, per frequency (the events up to each id
 * are told), in their language, with the key of the link that stops it without signing in (RFC 8058).
 */
export const activityMail = pgTable("activity_mail", {
  userId: integer("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  locale: text("locale").notNull().default("nb"),
  unsubscribeKey: text("unsubscribe_key").notNull().unique(),
  immediateEventId: integer("immediate_event_id").notNull(),
  dailyEventId: integer("daily_event_id").notNull(),
  weeklyEventId: integer("weekly_event_id").notNull(),
  dailySentAt: timestamp("daily_sent_at", { withTimezone: true }),
  weeklySentAt: timestamp("weekly_sent_at", { withTimezone: true }),
});
