/**
 * Inserts many rows in one statement with one parameter per column: each column goes in as a text
 * array and is cast back to its type by the database (`insert … select … from unnest(…)`). Building a
 * statement with a parameter per value costs more than the database's own work at these sizes.
 */
import { getTableColumns, getTableName, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../../src/platform/db/client.ts";

const quoteIdentifier = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** A value as PostgreSQL reads it from text, for a column of this SQL type. */
function encode(value: unknown, sqlType: string): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (sqlType.endsWith("[]")) {
    const items = (value as unknown[]).map((v) => `"${String(v).replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`);
    return `{${items.join(",")}}`;
  }
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** Inserts the rows (each with the same keys); returns the `returning` column's values if one is named. */
export async function bulkInsert<T extends PgTable>(
  db: DbOrTx,
  table: T,
  rows: Record<string, unknown>[],
  returning?: string,
): Promise<number[]> {
  if (rows.length === 0) return [];
  const columns = getTableColumns(table) as Record<string, { name: string; getSQLType(): string }>;
  const keys = Object.keys(rows[0]!);
  // A key left out of a row would insert null, not the column's default: every row names every key.
  const shape = keys.join();
  const odd = rows.find((row) => Object.keys(row).join() !== shape);
  if (odd) throw new Error(`${getTableName(table)}: rows with different keys (${keys} and ${Object.keys(odd)})`);
  const names: string[] = [];
  const casts: string[] = [];
  const arrays: (string | null)[][] = [];
  keys.forEach((key, i) => {
    const column = columns[key];
    if (!column) throw new Error(`${getTableName(table)} has no column ${key}`);
    const type = column.getSQLType();
    names.push(quoteIdentifier(column.name));
    casts.push(`c${i}::${type}`);
    arrays.push(rows.map((row) => encode(row[key], type)));
  });
  const params = sql.join(
    arrays.map((values) => sql`${sql.param(values)}::text[]`),
    sql`, `,
  );
  const statement = sql`insert into ${sql.raw(quoteIdentifier(getTableName(table)))} (${sql.raw(names.join(", "))})
    select ${sql.raw(casts.join(", "))} from unnest(${params}) as u(${sql.raw(keys.map((_, i) => `c${i}`).join(", "))})
    ${returning ? sql.raw(`returning ${quoteIdentifier(returning)}`) : sql``}`;
  const result = (await db.execute(statement)) as unknown as { rows: Record<string, unknown>[] };
  return returning ? result.rows.map((r) => Number(r[returning])) : [];
}
