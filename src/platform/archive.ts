import { createReadStream, createWriteStream } from "node:fs";
import { createInterface } from "node:readline";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import { getTableColumns, getTableName, is, sql } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import type { Db, DbOrTx } from "./db/client.ts";
import type { ModuleManifest } from "./module.ts";
import * as kernel from "./schema.ts";

/**
 * The portable archive: every content table (the kernel's and those each module's manifest declares) as
 * gzipped JSON lines, in an order that satisfies the foreign keys. It moves an installation between the
 * embedded database and PostgreSQL both ways. Sessions are not content and the cookie secret belongs to
 * an installation, so neither moves.
 */
export function archiveTables(modules: readonly Pick<ModuleManifest, "tables">[]): PgTable[] {
  const declared = [kernel, ...modules.map((m) => m.tables ?? {})].flatMap((tables) =>
    Object.values(tables).filter((t): t is PgTable => is(t, PgTable)),
  );
  return inForeignKeyOrder(declared.filter((t) => !NOT_ARCHIVED.includes(getTableName(t) as (typeof NOT_ARCHIVED)[number])));
}

/** Each table after the tables its foreign keys name, otherwise in the order given (kernel, then the module list). */
function inForeignKeyOrder(tables: PgTable[]): PgTable[] {
  const ordered: PgTable[] = [];
  const placed = new Set<PgTable>();
  const visiting = new Set<PgTable>();
  const place = (table: PgTable) => {
    if (placed.has(table)) return;
    if (visiting.has(table)) throw new Error(`foreign keys form a cycle through ${getTableName(table)}`);
    visiting.add(table);
    for (const fk of getTableConfig(table).foreignKeys) {
      const target = fk.reference().foreignTable;
      if (target !== table && tables.includes(target)) place(target);
    }
    visiting.delete(table);
    placed.add(table);
    ordered.push(table);
  };
  for (const table of tables) place(table);
  return ordered;
}
/**
 * Tables that stay with an installation: sign-ins, links in mail already sent (invitations, and
 * requests for a person to confirm an account link), counters, tokens (their holders make new ones),
 * and mail. A new table must be put in one list or the other.
 */
export const NOT_ARCHIVED = [
  "sessions",
  "auth_tokens",
  "invitations",
  "person_link_requests",
  "api_tokens",
  "mail_outbox",
  "throttles",
  "rate_counters",
  "form_submissions",
] as const;
const SKIPPED_SETTINGS = new Set(["cookie_secret"]);
const FORMAT = "samverk-archive";
const BATCH = 500;

interface Header {
  format: typeof FORMAT;
  version: 1;
  exportedAt: string;
  counts: Record<string, number>;
}

function primaryOrder(table: PgTable) {
  const columns = getTableColumns(table);
  const keys = Object.values(columns).filter((c) => c.primary);
  return (keys.length ? keys : Object.values(columns)).map((c) => sql`${c}`);
}

async function rowsOf(db: Db, table: PgTable) {
  const rows = (await db
    .select()
    .from(table)
    .orderBy(...primaryOrder(table))) as Record<string, unknown>[];
  return getTableName(table) === "app_settings" ? rows.filter((r) => !SKIPPED_SETTINGS.has(String(r.key))) : rows;
}

export async function exportArchive(db: Db, file: string, modules: readonly ModuleManifest[]): Promise<Header> {
  const tables: { name: string; rows: Record<string, unknown>[] }[] = [];
  for (const table of archiveTables(modules)) tables.push({ name: getTableName(table), rows: await rowsOf(db, table) });
  const header: Header = {
    format: FORMAT,
    version: 1,
    exportedAt: new Date().toISOString(),
    counts: Object.fromEntries(tables.map((t) => [t.name, t.rows.length])),
  };
  function* lines() {
    yield `${JSON.stringify(header)}\n`;
    for (const t of tables) for (const row of t.rows) yield `${JSON.stringify({ t: t.name, r: row }, bytesAsBase64)}\n`;
  }
  await pipeline(Readable.from(lines()), createGzip(), createWriteStream(file));
  return header;
}

export class ArchiveError extends Error {}

/** Reads an archive into an empty database (or, with replace, one whose content is wiped first). */
export async function importArchive(
  db: Db,
  file: string,
  modules: readonly ModuleManifest[],
  options: { replace?: boolean } = {},
): Promise<Header> {
  const tables = archiveTables(modules);
  const byName = new Map(tables.map((t) => [getTableName(t), t]));
  const pending = new Map<string, Record<string, unknown>[]>();
  let header: Header | undefined;
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line) continue;
    const parsed = JSON.parse(line);
    if (!header) {
      if (parsed.format !== FORMAT || parsed.version !== 1) throw new ArchiveError(`${file} is not a Samverk archive`);
      header = parsed as Header;
      continue;
    }
    if (!byName.has(parsed.t)) throw new ArchiveError(`Unknown table in archive: ${parsed.t}`);
    const list = pending.get(parsed.t) ?? [];
    list.push(parsed.r);
    pending.set(parsed.t, list);
  }
  if (!header) throw new ArchiveError(`${file} is empty`);

  await db.transaction(async (tx) => {
    // Content is what the modules hold; the kernel's tables have an administrator and settings from the start.
    const kernelTables: unknown[] = Object.values(kernel);
    const moduleTables = tables.filter((t) => !kernelTables.includes(t));
    if (await holdsAnyRow(tx, moduleTables)) {
      if (!options.replace) throw new ArchiveError("The database already has content; use --replace to wipe it first");
      const names = tables.map((t) => `"${getTableName(t)}"`).join(", ");
      await tx.execute(sql.raw(`truncate ${names}, "sessions" restart identity cascade`));
    }
    for (const table of tables) {
      const rows = (pending.get(getTableName(table)) ?? []).map((r) => revive(table, r));
      for (let i = 0; i < rows.length; i += BATCH) {
        await tx
          .insert(table)
          .values(rows.slice(i, i + BATCH))
          .onConflictDoNothing();
      }
    }
    // Serial columns continue after the highest imported id.
    for (const table of tables) {
      const name = getTableName(table);
      const id = getTableColumns(table).id;
      if (!id) continue;
      await tx.execute(
        sql.raw(
          `select setval(pg_get_serial_sequence('"${name}"', 'id'), coalesce((select max(id) from "${name}"), 1), (select count(*) > 0 from "${name}"))`,
        ),
      );
    }
  });
  return header;
}

async function holdsAnyRow(tx: DbOrTx, tables: PgTable[]): Promise<boolean> {
  for (const table of tables) if ((await tx.select().from(table).limit(1)).length > 0) return true;
  return false;
}

/** Files' bytes travel as base64 (JSON would otherwise write a Buffer as an array of numbers). */
function bytesAsBase64(_key: string, value: unknown): unknown {
  const v = value as { type?: string; data?: number[] } | null;
  return v && v.type === "Buffer" && Array.isArray(v.data) ? { base64: Buffer.from(v.data).toString("base64") } : value;
}

/** JSON has no dates or bytes: timestamp columns come back from ISO strings, bytea from base64. */
function revive(table: PgTable, row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...row };
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    if (column.columnType === "PgTimestamp" && typeof out[key] === "string") out[key] = new Date(out[key] as string);
    const bytes = out[key] as { base64?: string } | null;
    if (column.getSQLType() === "bytea" && typeof bytes?.base64 === "string") out[key] = Buffer.from(bytes.base64, "base64");
  }
  return out;
}
