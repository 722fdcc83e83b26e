import type { FastifyInstance } from "fastify";
import { idParam, parseOrBadRequest } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { adoptionScopeQuery } from "../params.ts";
import { AdoptionHistoryPage } from "./history.views.tsx";

/** How adoption of one solution grew, quarter by quarter, in the whole country, a network or a county. */
export function adoptionHistoryRoutes(app: FastifyInstance, { services }: AppContext) {
  const { adoption, networks, directory } = services;

  app.get("/roadmap/:id/adoption", { config: { policy: "public" } }, async (req, reply) => {
    const { id } = parseOrBadRequest(idParam, req.params);
    const filter = parseOrBadRequest(adoptionScopeQuery, req.query);
    const solution = await services.roadmap.resource(id);
    const network = filter.network ? await networks.get(filter.network) : undefined;
    const [history, networkList, counties] = await Promise.all([
      adoption.overTime(id, { networkId: network?.id, countyCode: filter.county }),
      networks.switcher(),
      directory.organisations.byKind("county"),
    ]);
    const title = req.i18n.t("overTime.title", { name: solution.name });
    return reply.page(
      <AdoptionHistoryPage
        ctx={req.pageContext()}
        solution={solution}
        {...history}
        filter={filter}
        networks={networkList.map((n) => ({ value: n.slug, label: n.name }))}
        counties={counties.map((c) => ({ value: c.code ?? "", label: c.nameNorwegian }))}
      />,
      {
        title,
        crumbs: [
          { href: "/roadmap", label: req.i18n.t("roadmap.catalogueTitle") },
          { href: `/roadmap/${id}`, label: solution.name },
          { label: req.i18n.t("overTime.link") },
        ],
      },
    );
  });
}
