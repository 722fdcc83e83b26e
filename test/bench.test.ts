/**
 * The benchmarks keep working: each runs once on a small generated data set for a few seconds, on the
 * embedded database and (in the PostgreSQL pass) on PostgreSQL. Nothing about speed is checked here;
 * what the benchmarks check about correctness is (every page answered, a change visible at the next
 * request, every acknowledged input stored exactly once).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";

test("npm run bench runs end to end on a small data set", { timeout: 600_000 }, () => {
  const out = mkdtempSync(path.join(tmpdir(), "samverk-bench-"));
  try {
    const args = ["--scales", "0.02", "--seconds", "1", "--connections", "2", "--input-seconds", "2", "--fresh", "--out", out];
    const run = spawnSync(process.execPath, ["--import", "tsx", "bench/run.ts", ...args], { encoding: "utf8" });
    assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
    const report = JSON.parse(readFileSync(path.join(out, "latest.json"), "utf8"));
    const [result] = report.results;
    assert.equal(result.database, process.env.DATABASE_URL ? "postgres" : "embedded");
    assert.equal(result.pages.length, 24, "twelve pages, anonymous and signed in");
    for (const page of result.pages) {
      assert.ok(page.requests > 0, `${page.page} (${page.variant}) was measured`);
      assert.equal(page.failures, 0, `${page.page} (${page.variant}) answered every request`);
      assert.ok(page.limitRequestsPerSecond > 0, `${page.page} (${page.variant}) has its limit`);
      assert.ok(page.queries >= 1, `${page.page} (${page.variant}) counted its queries`);
    }
    assert.ok(result.changeVisibleAtNextRequest);
    assert.ok(result.inputs.acknowledged > 0);
    assert.ok(result.inputs.exactlyOnce);
    assert.ok(result.inputs.refusedOnPurpose > 0 && result.inputs.refusedButStored === 0);
    assert.ok(result.maxRssMb > 0);
    assert.match(run.stdout, /\| Page \| Who \| req\/s/);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test("npm run bench:data refuses a scale it cannot make, and changes nothing", () => {
  const run = spawnSync(process.execPath, ["--import", "tsx", "bench/data.ts", "--scale", "0"], { encoding: "utf8" });
  assert.equal(run.status, 2);
  assert.match(run.stderr, /--scale must be a number above 0/);
});
