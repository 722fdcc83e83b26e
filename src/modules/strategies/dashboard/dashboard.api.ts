import { z } from "zod";
import type { ApiRouter } from "../../../platform/http/api.ts";
import type { AppContext } from "../../../platform/module.ts";
import { slugParam } from "../../networks/index.ts";
import { ambitionOut, summary } from "../ambitions/ambitions.api.ts";
import { COVERAGE_STANDINGS } from "../ambitions/ambitions.service.ts";
import { planProgress } from "../follow-up/progress.ts";
import { focusAreaProgress, loadDashboard } from "./dashboard.ts";

const int = z.number().int();

/** A network's strategy dashboard: its ambitions, its shared action plan's progress and its members' strategies. */
export function dashboardApi(api: ApiRouter, { services }: AppContext) {
  const { networks } = services;
  const tag = "strategies";

  api.route({
    policy: "public",
    method: "GET",
    path: "/networks/:slug/strategy-dashboard",
    operationId: "getStrategyDashboard",
    summary: "The network's ambitions, the progress of its shared action plan and the coverage of member strategies",
    tag,
    params: slugParam,
    response: z.object({
      ambitions: z.array(ambitionOut),
      sharedStrategy: z
        .object({
          id: int,
          title: z.string(),
          focusAreas: z.array(z.object({ id: int.nullable(), title: z.string(), done: int, measures: int, overdue: int })),
        })
        .nullable(),
      coverage: z.object({
        year: int,
        members: z.array(
          z.object({ organisationId: int, name: z.string(), standing: z.enum(COVERAGE_STANDINGS), strategyId: int.nullable() }),
        ),
      }),
    }),
    handler: async ({ params }) => {
      const { year, ambitions: items, shared, coverage } = await loadDashboard(services, (await networks.get(params.slug)).id);
      const row = (id: number | null, title: string, p: { done: number; n: number; overdue: number }) => ({
        id,
        title,
        done: p.done,
        measures: p.n,
        overdue: p.overdue,
      });
      return {
        ambitions: items.map(summary),
        sharedStrategy: shared
          ? {
              id: shared.strategy.id,
              title: shared.strategy.title,
              // The last row, without an id, is the whole plan.
              focusAreas: [
                ...focusAreaProgress(shared).map((a) => row(a.id, a.title, a)),
                row(null, shared.strategy.title, planProgress(shared.measures)),
              ],
            }
          : null,
        coverage: {
          year,
          members: coverage.map((c) => ({
            organisationId: c.id,
            name: c.name,
            standing: c.standing,
            strategyId: c.strategy?.id ?? null,
          })),
        },
      };
    },
  });
}
