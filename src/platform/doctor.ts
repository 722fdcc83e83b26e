import { existsSync, readFileSync, statfsSync, statSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import nodemailer from "nodemailer";
import { listBackups, lockHolder } from "./backup.ts";
import type { Config } from "./config.ts";
import { openDatabase } from "./db/client.ts";
import { migrationsFolder } from "./db/migrate.ts";
import { rowsOf } from "./db/rows.ts";

/** What one check found: fine, worth a look, or something to fix before the service runs well. */
export interface Finding {
  area: "configuration" | "database" | "migrations" | "mail" | "disk" | "backups";
  status: "ok" | "warn" | "fail";
  message: string;
  /** What to do about it, where there is something to do. */
  fix?: string;
}

const GB = 1024 ** 3;
/** Below this the service will soon stop writing (uploads, backups, the embedded database). */
const DISK_FAIL_BYTES = 0.2 * GB;
const DISK_WARN_BYTES = 2 * GB;
/** A mail waiting longer than this has met trouble (the outbox sends within a minute). */
const STUCK_MAIL_MINUTES = 60;

/** The migrations this version brings, by drizzle-kit's journal. */
function shippedMigrations(): number {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

/**
 * Checks an installation as an operator would before and after an upgrade (issue 26): the settings,
 * the database and its migrations, mail (the SMTP server answers; nothing stuck in the outbox), the
 * free disk, and the backups. Reads only; changes nothing. An embedded database the server holds open
 * is not opened: its checks say so.
 */
export async function diagnose(config: Config, now = new Date()): Promise<Finding[]> {
  const findings: Finding[] = [];
  const add = (f: Finding) => findings.push(f);

  add(
    config.SAMVERK_PUBLIC_URL
      ? { area: "configuration", status: "ok", message: `public address ${config.SAMVERK_PUBLIC_URL}` }
      : {
          area: "configuration",
          status: "warn",
          message: "SAMVERK_PUBLIC_URL is not set: links in mail and feeds name this machine",
          fix: "set SAMVERK_PUBLIC_URL to the address people open (https://…)",
        },
  );
  if (config.SAMVERK_PUBLIC_URL && !config.secure)
    add({
      area: "configuration",
      status: "warn",
      message: "the public address is not https: sign-in cookies are sent without the Secure flag",
      fix: "serve Samverk behind TLS and set an https:// SAMVERK_PUBLIC_URL",
    });

  // The database and its migrations.
  const holder = config.DATABASE_URL ? null : lockHolder(config.SAMVERK_DATA_DIR);
  if (holder !== null) {
    add({
      area: "database",
      status: "ok",
      message: `the embedded database is in use by the running server (process ${holder}); its checks need it stopped`,
      fix: "stop the server to check the database and migrations, or ask /health while it runs",
    });
  } else if (!config.DATABASE_URL && !existsSync(config.pgliteDir)) {
    add({
      area: "database",
      status: "warn",
      message: `no embedded database in ${config.pgliteDir} yet`,
      fix: "start Samverk once to make it",
    });
  } else {
    let database: Awaited<ReturnType<typeof openDatabase>> | undefined;
    try {
      database = await openDatabase({ databaseUrl: config.DATABASE_URL, pgliteDir: config.pgliteDir });
      const [version] = rowsOf<{ v: string }>(await database.db.execute(sql`select current_setting('server_version') as v`));
      add({
        area: "database",
        status: "ok",
        message: `${database.kind === "pglite" ? "embedded PostgreSQL" : "PostgreSQL"} ${version?.v ?? ""} answers`,
      });
      const applied = await appliedMigrations(database.db);
      const shipped = shippedMigrations();
      if (applied === shipped) add({ area: "migrations", status: "ok", message: `all ${shipped} migrations applied` });
      else if (applied < shipped)
        add({
          area: "migrations",
          status: "warn",
          message: `${shipped - applied} of ${shipped} migrations not applied yet`,
          fix: "start this version (it migrates first), or run `samverk migrate`",
        });
      else
        add({
          area: "migrations",
          status: "fail",
          message: `the database has ${applied} migrations, this version knows ${shipped}: it was used by a newer version`,
          fix: "run the version the database was last used with, or restore the backup taken before the upgrade",
        });
      if (applied > 0) await checkOutbox(database.db, now, add);
    } catch (error) {
      add({
        area: "database",
        status: "fail",
        message: `cannot open the database: ${(error as Error).message}`,
        fix: config.DATABASE_URL ? "check DATABASE_URL and that the server accepts this machine" : "check SAMVERK_DATA_DIR",
      });
    } finally {
      await database?.close();
    }
  }

  await checkSmtp(config, add);
  checkDisk(config, add);
  checkBackups(config, now, add);
  return findings;
}

async function appliedMigrations(db: Awaited<ReturnType<typeof openDatabase>>["db"]): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`select case when to_regclass('drizzle.__drizzle_migrations') is null then 0
      else (select count(*)::int from drizzle.__drizzle_migrations) end as n`),
  );
  return Number(row?.n ?? 0);
}

