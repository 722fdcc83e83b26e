/** Every table of every module, for Drizzle's relational queries and the export/import archive. */

export * from "../../modules/consultations/schema.ts";
export * from "../../modules/decisions/schema.ts";
export * from "../../modules/directory/schema.ts";
export * from "../../modules/needs/schema.ts";
export * from "../../modules/networks/schema.ts";
export * from "../../modules/projects/schema.ts";
export * from "../../modules/roadmap/schema.ts";
export * from "../../modules/solutions/schema.ts";
export * from "../../modules/strategies/schema.ts";
export * from "../schema.ts";
