/**
 * The test command: every test on the embedded database, the browser journeys in Chromium, and,
 * when a PostgreSQL server is given (TEST_DATABASE_URL, set by .ci/run), every database test a
 * second time against it. The three passes are one queue of test processes, the longest first (as
 * long as their files took last time, kept in tmp/), run as many at once as the machine has cores, so
 * no core waits for a pass's last long file while the next pass could run; short test files
 * share a process a few at a time. The slow end-to-end tests (the
 * server started and stopped as a process, the benchmarks) run in the embedded pass only
 * (SAMVERK_SLOW_TESTS=1 there, 0 in the PostgreSQL pass), against both databases.
 * Ends with one line CI reads: "N passed, N failed".
 */
import { spawn } from "node:child_process";
import { existsSync, globSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import process from "node:process";
import { dropOldPgTemplates, pgliteSnapshot, pgTemplate } from "../test/support/db.ts";

const serverTests = [...globSync("src/**/*.test.ts"), ...globSync("src/**/*.test.tsx"), ...globSync("test/*.test.ts")].sort();
const browserTests = globSync("test/browser/*.test.ts").sort();
const pgUrl = process.env.TEST_DATABASE_URL;
const workers = Math.max(1, Number(process.env.SAMVERK_TEST_WORKERS) || availableParallelism());

if (!existsSync(process.env.CHROMIUM_PATH ?? "/usr/bin/chromium")) {
  console.error("Chromium is missing: install it with `apt-get install -y chromium` (the browser tests need it).");
  process.exit(1);
}

// Make the shared snapshot (and the PostgreSQL templates) once, before test files race to make it:
// both at once, the snapshot being this process's work and the templates mostly the server's.
const prepared = Date.now();
await Promise.all([
  pgliteSnapshot(),
  pgUrl &&
    (async () => {
      await dropOldPgTemplates(pgUrl);
      await pgTemplate(pgUrl, true);
      await pgTemplate(pgUrl, false);
    })(),
]);
console.log(`test databases ready in ${((Date.now() - prepared) / 1000).toFixed(1)} s`);

interface Job {
  pass: string;
  /** One file, or several short ones run in one process (see `batched`). */
  files: string[];
  env: Record<string, string | undefined>;
}

/** A test file that opens a database (or starts the app, which does): the PostgreSQL pass runs only these. */
const usesDatabase = (file: string) =>
  /createTestApp|createTestDatabase|openDatabase|startServer|DATABASE_URL|SAMVERK_TEST_PG_URL|support\/(app|db)\.ts|bench\//.test(
    readFileSync(file, "utf8"),
  );

const EMBEDDED = "server tests on the embedded database";
const BROWSER = "browser journeys in Chromium";
const POSTGRES = "server tests on PostgreSQL";

// How long a file takes, in seconds of this command on CI's two cores (two files at a time): as long
// as it took last time here; without that (a fresh clone, as in CI), the files known to be long, then
// by size, fitted to CI's runs: a server test file in a batch about a second and a half and a quarter
// of a second per kilobyte, a browser journey's file (the app and Chromium started) fifteen seconds
// and one per kilobyte. (Guessed ten times too long, every server test file of 20 kB or more had a
// process of its own, each spending seconds loading the app's modules.)
const timesFile = "tmp/test-durations.json";
const times: Record<string, number> = existsSync(timesFile) ? JSON.parse(readFileSync(timesFile, "utf8")) : {};
const LONG: Record<string, number> = {
  "test/browser/pages.test.ts": 240,
  "src/platform/access/sweep.test.ts": 95,
  "src/platform/http/fuzz.test.ts": 50,
};
/** Long only where they run (the embedded pass, test/support/passes.ts). */
const LONG_ONCE: Record<string, number> = {
  "test/bench.test.ts": 150,
  "src/main.test.ts": 110,
  "src/platform/access/routes.test.ts": 90,
  "src/main-output.test.ts": 45,
};
const key = (pass: string, file: string) => `${pass}: ${file}`;
const kilobytes = (file: string) => (existsSync(file) ? statSync(file).size / 1024 : 0);
const expectedOf = (pass: string, file: string) =>
  times[key(pass, file)] ??
  LONG[file] ??
  (pass === POSTGRES ? undefined : LONG_ONCE[file]) ??
  (pass === BROWSER ? 15 + kilobytes(file) : 1.5 + kilobytes(file) / 4);
const expected = (job: Job) => job.files.reduce((sum, file) => sum + expectedOf(job.pass, file), 0);

/**
 * Short test files share a process, a few at a time (node's --test-isolation=none): every process
 * spends seconds of CPU loading the app's modules and starting PGlite before its first test, which
 * across a hundred and fifty files was a third of the test command's time. Each file still makes its
 * own database and app (and a browser journey its own Chromium). Long files keep a process of their own.
 */
