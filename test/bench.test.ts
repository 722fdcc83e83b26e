/**
 * The benchmarks keep working: each runs once on a small generated data set for a few seconds, in one
 * of the test command's passes (the embedded one, test/support/passes.ts): the page benchmark on the
 * embedded database, the cluster benchmark on the PostgreSQL server, Lighthouse on two pages. Nothing about speed is checked here;
 * what the benchmarks check about correctness is (every page answered, a change visible at the next
 * request, every acknowledged input stored exactly once).
 */

import assert from "node:assert/strict";
import { type SpawnSyncReturns, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { PAGES } from "../bench/lib/pages.ts";
import { skipUnlessSlow } from "./support/passes.ts";

/**
 * Runs a bench command with Node and tsx, as npm runs it, stopped if it has not answered in `seconds`
 * (a hang fails the test instead of holding the test command up). A quick command that hung before
 * any of its code ran gets one more try: tsx's loader has been seen to wait for ever at the start of
 * a child on a busy machine (a futex wait, no output), which says nothing about the command.
 */
function runBench(
  script: string,
  args: string[],
  options: { seconds: number; env?: NodeJS.ProcessEnv; retryWhenHung?: boolean },
): SpawnSyncReturns<string> {
  const once = () =>
    spawnSync(process.execPath, ["--import", "tsx", script, ...args], {
      encoding: "utf8",
      timeout: options.seconds * 1000,
      ...(options.env ? { env: options.env } : {}),
    });
  const run = once();
  const hung = run.status === null && run.stdout === "" && run.stderr === "";
  return hung && options.retryWhenHung ? once() : run;
}

test("npm run bench runs end to end on a small data set", { timeout: 600_000, skip: skipUnlessSlow }, () => {
  const out = mkdtempSync(path.join(tmpdir(), "samverk-bench-"));
  try {
    const args = ["--scales", "0.02", "--seconds", "0.2", "--connections", "2", "--input-seconds", "2", "--fresh", "--out", out];
    const run = runBench("bench/run.ts", args, { seconds: 540 });
    assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
    const report = JSON.parse(readFileSync(path.join(out, "latest.json"), "utf8"));
    const [result] = report.results;
    assert.equal(result.database, process.env.DATABASE_URL ? "postgres" : "embedded");
    assert.equal(result.pages.length, PAGES.length * 2, "every page, anonymous and signed in");
    for (const page of result.pages) {
      assert.ok(page.requests > 0, `${page.page} (${page.variant}) was measured`);
      assert.equal(page.failures, 0, `${page.page} (${page.variant}) answered every request`);
      assert.ok(page.limitRequestsPerSecond > 0, `${page.page} (${page.variant}) has its limit`);
      // Queries counted: a page made from the data makes some; one from the cache may make none.
      assert.ok(page.queriesToMake >= 1 && Number.isInteger(page.queries), `${page.page} (${page.variant}) counted its queries`);
    }
    assert.ok(result.changeVisibleAtNextRequest);
    assert.ok(result.inputs.acknowledged > 0);
    assert.ok(result.inputs.exactlyOnce);
    assert.ok(result.inputs.refusedOnPurpose > 0 && result.inputs.refusedButStored === 0);
    // Registrations to one gathering: each acknowledged one stored once, the places within the capacity and in order.
    assert.ok(result.registrations.acknowledged > 0);
    assert.ok(result.registrations.exactlyOnce);
    assert.ok(result.registrations.placesInOrder);
    assert.ok(result.registrations.confirmed <= result.registrations.capacity);
    assert.equal(result.registrations.unexpected, 0, result.registrations.unexpectedExamples.join("\n"));
    assert.ok(result.maxRssMb > 0);
    assert.match(run.stdout, /\| Page \| Who \| req\/s/);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test("npm run bench:pages runs Lighthouse in Debian's Chromium, and the pages score 100 but for speed", {
  timeout: 600_000,
  skip: skipUnlessSlow,
}, () => {
  const out = mkdtempSync(path.join(tmpdir(), "samverk-pages-"));
  try {
    // The project page, the richest of the pages measured; the command measures any others the same way.
    const args = ["--scale", "0.02", "--only", "project", "--out", out];
    const run = runBench("bench/pages.ts", args, { seconds: 540 });
    assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
    const report = JSON.parse(readFileSync(path.join(out, "pages-latest.json"), "utf8"));
    assert.deepEqual(
      report.results.map((r: { page: string; variant: string }) => `${r.page} (${r.variant})`),
      ["Project page (anonymous)", "Project page (signed in)"],
    );
    for (const r of report.results) {
      const name = `${r.page} (${r.variant})`;
      // Accessibility, best practices and SEO do not depend on the machine's speed; performance does.
      assert.deepEqual([r.scores.accessibility, r.scores["best-practices"], r.scores.seo], [100, 100, 100], name);
      assert.ok(r.scores.performance >= 0 && r.scores.performance <= 100, name);
      assert.ok(r.transferBytes.html > 0 && r.transferBytes.css > 0, `${name}: bytes counted`);
      assert.equal(r.transferBytes.js, 0, `${name} needs no JavaScript and loads none`);
    }
    assert.match(run.stdout, /\| Page \| Who \| Performance \| Accessibility/);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test("npm run bench:pages refuses a page it does not know, and starts nothing", () => {
  const run = runBench("bench/pages.ts", ["--only", "front,nowhere"], { seconds: 60, retryWhenHung: true });
  assert.equal(run.status, 2);
  assert.match(run.stderr, /--only names pages of this list: front, network/);
});

test("npm run bench:data refuses a scale it cannot make, and changes nothing", () => {
  const run = runBench("bench/data.ts", ["--scale", "0"], { seconds: 60, retryWhenHung: true });
  assert.equal(run.status, 2);
  assert.match(run.stderr, /--scale must be a number above 0/);
});

const pgServer = process.env.SAMVERK_TEST_PG_URL;
test("npm run bench:digest tells each follower once, and nobody what they may not see", {
  timeout: 300_000,
  skip: skipUnlessSlow,
}, () => {
  const out = mkdtempSync(path.join(tmpdir(), "samverk-digest-"));
  try {
    const run = runBench("bench/digest.ts", ["--people", "60", "--out", out], { seconds: 240, retryWhenHung: true });
    assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
    const result = JSON.parse(
      readFileSync(path.join(out, `digest-${process.env.DATABASE_URL ? "postgresql" : "embedded"}-latest.json`), "utf8"),
    );
    assert.ok(result.mails > 0 && result.mailsPerSecond > 0 && result.limitMailsPerSecond > 0);
    assert.equal(result.exactlyOnce, true);
    assert.equal(result.leaks, 0);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test("npm run bench:import previews and applies a workbook in one transaction, and a bad row writes nothing", {
  timeout: 300_000,
  skip: skipUnlessSlow,
}, () => {
  const out = mkdtempSync(path.join(tmpdir(), "samverk-import-"));
  try {
    const run = runBench("bench/import.ts", ["--rows", "50", "--out", out], { seconds: 240, retryWhenHung: true });
    assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
    const result = JSON.parse(
      readFileSync(path.join(out, `import-${process.env.DATABASE_URL ? "postgresql" : "embedded"}-latest.json`), "utf8"),
    );
    assert.equal(result.created, 50);
    assert.equal(result.oneTransaction, true);
    assert.equal(result.badFileWroteNothing, true);
    assert.ok(result.applyRowsPerSecond > 0 && result.limitRowsPerSecond > 0 && result.peakRssMb > 0);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test("npm run bench:start measures a first start with the demo data and a restart against a bare server", {
  timeout: 300_000,
  skip: skipUnlessSlow,
}, () => {
  const out = mkdtempSync(path.join(tmpdir(), "samverk-start-"));
  try {
    const run = runBench("bench/start.ts", ["--out", out], { seconds: 240, retryWhenHung: true });
    assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
    const result = JSON.parse(
      readFileSync(path.join(out, `start-${process.env.DATABASE_URL ? "postgresql" : "embedded"}-latest.json`), "utf8"),
    );
    assert.ok(result.firstStartWithDemoSeconds > 0 && result.restartSeconds > 0 && result.limitSeconds > 0);
    assert.ok(result.ratioRestartToLimit > 0 && result.ratioRestartToLimit < 1);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test("npm run bench:cluster shows sessions, changes, rate limits and jobs shared by two processes", {
  timeout: 600_000,
  skip:
    skipUnlessSlow ||
    (pgServer ? false : "needs a PostgreSQL server: SAMVERK_TEST_PG_URL (the test command sets it from TEST_DATABASE_URL)"),
}, () => {
  const out = mkdtempSync(path.join(tmpdir(), "samverk-cluster-"));
  try {
    const args = ["--processes", "2", "--scale", "0.01", "--seconds", "1", "--connections", "2", "--fresh", "--out", out];
    const run = runBench("bench/cluster.ts", args, { seconds: 540, env: { ...process.env, DATABASE_URL: pgServer } });
    assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
    const report = JSON.parse(readFileSync(path.join(out, "cluster-latest.json"), "utf8"));
    assert.deepEqual(
      report.checks.map((c: { name: string; ok: boolean }) => [c.name, c.ok]),
      [
        ["a session is valid in every process", true],
        ["a change through one process is visible through the others within a second", true],
        ["a rate limit is counted together", true],
        ["a job is done once", true],
      ],
    );
    assert.ok(report.load.together > 0 && report.load.oneProcess.requests > 0);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
