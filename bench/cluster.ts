/**
 * npm run bench:cluster -- [--processes 2] [--scale 0.1] [--seconds 10] [--database-url postgres://…] [--fresh]
 *
 * Several app processes on one PostgreSQL server, as in production behind a load balancer. It shows,
 * and exits non-zero unless each holds:
 * - a session made through one process is valid through every other;
 * - a change made through one process is visible through every other within a second, even where
 *   they had the page in memory, and how long that takes (p50 and p99 in milliseconds);
 * - a rate limit is counted together: requests spread over the processes are refused after the
 *   limit in all, not after the limit in each;
 * - a job is done once: receipts for consultation inputs given through every process, delivered by
 *   every process's mail delivery to a real SMTP server, arrive exactly once each;
 * and measures a page spread over the processes against the same page on one.
 */
import { parseArgs } from "node:util";
import { startSmtpServer } from "../test/support/smtp.ts";
import { makeDataSet } from "./data/make.ts";
import { dataTarget, readManifest } from "./data/target.ts";
import { changeLatency } from "./lib/change.ts";
import { load, signIn } from "./lib/load.ts";
import { type Running, startApp } from "./lib/processes.ts";
import { writeJson } from "./lib/report.ts";

const { values } = parseArgs({
  options: {
    processes: { type: "string", default: "2" },
    scale: { type: "string", default: "0.1" },
    seconds: { type: "string", default: "10" },
    connections: { type: "string", default: "10" },
    "database-url": { type: "string" },
    fresh: { type: "boolean", default: false },
    out: { type: "string", default: "bench/results" },
  },
});
const count = Number(values.processes);
const scale = Number(values.scale);
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const serverUrl = values["database-url"] ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
if (!(count >= 2 && count <= 16) || !(scale > 0 && scale <= 100) || !(seconds >= 1) || !(connections >= 1)) {
  console.error("--processes is 2 to 16; --scale above 0 and at most 100; --seconds and --connections at least 1");
  process.exit(2);
}

const RATE_LIMIT = 40;
const RECEIPTS = 20;
/**
 * Changes made through the first process to measure how soon the others show them: through the API,
 * as one account, so within the rate limit set above together with the reads around them.
 */
const CHANGES = 30;

const target = dataTarget(scale, serverUrl);
let manifest = values.fresh ? undefined : readManifest(target);
if (!manifest) {
  console.log(`Generating the data set at ${scale}× on ${new URL(serverUrl).host}`);
  manifest = (await makeDataSet({ scale, serverUrl, quiet: true })).manifest;
}

