import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { renderToString } from "preact-render-to-string";
import { can } from "../../platform/access/authorize.ts";
import { authorized, byPathId } from "../../platform/access/page-access.ts";
import { sendStoredFile } from "../../platform/files/send.ts";
import { sendCsv } from "../../platform/http/csv.ts";
import { PAGE_SIZE, parseOrBadRequest } from "../../platform/http/validation.ts";
import { sendXlsx } from "../../platform/http/xlsx.ts";
import type { AppContext } from "../../platform/module.ts";
import { emptyForm, type FormState, Notice, submittedForm } from "../../platform/ui/components.tsx";
import type { Network } from "../networks/index.ts";
import { networkBySlug } from "../networks/index.ts";
import type { Need } from "./needs.repo.ts";
import {
  DigestPage,
  kindLabel,
  NeedFormPage,
  NeedPage,
  NeedsPage,
  SimilarList,
  stateLabel,
  urgencyLabel,
} from "./needs.views.tsx";
import { needDocumentParams, needListQuery, needParams, similarQuery, supporterParams } from "./params.ts";

/** The forms of a need's page, each coming back with its own input and errors. */
type NeedForms = Partial<Record<"support" | "document" | "merge" | "move" | "split", FormState>>;

export function needRoutes(app: FastifyInstance, { services, config }: AppContext) {
  const { needs, networks, directory, access } = services;
  /** What the policies are checked against: the network by :slug, or the need by :id (404 if none). */
  const networkInPath = networkBySlug(networks);
  const needInPath = byPathId((id) => needs.resource(id));
  const maxUploadBytes = config.SAMVERK_UPLOAD_MAX_MB * 1024 * 1024;

  async function needList(req: FastifyRequest, all = false) {
    const filter = parseOrBadRequest(needListQuery, req.query);
    const limit = all ? 1_000_000 : PAGE_SIZE;
    return { filter, ...(await needs.search(filter, req.actor, filter.sort, limit, all ? 0 : (filter.page - 1) * PAGE_SIZE)) };
  }

  app.get("/needs", { config: { policy: "public" } }, async (req, reply) => {
    const { filter, items, total } = await needList(req);
    const download = new URL(req.url, "http://x");
    download.searchParams.delete("page");
    const [networkList, orgs] = await Promise.all([networks.repo.switcher(), directory.organisations.options()]);
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

  /** The rows the list shows (all pages), for the CSV and the Excel download alike. */
  async function needTable(req: FastifyRequest) {
    const { items } = await needList(req, true);
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
      n.createdAt.toISOString().slice(0, 10),
      `/needs/${n.id}`,
    ]);
    return { header, rows };
  }

  app.get("/needs.csv", { config: { policy: "public" } }, async (req, reply) => {
    const { header, rows } = await needTable(req);
    return sendCsv(reply, "needs.csv", header, rows);
  });

  app.get("/needs.xlsx", { config: { policy: "public" } }, async (req, reply) => {
    const { header, rows } = await needTable(req);
    return sendXlsx(reply, "needs.xlsx", header, rows);
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

  const renderForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    form: FormState,
    network: Pick<Network, "id" | "slug" | "name">,
    editing: Need | null,
    checked = false,
  ) => {
    const { t } = req.i18n;
    const actor = req.actor!;
    const members = await access.repo.memberOrganisations(network.id);
    const organisations = members.filter((o) => can(actor, "need.update", { networkId: network.id, organisationId: o.id }));
    const typed = `${form.values.title ?? ""} ${form.values.problem ?? ""}`;
    const similar = checked || form.errors.length ? await needs.similar(typed, req.actor, editing?.id ?? null) : null;
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
        status: form.errors.length ? 422 : 200,
        crumbs: [
          { href: "/needs", label: t("need.listTitle") },
          ...(editing ? [{ href: `/needs/${editing.id}`, label: editing.title }] : []),
          { label: title },
        ],
      },
    );
  };

  app.get("/n/:slug/needs/new", { config: { policy: "need.create", resource: networkInPath } }, async (req, reply) => {
    const { resource: network } = authorized(req, networkInPath);
    return renderForm(
      req,
      reply,
      emptyForm({ kind: "need", urgency: "medium", effort: "unknown", visibility: "public" }),
      network,
      null,
    );
  });

  app.post(
    "/n/:slug/needs",
    { config: { storedOnce: true, policy: "need.create", resource: networkInPath } },
    async (req, reply) => {
      const { actor, resource: network } = authorized(req, networkInPath);
      // "Check for similar needs" shows the suggestions and keeps what was typed, saving nothing.
      if ((req.body as Record<string, unknown> | undefined)?.check === "1")
        return renderForm(req, reply, submittedForm(req.body, []), network, null, true);
      const result = await needs.create(actor, network.id, req.body, req.i18n.locale);
      if (!result.ok) return renderForm(req, reply, submittedForm(req.body, result.errors), network, null);
      return reply.redirect(`/needs/${result.value.id}?saved=1`, 303);
    },
  );

  /** The need the kernel let the writer act on (see needInPath). */
  const authorizedNeed = (req: FastifyRequest) => {
    const { actor, resource: need } = authorized(req, needInPath);
    return { actor, need };
  };

  app.get("/needs/:id/edit", { config: { policy: "need.update", resource: needInPath } }, async (req, reply) => {
    const { need } = authorizedNeed(req);
    return renderForm(req, reply, emptyForm({ ...need }), (await networks.repo.byId(need.networkId))!, need);
  });

  app.post("/needs/:id", { config: { policy: "need.update", resource: needInPath } }, async (req, reply) => {
    const { actor, need } = authorizedNeed(req);
    const network = (await networks.repo.byId(need.networkId))!;
    if ((req.body as Record<string, unknown> | undefined)?.check === "1")
      return renderForm(req, reply, submittedForm(req.body, []), network, need, true);
    const result = await needs.update(actor, need.id, req.body);
    if (!result.ok) return renderForm(req, reply, submittedForm(req.body, result.errors), network, need);
    return reply.redirect(`/needs/${need.id}?saved=1`, 303);
  });

  // The need's page

  const renderNeed = async (req: FastifyRequest, reply: FastifyReply, forms: NeedForms = {}) => {
    const { id } = parseOrBadRequest(needParams, req.params);
    const detail = await needs.get(id, req.actor);
    const { need } = detail;
    const canEdit = can(req.actor, "need.update", need);
    const canManage = can(req.actor, "need.manage", need);
    const [mine, history, assessments, decisions, networkList, siblings] = await Promise.all([
      req.actor ? access.organisationsActingFor(req.actor) : Promise.resolve([]),
      canEdit ? services.audit.history("need", id) : Promise.resolve([]),
      services.assessment.ofNeed(id, req.actor),
      services.meetings.decisionsAbout({ needIds: [id] }, req.actor),
      canManage ? networks.repo.switcher() : Promise.resolve([]),
      canManage
        ? needs.list({ networkId: need.networkId }, req.actor, "title", 1000, 0).then((r) => r.items)
        : Promise.resolve([]),
    ]);
    const { t } = req.i18n;
    const saved = (req.query as Record<string, unknown>).saved === "1";
    const failed = Object.values(forms).some((f) => f.errors.length);
    return reply.page(
      <>
        {saved ? <Notice kind="success">{t("form.saved")}</Notice> : null}
        <NeedPage
          ctx={req.pageContext()}
          detail={detail}
          assessments={assessments}
          decisions={decisions}
          canEdit={canEdit}
          canManage={canManage}
          mine={mine.map((o) => ({ value: o.id, label: o.name }))}
          supportForm={forms.support ?? emptyForm()}
          documentForm={{ ...(forms.document ?? emptyForm()), idPrefix: "doc-" }}
          mergeForm={{ ...(forms.merge ?? emptyForm()), idPrefix: "merge-" }}
          moveForm={{ ...(forms.move ?? emptyForm()), idPrefix: "move-" }}
          splitForm={{ ...(forms.split ?? emptyForm()), idPrefix: "split-" }}
          networks={networkList.filter((n) => n.id !== need.networkId).map((n) => ({ value: n.id, label: n.name }))}
          mergeOptions={siblings
            .filter((n) => n.id !== need.id && !["approved", "rejected"].includes(n.state))
            .map((n) => ({ value: n.id, label: `${n.title} (${n.organisationName})` }))}
          maxUploadMb={config.SAMVERK_UPLOAD_MAX_MB}
          history={history}
        />
      </>,
      {
        title: need.title,
        status: failed ? 422 : 200,
        crumbs: [{ href: "/needs", label: t("need.listTitle") }, { label: need.title }],
      },
    );
  };

  app.get("/needs/:id", { config: { policy: "public" } }, async (req, reply) => renderNeed(req, reply));

  // "We have this need too": anyone acting for an organisation; the service checks which one.
  app.post("/needs/:id/supporters", { config: { storedOnce: true, policy: "need.support" } }, async (req, reply) => {
    const { actor } = authorized(req);
    const { id } = parseOrBadRequest(needParams, req.params);
    const result = await needs.support(actor, id, req.body, req.i18n.locale);
    if (!result.ok) return renderNeed(req, reply, { support: submittedForm(req.body, result.errors) });
    return reply.redirect(`/needs/${id}?saved=1#supporters-heading`, 303);
  });

  app.post("/needs/:id/supporters/:organisationId/delete", { config: { policy: "need.support" } }, async (req, reply) => {
    const { actor } = authorized(req);
    const { id, organisationId } = parseOrBadRequest(supporterParams, req.params);
    await needs.withdrawSupport(actor, id, organisationId);
    return reply.redirect(`/needs/${id}?saved=1#supporters-heading`, 303);
  });

  app.post(
    "/needs/:id/documents",
    { config: { storedOnce: true, policy: "need.update", resource: needInPath, acceptsFiles: true } },
    async (req, reply) => {
      const { actor, need } = authorizedNeed(req);
      const result = await needs.addDocument(actor, need.id, req.body, maxUploadBytes);
      const { file: _file, ...typed } = (req.body ?? {}) as Record<string, unknown>;
      if (!result.ok) return renderNeed(req, reply, { document: submittedForm(typed, result.errors) });
      return reply.redirect(`/needs/${need.id}?saved=1#documents-heading`, 303);
    },
  );

  app.get("/needs/:id/documents/:documentId", { config: { policy: "public" } }, async (req, reply) => {
    const { id, documentId } = parseOrBadRequest(needDocumentParams, req.params);
    return sendStoredFile(reply, await needs.documentFile(id, documentId, req.actor));
  });

  app.post(
    "/needs/:id/documents/:documentId/delete",
    { config: { policy: "need.update", resource: needInPath } },
    async (req, reply) => {
      const { actor, need } = authorizedNeed(req);
      const { documentId } = parseOrBadRequest(needDocumentParams, req.params);
      await needs.removeDocument(actor, need.id, documentId);
      return reply.redirect(`/needs/${need.id}?saved=1#documents-heading`, 303);
    },
  );

  // The secretariat's tools: each comes back to the need's page with its own form on failure.
  // Each lands on the need that carries on: the one merged into, the moved one, the new part.
  const managed = [
    { path: "merge", run: needs.merge },
    { path: "move", run: needs.move },
    { path: "split", run: needs.split },
  ] as const;
  for (const tool of managed) {
    app.post(`/needs/:id/${tool.path}`, { config: { policy: "need.manage", resource: needInPath } }, async (req, reply) => {
      const { actor, need } = authorizedNeed(req);
      const result = await tool.run.call(needs, actor, need.id, req.body);
      if (!result.ok) return renderNeed(req, reply, { [tool.path]: submittedForm(req.body, result.errors) });
      return reply.redirect(`/needs/${result.value.id}?saved=1`, 303);
    });
  }

  // The e-mail digest: each person turns it off or on for themselves.
  app.get("/needs/digest", { config: { policy: "account.own" } }, async (req, reply) => {
    const { actor } = authorized(req);
    const setting = await needs.digestSetting(actor.userId!);
    const { t } = req.i18n;
    const saved = (req.query as Record<string, unknown>).saved === "1";
    return reply.page(
      <>
        {saved ? <Notice kind="success">{t("form.saved")}</Notice> : null}
        <DigestPage ctx={req.pageContext()} optedOut={setting.optedOut} />
      </>,
      {
        title: t("need.digestTitle"),
        crumbs: [{ href: "/needs", label: t("need.listTitle") }, { label: t("need.digestTitle") }],
      },
    );
  });

  app.post("/needs/digest", { config: { policy: "account.own" } }, async (req, reply) => {
    const { actor } = authorized(req);
    const optedOut = (req.body as Record<string, unknown> | undefined)?.optedOut === "1";
    await needs.setDigestOptOut(actor, optedOut, req.i18n.locale);
    return reply.redirect("/needs/digest?saved=1", 303);
  });
}
