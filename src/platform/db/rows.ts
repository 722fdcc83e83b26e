/** The rows of a `db.execute` result: node-postgres and PGlite both answer `{ rows }`, some drivers an array. */
export const rowsOf = <T>(result: unknown): T[] =>
  (Array.isArray(result) ? result : ((result as { rows?: T[] }).rows ?? [])) as T[];
