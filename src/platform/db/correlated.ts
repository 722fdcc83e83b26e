import { type Column, getTableName, type SQL, sql } from "drizzle-orm";

/**
 * A column of the outer query, named with its table, for a correlated subquery in the select list:
 * drizzle leaves the columns of a query on one table unqualified there, so `id` would silently mean
 * the subquery's own `id` instead of the outer row's.
 */
export const outerColumn = (column: Column): SQL =>
  sql`${sql.identifier(getTableName(column.table))}.${sql.identifier(column.name)}`;
