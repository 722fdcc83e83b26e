import assert from "node:assert/strict";
import ExcelJS from "exceljs";
import type { Session } from "./app.ts";

/** A page's text as a reader sees it: without tags, quotes as quotes. */
export const textOf = (html: string) =>
  html
    .replace(/<[^>]*>/g, "")
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'");

/** A CSV file as a spreadsheet program saves it: a byte-order mark, lines ended by CR LF. */
export const csv = (lines: string[]) => Buffer.from(`\uFEFF${lines.join("\r\n")}\r\n`, "utf8");

/** A workbook with one sheet of these rows, the header first. */
export async function workbook(rows: unknown[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("Ark1");
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The import's mapping form's values as the page preselects them. */
export function preselected(html: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const select of html.matchAll(/<select[^>]*name="(field\.[a-zA-Z]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const chosen = select[2]!.match(/<option value="([^"]*)" selected/);
    values[select[1]!] = chosen ? chosen[1]! : "";
  }
  return values;
}

/** Confirms an import run's suggested mapping (with `extra` fields changed), and answers its preview page. */
export async function mapAsSuggested(session: Session, run: string, extra: Record<string, string> = {}) {
  const page = await session.get(run);
  assert.equal(page.statusCode, 200, page.body.slice(0, 500));
  const mapped = await session.post(`${run}/mapping`, { ...preselected(page.body), ...extra });
  assert.equal(mapped.statusCode, 303, mapped.body.slice(0, 3000));
  return session.get(`${run}/preview`);
}
