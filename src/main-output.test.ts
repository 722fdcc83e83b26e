import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";

// What a person sees when they start Samverk: what the first start is doing, readable lines on a
// terminal (LOG_FORMAT=pretty is what a terminal gets), JSON lines otherwise, and at the end the
// address to open and, with demo data, its sign-in.

const root = path.resolve(import.meta.dirname, "..");

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts main, waits for the line that ends the start, stops it and answers everything it wrote. */
async function startAndStop(env: Record<string, string>, lastLine: RegExp): Promise<{ stdout: string; port: number }> {
  const port = await freePort();
  let stdout = "";
  let stderr = "";
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "info", ...env },
  });
  child.stdout!.on("data", (d) => (stdout += d));
  child.stderr!.on("data", (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  // Generous: a first start creates the database and loads the demo on a shared, busy machine.
  for (let i = 0; i < 1800 && !lastLine.test(stdout) && child.exitCode === null; i++)
    await new Promise((r) => setTimeout(r, 100));
  const started = lastLine.test(stdout);
  child.kill(started ? "SIGTERM" : "SIGKILL");
  assert.ok(started, `the start did not end with ${lastLine}:\n${stdout}\n${stderr}`);
  assert.equal(await exited, 0, stderr);
  return { stdout, port };
}

/** The lines written up to and including the one that ends the start (not those of the shutdown). */
const startLines = (stdout: string, last: RegExp) => {
  const lines = stdout.split("\n").filter(Boolean);
  return lines.slice(0, lines.findIndex((line) => last.test(line)) + 1);
};

// The embedded database's first start is the newcomer's; the PostgreSQL pass has nothing to add here.
const onPostgres = Boolean(process.env.DATABASE_URL);

test("a first start says what it is doing, in readable lines on a terminal, and ends with the address and the demo sign-in; JSON lines otherwise", {
  skip: onPostgres ? "run once: it starts the embedded database; the embedded pass runs it" : false,
}, async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "samverk-output-"));
  const signIn = /demo sign-in: demo@samverk\.example, password samverk-demo-2026/;

  const first = await startAndStop({ SAMVERK_DATA_DIR: dataDir, SAMVERK_DEMO: "1", LOG_FORMAT: "pretty" }, signIn);
  const lines = startLines(first.stdout, signIn);
  // Every line reads as time, level, message; none is raw JSON.
  for (const line of lines) assert.match(line, /^\d\d:\d\d:\d\d (INFO |WARN ) \S/, line);
  const text = lines.join("\n");
  assert.match(lines[0]!, /INFO {2}starting Samverk$/, "the first line comes before the code is loaded");
  for (const step of [
    "first start: creating the embedded database in",
    "applying database migrations",
    "first start: loading the reference data (counties and municipalities)",
    "first start: loading demo data, networks (1 of ",
    "database ready  database=pglite",
  ])
    assert.ok(text.includes(step), `missing "${step}" in:\n${text}`);
  assert.ok(text.indexOf("applying database migrations") < text.indexOf("database ready"));
  // The two lines a person needs come last, in that order.
  assert.match(lines.at(-2)!, new RegExp(`INFO  Samverk is ready: open http://localhost:${first.port}$`));
  assert.match(lines.at(-1)!, signIn);

  // Started again with its output going elsewhere: JSON lines, nothing loaded again, the same ending.
  const again = await startAndStop({ SAMVERK_DATA_DIR: dataDir, SAMVERK_DEMO: "1" }, signIn);
  const entries = startLines(again.stdout, signIn).map((line) => JSON.parse(line) as { msg: string; level: number });
  const messages = entries.map((e) => e.msg);
  assert.ok(messages.includes("applying database migrations"));
  assert.ok(!messages.some((m) => m.startsWith("first start")), messages.join("\n"));
  assert.equal(messages.at(-2), `Samverk is ready: open http://localhost:${again.port}`);

  // Without demo data the sign-in is never shown, even where the demo account exists.
  const ready = /Samverk is ready/;
  const plain = await startAndStop(
    { SAMVERK_DATA_DIR: dataDir, SAMVERK_DEMO: "0", SAMVERK_PUBLIC_URL: "https://samverk.example.no" },
    ready,
  );
  const last = JSON.parse(startLines(plain.stdout, ready).at(-1)!) as { msg: string };
  assert.equal(last.msg, "Samverk is ready: open https://samverk.example.no");
  assert.doesNotMatch(plain.stdout, /demo sign-in/);
  rmSync(dataDir, { recursive: true, force: true });
});
