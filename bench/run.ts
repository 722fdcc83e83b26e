import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { makeDataSet } from "./data/make.ts";
import { dataTarget, readManifest } from "./data/target.ts";
import { changeAtNextRequest } from "./lib/change.ts";
import type { InputResult } from "./lib/inputs.ts";
import { type LoadResult, load, signIn } from "./lib/load.ts";
import { inOwnThread } from "./lib/own-thread.ts";
import { selectPages } from "./lib/pages.ts";
import { type MemoryParts, type RecordedResponse, startApp, startLimitServer } from "./lib/processes.ts";
import { type RegistrationResult, sendRegistrations } from "./lib/registrations.ts";
import { describeMachine, machine, writeIntoReadme, writeReport } from "./lib/report.ts";

const { values } = parseArgs({
  options: {
    scales: { type: "string", default: "1,10" },
    seconds: { type: "string", default: "10" },
    connections: { type: "string", default: "10" },
    "input-seconds": { type: "string", default: "60" },
    "database-url": { type: "string" },
    fresh: { type: "boolean", default: false },
    out: { type: "string", default: "bench/results" },
    readme: { type: "boolean", default: false },
    only: { type: "string" },
  },
});
const scales = values.scales.split(",").map(Number);
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const inputSeconds = Number(values["input-seconds"]);
const serverUrl = values["database-url"] ?? process.env.DATABASE_URL;
// Fractions of a second are for the test command's run-through (test/bench.test.ts), not for measuring.
if (scales.some((s) => !(s > 0 && s <= 100)) || !(seconds >= 0.2) || !(connections >= 1) || !(inputSeconds >= 1)) {
  console.error(
    "--scales are numbers above 0 and at most 100; --seconds at least 0.2; --connections and --input-seconds at least 1",
  );
  process.exit(2);
}
const benchPages = selectPages(values.only, { forLighthouse: false });

const VARIANTS = ["anonymous", "signed in"] as const;
type Variant = (typeof VARIANTS)[number];

interface PageResult extends LoadResult {
  page: string;
  path: string;
  variant: Variant;
  limitRequestsPerSecond: number;
  ratioToLimit: number;
  /** Queries of a request in steady state (a kept anonymous page reads nothing, a signed-in one its session). */
  queries: number;
  /** Queries the first request made, when the page was made from the data. */
  queriesToMake: number;
  bytes: number;
  gzipBytes: number;
  /** The same page while consultation input arrives at full speed (anonymous pages of FLOOD_PAGES). */
  duringInputFlood?: { requestsPerSecond: number; p99Ms: number; ratioToLimit: number };
}

/** The anonymous pages measured again while input floods in: a consultation shared widely brings readers too. */
const FLOOD_PAGES = ["Front page", "Network page", "Project page", "Strategy and action plan", "Consultation page"];
/** How long the input's first sends wait: the form's minimum fill time (bench/lib/inputs.ts), and a little. */
const FLOOD_STARTS_MS = 3_600;

interface ScaleResult {
  scale: number;
  database: "embedded" | "postgres";
  rows: number;
  pages: PageResult[];
  inputs: InputResult;
  registrations: RegistrationResult;
  /** A change made while pages were served from memory was on the page at the very next request. */
  changeVisibleAtNextRequest: boolean;
  maxRssMb: number;
  /** Where the memory was at the highest of the app's own samples (every two seconds). */
  memoryAtPeak: MemoryParts | null;
}

async function record(url: string, headers: Record<string, string>): Promise<RecordedResponse & { queries: number }> {
  // As autocannon asks: without compression, so the limit answers the very bytes the app did.
  const res = await fetch(url, { headers: { ...headers, "accept-encoding": "identity" } });
  const body = Buffer.from(await res.arrayBuffer());
  const kept: Record<string, string> = {};
  for (const [name, value] of res.headers)
    if (
      !["content-length", "date", "connection", "keep-alive", "transfer-encoding", "x-db-queries", "x-page-cache"].includes(name)
    )
      kept[name] = value;
  return { status: res.status, headers: kept, body, queries: Number(res.headers.get("x-db-queries") ?? Number.NaN) };
}