async function checkOutbox(db: Awaited<ReturnType<typeof openDatabase>>["db"], now: Date, add: (f: Finding) => void) {
  const [row] = rowsOf<{ failed: number; stuck: number }>(
    await db.execute(sql`select
      count(*) filter (where status = 'failed')::int as failed,
      count(*) filter (where status = 'pending' and created_at < ${new Date(now.getTime() - STUCK_MAIL_MINUTES * 60_000)})::int as stuck
      from mail_outbox`),
  );
  const failed = Number(row?.failed ?? 0);
  const stuck = Number(row?.stuck ?? 0);
  add(
    failed || stuck
      ? {
          area: "mail",
          status: "warn",
          message: `${failed} mail(s) failed after every attempt, ${stuck} waiting more than an hour`,
          fix: "see the outbox under Outgoing email (administrators) for the SMTP server's answer",
        }
      : { area: "mail", status: "ok", message: "nothing failed or stuck in the outbox" },
  );
}

async function checkSmtp(config: Config, add: (f: Finding) => void) {
  if (!config.SMTP_URL) {
    add({
      area: "mail",
      status: "warn",
      message: "SMTP_URL is not set: mail is kept in the outbox and never sent",
      fix: "set SMTP_URL to your mail server (smtp://user:password@host:587)",
    });
    return;
  }
  // A server that does not answer is found out in seconds, not after nodemailer's two minutes.
  const url = new URL(config.SMTP_URL);
  url.searchParams.set("connectionTimeout", "5000");
  url.searchParams.set("greetingTimeout", "5000");
  const transport = nodemailer.createTransport(url.toString());
  try {
    await transport.verify();
    add({ area: "mail", status: "ok", message: "the SMTP server answers" });
  } catch (error) {
    add({
      area: "mail",
      status: "fail",
      message: `the SMTP server does not answer: ${(error as Error).message}`,
      fix: "check SMTP_URL (host, port, user and password) and that this machine may reach it",
    });
  } finally {
    transport.close();
  }
}

function checkDisk(config: Config, add: (f: Finding) => void) {
  const dir = existsSync(config.SAMVERK_DATA_DIR) ? config.SAMVERK_DATA_DIR : path.dirname(config.SAMVERK_DATA_DIR);
  const { bavail, bsize } = statfsSync(dir);
  const free = bavail * bsize;
  const shown = `${(free / GB).toFixed(1)} GB free where ${config.SAMVERK_DATA_DIR} is`;
  if (free < DISK_FAIL_BYTES)
    add({
      area: "disk",
      status: "fail",
      message: shown,
      fix: "free space or move SAMVERK_DATA_DIR: uploads and backups will fail",
    });
  else if (free < DISK_WARN_BYTES)
    add({ area: "disk", status: "warn", message: shown, fix: "free space before it runs out (backups grow with the data)" });
  else add({ area: "disk", status: "ok", message: shown });
}

function checkBackups(config: Config, now: Date, add: (f: Finding) => void) {
  if (config.DATABASE_URL) {
    add({
      area: "backups",
      status: "ok",
      message: "on PostgreSQL, backups are the database server's (pg_dump or its own); Samverk takes none",
      fix: "see the README's production section for a restore drill",
    });
    return;
  }
  const hours = config.SAMVERK_BACKUP_INTERVAL_HOURS;
  const newest = listBackups(config.backupDir).at(-1);
  if (!newest) {
    add({
      area: "backups",
      status: hours ? "warn" : "fail",
      message: hours ? `no backup in ${config.backupDir} yet` : "automatic backups are off and there is none",
      fix: hours
        ? `the server takes one every ${hours} hours; \`samverk backup\` takes one now`
        : "set SAMVERK_BACKUP_INTERVAL_HOURS, or back up by other means",
    });
    return;
  }
  const ageHours = (now.getTime() - statSync(newest).mtimeMs) / 3_600_000;
  const late = hours ? ageHours > 2 * hours : ageHours > 24 * 7;
  add({
    area: "backups",
    status: late ? "warn" : "ok",
    message: `the newest backup is ${ageHours < 1 ? "less than an hour" : `${Math.round(ageHours)} hours`} old: ${newest}`,
    ...(late ? { fix: "check that the server runs and can write to the backup directory" } : {}),
  });
}

/** The findings as lines for a terminal: the status first, what to do indented under it. */
export function formatFindings(findings: readonly Finding[]): string {
  return findings
    .map(
      (f) =>
        `${f.status.toUpperCase().padEnd(4)} ${f.area}: ${f.message}${f.fix && f.status !== "ok" ? `\n     → ${f.fix}` : ""}`,
    )
    .join("\n");
}
