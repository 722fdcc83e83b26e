import type { FastifyInstance, FastifyRequest } from "fastify";
import { sendTable, TABLE_FORMATS, type TableFile } from "../../platform/http/table-file.ts";

/** One public table offered at `<path>.csv` and `<path>.xlsx`, built the same way for both. */
export function tableDownloads(app: FastifyInstance, path: string, table: (req: FastifyRequest) => Promise<TableFile>) {
  for (const format of TABLE_FORMATS)
    app.get(`${path}.${format}`, { config: { policy: "public" } }, async (req, reply) =>
      sendTable(reply, format, await table(req)),
    );
}
