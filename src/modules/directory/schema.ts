import { type SQLWrapper, sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  date,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { belongsTo, createdAtNow, demoFlag, serialId, updatedAtNow } from "../../platform/db/columns.ts";
import { users } from "../../platform/schema.ts";
import { searchIndex } from "../../platform/search/match.ts";

export const ORGANISATION_KINDS = [
  "municipality",
  "county",
  "county_municipality",
  "it_cooperation",
  "state_agency",
  "association",
  "company",
  "other",
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const MALFORMS = ["bokmal", "nynorsk", "neutral"] as const;
export type Malform = (typeof MALFORMS)[number];

/** An organisation's searched text: its names, and what it says of itself (decision 0034). */
export const organisationSearchFields = (t: { name: SQLWrapper; description: SQLWrapper; adminCentre: SQLWrapper }) => ({
  title: t.name,
  summary: t.description,
  body: [t.adminCentre],
});

/** A person's searched text: name and title. */
export const personSearchFields = (t: { name: SQLWrapper; title: SQLWrapper }) => ({ title: t.name, summary: t.title });

export const organisations = pgTable(
  "organisations",
  {
    id: serialId(),
    kind: text("kind").$type<OrganisationKind>().notNull(),
    /** Official name, with Sami or Kven forms where they exist ("Kautokeino - Guovdageaidnu"). */
    name: text("name").notNull(),
    /** The Norwegian form alone, used for sorting and short labels. */
    nameNorwegian: text("name_norwegian").notNull(),
    otherNames: text("other_names").array().notNull().default(sql`'{}'::text[]`),
    /** kommunenummer (4 digits) or fylkesnummer (2 digits); null for other kinds. */
    code: text("code"),
    countyCode: text("county_code"),
    orgNumber: text("org_number"),
    malform: text("malform").$type<Malform>(),
    adminCentre: text("admin_centre"),
    population: integer("population"),
    areaKm2: numeric("area_km2", { precision: 10, scale: 2, mode: "number" }),
    website: text("website"),
    description: text("description").notNull().default(""),
    endedOn: date("ended_on"),
    successorId: integer("successor_id").references((): AnyPgColumn => organisations.id),
    isDemo: demoFlag(),
    createdAt: createdAtNow(),
    updatedAt: updatedAtNow(),
  },
  (t) => [
    uniqueIndex("organisations_kind_code_uq").on(t.kind, t.code),
    uniqueIndex("organisations_org_number_uq").on(t.orgNumber),
    index("organisations_county_idx").on(t.countyCode),
    index("organisations_name_idx").on(t.nameNorwegian),
    searchIndex("organisations_search_text_idx", organisationSearchFields(t)),
  ],
);

/** Member municipalities of an inter-municipal IT cooperation (IKT-samarbeid). */
export const cooperationMembers = pgTable(
  "cooperation_members",
  {
    cooperationId: belongsTo("cooperation_id", () => organisations.id),
    memberId: belongsTo("member_id", () => organisations.id),
  },
  (t) => [primaryKey({ columns: [t.cooperationId, t.memberId] }), index("cooperation_members_member_idx").on(t.memberId)],
);

export const people = pgTable(
  "people",
  {
    id: serialId(),
    name: text("name").notNull(),
    title: text("title").notNull().default(""),
    organisationId: integer("organisation_id").references(() => organisations.id, { onDelete: "set null" }),
    email: text("email").notNull().default(""),
    phone: text("phone").notNull().default(""),
    /**
     * The account of this person, when they have one. Their seats in bodies give that account its body
     * roles only as far as the link reaches (decision 0018): everywhere once the person confirmed it
     * (or an administrator made it), else only in the network whose secretariat made it.
     */
    userId: integer("user_id")
      .unique()
      .references(() => users.id, { onDelete: "set null" }),
    /** When the person (through a link sent to their e-mail) or an administrator confirmed the account link. */
    userConfirmedAt: timestamp("user_confirmed_at", { withTimezone: true }),
    /**
     * The network whose secretariat linked the account without the person's confirmation: the seats
     * count there and nowhere else. (No foreign key: the directory does not reach into the networks
     * module's tables; a removed network simply matches no seat.)
     */
    userNetworkId: integer("user_network_id"),
    isDemo: demoFlag(),
    createdAt: createdAtNow(),
    updatedAt: updatedAtNow(),
  },
  (t) => [
    index("people_org_idx").on(t.organisationId),
    index("people_name_idx").on(t.name),
    searchIndex("people_search_text_idx", personSearchFields(t)),
  ],
);

/**
 * An organisation's population as counted on a date: the reference import records each figure it brings
 * with its date, so that a cost-sharing key can use "the population on 1 January" of a chosen year.
 */
export const populationCounts = pgTable(
  "population_counts",
  {
    organisationId: belongsTo("organisation_id", () => organisations.id),
    countedOn: date("counted_on").notNull(),
    population: integer("population").notNull(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.countedOn] })],
);
