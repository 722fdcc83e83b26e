import { defineConfig } from "drizzle-kit";

// Migrations are generated from every module's schema.ts and applied at start-up
// to PGlite and PostgreSQL alike (src/platform/db/migrate.ts).
export default defineConfig({
  dialect: "postgresql",
  schema: ["./src/platform/**/schema.ts", "./src/modules/*/schema.ts"],
  out: "./migrations",
});
