import { z } from "zod";
import type { ApiRouter } from "../../../platform/http/api.ts";
import type { AppContext } from "../../../platform/module.ts";
import { adoptionScopeQuery, solutionParams } from "../params.ts";

const int = z.number().int();

/** Adoption of one solution quarter by quarter, for the whole country, a network's members or a county. */
export function adoptionHistoryApi(api: ApiRouter, { services }: AppContext) {
  const { roadmap, networks } = services;
  const tag = "roadmap";

  api.route({
    policy: "public",
    method: "GET",
    path: "/national-solutions/:id/adoption-history",
    operationId: "getAdoptionHistory",
    summary: "Adoption of one solution quarter by quarter, for the whole country, a network's members or a county",
    tag,
    params: solutionParams,
    query: adoptionScopeQuery,
    response: z.object({
      organisations: int,
      quarters: z.array(
        z.object({
          start: z.string(),
          inUse: int,
          inProgress: int,
          planned: int,
          reported: int,
          share: z.number(),
          inhabitantShare: z.number(),
        }),
      ),
    }),
    handler: async ({ params, query: q }) => {
      await roadmap.resource(params.id);
      const network = q.network ? await networks.get(q.network) : undefined;
      const h = await services.adoption.overTime(params.id, { networkId: network?.id, countyCode: q.county });
      return { organisations: h.adopters, quarters: h.points.map(({ date, ...p }) => ({ start: date, ...p })) };
    },
  });
}
