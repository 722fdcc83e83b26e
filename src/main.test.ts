import assert from "node:assert/strict";
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import pg from "pg";
import { slowTests } from "../test/support/passes.ts";

const root = path.resolve(import.meta.dirname, "..");
const tsx = ["--import", "tsx"];

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

interface Running {
  child: ChildProcess;
  port: number;
  output: () => string;
  exited: Promise<number | null>;
}

async function start(env: Record<string, string>): Promise<Running> {
  const port = await freePort();
  let output = "";
  const child = spawn(process.execPath, [...tsx, "src/main.ts"], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "info", ...env },
  });
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  // Generous: a first start initialises PGlite and loads the reference data, on a shared, busy machine.
  for (let i = 0; i < 1200; i++) {
    if (output.includes("Server listening")) return { child, port, output: () => output, exited };
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGKILL");
  throw new Error(`server did not start:\n${output}`);
}

const cli = (args: string[], env: Record<string, string>) =>
  spawnSync(process.execPath, [...tsx, "src/cli.ts", ...args], { cwd: root, env: { ...process.env, ...env }, encoding: "utf8" });

test("a wrong setting stops the start with one clear line", () => {
  const result = spawnSync(process.execPath, [...tsx, "src/main.ts"], {
    cwd: root,
    env: { ...process.env, PORT: "eighty" },
    encoding: "utf8",
  });
  assert.equal(result.status, 1);
  assert.equal(result.stderr.trim(), 'Invalid configuration: PORT must be a number (got "eighty")');
});

const onPostgres = Boolean(process.env.DATABASE_URL);
/** The PostgreSQL server for the start on PostgreSQL: the test command gives it to the embedded pass too. */
const pgServer = process.env.SAMVERK_TEST_PG_URL ?? process.env.DATABASE_URL;

// Slow (each start is a new process that loads the data): the test command runs these once, in the
// embedded pass, the start on PostgreSQL against its server (test/support/passes.ts).
if (!onPostgres && slowTests)
  test("start, serve, SIGTERM with a request in flight, and start again with nothing lost", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "samverk-start-"));
    const env = { SAMVERK_DATA_DIR: dataDir, SAMVERK_DEMO: "1" };
    const created = cli(["user", "create-admin", "--email", "start@test.example"], {
      ...env,
      SAMVERK_ADMIN_PASSWORD: "a long start password",
    });
    assert.equal(created.status, 0, created.stderr);

    const first = await start(env);
    const base = `http://127.0.0.1:${first.port}`;
    assert.equal((await fetch(`${base}/healthz`)).status, 200);
    assert.equal((await fetch(`${base}/readyz`)).status, 200);
    const municipalities = await (await fetch(`${base}/api/v1/organisations?kind=municipality`)).json();
    assert.equal(municipalities.total, 357);

    // Sign in and write something through the API.
    const loginPage = await fetch(`${base}/login`);
    const csrfCookie = loginPage.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const token = (await loginPage.text()).match(/name="_csrf" value="([^"]+)"/)![1]!;
    const login = await fetch(`${base}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
      body: new URLSearchParams({ email: "start@test.example", password: "a long start password", _csrf: token }),
    });
    assert.equal(login.status, 303);
    const session = login.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const write = await fetch(`${base}/api/v1/networks`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: session },
      body: JSON.stringify({ name: "Digi Varig", shortName: "Digi Varig" }),
    });
    assert.equal(write.status, 201);

    // A request in flight when SIGTERM arrives still gets its answer.
    const inFlight = fetch(`${base}/organisations?page=3`);
    first.child.kill("SIGTERM");
    const answer = await inFlight;
    assert.equal(answer.status, 200);
    assert.match(await answer.text(), /<\/html>$/);
    assert.equal(await first.exited, 0);
    assert.match(first.output(), /database closed/);
    assert.equal(existsSync(path.join(dataDir, "samverk.lock")), false, "the lock is released");

    // Nothing lost: the data directory opens again with the write in it, and demo data is not loaded twice.
    const second = await start(env);
    const networks = await (await fetch(`http://127.0.0.1:${second.port}/api/v1/networks`)).json();
    assert.deepEqual(networks.items.map((n: { slug: string }) => n.slug).sort(), [
      "digi-more-og-romsdal",
      "digi-nordland",
      "digi-rogaland",
      "digi-trondelag",
      "digi-varig",
    ]);
    // A second process cannot open the same embedded database.
    const blocked = cli(["backup"], env);
    assert.equal(blocked.status, 1);
    assert.match(blocked.stderr, /in use by process/);
    second.child.kill("SIGTERM");
    assert.equal(await second.exited, 0);

    // Backup and restore while stopped.
    const backup = cli(["backup"], env);
    assert.equal(backup.status, 0, backup.stderr);
    const file = path.join(dataDir, "backups", readdirSync(path.join(dataDir, "backups"))[0]!);
    const restored = cli(["restore", file], env);
    assert.equal(restored.status, 0, restored.stderr);
    assert.match(restored.stdout, /previous database is kept/);
    const third = await start(env);
    const after = await (await fetch(`http://127.0.0.1:${third.port}/api/v1/networks`)).json();
    assert.equal(after.total, 5);
    third.child.kill("SIGTERM");
    assert.equal(await third.exited, 0);
  });

if (!onPostgres && slowTests)
  test("SAMVERK_DEMO=0 starts without demo data", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "samverk-nodemo-"));
    const running = await start({ SAMVERK_DATA_DIR: dataDir, SAMVERK_DEMO: "0" });
    const base = `http://127.0.0.1:${running.port}`;
    assert.equal((await (await fetch(`${base}/api/v1/networks`)).json()).total, 0);
    assert.equal((await (await fetch(`${base}/api/v1/organisations?kind=county`)).json()).total, 15);
    running.child.kill("SIGTERM");
    assert.equal(await running.exited, 0);
  });

if (pgServer && slowTests)
  test("on PostgreSQL: migrations and first-start data, SIGTERM, and a second start with nothing lost", async () => {
    const server = pgServer;
    const name = `samverk_start_${process.pid}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
    const url = new URL(server);
    url.pathname = `/${name}`;
    const env = { DATABASE_URL: url.toString(), SAMVERK_DATA_DIR: mkdtempSync(path.join(tmpdir(), "samverk-pg-")) };
    try {
      const first = await start(env);
      const base = `http://127.0.0.1:${first.port}`;
      assert.equal((await (await fetch(`${base}/api/v1/organisations?kind=municipality`)).json()).total, 357);
      assert.equal((await (await fetch(`${base}/api/v1/networks`)).json()).total, 4);
      assert.equal((await fetch(`${base}/readyz`)).status, 200);
      const inFlight = fetch(`${base}/n/digi-nordland`);
      first.child.kill("SIGTERM");
      assert.equal((await inFlight).status, 200);
      assert.equal(await first.exited, 0);
      const second = await start(env);
      assert.equal(
        (await (await fetch(`http://127.0.0.1:${second.port}/api/v1/networks`)).json()).total,
        4,
        "demo data loads once",
      );
      second.child.kill("SIGTERM");
      assert.equal(await second.exited, 0);
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
