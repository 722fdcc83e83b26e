import { modules } from "./modules/index.ts";
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
  demoLoaded: boolean;
}

/**
 * What every start does before it listens: migrate; bring each module's shipped data up to date (the
 * reference data at the first start, the catalogue of national solutions every time); at the first
 * start, unless switched off, load the demo data. Safe to run from several processes at once on PostgreSQL:
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
  // Shipped data (the reference data at the first start, the national catalogue and shared themes at every start).
  for (const { shipped } of modules) await shipped?.update(db, { always: false, progress });
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
      // The demo's own sign-in, documented in the README. Never on an installation started with SAMVERK_DEMO=0.
      // Made first, so demo data may give it things of its own (what it follows).
      await ctx.services.users.createAdmin(DEMO_ADMIN);
      const seeded = modules.filter((module) => module.seed);
      for (const [i, module] of seeded.entries()) {
        progress(`first start: loading demo data, ${module.name} (${i + 1} of ${seeded.length})`);
        await module.seed?.(ctx);
      }
      demoLoaded = true;
    }
    await setSetting(db, "initialised", new Date().toISOString());
  }
  return { demoLoaded };
}
