import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { prepareDatabase } from "../../src/bootstrap.ts";
import { type Database, openDatabase } from "../../src/platform/db/client.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** What the snapshot depends on: when any of it changes, a new snapshot is made. */
function snapshotKey(): string {
  const hash = createHash("sha256");
  const inputs = [
    ...readdirSync(path.join(root, "migrations"))
      .filter((f) => f.endsWith(".sql"))
      .map((f) => path.join(root, "migrations", f)),
    ...readdirSync(path.join(root, "data/reference")).map((f) => path.join(root, "data/reference", f)),
    // Every module's demo data.
    ...readdirSync(path.join(root, "src/modules"))
      .map((m) => path.join(root, "src/modules", m, "seed.ts"))
      .filter((f) => existsSync(f)),
    path.join(root, "src/modules/directory/reference.ts"),
    path.join(root, "src/bootstrap.ts"),
  ];
  for (const file of inputs.sort()) hash.update(readFileSync(file));
  return hash.digest("hex").slice(0, 16);
}

/**
 * A migrated database with reference and demo data, dumped once and loaded by every test
 * (initialising PGlite takes seconds, loading a dump well under one).
 */
export async function pgliteSnapshot(): Promise<Blob> {
  const dir = path.join(root, "tmp");
  const file = path.join(dir, `test-snapshot-${snapshotKey()}.tar.gz`);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    const database = await openDatabase({});
    await prepareDatabase(database, { SAMVERK_DEMO: true, SAMVERK_SESSION_HOURS: 12 });
    const dump = await database.pglite!.dumpDataDir("gzip");
    await database.close();
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, file);
  }
  return new Blob([readFileSync(file)]);
}

export interface TestDatabase extends Database {
  /** The connection string of this test's own database on a PostgreSQL server, if that is what it runs on. */
  url?: string;
}

/**
 * A fresh database with reference and demo data, for one test file. Without DATABASE_URL it is an
 * in-memory PGlite; with it, a new database on that PostgreSQL server, dropped again on close.
 */
export async function createTestDatabase(options: { demo?: boolean } = {}): Promise<TestDatabase> {
  const demo = options.demo ?? true;
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    if (!demo) {
      const database = await openDatabase({});
      await prepareDatabase(database, { SAMVERK_DEMO: false, SAMVERK_SESSION_HOURS: 12 });
      return database;
    }
    return openDatabase({ loadDataDir: await pgliteSnapshot() });
  }
  const name = `samverk_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString() });
  await prepareDatabase(database, { SAMVERK_DEMO: demo, SAMVERK_SESSION_HOURS: 12 });
  const close = database.close;
  return {
    ...database,
    url: url.toString(),
    close: async () => {
      await close();
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}
