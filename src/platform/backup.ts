import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { type Database, PGLITE_EXTENSIONS } from "./db/client.ts";

/**
 * Backups of the embedded database: a gzipped copy of PGlite's data directory. PGlite cannot sync
 * to disk, so a copy on a schedule is what protects an installation against a power loss.
 */
const PREFIX = "samverk-";
const SUFFIX = ".tar.gz";

export async function backupNow(database: Database, dir: string, keep: number): Promise<string> {
  if (!database.pglite) throw new Error("Backups here are for the embedded database; back up PostgreSQL with pg_dump.");
  mkdirSync(dir, { recursive: true });
  const dump = await database.pglite.dumpDataDir("gzip");
  const stamp = new Date()
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  let file = path.join(dir, `${PREFIX}${stamp}${SUFFIX}`);
  for (let n = 2; existsSync(file); n++) file = path.join(dir, `${PREFIX}${stamp}-${n}${SUFFIX}`);
  // Write beside, then rename: a half-written backup never carries a backup's name.
  const partial = `${file}.partial`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, file);
  pruneBackups(dir, keep);
  return file;
}

export function listBackups(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.startsWith(PREFIX) && f.endsWith(SUFFIX))
    .map((f) => path.join(dir, f))
    .sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs || a.localeCompare(b));
}

function pruneBackups(dir: string, keep: number): void {
  const all = listBackups(dir);
  for (const old of all.slice(0, Math.max(0, all.length - keep))) rmSync(old);
}

/** Replaces the data directory with a backup; the old directory is kept beside it, renamed. */
export async function restoreBackup(file: string, pgliteDir: string): Promise<{ movedAside: string | null }> {
  if (!existsSync(file)) throw new Error(`No such backup: ${file}`);
  const blob = new Blob([readFileSync(file)]);
  // Check the backup opens before touching the current data.
  const probe = await PGlite.create({ extensions: PGLITE_EXTENSIONS, loadDataDir: blob });
  await probe.query("select 1");
  await probe.close();
  let movedAside: string | null = null;
  if (existsSync(pgliteDir)) {
    movedAside = `${pgliteDir}.before-restore-${Date.now()}`;
    renameSync(pgliteDir, movedAside);
  }
  mkdirSync(pgliteDir, { recursive: true });
  const restored = await PGlite.create({ extensions: PGLITE_EXTENSIONS, dataDir: pgliteDir, loadDataDir: blob });
  await restored.query("select 1");
  await restored.close();
  return { movedAside };
}

/** Runs backups every `hours` hours in the running server; returns a function that stops it. */
export function scheduleBackups(
  database: Database,
  options: {
    dir: string;
    keep: number;
    hours: number;
    log: { info: (o: object, m: string) => void; error: (o: object, m: string) => void };
  },
): () => void {
  if (!database.pglite || options.hours <= 0) return () => undefined;
  let running = false;
  const timer = setInterval(() => {
    // A slow backup is never overlapped by the next one.
    if (running) return;
    running = true;
    backupNow(database, options.dir, options.keep)
      .then(
        (file) => options.log.info({ file }, "scheduled backup written"),
        (err) => options.log.error({ err }, "scheduled backup failed"),
      )
      .finally(() => {
        running = false;
      });
  }, options.hours * 3600_000);
  timer.unref();
  return () => clearInterval(timer);
}

/** One process at a time may open a PGlite data directory; this lock file says which. */
export function acquireLock(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lock = path.join(dataDir, "samverk.lock");
  const holder = lockHolder(dataDir);
  if (holder !== null) throw new Error(`The embedded database in ${dataDir} is in use by process ${holder}. Stop it first.`);
  writeFileSync(lock, String(process.pid));
  return () => rmSync(lock, { force: true });
}

export function lockHolder(dataDir: string): number | null {
  const lock = path.join(dataDir, "samverk.lock");
  if (!existsSync(lock)) return null;
  const pid = Number(readFileSync(lock, "utf8"));
  if (!Number.isInteger(pid) || pid === process.pid) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null; // A stale lock from a process that is gone.
  }
}
