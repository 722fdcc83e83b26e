import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { Actor } from "../../../platform/access/actor.ts";
import { can } from "../../../platform/access/authorize.ts";
import { byPathId } from "../../../platform/access/page-access.ts";
import { sendCsv } from "../../../platform/http/csv.ts";
import { formRoute } from "../../../platform/http/form-route.ts";
import { idParam, PAGE_SIZE, pageParam, parseOrBadRequest, query, searchText } from "../../../platform/http/validation.ts";
import { sendXlsx } from "../../../platform/http/xlsx.ts";
import type { Translate } from "../../../platform/i18n/i18n.ts";
import type { AppContext } from "../../../platform/module.ts";
import { emptyForm, type FormState, submittedForm } from "../../../platform/ui/components.tsx";
import { savedNotice } from "../../../platform/ui/saved-notice.tsx";
import { needAccess, renderNeed } from "../need-page.tsx";
import { NATIONAL_SORTS } from "./national.repo.ts";
import type { NationalEntry } from "./national.service.ts";
import { hrefOf, inhabitantsText, NationalNeedPage, NationalPage, priorityText } from "./national.views.tsx";

/** The national view's filters, as its page and downloads read them from the address. */
export const nationalQuery = query({
  q: searchText,
  unlinked: z.enum(["1"]).optional(),
  sort: z.enum(NATIONAL_SORTS).default("-networks"),
  page: pageParam,
});

/** The national view as a table: one row per national need (or need linked to none), for CSV and xlsx alike. */
export function nationalTable(t: Translate, number: (n: number) => string, items: NationalEntry[]) {
  const header = [
    t("national.need"),
    t("national.kind"),
    t("national.description"),
    t("national.networks"),
    t("national.networkNames"),
    t("national.organisations"),
    t("national.organisationNames"),
    t("national.inhabitants"),
    t("national.unknownPopulation"),
    t("national.priorities"),
    "URL",
  ];
  const rows = items.map((r) => [
    r.title,
    r.nationalNeedId !== null ? t("national.kindNational") : t("national.kindUnlinked"),
    r.description,
    r.networks,
    r.networkList.map((n) => n.name).join(", "),
    r.organisations,
    r.organisationList.map((o) => o.name).join(", "),
    r.unknown === r.organisations ? inhabitantsText(t, number, r) : r.inhabitants,
    r.unknown,
    r.items.map((n) => `${n.networkName}: ${n.title} (${priorityText(t, n)})`).join("; "),
    hrefOf(r),
  ]);
  return { header, rows };
}

/** The national view, a national need's page and text, and the secretariat's links of its own needs to national needs. */
export function nationalRoutes(app: FastifyInstance, ctx: AppContext) {
  const { nationalNeeds, needs } = ctx.services;
  const { needInPath, authorizedNeed } = needAccess(needs);
  const nationalInPath = byPathId((id) => nationalNeeds.resource(id));

  const view = (req: FastifyRequest, all: boolean) => {
    const filter = parseOrBadRequest(nationalQuery, req.query);
    const page = all ? { limit: 100_000, offset: 0 } : { limit: PAGE_SIZE, offset: (filter.page - 1) * PAGE_SIZE };
    return nationalNeeds
      .view(req.actor, { q: filter.q, unlinked: filter.unlinked === "1" }, filter.sort, page)
      .then((r) => ({ filter, ...r }));
  };

  app.get("/needs/national", { config: { policy: "public" } }, async (req, reply) => {
    const { filter, items, total } = await view(req, false);
    const download = new URL(req.url, "http://x");
    download.searchParams.delete("page");
    const { t } = req.i18n;
    return reply.page(
      <NationalPage
        ctx={req.pageContext()}
        items={items}
        total={total}
        filter={{ ...filter, unlinked: filter.unlinked === "1" }}
        limit={PAGE_SIZE}
        csvHref={`/needs/national.csv${download.search}`}
        xlsxHref={`/needs/national.xlsx${download.search}`}
      />,
      {
        title: t("national.title"),
        crumbs: [{ href: "/needs", label: t("need.listTitle") }, { label: t("national.title") }],
      },
    );
  });

  for (const [format, send] of [
    ["csv", sendCsv],
    ["xlsx", sendXlsx],
  ] as const)
    app.get(`/needs/national.${format}`, { config: { policy: "public" } }, async (req, reply) => {
      const { items } = await view(req, true);
      const { header, rows } = nationalTable(req.i18n.t, req.i18n.number, items);
      return send(reply, `national-needs.${format}`, header, rows);
    });

  const nationalPage = async (req: FastifyRequest, reply: FastifyReply, id: number, form?: FormState) => {
    const { nationalNeed, entry } = await nationalNeeds.get(req.actor, id);
    const resource = await nationalNeeds.resource(id);
    const editable = can(req.actor, "nationalNeed.edit", resource);
    const { t } = req.i18n;
    return reply.page(
      <>
        {savedNotice(req)}
        <NationalNeedPage
          ctx={req.pageContext()}
          nationalNeed={nationalNeed}
          entry={entry}
          form={editable ? (form ?? emptyForm({ ...nationalNeed })) : null}
        />
      </>,
      {
        title: nationalNeed.title,
        description: nationalNeed.description.slice(0, 200) || undefined,
        crumbs: [{ href: "/needs/national", label: t("national.title") }, { label: nationalNeed.title }],
        ...(form ? { forms: [form] } : {}),
      },
    );
  };

  app.get("/needs/national/:id", { config: { policy: "public" } }, (req, reply) =>
    nationalPage(req, reply, parseOrBadRequest(idParam, req.params).id),
  );

  formRoute(app, {
    path: "/needs/national/:id",
    policy: "nationalNeed.edit",
    resource: nationalInPath,
    initial: false,
    show: (req, reply, form, r) => nationalPage(req, reply, r.nationalNeed.id, form),
    submit: (actor, r, body) => nationalNeeds.update(actor, r.nationalNeed, body),
    done: (g) => `/needs/national/${g.id}?saved=1`,
  });

  // The need's own network's secretariat links it, starts a national need from it, or takes it out.
  const linking = [
    {
      path: "national",
      form: "nationalLink",
      storedOnce: false,
      run: (actor: Actor, id: number, body: unknown) => nationalNeeds.link(actor, id, body),
    },
    {
      path: "national/new",
      form: "nationalStart",
      storedOnce: true,
      run: (actor: Actor, id: number, body: unknown) => nationalNeeds.start(actor, id, body),
    },
  ] as const;
  for (const route of linking)
    app.post(
      `/needs/:id/${route.path}`,
      { config: { policy: "need.linkNational", resource: needInPath, storedOnce: route.storedOnce } },
      async (req, reply) => {
        const { actor, need } = authorizedNeed(req);
        const result = await route.run(actor, need.id, req.body);
        if (!result.ok) return renderNeed(ctx, req, reply, { [route.form]: submittedForm(req.body, result.errors) });
        return reply.redirect(`/needs/${need.id}?saved=1#national-heading`, 303);
      },
    );

  app.post(
    "/needs/:id/national/delete",
    { config: { policy: "need.linkNational", resource: needInPath } },
    async (req, reply) => {
      const { actor, need } = authorizedNeed(req);
      const result = await nationalNeeds.unlink(actor, need.id);
      if (!result.ok) return renderNeed(ctx, req, reply, { nationalLink: submittedForm(req.body, result.errors) });
      return reply.redirect(`/needs/${need.id}?saved=1#national-heading`, 303);
    },
  );
}
