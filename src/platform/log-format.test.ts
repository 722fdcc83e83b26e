import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { test } from "node:test";
import Fastify from "fastify";
import { createStartLog, formatLogLine, prettyDestination, resolveLogFormat } from "./log-format.ts";

/** A stream that keeps what is written to it. */
function collector() {
  let text = "";
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}

const at = new Date(2026, 11, 6, 9, 5, 7).getTime();

test("auto is pretty on a terminal and JSON otherwise; a setting of its own wins", () => {
  assert.equal(resolveLogFormat("auto", true), "pretty");
  assert.equal(resolveLogFormat("auto", false), "json");
  assert.equal(resolveLogFormat("json", true), "json");
  assert.equal(resolveLogFormat("pretty", false), "pretty");
});

test("a pino line reads as time, level, message and its own fields", () => {
  const line = JSON.stringify({
    level: 30,
    time: at,
    pid: 1,
    hostname: "h",
    database: "pglite",
    dataDir: "/tmp/a b",
    demoLoaded: true,
    msg: "database ready",
  });
  assert.equal(formatLogLine(line), '09:05:07 INFO  database ready  database=pglite dataDir="/tmp/a b" demoLoaded=true');
  const warn = JSON.stringify({ level: 40, time: at, pid: 1, hostname: "h", msg: "careful" });
  assert.equal(formatLogLine(warn), "09:05:07 WARN  careful");
});

test("a request line reads as method, path, status and time; an error carries its message, stack and request id", () => {
  const request = { level: 30, time: at, reqId: "r-1", method: "GET", url: "/projects?x=1", status: 200, ms: 12, msg: "request" };
  assert.equal(formatLogLine(JSON.stringify(request)), "09:05:07 INFO  GET /projects?x=1 200 12 ms");
  const error = new Error("boom");
  const line = JSON.stringify({
    level: 50,
    time: at,
    reqId: "r-2",
    err: { type: "Error", message: error.message, stack: error.stack },
    msg: "unhandled error",
  });
  const [first, second] = formatLogLine(line).split("\n");
  assert.equal(first, "09:05:07 ERROR unhandled error: boom  reqId=r-2");
  assert.match(second!, /^ {4}at /);
});

test("colour only when asked; a line that is not pino's passes unchanged", () => {
  const line = JSON.stringify({ level: 40, time: at, msg: "careful" });
  assert.equal(formatLogLine(line, { colour: true }), "\x1b[2m09:05:07\x1b[0m \x1b[33mWARN \x1b[0m careful");
  assert.equal(formatLogLine("not json"), "not json");
  assert.equal(formatLogLine("[1,2]"), "[1,2]");
});

test("Fastify's own logger writes readable lines through the pretty destination", async () => {
  const out = collector();
  const app = Fastify({ logger: { level: "info", stream: prettyDestination(out.stream, false) } });
  app.log.info({ port: 3000 }, "hello");
  app.log.debug("below the level");
  await app.close();
  assert.match(out.text(), /^\d\d:\d\d:\d\d INFO {2}hello {2}port=3000\n/);
  assert.doesNotMatch(out.text(), /below the level|"level"/);
});

test("the start's log writes pino's JSON shape, or readable lines, and keeps to the level", () => {
  const json = collector();
  const log = createStartLog("json", "info", json.stream);
  log("info", "applying database migrations", { step: 1 });
  const entry = JSON.parse(json.text());
  assert.equal(entry.level, 30);
  assert.equal(entry.msg, "applying database migrations");
  assert.equal(entry.step, 1);
  assert.equal(entry.pid, process.pid);
  assert.equal(typeof entry.time, "number");

  const pretty = collector();
  createStartLog("pretty", "info", pretty.stream)("info", "loading");
  assert.match(pretty.text(), /^\d\d:\d\d:\d\d INFO {2}loading\n$/);

  const quiet = collector();
  createStartLog("json", "warn", quiet.stream)("info", "not shown");
  createStartLog("json", "silent", quiet.stream)("warn", "not shown either");
  assert.equal(quiet.text(), "");
});
