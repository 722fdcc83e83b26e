import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { belongsTo, bytea, createdAtNow, serialId } from "../../platform/db/columns.ts";
import type { CheckedRow, ImportCounts, Mapping } from "../../platform/import/importer.ts";
import { users } from "../../platform/schema.ts";
import { networks } from "../networks/schema.ts";

/** A run is mapped (and previewed) until it is applied; an applied run keeps its report. */
export const IMPORT_STATES = ["mapping", "applied"] as const;
export type ImportState = (typeof IMPORT_STATES)[number];

/** What an applied run did, row by row, as the report shows it. */
export interface ImportReport extends ImportCounts {
  rows: Pick<CheckedRow, "line" | "label" | "action">[];
}

/**
 * An upload into a network, kept from the upload to the report so that nothing sent is lost between
 * the steps (and a mapping can be changed and the preview read again). Runs are removed after 90 days.
 */
export const importRuns = pgTable(
  "import_runs",
  {
    id: serialId(),
    networkId: belongsTo("network_id", () => networks.id),
    /** Who uploaded it; null once their account is gone. */
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    kind: text("kind").notNull(),
    fileName: text("file_name").notNull(),
    content: bytea("content").notNull(),
    headers: jsonb("headers").$type<string[]>().notNull(),
    rowCount: integer("row_count").notNull(),
    /** For each field, the column it is read from; null until the mapping is saved. */
    mapping: jsonb("mapping").$type<Mapping>(),
    state: text("state").$type<ImportState>().notNull().default("mapping"),
    report: jsonb("report").$type<ImportReport>(),
    createdAt: createdAtNow(),
    appliedAt: timestamp("applied_at", { withTimezone: true }),
  },
  (t) => [index("import_runs_network_idx").on(t.networkId, t.createdAt)],
);

/**
 * A mapping a network saved for reuse: for each field, the header of the column it is read from, so
 * that it fits next month's file whatever order its columns come in.
 */
export const importMappings = pgTable(
  "import_mappings",
  {
    id: serialId(),
    networkId: belongsTo("network_id", () => networks.id),
    kind: text("kind").notNull(),
    name: text("name").notNull(),
    headers: jsonb("headers").$type<Record<string, string>>().notNull(),
    createdById: integer("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAtNow(),
  },
  (t) => [uniqueIndex("import_mappings_name_uq").on(t.networkId, t.kind, t.name)],
);
