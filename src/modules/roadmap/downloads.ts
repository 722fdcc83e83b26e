import type { FastifyInstance, FastifyRequest } from "fastify";
import { sendCsv } from "../../platform/http/csv.ts";
import { sendXlsx } from "../../platform/http/xlsx.ts";

/** A table as the downloads build it: a header, rows, and a file name without its extension. */
export interface DownloadTable {
  header: string[];
  rows: unknown[][];
  name: string;
}

/** One public table offered at `<path>.csv` and `<path>.xlsx`, built the same way for both. */
export function tableDownloads(app: FastifyInstance, path: string, table: (req: FastifyRequest) => Promise<DownloadTable>) {
  app.get(`${path}.csv`, { config: { policy: "public" } }, async (req, reply) => {
    const { header, rows, name } = await table(req);
    return sendCsv(reply, `${name}.csv`, header, rows);
  });

  app.get(`${path}.xlsx`, { config: { policy: "public" } }, async (req, reply) => {
    const { header, rows, name } = await table(req);
    return sendXlsx(reply, `${name}.xlsx`, header, rows);
  });
}
