import { type SQL, type SQLWrapper, sql } from "drizzle-orm";
import { date, index, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { belongsTo, createdAtNow, demoFlag, refersTo, serialId, updatedAtNow } from "../../platform/db/columns.ts";
import { searchIndex } from "../../platform/search/match.ts";
import { organisations, people } from "../directory/schema.ts";
import { projects } from "../projects/schema.ts";

/** Where a solution comes from. */
export const SOLUTION_ORIGINS = ["product", "service", "in_house", "open_source"] as const;
export type SolutionOrigin = (typeof SOLUTION_ORIGINS)[number];

/** publiccode.yml's developmentStatus, used as the solution's maturity. */
export const MATURITIES = ["concept", "development", "beta", "stable", "obsolete"] as const;
export type Maturity = (typeof MATURITIES)[number];

/** publiccode.yml's softwareType. */
export const SOFTWARE_TYPES = [
  "standalone/web",
  "standalone/mobile",
  "standalone/desktop",
  "standalone/backend",
  "standalone/iot",
  "standalone/other",
  "addon",
  "library",
  "configurationFiles",
] as const;
export type SoftwareType = (typeof SOFTWARE_TYPES)[number];

/** publiccode.yml's maintenance.type. */
export const MAINTENANCE_TYPES = ["internal", "contract", "community", "none"] as const;
export type MaintenanceType = (typeof MAINTENANCE_TYPES)[number];

/** What full-text search reads; the index is on this very expression (see decision 0010). */
export const solutionSearchDocument = (t: { name: unknown; summary: unknown; description: unknown; vendor: unknown }): SQL =>
  sql`to_tsvector('norwegian'::regconfig, ${t.name} || ' ' || ${t.summary} || ' ' || ${t.description} || ' ' || ${t.vendor})`;

/** A solution's searched text, for the site search (decision 0034): its name, summary, description and vendor. */
export const solutionSearchFields = (t: {
  name: SQLWrapper;
  summary: SQLWrapper;
  description: SQLWrapper;
  vendor: SQLWrapper;
}) => ({
  title: t.name,
  summary: t.summary,
  body: [t.description, t.vendor],
});

/** A reusable solution: something an organisation uses and offers to others. */
export const solutions = pgTable(
  "solutions",
  {
    id: serialId(),
    name: text("name").notNull(),
    summary: text("summary").notNull().default(""),
    description: text("description").notNull().default(""),
    /** The vendor or maker. */
    vendor: text("vendor").notNull().default(""),
    origin: text("origin").$type<SolutionOrigin>().notNull(),
    category: text("category").notNull().default(""),
    licence: text("licence").notNull().default(""),
    maturity: text("maturity").$type<Maturity>().notNull(),
    softwareType: text("software_type").$type<SoftwareType>().notNull().default("standalone/web"),
    platforms: text("platforms").array().notNull().default(sql`'{web}'::text[]`),
    maintenanceType: text("maintenance_type").$type<MaintenanceType>().notNull().default("contract"),
    /** The source repository or the product's page: publiccode.yml's url. */
    url: text("url").notNull().default(""),
    landingUrl: text("landing_url").notNull().default(""),
    /** The organisation that offers it to others. */
    ownerOrganisationId: refersTo("owner_organisation_id", () => organisations.id),
    contactPersonId: integer("contact_person_id").references(() => people.id, { onDelete: "set null" }),
    isDemo: demoFlag(),
    createdAt: createdAtNow(),
    updatedAt: updatedAtNow(),
  },
  (t) => [
    index("solutions_owner_idx").on(t.ownerOrganisationId),
    index("solutions_search_idx").using("gin", solutionSearchDocument(t)),
    searchIndex("solutions_search_text_idx", solutionSearchFields(t)),
  ],
);

/** Who uses a solution, and since when: organisations add themselves. */
export const solutionUsers = pgTable(
  "solution_users",
  {
    solutionId: belongsTo("solution_id", () => solutions.id),
    organisationId: refersTo("organisation_id", () => organisations.id),
    since: date("since"),
    note: text("note").notNull().default(""),
    createdAt: createdAtNow(),
  },
  (t) => [primaryKey({ columns: [t.solutionId, t.organisationId] }), index("solution_users_org_idx").on(t.organisationId)],
);

/** The projects that introduced a solution. */
export const solutionProjects = pgTable(
  "solution_projects",
  {
    solutionId: belongsTo("solution_id", () => solutions.id),
    projectId: belongsTo("project_id", () => projects.id),
  },
  (t) => [primaryKey({ columns: [t.solutionId, t.projectId] }), index("solution_projects_project_idx").on(t.projectId)],
);
