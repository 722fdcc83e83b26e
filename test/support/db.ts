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

const withDatabase = (serverUrl: string, name: string) => {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
};

/** Runs a statement that needs a database nobody is connected to, again while a closing connection lingers. */
async function whenUnused(admin: pg.Client, statement: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(statement);
      return;
    } catch (error) {
      // 55006: "source database … is being accessed by other users".
      if ((error as { code?: string }).code !== "55006" || attempt >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** The name of this snapshot's template database on a PostgreSQL server. */
export const pgTemplateName = (demo = true) => `samverk_template_${snapshotKey()}${demo ? "" : "_bare"}`;

/**
 * A migrated database with reference (and demo) data on the PostgreSQL server, made once per
 * snapshot key and copied by every test file (`create database … template …` takes well under a
 * second; migrating and loading the demo data takes several). Whoever asks first makes it, under an
 * advisory lock, so test files started at once wait for one maker. The test command makes it before
 * the PostgreSQL pass.
 */
export async function pgTemplate(serverUrl: string, demo = true): Promise<string> {
  const name = pgTemplateName(demo);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query("select pg_advisory_lock(hashtext($1))", [name]);
    const { rowCount } = await admin.query("select 1 from pg_database where datname = $1", [name]);
    if (!rowCount) {
      // Made under another name and renamed when complete: a template is never seen half made.
      const partial = `${name}_partial`;
      await admin.query(`drop database if exists ${partial} with (force)`);
      await admin.query(`create database ${partial}`);
      const database = await openDatabase({ databaseUrl: withDatabase(serverUrl, partial) });
      try {
        await prepareDatabase(database, { SAMVERK_DEMO: demo, SAMVERK_SESSION_HOURS: 12 });
      } finally {
        await database.close();
      }
      await whenUnused(admin, `alter database ${partial} rename to ${name}`);
    }
    await admin.query("select pg_advisory_unlock(hashtext($1))", [name]);
  } finally {
    await admin.end();
  }
  return name;
}

/** Drops the templates of earlier snapshot keys (one in use is left for next time). */
export async function dropOldPgTemplates(serverUrl: string): Promise<void> {
  const keep = new Set([pgTemplateName(true), pgTemplateName(false)]);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(
      "select datname from pg_database where datname like 'samverk\\_template\\_%' and datname not like '%\\_partial'",
    );
    for (const { datname } of rows)
      if (!keep.has(datname)) await admin.query(`drop database if exists ${datname}`).catch(() => undefined);
  } finally {
    await admin.end();
  }
}

/**
 * A fresh database with reference and demo data, for one test file. Without DATABASE_URL it is an
 * in-memory PGlite; with it, a new database on that PostgreSQL server copied from the template,
 * dropped again on close.
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
  const template = await pgTemplate(serverUrl, demo);
  const name = `samverk_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await whenUnused(admin, `create database ${name} template ${template}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(serverUrl, name);
  const database = await openDatabase({ databaseUrl: url });
  const close = database.close;
  return {
    ...database,
    url,
    close: async () => {
      await close();
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}
