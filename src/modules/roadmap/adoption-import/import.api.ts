import { z } from "zod";
import type { ApiRouter } from "../../../platform/http/api.ts";
import { ValidationError } from "../../../platform/http/errors.ts";
import type { AppContext } from "../../../platform/module.ts";
import { networkSlugParams } from "../params.ts";

const int = z.number().int();

/** Bulk update of a network's members' statuses from CSV text, with the same checks as the upload page. */
export function adoptionImportApi(api: ApiRouter, { services }: AppContext) {
  const { networks } = services;
  const tag = "roadmap";

  api.route({
    policy: "adoption.import",
    resource: ({ slug }) => networks.get(slug),
    method: "POST",
    path: "/networks/:slug/adoption/import",
    operationId: "importAdoption",
    summary:
      "Bulk update of the members' statuses from CSV text (the network's secretariat): every row is checked; if one is refused, nothing is applied and the errors name the lines",
    tag,
    params: networkSlugParams,
    body: z.object({ csv: z.string().max(5_000_000) }),
    response: z.object({ rows: int, changed: int }),
    handler: async ({ actor, params, body }) => {
      const network = await networks.get(params.slug);
      const result = await services.adoption.importCsv(actor, network.id, body.csv);
      if (!result.ok) throw new ValidationError([{ field: "csv", ...result.malformed }]);
      if (!result.applied)
        throw new ValidationError(
          result.rows.flatMap((r) =>
            r.problems.map(({ column, ...p }) => ({ field: column ? `line ${r.line}: ${column}` : `line ${r.line}`, ...p })),
          ),
        );
      return { rows: result.rows.length, changed: result.changed };
    },
  });
}
