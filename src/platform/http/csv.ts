import { stringify } from "csv-stringify/sync";
import type { FastifyReply } from "fastify";

/** Sends rows as a CSV download with a byte-order mark, so spreadsheet programs read æ, ø and å. */
export function sendCsv(reply: FastifyReply, filename: string, header: string[], rows: unknown[][]): FastifyReply {
  const body = `\uFEFF${stringify([header, ...rows.map((r) => r.map((v) => (v === null || v === undefined ? "" : v)))])}`;
  return reply.type("text/csv; charset=utf-8").header("content-disposition", `attachment; filename="${filename}"`).send(body);
}
