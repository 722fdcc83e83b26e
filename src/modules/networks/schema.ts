import type { SQLWrapper } from "drizzle-orm";
import { date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import type { Visibility } from "../../platform/access/visibility.ts";
import { belongsTo, createdAtNow, demoFlag, refersTo, serialId, updatedAtNow } from "../../platform/db/columns.ts";
import { documentColumns } from "../../platform/files/documents.ts";
import { users } from "../../platform/schema.ts";
import { type SearchFields, searchIndex } from "../../platform/search/match.ts";
import { organisations, people } from "../directory/schema.ts";

export const MEMBERSHIP_LEVELS = ["member", "observer", "project_only"] as const;
export type MembershipLevel = (typeof MEMBERSHIP_LEVELS)[number];

export const BODY_KINDS = [
  "steering_group",
  "working_committee",
  "resource_group",
  "secretariat",
  "subject_group",
  "working_group",
  "other",
] as const;
export type BodyKind = (typeof BODY_KINDS)[number];

/** A body's searched text: its name and mandate (decision 0034). */
export const bodySearchFields = (t: { name: SQLWrapper; mandate: SQLWrapper }): SearchFields => ({
  title: t.name,
  summary: t.mandate,
});

/** A person's standing in a network, granted by its secretariat; body seats and representations come on top. */
export const ACCESS_ROLES = ["member", "secretariat"] as const;
export type AccessRole = (typeof ACCESS_ROLES)[number];

export const BODY_ROLES = ["leader", "deputy", "member", "secretary"] as const;
export type BodyRole = (typeof BODY_ROLES)[number];

export const networks = pgTable("networks", {
  id: serialId(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  shortName: text("short_name").notNull(),
  description: text("description").notNull().default(""),
  hostOrganisationId: integer("host_organisation_id").references(() => organisations.id, { onDelete: "set null" }),
  isDemo: demoFlag(),
  createdAt: createdAtNow(),
  updatedAt: updatedAtNow(),
});

export const networkCounties = pgTable(
  "network_counties",
  {
    networkId: belongsTo("network_id", () => networks.id),
    countyCode: text("county_code").notNull(),
  },
  (t) => [primaryKey({ columns: [t.networkId, t.countyCode] })],
);

export const memberships = pgTable(
  "memberships",
  {
    id: serialId(),
    networkId: belongsTo("network_id", () => networks.id),
    organisationId: refersTo("organisation_id", () => organisations.id),
    level: text("level").$type<MembershipLevel>().notNull(),
    fromDate: date("from_date"),
    toDate: date("to_date"),
    representedById: integer("represented_by_id").references(() => organisations.id, { onDelete: "set null" }),
    createdAt: createdAtNow(),
    updatedAt: updatedAtNow(),
  },
  (t) => [
    uniqueIndex("memberships_network_org_uq").on(t.networkId, t.organisationId),
    index("memberships_org_idx").on(t.organisationId),
  ],
);

export const bodies = pgTable(
  "bodies",
  {
    id: serialId(),
    networkId: belongsTo("network_id", () => networks.id),
    kind: text("kind").$type<BodyKind>().notNull(),
    name: text("name").notNull(),
    mandate: text("mandate").notNull().default(""),
    /** Public by default; "body" keeps the body's page and members to its members and the secretariat. */
    visibility: text("visibility").$type<Visibility>().notNull().default("public"),
    createdAt: createdAtNow(),
    updatedAt: updatedAtNow(),
  },
  (t) => [index("bodies_network_idx").on(t.networkId), searchIndex("bodies_search_text_idx", bodySearchFields(t))],
);

export const bodyMembers = pgTable(
  "body_members",
  {
    id: serialId(),
    bodyId: belongsTo("body_id", () => bodies.id),
    personId: belongsTo("person_id", () => people.id),
    organisationId: integer("organisation_id").references(() => organisations.id, { onDelete: "set null" }),
    role: text("role").$type<BodyRole>().notNull(),
    fromDate: date("from_date"),
    toDate: date("to_date"),
    createdAt: createdAtNow(),
  },
  (t) => [index("body_members_body_idx").on(t.bodyId), index("body_members_person_idx").on(t.personId)],
);

/** A network's published contact persons: the only people whose e-mail and phone are shown publicly. */
export const networkContacts = pgTable(
  "network_contacts",
  {
    networkId: belongsTo("network_id", () => networks.id),
    personId: belongsTo("person_id", () => people.id),
    role: text("role").notNull().default(""),
  },
  (t) => [primaryKey({ columns: [t.networkId, t.personId] }), index("network_contacts_person_idx").on(t.personId)],
);

/**
 * Who may act in a network beyond reading what is public: one row per account and network. Access is
 * always granted explicitly by the network's secretariat (or an administrator), so a body seat or an
 * account link made elsewhere never opens a network by itself.
 */
export const networkAccess = pgTable(
  "network_access",
  {
    networkId: belongsTo("network_id", () => networks.id),
    userId: belongsTo("user_id", () => users.id),
    role: text("role").$type<AccessRole>().notNull(),
    createdAt: createdAtNow(),
  },
  (t) => [primaryKey({ columns: [t.networkId, t.userId] }), index("network_access_user_idx").on(t.userId)],
);

/** The organisations an account acts for in a network (organisation representative). */
export const representations = pgTable(
  "representations",
  {
    networkId: belongsTo("network_id", () => networks.id),
    userId: belongsTo("user_id", () => users.id),
    organisationId: belongsTo("organisation_id", () => organisations.id),
    createdAt: createdAtNow(),
  },
  (t) => [primaryKey({ columns: [t.networkId, t.userId, t.organisationId] }), index("representations_user_idx").on(t.userId)],
);

/** Documents a body keeps (mandate, minutes, reports), each with its own visibility. */
export const bodyDocuments = pgTable(
  "body_documents",
  {
    ...documentColumns(),
    bodyId: belongsTo("body_id", () => bodies.id),
    visibility: text("visibility").$type<Visibility>().notNull().default("public"),
  },
  (t) => [index("body_documents_body_idx").on(t.bodyId)],
);

/**
 * A secretariat's request to link an account to a person record that takes part in other networks
 * (or is linked to another account): it waits for the person's confirmation through a single-use
 * link sent to the person's e-mail (decision 0018). Until then the link does not exist and carries
 * nothing. Closed when confirmed, withdrawn or replaced by a newer request.
 */
export const personLinkRequests = pgTable(
  "person_link_requests",
  {
    id: serialId(),
    personId: belongsTo("person_id", () => people.id),
    userId: belongsTo("user_id", () => users.id),
    networkId: belongsTo("network_id", () => networks.id),
    requestedById: integer("requested_by_id").references(() => users.id, { onDelete: "set null" }),
    /** The address the link went to: the person must still have it when they confirm. */
    email: text("email").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    createdAt: createdAtNow(),
  },
  (t) => [
    index("person_link_requests_person_idx").on(t.personId),
    index("person_link_requests_network_user_idx").on(t.networkId, t.userId),
  ],
);
