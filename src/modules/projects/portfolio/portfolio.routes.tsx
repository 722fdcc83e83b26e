import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Actor } from "../../../platform/access/actor.ts";
import { can } from "../../../platform/access/authorize.ts";
import { sendTable, TABLE_FORMATS } from "../../../platform/http/table-file.ts";
import { parseOrBadRequest } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { emptyForm, type FormState } from "../../../platform/ui/components.tsx";
import { phaseLabel, projectKindLabel, sectorLabel, statusLabel } from "../labels.tsx";
import { PAGE_SIZE, projectListQuery } from "../params.ts";
import { ProjectsPage } from "./portfolio.views.tsx";

/** The filtered list, shared by the page and its downloads so a download is exactly what is shown. */
async function projectList({ services }: AppContext, rawQuery: unknown, viewer: Actor | null, all = false) {
  const filter = parseOrBadRequest(projectListQuery, rawQuery);
  const limit = all ? 1_000_000 : PAGE_SIZE;
  const result = await services.projects.list(filter, viewer, filter.sort, limit, all ? 0 : (filter.page - 1) * PAGE_SIZE);
  return { filter, ...result };
}

/** Choices for the filters: networks, counties, organisations, sectors. */
async function listChoices({ services }: AppContext) {
  const { networks, directory, projects } = services;
  const [networkList, counties, orgs, customSectors] = await Promise.all([
    networks.switcher(),
    directory.organisations.byKind("county"),
    directory.organisations.options(["municipality", "county_municipality", "it_cooperation"]),
    projects.customSectors(),
  ]);
  return {
    networks: networkList.map((n) => ({ value: n.slug, label: n.name })),
    counties: counties.map((c) => ({ value: c.code ?? "", label: c.nameNorwegian })),
    organisations: orgs.map((o) => ({ value: o.id, label: o.name })),
    customSectors,
  };
}

/** The overview page; the saved-view form comes back here with its errors. */
export async function renderPortfolio(
  ctx: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  viewForm: FormState = emptyForm(),
) {
  const { networks, projects } = ctx.services;
  const { filter, items, total } = await projectList(ctx, req.query, req.actor);
  const csv = new URL(req.url, "http://x");
  csv.pathname = "/projects.csv";
  csv.searchParams.delete("page");
  const creatable = (await networks.switcher()).filter((n) => can(req.actor, "project.create", n));
  const { t } = req.i18n;
  return reply.page(
    <ProjectsPage
      ctx={req.pageContext()}
      items={items}
      total={total}
      filter={filter}
      limit={PAGE_SIZE}
      csvHref={`${csv.pathname}${csv.search}`}
      timelineHref={`/projects/timeline${csv.search}`}
      xlsxHref={`/projects.xlsx${csv.search}`}
      benefitsHref={`/projects/benefits${csv.search}`}
      createIn={creatable.map((n) => ({ slug: n.slug, name: n.name, configure: can(req.actor, "portfolio.configure", n) }))}
      savedViews={await projects.savedViewsFor(req.actor, "projects")}
      viewForm={viewForm}
      {...(await listChoices(ctx))}
    />,
    {
      title: t("project.listTitle"),
      forms: [viewForm],
      crumbs: [{ href: "/", label: "Samverk" }, { label: t("project.listTitle") }],
    },
  );
}

/** The rows the overview shows (all pages), for the CSV and the Excel download alike. */
async function projectTable(ctx: AppContext, req: FastifyRequest) {
  const { items } = await projectList(ctx, req.query, req.actor, true);
  const { customSectors } = await listChoices(ctx);
  const { t } = req.i18n;
  const header = [
    t("project.title"),
    t("project.network"),
    t("project.owner"),
    t("project.kind"),
    t("project.sector"),
    t("project.phase"),
    t("project.status"),
    t("project.startDate"),
    t("project.endDate"),
    { header: t("project.budget"), kind: "kroner" as const },
    t("project.tags"),
    "URL",
  ];
  const rows = items.map((p) => [
    p.title,
    p.networkName,
    p.ownerName,
    projectKindLabel(t, p.kind),
    sectorLabel(t, p.sector, customSectors),
    phaseLabel(t, p.phase),
    p.status ? statusLabel(t, p.status) : "",
    p.startDate,
    p.endDate,
    p.budget,
    p.tags.join(", "),
    `/projects/${p.id}`,
  ]);
  return { name: "projects", sheet: t("project.listTitle"), columns: header, rows };
}

/** The shared portfolio: the overview with its filters, and the same list as CSV and Excel. */
export function portfolioRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get("/projects", { config: { policy: "public" } }, async (req, reply) => renderPortfolio(ctx, req, reply));

  for (const format of TABLE_FORMATS)
    app.get(`/projects.${format}`, { config: { policy: "public" } }, async (req, reply) =>
      sendTable(reply, format, await projectTable(ctx, req)),
    );
}
