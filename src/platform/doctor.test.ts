import assert from "node:assert/strict";
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { sql } from "drizzle-orm";
import { createTestDatabase, pgliteSnapshot, type TestDatabase } from "../../test/support/db.ts";
import { startSmtpServer } from "../../test/support/smtp.ts";
import { backupNow } from "./backup.ts";
import { loadConfig } from "./config.ts";
import { openDatabase } from "./db/client.ts";
import { diagnose, type Finding } from "./doctor.ts";
import { queueMail } from "./mail/mail.ts";

/**
 * `samverk doctor` (issue 26) against a real installation: an embedded database on disk (or, with
 * DATABASE_URL, a database of its own on that PostgreSQL server), a real SMTP server, and one that
 * does not answer; what it finds, and what it tells the operator to do.
 */

const onPostgres = Boolean(process.env.DATABASE_URL);
let dir: string;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let pg: TestDatabase | undefined;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "samverk-doctor-"));
  smtp = await startSmtpServer();
  if (onPostgres) pg = await createTestDatabase({ demo: false });
  else {
    // An installation on disk, made from the test snapshot (every migration applied).
    const made = await openDatabase({ pgliteDir: path.join(dir, "pglite"), loadDataDir: await pgliteSnapshot() });
    await made.close();
  }
});
after(async () => {
  await pg?.close();
  await smtp.close();
  rmSync(dir, { recursive: true, force: true });
});

const configWith = (env: Record<string, string>) =>
  loadConfig({
    SAMVERK_DATA_DIR: dir,
    SAMVERK_PUBLIC_URL: "https://samverk.example.no",
    SMTP_URL: smtp.url,
    ...(pg ? { DATABASE_URL: pg.url } : {}),
    ...env,
  });
const byArea = (findings: Finding[], area: Finding["area"]) => findings.filter((f) => f.area === area);
/** Runs a statement on the installation's database between checks (the doctor itself changes nothing). */
async function onDatabase(run: (db: TestDatabase["db"]) => Promise<unknown>) {
  if (pg) return run(pg.db);
  const database = await openDatabase({ pgliteDir: path.join(dir, "pglite") });
  try {
    await run(database.db);
  } finally {
    await database.close();
  }
}

test("a healthy installation: every check passes, and what is missing says what to do", async () => {
  let findings = await diagnose(configWith({}));
  assert.deepEqual(
    findings.filter((f) => f.status !== "ok").map((f) => f.area),
    onPostgres ? [] : ["backups"],
    JSON.stringify(findings, null, 1),
  );
  assert.match(byArea(findings, "migrations")[0]!.message, /^all \d+ migrations applied$/);
  assert.ok(byArea(findings, "mail").some((f) => f.message === "the SMTP server answers"));
  if (!onPostgres) {
    assert.match(byArea(findings, "backups")[0]!.fix!, /samverk backup/);
    const database = await openDatabase({ pgliteDir: path.join(dir, "pglite") });
    await backupNow(database, path.join(dir, "backups"), 3);
    await database.close();
    findings = await diagnose(configWith({}));
    assert.equal(byArea(findings, "backups")[0]!.status, "ok");
    assert.match(byArea(findings, "backups")[0]!.message, /less than an hour old/);
  } else assert.match(byArea(findings, "backups")[0]!.message, /pg_dump/);
});

test("trouble is named with its fix: a mail server that does not answer, mail stuck, no public https address", async () => {
  await onDatabase((db) => queueMail(db, { to: "noen@example.no", subject: "Stuck", body: "x" }));
  await onDatabase((db) =>
    db.execute(sql`update mail_outbox set created_at = now() - interval '2 hours' where subject = 'Stuck'`),
  );
  const findings = await diagnose(
    configWith({ SMTP_URL: "smtp://127.0.0.1:9", SAMVERK_PUBLIC_URL: "http://samverk.example.no" }),
  );
  const mail = byArea(findings, "mail");
  assert.ok(mail.some((f) => f.status === "fail" && /does not answer/.test(f.message) && /SMTP_URL/.test(f.fix!)));
  assert.ok(mail.some((f) => f.status === "warn" && /1 waiting more than an hour/.test(f.message)));
  assert.ok(byArea(findings, "configuration").some((f) => f.status === "warn" && /not https/.test(f.message)));
  await onDatabase((db) => db.execute(sql`delete from mail_outbox where subject = 'Stuck'`));
});

test("a database a newer version has used is a failure, and the command exits 1 with the report", async () => {
  await onDatabase((db) =>
    db.execute(sql`insert into drizzle.__drizzle_migrations (hash, created_at) values ('from-the-future', 99999999999999)`),
  );
  try {
    const findings = await diagnose(configWith({}));
    const migrations = byArea(findings, "migrations")[0]!;
    assert.equal(migrations.status, "fail");
    assert.match(migrations.fix!, /restore the backup taken before the upgrade/);
    const root = path.resolve(import.meta.dirname, "../..");
    const cli = spawnSync(process.execPath, ["--import", "tsx", "src/cli.ts", "doctor"], {
      cwd: root,
      encoding: "utf8",
      env: {
        ...process.env,
        SAMVERK_DATA_DIR: dir,
        SAMVERK_PUBLIC_URL: "https://samverk.example.no",
        SMTP_URL: smtp.url,
        ...(pg ? { DATABASE_URL: pg.url } : {}),
      },
    });
    assert.equal(cli.status, 1, cli.stderr);
    assert.match(cli.stderr, /^FAIL migrations: the database has \d+ migrations, this version knows \d+/m);
    assert.match(cli.stderr, /^OK {3}disk: /m);
  } finally {
    await onDatabase((db) => db.execute(sql`delete from drizzle.__drizzle_migrations where hash = 'from-the-future'`));
  }
});

test("an embedded database the running server holds is left alone", {
  skip: onPostgres && "the embedded database only",
}, async () => {
  const server: ChildProcess = spawn("sleep", ["30"]);
  writeFileSync(path.join(dir, "samverk.lock"), String(server.pid));
  try {
    const findings = await diagnose(configWith({}));
    const database = byArea(findings, "database")[0]!;
    assert.equal(database.status, "ok");
    assert.match(database.message, new RegExp(`in use by the running server \\(process ${server.pid}\\)`));
    assert.deepEqual(byArea(findings, "migrations"), [], "not opened, so not checked");
  } finally {
    server.kill();
    rmSync(path.join(dir, "samverk.lock"), { force: true });
  }
});
