import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Transaction } from "@electric-sql/pglite";
import pg from "pg";
import { prepareDatabase } from "../../src/bootstrap.ts";
import { type Database, openDatabase } from "../../src/platform/db/client.ts";
import { clockOf } from "../../src/platform/db/data-version.ts";

// Tests hash passwords at a low cost (src/platform/auth/password.ts); servers they start inherit it.
process.env.SAMVERK_TEST_FAST_HASHING ??= "1";

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
 * (initialising PGlite takes seconds, loading a dump well under one). The dump is not compressed:
 * unpacking it took a third of each load. Read once per process, whose files share it.
 */
let snapshot: Promise<Blob> | undefined;
export function pgliteSnapshot(): Promise<Blob> {
  snapshot ??= readOrMakeSnapshot();
  return snapshot;
}

async function readOrMakeSnapshot(): Promise<Blob> {
  const dir = path.join(root, "tmp");
  const file = path.join(dir, `test-snapshot-${snapshotKey()}.tar`);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    const database = await openDatabase({});
    await prepareDatabase(database, { SAMVERK_DEMO: true, SAMVERK_SESSION_HOURS: 12 });
    const dump = await database.pglite!.dumpDataDir("none");
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
 * A test database's pool: the PostgreSQL pass runs test files side by side, each with its databases
 * open, and the server takes 100 connections in all ("sorry, too many clients already" made pages 500).
 */
const TEST_POOL = { max: 4, idleMillis: 1000 };

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
  const database = await openDatabase({ databaseUrl: url, pool: TEST_POOL });
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

/**
 * An empty database, nothing migrated: an in-memory PGlite, or a new database on the PostgreSQL server
 * DATABASE_URL names, dropped again on close. For the tests of migrating itself.
 */
export async function createEmptyDatabase(): Promise<Database> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return openDatabase({});
  const name = `samverk_empty_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const database = await openDatabase({ databaseUrl: withDatabase(serverUrl, name), pool: TEST_POOL });
  const close = database.close;
  return {
    ...database,
    close: async () => {
      await close();
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

/** What a test wrote between `begin()` and `rollback()`, undone. */
export interface Undo {
  begin(): Promise<void>;
  rollback(): Promise<void>;
}

const APP_SAVEPOINT = "samverk_test_app";

/**
 * Lets a test undo what its requests wrote, instead of building new records after every write:
 * `begin()` opens a transaction on the database's one connection (PGlite's; on PostgreSQL one
 * connection of the pool, pinned for every query until `rollback()`), in which the app's own
 * transactions become savepoints, and `rollback()` undoes it all. Meanwhile the app's clock counts
 * everything as changed (the changes are told only at a commit, which never comes), and after it
 * once more, so nothing the app kept from the undone state is used again. Only for requests made
 * one after another.
 */
export function undoable(database: Database): Undo {
  let undo: (() => Promise<void>) | undefined;
  const savepoints = {
    open: `savepoint ${APP_SAVEPOINT}`,
    release: `release savepoint ${APP_SAVEPOINT}`,
    back: `rollback to savepoint ${APP_SAVEPOINT}`,
  };
  return {
    async begin() {
      assert.equal(undo, undefined, "begin() twice without rollback()");
      if (database.pglite) {
        const pglite = database.pglite;
        const transaction = pglite.transaction;
        await pglite.exec("begin");
        clockOf(database)?.suspend();
        // drizzle's PGlite session runs a transaction through pglite.transaction(): a savepoint instead.
        pglite.transaction = async <T>(work: (tx: Transaction) => Promise<T>): Promise<T> => {
          await pglite.exec(savepoints.open);
          let closed = false;
          const tx: Transaction = {
            query: (query, params, options) => pglite.query(query, params, options),
            sql: (strings, ...params) => pglite.sql(strings, ...params),
            exec: (query, options) => pglite.exec(query, options),
            rollback: async () => {
              await pglite.exec(`${savepoints.back}; ${savepoints.release}`);
              closed = true;
            },
            listen: (channel, callback) => pglite.listen(channel, callback),
            get closed() {
              return closed;
            },
          };
          try {
            const result = await work(tx);
            if (!closed) await pglite.exec(savepoints.release);
            return result;
          } catch (error) {
            if (!closed) await pglite.exec(`${savepoints.back}; ${savepoints.release}`);
            throw error;
          }
        };
        undo = async () => {
          pglite.transaction = transaction;
          await pglite.exec("rollback");
          clockOf(database)?.resume();
        };
        return;
      }
      const pool = (database.db as unknown as { $client: pg.Pool }).$client;
      const { query, connect } = pool;
      const pinned: pg.PoolClient = await (connect as () => Promise<pg.PoolClient>).call(pool);
      await pinned.query("begin");
      clockOf(database)?.suspend();
      // drizzle's node-postgres session begins, commits and rolls back a transaction by statement on
      // a client from pool.connect(): those statements become a savepoint's.
      const translate = (text: string) =>
        /^\s*begin\b/i.test(text)
          ? savepoints.open
          : /^\s*commit\s*$/i.test(text)
            ? savepoints.release
            : /^\s*rollback\s*$/i.test(text)
              ? `${savepoints.back}; ${savepoints.release}`
              : text;
      const client = new Proxy(pinned, {
        get(target, property, receiver) {
          if (property === "release") return () => undefined;
          if (property === "query")
            return (config: unknown, ...rest: unknown[]) =>
              typeof config === "string"
                ? target.query(translate(config), ...(rest as []))
                : target.query(
                    { ...(config as pg.QueryConfig), text: translate((config as pg.QueryConfig).text) },
                    ...(rest as []),
                  );
          const value = Reflect.get(target, property, receiver);
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
      pool.query = ((...args: Parameters<pg.Pool["query"]>) =>
        (pinned.query as (...a: unknown[]) => unknown)(...args)) as pg.Pool["query"];
      pool.connect = (async () => client) as unknown as pg.Pool["connect"];
      undo = async () => {
        await pinned.query("rollback");
        pool.query = query;
        pool.connect = connect;
        clockOf(database)?.resume();
        pinned.release();
      };
    },
    async rollback() {
      const done = undo;
      assert.ok(done, "rollback() without begin()");
      undo = undefined;
      await done();
    },
  };
}
