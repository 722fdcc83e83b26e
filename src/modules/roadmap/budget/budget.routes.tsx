import type { FastifyInstance, FastifyRequest } from "fastify";
import type { TableFile } from "../../../platform/http/table-file.ts";
import { parseOrBadRequest } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { slugParam } from "../../networks/index.ts";
import { tableDownloads } from "../downloads.ts";
import { NetworkBudgetPage } from "./budget.views.tsx";

/** A network's budget for national solutions: what its members are expected to spend per year, as a page, a CSV and an xlsx. */
export function budgetRoutes(app: FastifyInstance, { services }: AppContext) {
  const { adoption, networks } = services;

  app.get("/n/:slug/roadmap/budget", { config: { policy: "public" } }, async (req, reply) => {
    const network = await networks.get(parseOrBadRequest(slugParam, req.params).slug);
    const budget = await adoption.budget(network.id);
    const title = req.i18n.t("budget.title", { network: network.name });
    return reply.page(<NetworkBudgetPage ctx={req.pageContext()} network={network} budget={budget} />, {
      title,
      network,
      crumbs: [{ href: `/n/${network.slug}`, label: network.name }, { label: title }],
    });
  });

  /** The budget as one list, per member and then per solution, for the CSV and the Excel download alike. */
  tableDownloads(app, "/n/:slug/roadmap/budget", async (req: FastifyRequest): Promise<TableFile> => {
    const network = await networks.get(parseOrBadRequest(slugParam, req.params).slug);
    const budget = await adoption.budget(network.id);
    const { t } = req.i18n;
    const header = [
      t("plan.part"),
      t("roadmap.name"),
      ...budget.years.map((y) => ({ header: String(y), kind: "kroner" as const })),
    ];
    const rows = [
      ...budget.members.map((m) => [t("budget.member"), m.member.name, ...m.perYear]),
      ...budget.solutions.map((s) => [t("roadmap.name"), s.solution.name, ...s.perYear]),
      [t("plan.total"), network.name, ...budget.totals],
    ];
    return { name: `budget-${network.slug}`, sheet: t("budget.title", { network: network.name }), columns: header, rows };
  });
}
