import assert from "node:assert/strict";
import type { Server } from "node:http";
import { after, before, test } from "node:test";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { queueMail } from "../mail/mail.ts";
import { serveMetrics } from "./metrics.ts";

/**
 * Metrics in the Prometheus text format (issue 26), from a real app on its own port: requests by
 * route pattern and status with their duration, database statements, the outbox by state, and the
 * process's own; none of it on the app's port.
 */

let t: TestApp;
let server: Server;
let url: string;

before(async () => {
  t = await createTestApp();
  server = await serveMetrics(t.app.metrics, 0, "127.0.0.1");
  const address = server.address();
  assert.ok(address && typeof address === "object");
  url = `http://127.0.0.1:${address.port}/metrics`;
});
after(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await t.close();
});

/** A series' value in the scraped text, by its name and labels as Prometheus writes them. */
const seriesValue = (text: string, series: string) => {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

test("requests are counted by route pattern and status, with their duration; statements and the outbox too", async () => {
  const projects = await t.app.inject({ url: "/projects?lang=en" });
  assert.equal(projects.statusCode, 200);
  const first = { id: Number(projects.body.match(/href="\/projects\/(\d+)"/)?.[1]) };
  assert.ok(first.id > 0, "the portfolio lists a project");
  for (const id of [first.id, 999_999]) await t.app.inject({ url: `/projects/${id}` });
  await queueMail(t.database.db, { to: "noen@example.no", subject: "Metrikk", body: "x" });

  const before = await fetch(url);
  assert.equal(before.status, 200);
  assert.match(before.headers.get("content-type")!, /^text\/plain; version=0\.0\.4/);
  const text = await before.text();
  assert.equal(seriesValue(text, 'samverk_http_requests_total{method="GET",route="/projects",status="200"}'), 1);
  assert.equal(seriesValue(text, 'samverk_http_requests_total{method="GET",route="/projects/:id",status="200"}'), 1);
  assert.equal(seriesValue(text, 'samverk_http_requests_total{method="GET",route="/projects/:id",status="404"}'), 1);
  assert.equal(seriesValue(text, 'samverk_http_request_duration_seconds_count{method="GET",route="/projects/:id"}'), 2);
  assert.ok(seriesValue(text, 'samverk_http_request_duration_seconds_bucket{le="10",method="GET",route="/projects/:id"}') === 2);
  assert.ok((seriesValue(text, "samverk_db_queries_total") ?? 0) > 0, "statements are counted");
  assert.ok((seriesValue(text, 'samverk_mail_outbox{status="pending"}') ?? 0) >= 1, "the outbox by state");
  assert.equal(seriesValue(text, "samverk_errors_total"), 0);
  assert.ok((seriesValue(text, "samverk_process_resident_memory_bytes") ?? 0) > 0, "the process's own");
  assert.ok(
    !text.includes("/projects/999999") && !text.includes("noen@example"),
    "no address or record's id, only patterns and counts",
  );

  // Counters only grow, and the app itself has no such page.
  await t.app.inject({ url: "/projects?lang=en" });
  assert.equal(
    seriesValue(await (await fetch(url)).text(), 'samverk_http_requests_total{method="GET",route="/projects",status="200"}'),
    2,
  );
  assert.equal((await t.app.inject({ url: "/metrics" })).statusCode, 404);
  assert.equal((await fetch(url.replace("/metrics", "/other"))).status, 404);
});
