import { stringify } from "csv-stringify/sync";
import type { FastifyReply } from "fastify";

/** OWASP's list ("CSV Injection"): a spreadsheet reads a cell starting with one of these as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One cell as it goes into a download. Text that a spreadsheet would run as a formula gets a leading
 * apostrophe, as OWASP recommends, so "=HYPERLINK(…)" from a form shows as text. Only text is touched:
 * numbers (and bigints) stay numbers, so -5 is -5; but "-5" or "+47 …" typed into a text field is
 * text, and is marked like any other (OWASP: a cell is judged by its type, never by what it looks like).
 */
export function csvCell(value: unknown): unknown {
  if (value === null || value === undefined) return "";
  return typeof value === "string" && FORMULA_START.test(value) ? `'${value}` : value;
}

/** The other way, for files that come back (a template filled in and uploaded): the apostrophe comes off. */
export const fromCsvCell = (value: string): string => (/^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value);

/**
 * Sends rows as a CSV download with a byte-order mark, so spreadsheet programs read æ, ø and å. The
 * only place CSV is written: every cell passes through `csvCell`.
 */
export function sendCsv(reply: FastifyReply, filename: string, header: string[], rows: unknown[][]): FastifyReply {
  const body = `\uFEFF${stringify([header, ...rows].map((r) => r.map(csvCell)))}`;
  return reply.type("text/csv; charset=utf-8").header("content-disposition", `attachment; filename="${filename}"`).send(body);
}
