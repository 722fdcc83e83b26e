import { AsyncLocalStorage } from "node:async_hooks";
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { sql } from "drizzle-orm";
import type { Logger } from "drizzle-orm/logger";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";

/** The extensions the migrations create, which PGlite must be given when it opens a database (decision 0034). */
export const PGLITE_EXTENSIONS = { pg_trgm };

/** The one database type every repository takes: PGlite and node-postgres both satisfy it. */
export type Db = PgDatabase<PgQueryResultHKT>;
/** A transaction handle has the same query API as the database itself. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

/**
 * The statements of one request, counted apart from the others running at the same time, and the
 * tables they named (what a page made from them depends on, data-version.ts). A scope inside
 * another (a value kept for many requests, read during one) counts for both.
 */
export interface QueryScope {
  count: number;
  tables: Set<string>;
  parent?: QueryScope;
  /** Its tables are not its parent's (bookkeeping the parent's result does not depend on). */
  apart?: boolean;
}
const queryScopes = new AsyncLocalStorage<QueryScope>();

/** Counts statements, in all and per request, so tests and benchmarks can prove a page's queries do not grow with its rows. */
export class QueryCounter implements Logger {
  count = 0;
  logQuery(query: string): void {
    this.count++;
    let names = tablesNamedIn(query);
    for (let scope = queryScopes.getStore(); scope; scope = scope.parent) {
      scope.count++;
      for (const name of names) scope.tables.add(name);
      if (scope.apart) names = [];
    }
  }
}

/** Runs `next` (and everything it starts) with its queries counted in `scope`. */
export function countQueriesIn(scope: QueryScope, next: () => void): void {
  queryScopes.run(scope, next);
}

/** The scope of the work running now, if any. */
export function currentReads(): QueryScope | undefined {
  return queryScopes.getStore();
}

/**
 * Runs `load` in a scope of its own, counted in the current one, and says which tables it read; the
 * caller says which of them the current work depends on (UntilChange adds what it keeps).
 */
export async function readingInto<V>(load: () => Promise<V>): Promise<{ value: V; tables: Set<string> }> {
  const parent = queryScopes.getStore();
  const scope: QueryScope = { count: 0, tables: new Set(), ...(parent ? { parent, apart: true } : {}) };
  const value = await queryScopes.run(scope, load);
  return { value, tables: scope.tables };
}

/**
 * Runs bookkeeping (a rate count) whose tables the current work does not depend on: its statements
 * are counted, its tables are not the work's, so a page is not taken for one that read them.
 */
export async function readApart<V>(work: () => Promise<V>): Promise<V> {
  const parent = queryScopes.getStore();
  if (!parent) return work();
  return queryScopes.run({ count: 0, tables: new Set(), parent, apart: true }, work);
}

const namesBySql = new Map<string, readonly string[]>();
const QUOTED_NAME = /"([a-z_][a-z0-9_]*)"/g;
const NAME_AFTER_KEYWORD = /\b(?:from|join|into|update|table)\s+([a-z_][a-z0-9_]*)/gi;

/**
 * Every name a statement might read or write a table by: drizzle quotes them, hand-written SQL
 * follows from, join, into or update. Columns and aliases come along and match no table; a name
 * too many only makes a kept page stale sooner, one too few would keep it stale.
 */
export function tablesNamedIn(query: string): readonly string[] {
  let names = namesBySql.get(query);
  if (!names) {
    const found = new Set<string>();
    for (const match of query.matchAll(QUOTED_NAME)) found.add(match[1]!);
    for (const match of query.matchAll(NAME_AFTER_KEYWORD)) found.add(match[1]!.toLowerCase());
    names = [...found];
    if (namesBySql.size >= 5000) namesBySql.clear();
    namesBySql.set(query, names);
  }
  return names;
}

export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  /** The PostgreSQL server's address, for the connection that listens for changes. */
  url?: string;
  queries: QueryCounter;
  /** Present on the embedded database: backups dump its data directory. */
  pglite?: PGlite;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** PGlite data directory; undefined keeps the database in memory (tests). */
  pgliteDir?: string | undefined;
  /** A data directory, as a tarball (gzipped or not), to start from (tests start from a migrated snapshot). */
  loadDataDir?: Blob | undefined;
  /**
   * The PostgreSQL pool's size and how long an idle connection is kept: 10 and 10 s by default. Tests
   * take fewer, so that many test databases at once stay within the server's connections.
   */
  pool?: { max: number; idleMillis: number };
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  const queries = new QueryCounter();
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.pool?.max ?? 10,
      idleTimeoutMillis: options.pool?.idleMillis ?? 10_000,
    });
    // An idle connection the server ends (restart, failover) must not crash the process; the pool
    // simply opens a new one for the next query.
    pool.on("error", (error) => console.error(`database connection lost: ${error.message}`));
    const db = drizzlePg(pool, { logger: queries }) as unknown as Db;
    return {
      db,
      kind: "postgres",
      url: options.databaseUrl,
      queries,
      ping: () => ping(db),
      close: async () => {
        if (!pool.ended) await pool.end();
      },
    };
  }
  if (options.pgliteDir) mkdirSync(options.pgliteDir, { recursive: true });
  const pglite = await PGlite.create({
    extensions: PGLITE_EXTENSIONS,
    ...(options.pgliteDir ? { dataDir: options.pgliteDir } : {}),
    // PostgreSQL's default 128 MB of shared buffers live inside PGlite's WebAssembly memory, which
    // never shrinks; 32 MB served the benchmark's pages on the national data set as fast, with about
    // 120 MB less resident memory. The operating system's file cache holds the rest of the data.
    startParams: [...PGlite.defaultStartParams, "-c", "shared_buffers=32MB"],
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  const db = drizzlePglite(pglite, { logger: queries }) as unknown as Db;
  return {
    db,
    kind: "pglite",
    queries,
    pglite,
    ping: () => ping(db),
    close: async () => {
      if (!pglite.closed) await pglite.close();
    },
  };
}

/**
 * Reclaims dead rows and refreshes the planner's statistics on the embedded database, which has no
 * autovacuum (one process, no background workers). Without it, updated and deleted rows would never
 * be reclaimed, and index-only scans (counting a consultation's inputs, say) would read the table
 * anyway, because the visibility map is only set by a vacuum. PostgreSQL's autovacuum does this itself.
 */
export async function vacuumEmbedded(database: Database): Promise<void> {
  if (database.kind === "pglite") await database.db.execute(sql`vacuum (analyze)`);
}

async function ping(db: Db): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}

export { norwegianOrder } from "./order.ts";

/** The database's own error (with a five-character SQLSTATE) inside any wrapping, on either driver. */
function databaseError(error: unknown): { code?: unknown; constraint?: unknown } | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; depth++) {
    if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) return e;
    e = e.cause as typeof e;
  }
  return undefined;
}

/** Whether the database refused a delete because other records still refer to the row (SQLSTATE 23503). */
export function isForeignKeyViolation(error: unknown): boolean {
  return databaseError(error)?.code === "23503";
}

/** Whether the database refused a row because this unique index already holds its value (SQLSTATE 23505). */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = databaseError(error);
  return e?.code === "23505" && e.constraint === constraint;
}
