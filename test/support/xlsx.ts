import { readXlsx } from "../../src/platform/http/xlsx.ts";

/** A workbook's first sheet as text, read as a spreadsheet program reads it: a row a line, cells apart by tabs. */
export async function sheetText(book: Buffer): Promise<string> {
  return (await readXlsx(book))
    .map((row) => row.map((cell) => (cell instanceof Date ? cell.toISOString().slice(0, 10) : (cell ?? ""))).join("\t"))
    .join("\n");
}
