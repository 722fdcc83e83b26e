import { date, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import type { Visibility } from "../../platform/access/visibility.ts";
import { belongsTo, createdAtNow, demoFlag, serialId, updatedAtNow } from "../../platform/db/columns.ts";
import { users } from "../../platform/schema.ts";
import { decisions } from "../decisions/schema.ts";
import { networks } from "../networks/schema.ts";
import { surveys } from "../surveys/schema.ts";

/** The annual plan (årsplan) looks ahead to a year; the annual report (årsrapport) looks back on one. */
export const ANNUAL_KINDS = ["plan", "report"] as const;
export type AnnualKind = (typeof ANNUAL_KINDS)[number];

/** Written by the secretariat, adopted by the steering group with a decision, then published. */
export const ANNUAL_STATUSES = ["draft", "adopted", "published"] as const;
export type AnnualStatus = (typeof ANNUAL_STATUSES)[number];

/** A text section the secretariat writes ("Leiaren har ordet", "Prioriteringar for året"). */
export interface AnnualSection {
  heading: string;
  body: string;
}

/**
 * A network's annual plan or annual report for a year: text sections around tables drawn from the
 * year's data. Once adopted, the tables are frozen in `snapshot` as they were, whatever changes later.
 */
export const annualDocuments = pgTable(
  "annual_documents",
  {
    id: serialId(),
    networkId: belongsTo("network_id", () => networks.id),
    year: integer("year").notNull(),
    kind: text("kind").$type<AnnualKind>().notNull(),
    title: text("title").notNull(),
    sections: jsonb("sections").$type<AnnualSection[]>().notNull().default([]),
    status: text("status").$type<AnnualStatus>().notNull().default("draft"),
    /** A draft is for the network's people; published documents are public. */
    visibility: text("visibility").$type<Visibility>().notNull().default("network"),
    /** The survey whose results the document shows. */
    surveyId: integer("survey_id").references(() => surveys.id, { onDelete: "set null" }),
    /** The steering group's decision that adopted it. */
    decisionId: integer("decision_id").references(() => decisions.id, { onDelete: "set null" }),
    adoptedOn: date("adopted_on"),
    /** The tables as they were when it was adopted (null while a draft: drawn from the data at each view). */
    snapshot: jsonb("snapshot").$type<unknown>(),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    updatedById: integer("updated_by_id").references(() => users.id, { onDelete: "set null" }),
    isDemo: demoFlag(),
    createdAt: createdAtNow(),
    updatedAt: updatedAtNow(),
  },
  (t) => [uniqueIndex("annual_documents_network_year_kind_uq").on(t.networkId, t.year, t.kind)],
);
