import { parse } from "csv-parse/sync";
import { fromCsvCell } from "../http/csv.ts";
import { readXlsx, SheetTooLarge } from "../http/xlsx.ts";
import type { MessageKey } from "../i18n/i18n.ts";

/** A file that cannot be read as a table at all: nothing in it is looked at further. */
export interface Malformed {
  key: MessageKey;
  params?: Record<string, string | number>;
}

/** An uploaded file read as a table: its header names and its rows of text, the header being line 1. */
export interface Table {
  headers: string[];
  rows: { line: number; cells: string[] }[];
}

/** More rows than the country's municipalities times a generous catalogue is not a file a network keeps. */
export const MAX_ROWS = 20_000;
/** Nor are more columns than any list of records has fields. */
export const MAX_COLUMNS = 200;

const isMalformed = (value: unknown): value is Malformed => typeof value === "object" && value !== null && "key" in value;

export { isMalformed };

/**
 * Reads the bytes of an uploaded text file: UTF-8 only (a byte-order mark is fine). A file saved
 * as Windows-1252 or Latin-1, as older spreadsheet programs do, is refused rather than guessed at,
 * since a guess would turn "Bø" into another name.
 */
export function decodeCsv(bytes: Uint8Array): { text: string } | Malformed {
  try {
    return { text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    return { key: "errors.import.encoding" };
  }
}

/** A workbook is a zip file; everything else is read as CSV. */
const isWorkbook = (data: Buffer) => data.length > 4 && data.readUInt32LE(0) === 0x04034b50;

/** A day as the rest of Samverk writes it; a workbook's dates are whole days at midnight UTC. */
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/**
 * Reads an xlsx workbook's first sheet or a CSV file (semicolons or commas, as its header says) into
 * text cells. A date cell reads as yyyy-mm-dd and a number as its digits, so what a spreadsheet
 * program typed is read the same whichever format it was saved in.
 */
export async function readTable(data: Buffer): Promise<Table | Malformed> {
  let records: string[][];
  if (isWorkbook(data)) {
    try {
      // The header and one row more than allowed: enough to tell a file that is too long.
      const cells = await readXlsx(data, { rows: MAX_ROWS + 2, columns: MAX_COLUMNS });
      records = cells.map((row) =>
        row.map((cell) => (cell === null ? "" : cell instanceof Date ? isoDay(cell) : String(cell).trim())),
      );
    } catch (error) {
      if (error instanceof SheetTooLarge)
        return error.dimension === "rows"
          ? { key: "errors.import.tooMany", params: { max: MAX_ROWS } }
          : { key: "errors.import.tooWide", params: { max: MAX_COLUMNS } };
      return { key: "errors.import.workbook" };
    }
  } else {
    const decoded = decodeCsv(data);
    if (isMalformed(decoded)) return decoded;
    const firstLine = decoded.text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
    // Spreadsheets in Norway write semicolons; others commas. The header says which.
    const delimiter = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
    try {
      records = parse(decoded.text, { delimiter, bom: true, trim: true, relax_column_count: true });
    } catch (error) {
      const line = (error as { lines?: number }).lines;
      return { key: "errors.import.malformed", params: { line: line ?? "?" } };
    }
    // A template downloaded from Samverk marks text that looks like a formula; the mark comes off here.
    records = records.map((row) => row.map(fromCsvCell));
  }
  if (records.some((row) => row.length > MAX_COLUMNS)) return { key: "errors.import.tooWide", params: { max: MAX_COLUMNS } };
  const [header, ...body] = records;
  const rows = body.map((cells, i) => ({ line: i + 2, cells })).filter((row) => row.cells.some((cell) => cell !== ""));
  if (!header || rows.length === 0) return { key: "errors.import.empty" };
  if (rows.length > MAX_ROWS) return { key: "errors.import.tooMany", params: { max: MAX_ROWS } };
  return { headers: header.map((h) => h.trim()), rows };
}
