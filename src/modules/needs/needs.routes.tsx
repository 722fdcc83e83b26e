import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { renderToString } from "preact-render-to-string";
import { can } from "../../platform/access/authorize.ts";
import { authorized } from "../../platform/access/page-access.ts";
import { sendCsv } from "../../platform/http/csv.ts";
import { PAGE_SIZE, parseOrBadRequest } from "../../platform/http/validation.ts";
import { sendXlsx } from "../../platform/http/xlsx.ts";
import { osloParts } from "../../platform/i18n/i18n.ts";
import type { AppContext } from "../../platform/module.ts";
import { emptyForm, type FormState, submittedForm } from "../../platform/ui/components.tsx";
import type { Network } from "../networks/index.ts";
import { networkBySlug } from "../networks/index.ts";
import { kindLabel, stateLabel, urgencyLabel } from "./labels.ts";
import { needAccess, renderNeed } from "./need-page.tsx";
import type { Need } from "./needs.repo.ts";
import { NeedFormPage, NeedsPage, SimilarList } from "./needs.views.tsx";
import { needListQuery, similarQuery } from "./params.ts";

/** The list as its page and its downloads filter it: one page, or every row. */
async function needList({ services }: AppContext, req: FastifyRequest, all = false) {
  const filter = parseOrBadRequest(needListQuery, req.query);
  const limit = all ? 1_000_000 : PAGE_SIZE;
  return {
    filter,
    ...(await services.needs.search(filter, req.actor, filter.sort, limit, all ? 0 : (filter.page - 1) * PAGE_SIZE)),
  };
}

/** The rows the list shows (all pages), for the CSV and the Excel download alike. */
async function needTable(ctx: AppContext, req: FastifyRequest) {
  const { items } = await needList(ctx, req, true);
  const { t } = req.i18n;
  const header = [
    t("need.title"),
    t("need.kind"),
    t("project.network"),
    t("need.organisation"),
    t("need.state"),
    t("need.urgency"),
    t("need.costEstimate"),
    t("need.sharedBy"),
    t("need.inhabitants"),
    t("need.registered"),
    "URL",
  ];
  const rows = items.map((n) => [
    n.title,
    kindLabel(t, n.kind),
    n.networkName,
    n.organisationName,
    stateLabel(t, n.state),
    urgencyLabel(t, n.urgency),
    n.costEstimate,
    n.supporters,
    n.inhabitants,
    osloParts(n.createdAt).date,
    `/needs/${n.id}`,
  ]);
  return { header, rows };
}

/** The form that registers a need or changes one, with the similar needs when asked for or when it failed. */
async function renderNeedForm(
  { services }: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  form: FormState,
  network: Pick<Network, "id" | "slug" | "name">,
  editing: Need | null,
  checked = false,
) {
  const { t } = req.i18n;
  const actor = req.actor!;
  const members = await services.access.memberOrganisations(network.id);
  const organisations = members.filter((o) => can(actor, "need.update", { networkId: network.id, organisationId: o.id }));
  const typed = `${form.values.title ?? ""} ${form.values.problem ?? ""}`;
  const similar = checked || form.errors.length ? await services.needs.similar(typed, req.actor, editing?.id ?? null) : null;
  const title = editing ? t("need.editTitle", { title: editing.title }) : t("need.new");
  return reply.page(
    <NeedFormPage
      ctx={req.pageContext()}
      form={form}
      title={title}
      action={editing ? `/needs/${editing.id}` : `/n/${network.slug}/needs`}
      cancelHref={editing ? `/needs/${editing.id}` : "/needs"}
      organisations={organisations.map((o) => ({ value: o.id, label: o.name }))}
      networkName={network.name}
      similar={similar}
      excludeId={editing?.id ?? null}
    />,
    {
      title,
      network,
      forms: [form],
      crumbs: [
        { href: "/needs", label: t("need.listTitle") },
        ...(editing ? [{ href: `/needs/${editing.id}`, label: editing.title }] : []),
        { label: title },
      ],
    },
  );
}

/** "Check for similar needs" shows the suggestions and keeps what was typed, saving nothing. */
const checkingSimilar = (req: FastifyRequest) => (req.body as Record<string, unknown> | undefined)?.check === "1";

