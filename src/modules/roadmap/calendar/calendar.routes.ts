import type { FastifyInstance, FastifyRequest } from "fastify";
import { sendCalendar } from "../../../platform/http/icalendar.ts";
import { dbId, parseOrBadRequest, query } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { milestoneName } from "../labels.ts";
import { networkSlugParams } from "../params.ts";
import { periodLabel } from "../precision.ts";
import type { NationalSolution } from "../roadmap.repo.ts";
import { milestoneCalendar } from "./calendar.ts";

const calendarQuery = query({
  network: networkSlugParams.shape.slug.optional(),
  organisation: dbId.optional(),
  solution: dbId.optional(),
});

/** The roadmap's milestones as a calendar feed others subscribe to. */
export function calendarRoutes(app: FastifyInstance, { services, config }: AppContext) {
  const { roadmap, networks, adoption } = services;
  const publicUrl = (config.SAMVERK_PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/$/, "");

  /**
   * The feed's name and solutions: one solution; the national catalogue and one network's
   * initiatives; or what is still coming to one municipality (its networks' roadmap, less what it
   * has in use or finds not relevant); or, without a scope, the national catalogue.
   */
  const scopeOf = async (req: FastifyRequest): Promise<{ name: string; solutions: NationalSolution[] }> => {
    const scope = parseOrBadRequest(calendarQuery, req.query);
    const { t } = req.i18n;
    const national = (await roadmap.list({})).map((i) => i.solution).filter((s) => s.networkId === null);
    if (scope.solution) {
      const solution = await roadmap.resource(scope.solution);
      return { name: solution.name, solutions: [solution] };
    }
    if (scope.network) {
      const network = await networks.get(scope.network);
      const solutions = (await roadmap.list({ networkId: network.id })).map((i) => i.solution);
      return { name: `${network.name}: ${t("nav.roadmap")}`, solutions };
    }
    if (scope.organisation) {
      const { organisation, solutions } = await adoption.stillComing(scope.organisation);
      return { name: `${organisation.name}: ${t("nav.roadmap")}`, solutions };
    }
    return { name: t("roadmap.catalogueTitle"), solutions: national };
  };

  app.get("/roadmap/calendar.ics", { config: { policy: "public" } }, async (req, reply) => {
    const { name, solutions } = await scopeOf(req);
    const { t } = req.i18n;
    const byId = new Map(solutions.map((s) => [s.id, s]));
    const milestones = await roadmap.milestonesOf([...byId.keys()]);
    const events = milestones.map((m) => {
      const solution = byId.get(m.solutionId)!;
      return {
        uid: `milestone-${m.id}@samverk`,
        summary: `${solution.name}: ${milestoneName(t, m)}`,
        description: [periodLabel(req.i18n, m.date, m.precision), solution.owner, m.note].filter(Boolean).join(" – "),
        date: m.date,
        precision: m.precision,
        url: `${publicUrl}/roadmap/${solution.id}`,
        updatedAt: m.updatedAt,
      };
    });
    return sendCalendar(reply, "samverk-roadmap.ics", milestoneCalendar(name, events));
  });
}