const BATCH_SECONDS = 60;
const BATCH_FILES = 8;
function batched(pass: string, files: string[], env: Job["env"]): Job[] {
  const single: Job[] = [];
  const batches: Job[] = [];
  let open: Job | null = null;
  for (const file of [...files].sort((a, b) => expectedOf(pass, b) - expectedOf(pass, a))) {
    if (expectedOf(pass, file) >= BATCH_SECONDS) {
      single.push({ pass, files: [file], env });
      continue;
    }
    if (!open || open.files.length >= BATCH_FILES || expected(open) + expectedOf(pass, file) > BATCH_SECONDS) {
      open = { pass, files: [], env };
      batches.push(open);
    }
    open.files.push(file);
  }
  return [...single, ...batches];
}

const jobs: Job[] = [];
const only = process.argv.slice(2);
if (only.length) {
  for (const file of only) jobs.push({ pass: "selected tests", files: [file], env: {} });
} else {
  jobs.push(...batched(EMBEDDED, serverTests, { DATABASE_URL: undefined, SAMVERK_TEST_PG_URL: pgUrl, SAMVERK_SLOW_TESTS: "1" }));
  jobs.push(...batched(BROWSER, browserTests, { DATABASE_URL: undefined }));
  if (pgUrl)
    jobs.push(
      ...batched(POSTGRES, serverTests.filter(usesDatabase), {
        DATABASE_URL: pgUrl,
        SAMVERK_TEST_PG_URL: pgUrl,
        SAMVERK_SLOW_TESTS: "0",
      }),
    );
}
// The longest first, so that no core waits for a long file at the end.
jobs.sort((a, b) => expected(b) - expected(a));

console.log(
  `${jobs.length} test processes, ${workers} at a time (the machine's cores; SAMVERK_TEST_WORKERS sets another number).` +
    (only.length
      ? ""
      : `\nPasses: ${EMBEDDED} (${serverTests.length} files), ${BROWSER} (${browserTests.length})` +
        (pgUrl
          ? `, ${POSTGRES} (${serverTests.filter(usesDatabase).length}: those that use a database).`
          : ". (TEST_DATABASE_URL is not set: the PostgreSQL pass is not run; .ci/run sets it.)") +
        `\nThe slow end-to-end tests (the server started, stopped and restarted as a process on either database, the benchmarks)` +
        ` run once, in the embedded pass; the PostgreSQL pass skips them (SAMVERK_SLOW_TESTS=0).`),
);

const totals = { passed: 0, failed: 0, skipped: 0, runOnce: 0 };
const spent = new Map<string, number>();
const started = Date.now();

function run(job: Job): Promise<void> {
  return new Promise((resolve) => {
    const at = Date.now();
    const isolation = job.files.length > 1 ? ["--test-isolation=none"] : [];
    const child = spawn(process.execPath, ["--import", "tsx", "--test", ...isolation, "--test-reporter=spec", ...job.files], {
      env: { ...process.env, ...job.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (status) => {
      const seconds = (Date.now() - at) / 1000;
      // A batch's time is shared out by the files' expected times, for the next run's grouping.
      const share = expected(job);
      for (const file of job.files) times[key(job.pass, file)] = Math.round((seconds * expectedOf(job.pass, file)) / share);
      spent.set(job.pass, (spent.get(job.pass) ?? 0) + seconds);
      const count = (word: string) => Number(stdout.match(new RegExp(`ℹ ${word} (\\d+)`))?.[1] ?? 0);
      totals.passed += count("pass");
      totals.failed += count("fail") + count("cancelled");
      // A slow test left out of this pass because another pass runs it is not a skipped check.
      const runOnce = stdout.match(/# run once:/g)?.length ?? 0;
      totals.runOnce += runOnce;
      totals.skipped += count("skipped") - runOnce;
      if (status !== 0 && count("fail") + count("cancelled") === 0) totals.failed += 1;
      const clock = ((Date.now() - started) / 1000).toFixed(0);
      process.stdout.write(
        `\n=== ${job.pass}: ${job.files.join(" + ")} (${seconds.toFixed(1)} s, ${status === 0 ? "ok" : "FAILED"}, at ${clock} s) ===\n`,
      );
      process.stdout.write(stdout);
      process.stderr.write(stderr);
      resolve();
    });
  });
}

const queue = [...jobs];
await Promise.all(
  Array.from({ length: Math.min(workers, queue.length) }, async () => {
    for (let job = queue.shift(); job; job = queue.shift()) await run(job);
  }),
);

mkdirSync("tmp", { recursive: true });
writeFileSync(timesFile, `${JSON.stringify(times, null, 1)}\n`);
console.log(
  `\nwall clock ${((Date.now() - started) / 60_000).toFixed(1)} min; test files' own time by pass: ${[...spent]
    .map(([pass, s]) => `${pass} ${(s / 60).toFixed(1)} min`)
    .join(", ")}`,
);
if (totals.runOnce)
  console.log(`\n${totals.runOnce} slow tests were left out of the PostgreSQL pass: the embedded pass ran them.`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ""}`);
process.exit(totals.failed > 0 ? 1 : 0);
