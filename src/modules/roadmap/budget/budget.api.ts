import { z } from "zod";
import type { ApiRouter } from "../../../platform/http/api.ts";
import type { AppContext } from "../../../platform/module.ts";
import { networkSlugParams } from "../params.ts";
import { SIZE_CLASSES } from "../schema.ts";

const int = z.number().int();

/** A network's expected costs per year for the national solutions its members have not adopted. */
export function budgetApi(api: ApiRouter, { services }: AppContext) {
  const { networks } = services;
  const tag = "roadmap";

  const yearRow = z.array(int).describe("Kroner per year, in the order of `years`");
  api.route({
    policy: "public",
    method: "GET",
    path: "/networks/:slug/roadmap-budget",
    operationId: "getNetworkBudget",
    summary: "Expected costs per year per member and per solution for the solutions the members have not adopted",
    tag,
    params: networkSlugParams,
    response: z.object({
      years: z.array(int),
      members: z.array(z.object({ organisationId: int, name: z.string(), sizeClass: z.enum(SIZE_CLASSES), perYear: yearRow })),
      solutions: z.array(z.object({ solutionId: int, name: z.string(), perYear: yearRow })),
      totals: yearRow,
      unplaced: int.describe("Cost estimates that could not be placed in a year: the solution has no dated milestone"),
    }),
    handler: async ({ params }) => {
      const b = await services.adoption.budget((await networks.get(params.slug)).id);
      return {
        years: b.years,
        members: b.members.map((m) => ({
          organisationId: m.member.id,
          name: m.member.name,
          sizeClass: m.size,
          perYear: m.perYear,
        })),
        solutions: b.solutions.map((s) => ({ solutionId: s.solution.id, name: s.solution.name, perYear: s.perYear })),
        totals: b.totals,
        unplaced: b.unplaced,
      };
    },
  });
}
