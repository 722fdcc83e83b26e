import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { parseOrBadRequest, query } from "../../../platform/http/validation.ts";
import { osloToday } from "../../../platform/i18n/i18n.ts";
import type { AppContext } from "../../../platform/module.ts";
import { networkSlugParams } from "../params.ts";
import { SOLUTION_CATEGORIES } from "../schema.ts";
import { TimelinePage } from "./timeline.views.tsx";

const timelineQuery = query({
  view: z.enum(["year", "quarter"]).default("year"),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  category: z.enum(SOLUTION_CATEGORIES).optional(),
  owner: z.string().trim().max(100).optional(),
  network: networkSlugParams.shape.slug.optional(),
});

/** The roadmap as a timeline: every solution's milestones over their periods, with where moved ones came from. */
export function timelineRoutes(app: FastifyInstance, { services }: AppContext) {
  const { roadmap, networks } = services;

  app.get("/roadmap/timeline", { config: { policy: "public" } }, async (req, reply) => {
    const filter = parseOrBadRequest(timelineQuery, req.query);
    const network = filter.network ? await networks.get(filter.network) : undefined;
    const today = osloToday();
    const year = filter.year ?? Number(today.slice(0, 4)) - (filter.view === "year" ? 1 : 0);
    const owner = filter.owner?.toLowerCase();
    const solutions = (await roadmap.list({ category: filter.category, networkId: network?.id }))
      .map((i) => i.solution)
      .filter((s) => !owner || s.owner.toLowerCase().includes(owner));
    const rows = await roadmap.timeline(solutions);
    const { t } = req.i18n;
    const [networkList] = await Promise.all([networks.switcher()]);
    return reply.page(
      <TimelinePage
        ctx={req.pageContext()}
        rows={rows}
        filter={filter}
        year={year}
        today={today}
        networks={networkList.map((n) => ({ value: n.slug, label: n.name }))}
      />,
      {
        title: t("roadmap.timelineTitle"),
        ...(network ? { network } : {}),
        crumbs: [{ href: "/roadmap", label: t("roadmap.catalogueTitle") }, { label: t("roadmap.timelineTitle") }],
      },
    );
  });
}