async function measureScale(scale: number): Promise<ScaleResult> {
  const target = dataTarget(scale, serverUrl);
  let manifest = values.fresh ? undefined : readManifest(target);
  if (!manifest) {
    console.log(`\nGenerating the data set at ${scale}× (${target.label})`);
    manifest = (await makeDataSet({ scale, serverUrl })).manifest;
  }
  const rows = Object.values(manifest.rows).reduce((a, b) => a + b, 0);
  console.log(`\n${target.label}: ${rows.toLocaleString("en")} generated rows`);

  const app = await startApp(target);
  let maxRssMb = app.rssMb();
  const sampler = setInterval(() => (maxRssMb = Math.max(maxRssMb, app.rssMb())), 250);
  let memoryAtPeak: MemoryParts | null = null;
  const partsSampler = setInterval(async () => {
    const parts = await app.memoryParts().catch(() => null);
    if (parts && parts.rssMb > (memoryAtPeak?.rssMb ?? 0)) memoryAtPeak = parts;
  }, 2000);
  try {
    const cookies: Record<Variant, string> = {
      anonymous: "",
      "signed in": await signIn(app.url, manifest.secretariatEmail, manifest.password),
    };
    const adminCookie = await signIn(app.url, manifest.adminEmail, manifest.password);
    const recorded = new Map<string, RecordedResponse>();
    const pages: Omit<PageResult, "limitRequestsPerSecond" | "ratioToLimit">[] = [];
    for (const page of benchPages) {
      for (const variant of VARIANTS) {
        const path = page.path(manifest);
        const headers: Record<string, string> = cookies[variant] ? { cookie: cookies[variant] } : {};
        const first = await record(`${app.url}${path}`, headers);
        if (first.status !== 200) throw new Error(`${page.name} (${variant}) answered ${first.status}: ${path}`);
        const steady = await record(`${app.url}${path}`, headers);
        recorded.set(`${variant} ${path}`, steady);
        const result = await load(`${app.url}${path}`, { seconds, connections, headers });
        pages.push({
          page: page.name,
          path,
          variant,
          ...result,
          queries: steady.queries,
          queriesToMake: first.queries,
          bytes: steady.body.length,
          gzipBytes: gzipSync(steady.body).length,
        });
        process.stdout.write(`  ${page.name} (${variant}): ${result.requestsPerSecond} req/s\n`);
      }
    }
    // While pages are served from memory, a change through the API must show at the next request.
    const change = await changeAtNextRequest({
      writer: app.url,
      reader: app.url,
      projectId: manifest.projectId,
      cookie: adminCookie,
      mark: "changed by the benchmark",
    });
    const changeVisibleAtNextRequest = change.wasCached && change.seen;
    console.log(`  a change is visible at the next request: ${changeVisibleAtNextRequest ? "yes" : "NO"}`);
    // Input at full speed, and meanwhile the anonymous pages again: a change makes stale only what read
    // what it changed, so readers of other pages keep being served from memory.
    // Sent from a thread of its own: autocannon's event loop here measures the pages, not the sender.
    const flood = inOwnThread<InputResult>(
      new URL("./lib/inputs.ts", import.meta.url),
      "sendInputs",
      app.url,
      manifest.openConsultationId,
      {
        seconds: inputSeconds,
        adminCookie,
      },
    );
    const floodPages = pages.filter((p) => p.variant === "anonymous" && FLOOD_PAGES.includes(p.page));
    const duringFlood = new Map<string, LoadResult>();
    if (floodPages.length > 0) {
      await new Promise((resolve) => setTimeout(resolve, FLOOD_STARTS_MS));
      const each = Math.max(0.2, Math.min(seconds, (inputSeconds * 1000 - FLOOD_STARTS_MS - 1000) / 1000 / floodPages.length));
      for (const p of floodPages) {
        const during = await load(`${app.url}${p.path}`, { seconds: each, connections });
        duringFlood.set(p.path, during);
        process.stdout.write(`  ${p.page} (anonymous, during the input): ${during.requestsPerSecond} req/s\n`);
      }
    }
    const inputs = await flood;
    console.log(
      `  consultation input: ${inputs.acknowledgedPerSecond}/s acknowledged, stored exactly once: ${inputs.exactlyOnce ? "yes" : "NO"}`,
    );
    const registrations = await sendRegistrations(app.url, manifest.networkSlug, { seconds: inputSeconds, adminCookie });
    console.log(
      `  gathering registrations: ${registrations.acknowledgedPerSecond}/s acknowledged, stored exactly once: ${registrations.exactlyOnce ? "yes" : "NO"}, places within the capacity and in order: ${registrations.placesInOrder ? "yes" : "NO"}`,
    );
    clearInterval(sampler);
    clearInterval(partsSampler);
    await app.stop();

    // The limit, in the same run, on the same bytes.
    const limit = await startLimitServer(recorded, target.dataDir);
    try {
      const measured: PageResult[] = [];
      for (const p of pages) {
        const headers = { "x-variant": p.variant };
        const l = await load(`${limit.url}${p.path}`, { seconds, connections, headers });
        const during = p.variant === "anonymous" ? duringFlood.get(p.path) : undefined;
        measured.push({
          ...p,
          limitRequestsPerSecond: l.requestsPerSecond,
          ratioToLimit: ratio(p.requestsPerSecond, l.requestsPerSecond),
          ...(during
            ? {
                duringInputFlood: {
                  requestsPerSecond: during.requestsPerSecond,
                  p99Ms: during.p99Ms,
                  ratioToLimit: ratio(during.requestsPerSecond, l.requestsPerSecond),
                },
              }
            : {}),
        });
      }
      return {
        scale,
        database: serverUrl ? "postgres" : "embedded",
        rows,
        pages: measured,
        inputs,
        registrations,
        changeVisibleAtNextRequest,
        maxRssMb,
        memoryAtPeak,
      };
    } finally {
      await limit.stop();
    }
  } finally {
    clearInterval(sampler);
    clearInterval(partsSampler);
    await app.stop();
  }
}