const smtp = await startSmtpServer();
const apps: Running[] = [];
const checks: { name: string; ok: boolean; detail: string }[] = [];
const check = (name: string, ok: boolean, detail: string) => {
  checks.push({ name, ok, detail });
  console.log(`${ok ? "ok  " : "FAIL"} ${name}: ${detail}`);
};
try {
  // Started together, as a deployment starts them: migrations and first-start steps are safe at once.
  apps.push(
    ...(await Promise.all(
      Array.from({ length: count }, () =>
        startApp(target, { SMTP_URL: smtp.url, SAMVERK_API_RATE_PER_MINUTE: String(RATE_LIMIT) }),
      ),
    )),
  );
  console.log(`${count} processes on ${target.databaseUrl}: ${apps.map((a) => a.url).join(", ")}`);
  const [first] = apps as [Running, ...Running[]];

  // A session made through one process, used through each of the others.
  const cookie = await signIn(first.url, manifest.adminEmail, manifest.password);
  const answers = await Promise.all(apps.map((a) => fetch(`${a.url}/account/data.json`, { headers: { cookie } })));
  const emails = await Promise.all(
    answers.map(async (r) => (r.ok ? ((await r.json()) as { account?: { email?: string } }) : null)),
  );
  check(
    "a session is valid in every process",
    answers.every((r) => r.status === 200) && JSON.stringify(emails).includes(manifest.adminEmail),
    answers.map((r, i) => `process ${i + 1}: ${r.status}`).join(", "),
  );

  // A change through one process, seen through the others that had the page in memory: how soon.
  const latency = await changeLatency({
    writer: first.url,
    readers: apps.slice(1).map((a) => a.url),
    projectId: manifest.projectId,
    cookie,
    changes: CHANGES,
  });
  check(
    "a change through one process is visible through the others within a second",
    latency.seen === latency.changes && latency.keptBefore === latency.changes && latency.maxMs < 1000,
    `${latency.changes} changes seen by ${count - 1} other process(es) that had the page in memory (${latency.keptBefore} of them): p50 ${latency.p50Ms} ms, p99 ${latency.p99Ms} ms, at most ${latency.maxMs} ms after the writer's answer`,
  );

  // One rate limit across the processes: API requests from one address (new in each run, so that no
  // earlier run has counted against it), spread over the processes.
  const address = `10.77.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}`;
  const statuses = await Promise.all(
    Array.from({ length: RATE_LIMIT + 20 }, (_, i) =>
      fetch(`${apps[i % count]!.url}/api/v1/networks`, { headers: { "x-forwarded-for": address } }).then(async (r) => {
        await r.arrayBuffer();
        return r.status;
      }),
    ),
  );
  const allowed = statuses.filter((s) => s === 200).length;
  check(
    "a rate limit is counted together",
    allowed === RATE_LIMIT && statuses.filter((s) => s === 429).length === statuses.length - allowed,
    `${statuses.length} requests from one address over ${count} processes, with a limit of ${RATE_LIMIT} a minute: ${allowed} let through`,
  );

  // A job done once: receipts queued through every process, delivered by every process.
  const consultation = `/api/v1/consultations/${manifest.openConsultationId}`;
  const tokens = await Promise.all(
    Array.from({ length: RECEIPTS }, async (_, i) => {
      const from = `10.9.${i >> 8}.${i & 255}`;
      const res = await fetch(`${apps[i % count]!.url}${consultation}/form-token`, { headers: { "x-forwarded-for": from } });
      return { from, formToken: ((await res.json()) as { formToken: string }).formToken };
    }),
  );
  await new Promise((r) => setTimeout(r, 3_100));
  const references = await Promise.all(
    tokens.map(async ({ from, formToken }, i) => {
      const res = await fetch(`${apps[(i + 1) % count]!.url}${consultation}/inputs`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": from },
        body: JSON.stringify({ formToken, body: `Cluster input ${i}`, email: `sender${i}@cluster.example` }),
      });
      return ((await res.json()) as { reference?: string }).reference;
    }),
  );
  // Each process delivers what is due every few seconds; wait until every receipt is in, and a bit more.
  const deadline = Date.now() + 30_000;
  const receiptsIn = () => smtp.mails.filter((m) => m.to.some((to) => to.endsWith("@cluster.example"))).length;
  while (receiptsIn() < RECEIPTS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  await new Promise((r) => setTimeout(r, 6_000));
  const perAddress = new Map<string, number>();
  for (const m of smtp.mails)
    for (const to of m.to) if (to.endsWith("@cluster.example")) perAddress.set(to, (perAddress.get(to) ?? 0) + 1);
  check(
    "a job is done once",
    references.every(Boolean) && perAddress.size === RECEIPTS && [...perAddress.values()].every((n) => n === 1),
    `${RECEIPTS} inputs with e-mail through ${count} processes: ${perAddress.size} receipts arrived, ${[...perAddress.values()].filter((n) => n > 1).length} more than once`,
  );

  // Load spread over the processes against one process alone (the page from the database each time).
  const measured = `/projects?phase=execution&kind=regional`;
  const headers = { cookie: await signIn(first.url, manifest.secretariatEmail, manifest.password) };
  const alone = await load(`${first.url}${measured}`, { seconds, connections, headers });
  const spread = await Promise.all(
    apps.map((a) => load(`${a.url}${measured}`, { seconds, connections: Math.max(1, Math.round(connections / count)), headers })),
  );
  const together = spread.reduce((sum, r) => sum + r.requestsPerSecond, 0);
  console.log(
    `\nThe portfolio signed in: ${alone.requestsPerSecond} req/s on one process, ${together} req/s spread over ${count} (${spread.map((r) => r.requestsPerSecond).join(" + ")})`,
  );
  const report = {
    date: new Date().toISOString(),
    processes: count,
    scale,
    checks,
    changeLatency: latency,
    load: { page: measured, oneProcess: alone, spread, together },
  };
  writeJson(values.out, "cluster-latest.json", report);
} finally {
  await Promise.all(apps.map((a) => a.stop()));
  await smtp.close();
}
if (checks.length < 4 || checks.some((c) => !c.ok)) process.exit(1);
