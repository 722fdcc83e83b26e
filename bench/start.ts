/**
 * The start benchmark (issue 27): how long the app takes from its process starting to answering
 * /readyz, on a first start with the demo data (a new, empty database: migrations, reference data and
 * demo data made) and on a restart of the same installation, and with --scale on a restart on a
 * generated data set (the national one at 1×, made first if it is not there). The limit in the same
 * run: a bare node:http server started the same way, to answering its first request.
 *
 *   npm run bench:start [-- --scale 1] [--out bench/results]
 *   DATABASE_URL=postgres://… npm run bench:start
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { makeDataSet } from "./data/make.ts";
import { dataTarget, readManifest, resetTarget } from "./data/target.ts";
import { freePort, startApp } from "./lib/processes.ts";
import { machine } from "./lib/report.ts";

const { values } = parseArgs({
  options: { scale: { type: "string" }, out: { type: "string", default: "bench/results" } },
});
const serverUrl = process.env.DATABASE_URL;
const database = serverUrl ? "postgresql" : "embedded";

/** Seconds from starting `start` until it answers. */
async function timed(start: () => Promise<{ stop(): Promise<void> }>): Promise<number> {
  const began = performance.now();
  const running = await start();
  const seconds = (performance.now() - began) / 1000;
  await running.stop();
  return Number(seconds.toFixed(2));
}

/** The limit: node:http in a new process of the same Node, to its first answer. */
async function bareServer(): Promise<{ stop(): Promise<void> }> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ["-e", `require("node:http").createServer((q, s) => s.end("ok")).listen(${port}, "127.0.0.1")`],
    {
      stdio: "ignore",
    },
  );
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/`)).ok) break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
  return {
    stop: async () => {
      child.kill("SIGTERM");
    },
  };
}

// A new installation each time: an empty data directory, and on PostgreSQL an empty database.
const fresh = dataTarget(0.001, serverUrl);
fresh.dataDir = mkdtempSync(path.join(tmpdir(), "samverk-start-"));
if (fresh.databaseUrl) fresh.databaseUrl = fresh.databaseUrl.replace(/samverk_bench_x[\w]+$/, "samverk_bench_start");
await resetTarget(fresh, serverUrl);
try {
  const limit = await timed(bareServer);
  const firstStart = await timed(() => startApp(fresh, { SAMVERK_DEMO: "1" }));
  const restart = await timed(() => startApp(fresh, { SAMVERK_DEMO: "1" }));
  let dataSet: { scale: number; restart: number } | undefined;
  if (values.scale) {
    const scale = Number(values.scale);
    const target = dataTarget(scale, serverUrl);
    if (!readManifest(target)) await makeDataSet({ scale, serverUrl, quiet: true });
    await timed(() => startApp(target)); // the first start after making it may still migrate or warm up
    dataSet = { scale, restart: await timed(() => startApp(target)) };
  }
  const result = {
    at: new Date().toISOString(),
    machine: machine(),
    database,
    limitSeconds: limit,
    firstStartWithDemoSeconds: firstStart,
    restartSeconds: restart,
    ...(dataSet ? { dataSetScale: dataSet.scale, dataSetRestartSeconds: dataSet.restart } : {}),
    ratioRestartToLimit: Number((limit / restart).toFixed(3)),
  };
  console.log(JSON.stringify(result, null, 2));
  mkdirSync(values.out, { recursive: true });
  writeFileSync(`${values.out}/start-${database}-latest.json`, `${JSON.stringify(result, null, 2)}\n`);
} finally {
  rmSync(fresh.dataDir, { recursive: true, force: true });
}
