import { createServer, type Server } from "node:http";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import client from "prom-client";
import type { Database } from "../db/client.ts";
import { rowsOf } from "../db/rows.ts";

/** The seconds a request's duration is counted in (a page from memory takes a millisecond, a report a second). */
const BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * What an operator watches, in the Prometheus text format (issue 26), through prom-client: requests by
 * route pattern and status, their duration, unhandled errors, database statements, the outbox by state,
 * and the process's own (memory, CPU, event loop). Only counts and route patterns, never a record's
 * content or an address, so it holds nothing the access rule keeps; it is served on a port of its own
 * (`serveMetrics`), by default on this machine only.
 */
export class Metrics {
  readonly registry = new client.Registry();
  private readonly requests: client.Counter<"method" | "route" | "status">;
  private readonly duration: client.Histogram<"method" | "route">;
  private readonly errors: client.Counter;

  constructor(database: Database) {
    const registers = [this.registry];
    client.collectDefaultMetrics({ register: this.registry, prefix: "samverk_" });
    this.requests = new client.Counter({
      name: "samverk_http_requests_total",
      help: "Requests answered, by method, route pattern and status",
      labelNames: ["method", "route", "status"],
      registers,
    });
    this.duration = new client.Histogram({
      name: "samverk_http_request_duration_seconds",
      help: "Time to answer a request, by method and route pattern",
      labelNames: ["method", "route"],
      buckets: BUCKETS,
      registers,
    });
    this.errors = new client.Counter({
      name: "samverk_errors_total",
      help: "Errors no handler expected (answered 500 and logged with their request id)",
      registers,
    });
    let counted = 0;
    new client.Counter({
      name: "samverk_db_queries_total",
      help: "Database statements run by this process",
      registers,
      collect() {
        // The database counts its statements; the counter takes what was added since the last scrape.
        this.inc(database.queries.count - counted);
        counted = database.queries.count;
      },
    });
    new client.Gauge({
      name: "samverk_mail_outbox",
      help: "Mail in the outbox, by state (pending waits for its next attempt; failed gave up)",
      labelNames: ["status"],
      registers,
      async collect() {
        const rows = rowsOf<{ status: string; n: number }>(
          await database.db.execute(sql`select status, count(*)::int as n from mail_outbox group by status`),
        );
        for (const status of ["pending", "sent", "failed"])
          this.set({ status }, Number(rows.find((r) => r.status === status)?.n ?? 0));
      },
    });
  }

  /** Counts every answered request under its route's pattern (`/projects/:id`), so the series stay few. */
  watch(app: FastifyInstance): void {
    app.addHook("onResponse", async (req, reply) => {
      const route = req.routeOptions.url ?? "unmatched";
      this.requests.inc({ method: req.method, route, status: String(reply.statusCode) });
      this.duration.observe({ method: req.method, route }, reply.elapsedTime / 1000);
    });
  }

  unhandledError(): void {
    this.errors.inc();
  }
}

/** Serves `GET /metrics` on a port of its own; answers the server, to close when the app stops. */
export async function serveMetrics(metrics: Metrics, port: number, host: string): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method !== "GET" || req.url !== "/metrics") {
      res.writeHead(404).end();
      return;
    }
    metrics.registry.metrics().then(
      (text) => res.writeHead(200, { "content-type": metrics.registry.contentType }).end(text),
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return server;
}