const results: ScaleResult[] = [];
for (const scale of scales) results.push(await measureScale(scale));

const table = markdownTable(results);
console.log(`\n${table}`);
const measuredOn = machine();
const report = { date: new Date().toISOString(), machine: measuredOn, settings: { seconds, connections, inputSeconds }, results };
console.log(`\nResults: ${writeReport(values.out, results[0]?.database ?? "embedded", "latest.json", report)}`);
if (values.readme) {
  writeIntoReadme(
    "bench",
    `Measured ${report.date.slice(0, 10)} on ${describeMachine(measuredOn)}; ${seconds} s per page, ${connections} connections.\n\n${table}`,
  );
  console.log("README.md: performance section updated");
}
const failed = results.some(
  (r) =>
    !r.changeVisibleAtNextRequest ||
    !r.inputs.exactlyOnce ||
    r.inputs.unexpected > 0 ||
    !r.registrations.exactlyOnce ||
    !r.registrations.placesInOrder ||
    r.registrations.unexpected > 0 ||
    r.pages.some((p) => p.failures > 0),
);
if (failed) {
  console.error(
    "\nA correctness check failed (see above): a change not visible, input or a registration lost or doubled, places beyond the capacity or out of order, or failed requests.",
  );
  process.exit(1);
}

function ratio(measured: number, limit: number): number {
  return Math.round((measured / limit) * 1000) / 1000;
}

function markdownTable(all: ScaleResult[]): string {
  const lines: string[] = [];
  for (const r of all) {
    lines.push(
      `**${r.database === "postgres" ? "PostgreSQL" : "Embedded database"}, ${r.scale}× (${r.rows.toLocaleString("en")} generated rows)**: resident memory at most ${r.maxRssMb} MB${r.memoryAtPeak ? ` (at the highest sample ${r.memoryAtPeak.rssMb} MB: JavaScript heap ${r.memoryAtPeak.heapTotalMb} MB reserved, ${r.memoryAtPeak.heapUsedMb} MB live; outside it, mostly PGlite's WebAssembly memory, ${r.memoryAtPeak.externalMb} MB)` : ""}; consultation input ${r.inputs.acknowledgedPerSecond}/s acknowledged over ${r.inputs.seconds} s (${r.inputs.acknowledged} inputs, ${r.inputs.sentTwice} sent twice, ${r.inputs.refusedOnPurpose} refused), ${r.inputs.exactlyOnce ? "each stored exactly once" : "NOT each stored exactly once"}; gathering registrations ${r.registrations.acknowledgedPerSecond}/s acknowledged (${r.registrations.acknowledged}, ${r.registrations.sentTwice} sent again and refused, ${r.registrations.confirmed} places of ${r.registrations.capacity}, ${r.registrations.waiting} waiting), ${r.registrations.exactlyOnce ? "each stored exactly once" : "NOT each stored exactly once"}, ${r.registrations.placesInOrder ? "places in order" : "places NOT in order"}; a change ${r.changeVisibleAtNextRequest ? "was" : "was NOT"} visible at the next request.`,
      "",
      "| Page | Who | req/s | p50 ms | p99 ms | limit req/s | ratio | during input: req/s (ratio) | queries (to make) | bytes (gzip) |",
      "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    );
    for (const p of r.pages) {
      const flood = p.duringInputFlood
        ? `${p.duringInputFlood.requestsPerSecond} (${p.duringInputFlood.ratioToLimit.toFixed(2)})`
        : "";
      lines.push(
        `| ${p.page} | ${p.variant} | ${p.requestsPerSecond} | ${p.p50Ms} | ${p.p99Ms} | ${p.limitRequestsPerSecond} | ${p.ratioToLimit.toFixed(2)} | ${flood} | ${p.queries} (${p.queriesToMake}) | ${p.bytes} (${p.gzipBytes}) |`,
      );
    }
    lines.push("");
  }
  const [base, ...others] = all;
  for (const other of others) {
    if (!base || other.database !== base.database) continue;
    lines.push(
      `**${base.scale}× against ${other.scale}×**`,
      "",
      `| Page | Who | req/s ${base.scale}× | req/s ${other.scale}× | kept | queries ${base.scale}× | queries ${other.scale}× |`,
      "|---|---|--:|--:|--:|--:|--:|",
    );
    for (const p of base.pages) {
      const q = other.pages.find((o) => o.page === p.page && o.variant === p.variant);
      if (!q) continue;
      lines.push(
        `| ${p.page} | ${p.variant} | ${p.requestsPerSecond} | ${q.requestsPerSecond} | ${Math.round((q.requestsPerSecond / p.requestsPerSecond) * 100)} % | ${p.queriesToMake} | ${q.queriesToMake} |`,
      );
    }
    lines.push("");
  }
  return lines.join("\n");
}