/** Needs and ideas: the list with its downloads, registering and changing a need, and its page. */
export function needRoutes(app: FastifyInstance, ctx: AppContext) {
  const { needs, networks, directory } = ctx.services;
  /** What the policies are checked against: the network by :slug, or the need by :id (404 if none). */
  const networkInPath = networkBySlug(networks);
  const { needInPath, authorizedNeed } = needAccess(needs);

  // The page of the need digest the one digest replaced (decision 0035), as old mails link to it.
  app.get("/needs/digest", { config: { policy: "public" } }, (_req, reply) => reply.redirect("/following#mail", 301));

  app.get("/needs", { config: { policy: "public" } }, async (req, reply) => {
    const { filter, items, total } = await needList(ctx, req);
    const download = new URL(req.url, "http://x");
    download.searchParams.delete("page");
    const [networkList, orgs] = await Promise.all([networks.switcher(), directory.organisations.options()]);
    const { t } = req.i18n;
    return reply.page(
      <NeedsPage
        ctx={req.pageContext()}
        items={items}
        total={total}
        filter={filter}
        limit={PAGE_SIZE}
        csvHref={`/needs.csv${download.search}`}
        xlsxHref={`/needs.xlsx${download.search}`}
        networks={networkList.map((n) => ({ value: n.slug, label: n.name }))}
        organisations={orgs.map((o) => ({ value: o.id, label: o.name }))}
        registerIn={networkList.filter((n) => can(req.actor, "need.create", n))}
      />,
      { title: t("need.listTitle"), crumbs: [{ href: "/", label: "Samverk" }, { label: t("need.listTitle") }] },
    );
  });

  for (const [format, send] of [
    ["csv", sendCsv],
    ["xlsx", sendXlsx],
  ] as const)
    app.get(`/needs.${format}`, { config: { policy: "public" } }, async (req, reply) => {
      const { header, rows } = await needTable(ctx, req);
      return send(reply, `needs.${format}`, header, rows);
    });

  // Suggestions while typing: an HTML fragment the form's script puts in its live region.
  app.get("/needs/similar", { config: { policy: "public" } }, async (req, reply) => {
    const { text, exclude } = parseOrBadRequest(similarQuery, req.query);
    const similar = await needs.similar(text, req.actor, exclude ?? null);
    return reply
      .type("text/html; charset=utf-8")
      .header("cache-control", "no-store")
      .send(renderToString(<SimilarList t={req.i18n.t} similar={similar} />));
  });

  // Registering and editing

  app.get("/n/:slug/needs/new", { config: { policy: "need.create", resource: networkInPath } }, async (req, reply) => {
    const { resource: network } = authorized(req, networkInPath);
    const defaults = { kind: "need", urgency: "medium", effort: "unknown", visibility: "public" };
    return renderNeedForm(ctx, req, reply, emptyForm(defaults), network, null);
  });

  app.post(
    "/n/:slug/needs",
    { config: { storedOnce: true, policy: "need.create", resource: networkInPath } },
    async (req, reply) => {
      const { actor, resource: network } = authorized(req, networkInPath);
      if (checkingSimilar(req)) return renderNeedForm(ctx, req, reply, submittedForm(req.body, []), network, null, true);
      const result = await needs.create(actor, network.id, req.body);
      if (!result.ok) return renderNeedForm(ctx, req, reply, submittedForm(req.body, result.errors), network, null);
      return reply.redirect(`/needs/${result.value.id}?saved=1`, 303);
    },
  );

  app.get("/needs/:id/edit", { config: { policy: "need.update", resource: needInPath } }, async (req, reply) => {
    const { need } = authorizedNeed(req);
    return renderNeedForm(ctx, req, reply, emptyForm({ ...need }), (await networks.byId(need.networkId))!, need);
  });

  app.post("/needs/:id", { config: { policy: "need.update", resource: needInPath } }, async (req, reply) => {
    const { actor, need } = authorizedNeed(req);
    const network = (await networks.byId(need.networkId))!;
    if (checkingSimilar(req)) return renderNeedForm(ctx, req, reply, submittedForm(req.body, []), network, need, true);
    const result = await needs.update(actor, need.id, req.body);
    if (!result.ok) return renderNeedForm(ctx, req, reply, submittedForm(req.body, result.errors), network, need);
    return reply.redirect(`/needs/${need.id}?saved=1`, 303);
  });

  app.get("/needs/:id", { config: { policy: "public" } }, async (req, reply) => renderNeed(ctx, req, reply));
}
