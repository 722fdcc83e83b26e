import { sql } from "drizzle-orm";

/** A page of a list, as the API's `limit` and `offset` ask for it. */
export interface Page {
  limit: number;
  offset: number;
}

/** The column that carries the number of rows the whole list has, next to each row of a page. */
export const totalRows = sql<number>`(count(*) over ())::int`;

/**
 * A page of rows that carry `totalRows` as `total`, and the list's total. One query; only a page
 * past the end (which has no row to carry the total) asks once more, for one row.
 */
export async function paged<R extends { total: number }>(
  page: Page,
  fetch: (page: Page) => Promise<R[]>,
): Promise<{ items: Omit<R, "total">[]; total: number }> {
  const rows = await fetch(page);
  const total = rows[0]?.total ?? (page.offset > 0 ? ((await fetch({ limit: 1, offset: 0 }))[0]?.total ?? 0) : 0);
  return { items: rows.map(({ total: _t, ...row }) => row), total };
}
