import { count, eq } from "drizzle-orm";
import { importReference } from "./modules/directory/reference.ts";
import { organisations } from "./modules/directory/schema.ts";
import { modules } from "./modules/index.ts";
import { importCatalogue } from "./modules/roadmap/index.ts";
import { ThemeRepo } from "./modules/strategies/themes/themes.repo.ts";
import { systemActor } from "./platform/access/actor.ts";
import type { Config } from "./platform/config.ts";
import type { Database } from "./platform/db/client.ts";
import { runMigrations } from "./platform/db/migrate.ts";
import type { AppContext } from "./platform/module.ts";
import { getSetting, setSetting } from "./platform/secret.ts";
import { createServices } from "./platform/services.ts";

export const DEMO_ADMIN = { email: "demo@samverk.example", name: "Demo Administrator", password: "samverk-demo-2026" };

/** Told what a start is doing before it does it, so a long first start shows where it is. */
export type PrepareProgress = (step: string) => void;

export interface PrepareResult {
  referenceLoaded: boolean;
  demoLoaded: boolean;
}

/**
 * What every start does before it listens: migrate; bring the catalogue of national solutions up to
 * date; at the first start, load the reference data and, unless switched off, the demo data. Safe to run from several processes at once on PostgreSQL:
 * each step is guarded by a check inside a transaction or by an idempotent write.
 */
export async function prepareDatabase(
  database: Database,
  config: Pick<Config, "SAMVERK_DEMO" | "SAMVERK_SESSION_HOURS">,
  progress: PrepareProgress = () => undefined,
): Promise<PrepareResult> {
  progress("applying database migrations");
  await runMigrations(database);
  const { db } = database;
  const [row] = await db.select({ n: count() }).from(organisations).where(eq(organisations.kind, "municipality"));
  let referenceLoaded = false;
  if ((row?.n ?? 0) === 0) {
    progress("first start: loading the reference data (counties and municipalities)");
    await importReference(db, systemActor("reference import"));
    referenceLoaded = true;
  }
  // The national catalogue is real data: every start brings it up to date with the shipped file.
  progress("bringing the catalogue of national solutions up to date");
  await importCatalogue(db, systemActor("reference import"));
  await new ThemeRepo(db).loadShared();
  let demoLoaded = false;
  if ((await getSetting(db, "initialised")) === undefined) {
    if (config.SAMVERK_DEMO) {
      const ctx: AppContext = {
        config: config as Config,
        database,
        db,
        services: createServices(db, config, modules),
        modules,
      };
      const seeded = modules.filter((module) => module.seed);
      for (const [i, module] of seeded.entries()) {
        progress(`first start: loading demo data, ${module.name} (${i + 1} of ${seeded.length})`);
        await module.seed?.(ctx);
      }
      // The demo's own sign-in, documented in the README. Never on an installation started with SAMVERK_DEMO=0.
      await ctx.services.users.createAdmin(DEMO_ADMIN);
      demoLoaded = true;
    }
    await setSetting(db, "initialised", new Date().toISOString());
  }
  return { referenceLoaded, demoLoaded };
}
