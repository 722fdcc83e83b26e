import type { FastifyInstance, FastifyRequest } from "fastify";
import { can } from "../../../platform/access/authorize.ts";
import { sendTable, TABLE_FORMATS } from "../../../platform/http/table-file.ts";
import { PAGE_SIZE, parseOrBadRequest } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { maturityLabel, originLabel } from "../labels.ts";
import { solutionListQuery } from "../params.ts";
import { SolutionsPage } from "./catalogue.views.tsx";

/** The catalogue's page, filtered, sorted and paged, and the same list (all pages) as CSV and as a workbook. */
export function catalogueRoutes(app: FastifyInstance, { services }: AppContext) {
  const { solutions, directory } = services;

  async function solutionList(rawQuery: unknown, all = false) {
    const filter = parseOrBadRequest(solutionListQuery, rawQuery);
    const limit = all ? 1_000_000 : PAGE_SIZE;
    return { filter, ...(await solutions.list(filter, filter.sort, limit, all ? 0 : (filter.page - 1) * PAGE_SIZE)) };
  }

  app.get("/solutions", { config: { policy: "public" } }, async (req, reply) => {
    const { filter, items, total } = await solutionList(req.query);
    const csv = new URL(req.url, "http://x");
    csv.pathname = "/solutions.csv";
    csv.searchParams.delete("page");
    const [orgs, networkList] = await Promise.all([directory.organisations.options(), services.networks.switcher()]);
    const { t } = req.i18n;
    return reply.page(
      <SolutionsPage
        ctx={req.pageContext()}
        items={items}
        total={total}
        filter={filter}
        limit={PAGE_SIZE}
        csvHref={`${csv.pathname}${csv.search}`}
        xlsxHref={`/solutions.xlsx${csv.search}`}
        canCreate={can(req.actor, "solution.create")}
        organisations={orgs.map((o) => ({ value: o.id, label: o.name }))}
        networks={networkList.map((n) => ({ value: n.slug, label: n.name }))}
      />,
      { title: t("solution.listTitle"), crumbs: [{ href: "/", label: "Samverk" }, { label: t("solution.listTitle") }] },
    );
  });

  /** The rows the catalogue shows (all pages), for the CSV and the Excel download alike. */
  async function solutionTable(req: FastifyRequest) {
    const { items } = await solutionList(req.query, true);
    const { t } = req.i18n;
    const header = [
      t("solution.name"),
      t("solution.owner"),
      t("solution.vendor"),
      t("solution.origin"),
      t("solution.maturity"),
      t("solution.licence"),
      t("solution.userCount"),
      "URL",
    ];
    const rows = items.map((s) => [
      s.name,
      s.ownerName,
      s.vendor,
      originLabel(t, s.origin),
      maturityLabel(t, s.maturity),
      s.licence,
      s.userCount,
      `/solutions/${s.id}`,
    ]);
    return { name: "solutions", sheet: t("solution.listTitle"), columns: header, rows };
  }

  for (const format of TABLE_FORMATS)
    app.get(`/solutions.${format}`, { config: { policy: "public" } }, async (req, reply) =>
      sendTable(reply, format, await solutionTable(req)),
    );
}
