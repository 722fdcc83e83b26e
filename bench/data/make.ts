/** Makes a generated data set from nothing: migrations, reference data, then the national content. */
import { sql } from "drizzle-orm";
import { prepareDatabase } from "../../src/bootstrap.ts";
import { openDatabase } from "../../src/platform/db/client.ts";
import { generateNationalData, type Manifest } from "./generate.ts";
import { type DataTarget, dataTarget, resetTarget, writeManifest } from "./target.ts";

/** Makes the data set at this scale and returns where it is, with its manifest. */
export async function makeDataSet(options: {
  scale: number;
  seed?: number;
  serverUrl?: string | undefined;
  quiet?: boolean;
}): Promise<{ target: DataTarget; manifest: Manifest }> {
  const target = dataTarget(options.scale, options.serverUrl);
  await resetTarget(target, options.serverUrl);
  const started = performance.now();
  const database = await openDatabase({ databaseUrl: target.databaseUrl, pgliteDir: `${target.dataDir}/pglite` });
  try {
    await prepareDatabase(database, { SAMVERK_DEMO: false, SAMVERK_SESSION_HOURS: 12 });
    let last = "";
    const prepared = performance.now();
    // One transaction: the embedded database then writes its log once, not after every batch.
    const manifest = await database.db.transaction((tx) =>
      generateNationalData(tx, {
        scale: options.scale,
        ...(options.seed === undefined ? {} : { seed: options.seed }),
        onProgress: (step) => {
          if (options.quiet || step === last) return;
          last = step;
          const seconds = ((performance.now() - started) / 1000).toFixed(1);
          process.stderr.write(`  ${seconds.padStart(6)} s  ${step}\n`);
        },
      }),
    );
    // Planner statistics and the visibility map, as a database that has been running a while would
    // have them (autovacuum on PostgreSQL, the daily run on the embedded database).
    await database.db.execute(sql`vacuum (analyze)`);
    writeManifest(target, manifest);
    if (!options.quiet) {
      const total = Object.values(manifest.rows).reduce((a, b) => a + b, 0);
      const seconds = (from: number) => ((performance.now() - from) / 1000).toFixed(1);
      console.log(
        `${target.label}: ${total.toLocaleString("en")} rows in ${seconds(prepared)} s (after ${((prepared - started) / 1000).toFixed(1)} s of migrations and reference data)`,
      );
      for (const [step, n] of Object.entries(manifest.rows)) console.log(`  ${step.padEnd(22)} ${n.toLocaleString("en")}`);
    }
    return { target, manifest };
  } finally {
    await database.close();
  }
}
