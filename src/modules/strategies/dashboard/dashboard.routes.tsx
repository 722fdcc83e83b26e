import type { FastifyInstance } from "fastify";
import { can } from "../../../platform/access/authorize.ts";
import { parseOrBadRequest } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { savedNotice } from "../../../platform/ui/saved-notice.tsx";
import { slugParam } from "../../networks/index.ts";
import { loadDashboard } from "./dashboard.ts";
import { DashboardPage } from "./dashboard.views.tsx";

/** A network's strategy dashboard: its ambitions, its shared action plan and its members' strategies. */
export function dashboardRoutes(app: FastifyInstance, { services }: AppContext) {
  const { networks } = services;

  app.get("/n/:slug/strategies", { config: { policy: "public" } }, async (req, reply) => {
    const network = await networks.get(parseOrBadRequest(slugParam, req.params).slug);
    const dashboard = await loadDashboard(services, network.id);
    const { t } = req.i18n;
    const title = t("dashboard.title", { network: network.name });
    return reply.page(
      <>
        {savedNotice(req)}
        <DashboardPage
          ctx={req.pageContext()}
          network={network}
          dashboard={dashboard}
          canManage={can(req.actor, "ambition.manage", network)}
        />
      </>,
      { title, network, crumbs: [{ href: `/n/${network.slug}`, label: network.name }, { label: title }] },
    );
  });
}
