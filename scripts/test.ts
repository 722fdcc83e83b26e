/**
 * The test command: every test on the embedded database, the browser journeys in Chromium, and,
 * when a PostgreSQL server is given (TEST_DATABASE_URL, set by .ci/run), every database test a
 * second time against it. Ends with one line CI reads: "N passed, N failed".
 */
import { spawnSync } from "node:child_process";
import { existsSync, globSync } from "node:fs";
import process from "node:process";
import { pgliteSnapshot } from "../test/support/db.ts";

const serverTests = [...globSync("src/**/*.test.ts"), ...globSync("test/*.test.ts")].sort();
const browserTests = globSync("test/browser/*.test.ts").sort();
const pgUrl = process.env.TEST_DATABASE_URL;

if (!existsSync(process.env.CHROMIUM_PATH ?? "/usr/bin/chromium")) {
  console.error("Chromium is missing: install it with `apt-get install -y chromium` (the browser tests need it).");
  process.exit(1);
}

// Make the shared snapshot once, before test files race to make it.
await pgliteSnapshot();

const totals = { passed: 0, failed: 0, skipped: 0 };

function run(label: string, files: string[], env: Record<string, string | undefined>) {
  console.log(`\n=== ${label} (${files.length} files) ===`);
  const result = spawnSync(
    process.execPath,
    ["--import", "tsx", "--test", "--test-concurrency=2", "--test-reporter=spec", ...files],
    { env: { ...process.env, ...env }, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 },
  );
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  const count = (word: string) => Number(result.stdout.match(new RegExp(`ℹ ${word} (\\d+)`))?.[1] ?? 0);
  totals.passed += count("pass");
  totals.failed += count("fail") + count("cancelled");
  totals.skipped += count("skipped");
  if (result.status !== 0 && count("fail") + count("cancelled") === 0) totals.failed += 1;
}

const only = process.argv.slice(2);
if (only.length) {
  run("selected tests", only, {});
} else {
  run("server tests on the embedded database", serverTests, { DATABASE_URL: undefined, SAMVERK_TEST_PG_URL: pgUrl });
  run("browser journeys in Chromium", browserTests, { DATABASE_URL: undefined });
  if (pgUrl) run("server tests on PostgreSQL", serverTests, { DATABASE_URL: pgUrl, SAMVERK_TEST_PG_URL: pgUrl });
  else console.log("\n(TEST_DATABASE_URL is not set: the PostgreSQL pass was not run; .ci/run sets it.)");
}

console.log(`\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ""}`);
process.exit(totals.failed > 0 ? 1 : 0);
