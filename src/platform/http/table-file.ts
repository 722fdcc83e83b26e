import type { FastifyReply } from "fastify";
import { sendCsv } from "./csv.ts";
import { type Column, headersOf, sendXlsx } from "./xlsx.ts";

/** The two forms a table is downloaded in: the same columns and rows either way. */
export const TABLE_FORMATS = ["csv", "xlsx"] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];

/** A table as a download: its file's name (without the extension), its sheet's name in the reader's language, columns and rows. */
export interface TableFile {
  name: string;
  sheet: string;
  columns: readonly Column[];
  rows: readonly unknown[][];
}

/** Sends a table as CSV or as a workbook: the one way every list is downloaded. */
export function sendTable(reply: FastifyReply, format: TableFormat, table: TableFile): Promise<FastifyReply> | FastifyReply {
  const filename = `${table.name}.${format}`;
  return format === "xlsx"
    ? sendXlsx(reply, filename, table.columns, table.rows, table.sheet)
    : sendCsv(reply, filename, headersOf(table.columns), [...table.rows]);
}
