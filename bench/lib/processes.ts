/**
 * The processes a benchmark measures: the app itself, started as it is in production (node on
 * src/main.ts), and the limit, a bare node:http server answering the same bytes from memory.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import type { DataTarget } from "../data/target.ts";
import { root } from "../data/target.ts";

export interface Running {
  url: string;
  pid: number;
  /** Resident memory now, in megabytes (from /proc). */
  rssMb(): number;
  stop(): Promise<void>;
}

/** Where an app process's memory is, in megabytes, from its own metrics (prom-client's process figures). */
export interface MemoryParts {
  rssMb: number;
  /** V8's heap as reserved, and as used by live JavaScript objects. */
  heapTotalMb: number;
  heapUsedMb: number;
  /** Memory outside V8's heap held by JavaScript objects: PGlite's WebAssembly memory is most of it. */
  externalMb: number;
}

export interface RunningApp extends Running {
  memoryParts(): Promise<MemoryParts>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on("error", reject);
  });
}

function rssOf(pid: number): number {
  try {
    const kb = Number(readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+)/)?.[1] ?? 0);
    return Math.round(kb / 1024);
  } catch {
    return 0;
  }
}

function watch(child: ChildProcess, url: string, name: string, ready: () => Promise<boolean>): Promise<Running> {
  let output = "";
  child.stdout?.on("data", (chunk) => (output = (output + chunk).slice(-4000)));
  child.stderr?.on("data", (chunk) => (output = (output + chunk).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const running: Running = {
    url,
    pid: child.pid!,
    rssMb: () => rssOf(child.pid!),
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
  return (async () => {
    const deadline = Date.now() + 180_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`${name} stopped at start:\n${output}`);
      if (await ready().catch(() => false)) return running;
      await new Promise((r) => setTimeout(r, 200));
    }
    await running.stop();
    throw new Error(`${name} did not start in three minutes:\n${output}`);
  })();
}

/** The app on a generated data set, with the settings a benchmark needs (see the README). */
export async function startApp(target: DataTarget, extraEnv: Record<string, string> = {}): Promise<RunningApp> {
  const port = await freePort();
  const metricsPort = await freePort();
  const env: Record<string, string | undefined> = {
    ...process.env,
    SAMVERK_DATA_DIR: target.dataDir,
    DATABASE_URL: target.databaseUrl,
    PORT: String(port),
    HOST: "127.0.0.1",
    SAMVERK_DEMO: "0",
    LOG_LEVEL: "warn",
    SAMVERK_QUERY_HEADER: "1",
    // Behind a "proxy", so that the input benchmark's senders can come from many addresses.
    SAMVERK_TRUST_PROXY: "1",
    // The page loads come from one address and one account: the API's per-address limit would
    // measure itself.
    SAMVERK_API_RATE_PER_MINUTE: "1000000",
    SAMVERK_METRICS_PORT: String(metricsPort),
    ...extraEnv,
  };
  if (!target.databaseUrl) delete env.DATABASE_URL;
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const url = `http://127.0.0.1:${port}`;
  const running = await watch(child, url, "the app", async () => (await fetch(`${url}/readyz`)).ok);
  return { ...running, memoryParts: () => memoryParts(`http://127.0.0.1:${metricsPort}/metrics`) };
}

async function memoryParts(metricsUrl: string): Promise<MemoryParts> {
  const text = await (await fetch(metricsUrl)).text();
  const mb = (name: string) =>
    Math.round(Number(new RegExp(`^samverk_${name}(?:\\{[^}]*\\})? (\\S+)$`, "m").exec(text)?.[1] ?? 0) / 1048576);
  return {
    rssMb: mb("process_resident_memory_bytes"),
    heapTotalMb: mb("nodejs_heap_size_total_bytes"),
    heapUsedMb: mb("nodejs_heap_size_used_bytes"),
    externalMb: mb("nodejs_external_memory_bytes"),
  };
}

export interface RecordedResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** The limit: node:http answering each recorded path with the recorded status, headers and bytes. */
export async function startLimitServer(responses: Map<string, RecordedResponse>, dir: string): Promise<Running> {
  const port = await freePort();
  const file = path.join(dir, "limit-responses.json");
  const serialised = Object.fromEntries(
    [...responses].map(([key, r]) => [key, { status: r.status, headers: r.headers, body: r.body.toString("base64") }]),
  );
  writeFileSync(file, JSON.stringify(serialised));
  const child = spawn(process.execPath, [path.join(root, "bench/lib/limit-server.mjs"), String(port), file], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const url = `http://127.0.0.1:${port}`;
  return watch(child, url, "the limit server", async () => (await fetch(`${url}/__ready`)).status === 204);
}
