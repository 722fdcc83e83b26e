import ExcelJS from "exceljs";
import type { FastifyReply } from "fastify";

/**
 * A column of a downloaded table: its heading, and what its cells hold where a value alone does not
 * say (an amount in kroner is a number shown with its unit). A plain heading is a column of values
 * typed by what they are: numbers as numbers, dates ("2027-03-01" or a Date) as dates, the rest as text.
 */
export type Column = string | { header: string; kind: "kroner" };

/** The headings of columns, for a CSV file of the same rows. */
export const headersOf = (columns: readonly Column[]): string[] => columns.map((c) => (typeof c === "string" ? c : c.header));

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_FORMAT = "dd.mm.yyyy";
const KRONER_FORMAT = '#,##0 "kr"';
/** The widths a column keeps between, in characters. */
const NARROWEST = 8;
const WIDEST = 60;

/** A cell's value as the workbook keeps it: a date-only text becomes a date at midnight UTC, as Excel counts days. */
function cellValue(value: unknown): ExcelJS.CellValue {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (value instanceof Date) return value;
  const text = String(value);
  const date = text.match(ISO_DATE);
  if (date) return new Date(Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3])));
  // Characters XML 1.0 cannot hold at all are dropped (exceljs would write a file no program opens).
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "");
}

/** What a cell reads as when sized: a date as its shown form, a number with its grouping. */
const shownLength = (value: ExcelJS.CellValue): number =>
  value instanceof Date
    ? DATE_FORMAT.length
    : typeof value === "number"
      ? String(Math.round(value)).length + 4
      : String(value ?? "").length;

/**
 * A workbook of one sheet, through exceljs: a bold header row kept in view while scrolling, typed cells
 * (dates as dates, numbers as numbers, amounts in kroner with their unit), and columns as wide as what
 * they hold. The sheet is named in the reader's language by the caller.
 */
export async function xlsxWorkbook(sheetName: string, columns: readonly Column[], rows: readonly unknown[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Samverk";
  // A sheet's name is at most 31 characters and cannot hold : \ / ? * [ ].
  const name = sheetName
    .replace(/[:\\/?*[\]]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 31)
    .trim();
  const sheet = workbook.addWorksheet(name || "Sheet1", {
    views: [{ state: "frozen", ySplit: 1 }],
  });
  const headers = headersOf(columns);
  sheet.addRow(headers).font = { bold: true };
  const widths = headers.map((h) => h.length);
  for (const row of rows) {
    const values = row.map(cellValue);
    values.forEach((v, i) => {
      widths[i] = Math.max(widths[i] ?? 0, shownLength(v));
    });
    // Dates get their format cell by cell: a column may mix dates and text ("2027" for a year).
    const added = sheet.addRow(values);
    values.forEach((v, i) => {
      if (v instanceof Date) added.getCell(i + 1).numFmt = DATE_FORMAT;
    });
  }
  columns.forEach((column, i) => {
    const sheetColumn = sheet.getColumn(i + 1);
    sheetColumn.width = Math.min(WIDEST, Math.max(NARROWEST, (widths[i] ?? 0) + 2));
    if (typeof column !== "string" && column.kind === "kroner") sheetColumn.numFmt = KRONER_FORMAT;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Sends rows as an .xlsx download: the same rows the CSV has, the sheet named `sheetName`. */
export async function sendXlsx(
  reply: FastifyReply,
  filename: string,
  columns: readonly Column[],
  rows: readonly unknown[][],
  sheetName = filename.replace(/\.xlsx$/, ""),
): Promise<FastifyReply> {
  const book = await xlsxWorkbook(sheetName, columns, rows);
  return reply
    .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    .header("content-disposition", `attachment; filename="${filename}"`)
    .send(book);
}

/** A cell as read from a spreadsheet: text, a number, a date (midnight UTC for a day), or empty. */
export type ReadCell = string | number | Date | null;

/** A sheet with more rows or columns than the reader was told to take: nothing of it is read further. */
export class SheetTooLarge extends Error {
  constructor(readonly dimension: "rows" | "columns") {
    super(`the sheet has too many ${dimension}`);
  }
}

/**
 * The first sheet of a workbook as rows of cells, the header first, every row as wide as the widest; a
 * formula reads as its result. Only the cells that hold something are visited, so one far-away cell
 * costs one row; past `limits` the sheet is refused (SheetTooLarge) instead of read.
 */
export async function readXlsx(data: Buffer, limits: { rows?: number; columns?: number } = {}): Promise<ReadCell[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const maxRows = limits.rows ?? Number.POSITIVE_INFINITY;
  const maxColumns = limits.columns ?? Number.POSITIVE_INFINITY;
  const rows: ReadCell[][] = [];
  let width = 0;
  let tooLarge: SheetTooLarge | undefined;
  sheet.eachRow((row, number) => {
    if (tooLarge) return;
    if (number > maxRows) tooLarge = new SheetTooLarge("rows");
    else if (row.cellCount > maxColumns) tooLarge = new SheetTooLarge("columns");
    if (tooLarge) return;
    const cells: ReadCell[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(readCell(row.getCell(c).value));
    rows[number - 1] = cells;
    width = Math.max(width, cells.length);
  });
  if (tooLarge) throw tooLarge;
  return Array.from(rows, (cells = []) => [...cells, ...Array<ReadCell>(width - cells.length).fill(null)]);
}

function readCell(value: ExcelJS.CellValue): ReadCell {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string" || value instanceof Date) return value;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if ("result" in value) return readCell((value.result ?? null) as ExcelJS.CellValue);
  if ("richText" in value) return value.richText.map((r) => r.text).join("");
  if ("text" in value) return String(value.text);
  return null;
}
