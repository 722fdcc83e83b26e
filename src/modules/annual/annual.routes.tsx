import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { can } from "../../platform/access/authorize.ts";
import { authorized } from "../../platform/access/page-access.ts";
import { NotFoundError } from "../../platform/http/errors.ts";
import { formRoute } from "../../platform/http/form-route.ts";
import { sendTable } from "../../platform/http/table-file.ts";
import { parseOrBadRequest, wholeNumber } from "../../platform/http/validation.ts";
import { i18nFor, type Locale, osloToday, type Translate } from "../../platform/i18n/i18n.ts";
import type { AnnualCell, AnnualKind, AppContext } from "../../platform/module.ts";
import { emptyForm, type FormState } from "../../platform/ui/components.tsx";
import { savedNotice } from "../../platform/ui/saved-notice.tsx";
import { slugParam } from "../networks/index.ts";
import type { AnnualDocument } from "./annual.repo.ts";
import { AnnualDocumentPage, AnnualEditPage, AnnualListPage, documentHref, sectionValues } from "./annual.views.tsx";
import { ANNUAL_KINDS, type AnnualSection } from "./schema.ts";
import { drawingFor } from "./tables.ts";

const documentParams = slugParam.extend({ kind: z.enum(ANNUAL_KINDS), year: wholeNumber(2000, 2200) });
const tableParams = documentParams.extend({ table: z.string().regex(/^[a-z0-9-]{1,40}$/), format: z.enum(["csv", "xlsx"]) });

/** The sections a new document starts with, in the network's written form (`networkLocale`). */
const defaultSections = (t: Translate, kind: AnnualKind): AnnualSection[] =>
  ([1, 2, 3, 4] as const).map((n) => ({ heading: t(`annual.template.${kind}.${n}`), body: "" }));

/** A cell as plain text or number, for the downloads. */
const plainCell = (t: Translate, cell: AnnualCell) =>
  cell === null || typeof cell !== "object" ? cell : "href" in cell ? cell.text : t(cell.label);

/** A network's annual plans and reports: the list, a document, its draft, adoption, publication and tables. */
export function annualRoutes(app: FastifyInstance, ctx: AppContext) {
  const { annual, networks } = ctx.services;
  const networkInPath = async (req: FastifyRequest) => {
    const network = await networks.get(parseOrBadRequest(slugParam, req.params).slug);
    return { networkId: network.id, network };
  };
  /** The document in the path as the viewer may read it (404 otherwise), with its network for annual.manage. */
  const documentInPath = async (req: FastifyRequest) => {
    const { slug, kind, year } = parseOrBadRequest(documentParams, req.params);
    const network = await networks.get(slug);
    const doc = await annual.get(network.id, kind, year, req.actor);
    return { networkId: network.id, network, doc };
  };
  /** The document in the path for the secretariat's routes: the rule refuses others (403) before anything is shown. */
  const managedDocument = async (req: FastifyRequest) => {
    const { slug, kind, year } = parseOrBadRequest(documentParams, req.params);
    const network = await networks.get(slug);
    return { networkId: network.id, network, doc: await annual.find(network.id, kind, year) };
  };
  /** The managed document once the rule has let the secretariat in; 404 when there is none. */
  const present = (r: Awaited<ReturnType<typeof managedDocument>>) => {
    if (!r.doc) throw new NotFoundError();
    return { ...r, doc: r.doc };
  };
  type InPath = Awaited<ReturnType<typeof documentInPath>>;
  /**
   * The written form a network's documents are in: its host organisation's målform, nynorsk or else
   * bokmål (a network without a host, or a host that is neutral, writes bokmål).
   */
  const networkLocale = async (network: { hostOrganisationId: number | null }): Promise<Locale> => {
    const host =
      network.hostOrganisationId === null
        ? undefined
        : await ctx.services.directory.organisations.byId(network.hostOrganisationId);
    return host?.malform === "nynorsk" ? "nn" : "nb";
  };
  const drawFor = ({ network, doc }: InPath) =>
    drawingFor(ctx, { network, year: doc.year, kind: doc.kind, surveyId: doc.surveyId });

  const listPage = async (req: FastifyRequest, reply: FastifyReply, network: InPath["network"], form: FormState | null) => {
    const { t } = req.i18n;
    const documents = await annual.list(network.id, req.actor);
    const title = t("annual.title", { name: network.name });
    const mayCreate = can(req.actor, "annual.manage", { networkId: network.id });
    return reply.page(
      <AnnualListPage
        ctx={req.pageContext()}
        title={title}
        slug={network.slug}
        documents={documents}
        newForm={mayCreate ? (form ?? emptyForm({ kind: "report", year: osloToday().slice(0, 4) })) : null}
      />,
      {
        title,
        network,
        crumbs: [{ href: `/n/${network.slug}`, label: network.name }, { label: t("annual.nav") }],
        ...(form?.errors.length ? { forms: [form] } : {}),
      },
    );
  };

  const documentPage = async (req: FastifyRequest, reply: FastifyReply, r: InPath, adoptForm?: FormState) => {
    const { t } = req.i18n;
    const { network, doc } = r;
    const manages = can(req.actor, "annual.manage", { networkId: network.id });
    const [tables, decisions] = await Promise.all([
      annual.tables(doc, req.actor, drawFor(r)),
      manages || doc.decisionId ? annual.decisionChoices(req.actor, network.id) : [],
    ]);
    const decision = decisions.find((d) => d.decision.id === doc.decisionId);
    const decisionText = (d: (typeof decisions)[number]) => `${d.decision.decidedOn} ${d.bodyName}: ${d.itemTitle}`;
    const form = adoptForm ?? emptyForm({ adoptedOn: osloToday() });
    return reply.page(
      <AnnualDocumentPage
        ctx={req.pageContext()}
        slug={network.slug}
        networkName={network.name}
        doc={doc}
        tables={tables}
        decision={
          decision
            ? {
                href: `/meetings/${decision.decision.meetingId}#item-${decision.decision.agendaItemId}`,
                text: decisionText(decision),
              }
            : null
        }
        notice={savedNotice(req)}
        all={(req.query as Record<string, unknown>).all === "1"}
        manage={{
          editHref: manages && doc.status === "draft" ? `${documentHref(network.slug, doc)}/edit` : null,
          adoptForm: manages && doc.status === "draft" ? form : null,
          decisionOptions: decisions.map((d) => ({ value: d.decision.id, label: decisionText(d) })),
          publishAction: manages && doc.status === "adopted" ? `${documentHref(network.slug, doc)}/publish` : null,
        }}
      />,
      {
        title: doc.title,
        network,
        crumbs: [
          { href: `/n/${network.slug}`, label: network.name },
          { href: `/n/${network.slug}/annual`, label: t("annual.nav") },
          { label: doc.title },
        ],
        ...(adoptForm?.errors.length ? { forms: [adoptForm] } : {}),
      },
    );
  };

  const editPage = async (req: FastifyRequest, reply: FastifyReply, form: FormState, r: InPath) => {
    const { t } = req.i18n;
    const surveys = await annual.surveyChoices(req.actor, r.doc);
    const title = t("annual.editTitle", { title: r.doc.title });
    const href = documentHref(r.network.slug, r.doc);
    return reply.page(
      <AnnualEditPage
        ctx={req.pageContext()}
        form={form}
        action={href}
        title={title}
        cancelHref={href}
        surveyOptions={surveys.map((s) => ({ value: s.id, label: `${s.title} (${s.year})` }))}
        sectionCount={Math.max(r.doc.sections.length, Object.keys(form.values).filter((k) => k.endsWith(".heading")).length)}
      />,
      { title, network: r.network, ...(form.errors.length ? { forms: [form] } : {}) },
    );
  };

  app.get("/n/:slug/annual", { config: { policy: "public" } }, async (req, reply) =>
    listPage(req, reply, (await networkInPath(req)).network, null),
  );

  formRoute(app, {
    path: "/n/:slug/annual",
    policy: "annual.manage",
    resource: networkInPath,
    storedOnce: true,
    initial: false,
    show: (req, reply, form, { network }) => listPage(req, reply, network, form),
    submit: async (actor, { networkId, network }, body) => {
      // The document is the network's, so its first text is in the network's written form, not the browser's.
      const { t } = i18nFor(await networkLocale(network));
      return annual.create(actor, networkId, body, (kind, year) => ({
        title: t(`annual.defaultTitle.${kind}`, { year: String(year), name: network.name }),
        sections: defaultSections(t, kind),
      }));
    },
    done: (doc, { network }) => `${documentHref(network.slug, doc)}?saved=1`,
  });

  app.get("/n/:slug/annual/:kind/:year", { config: { policy: "public" } }, async (req, reply) =>
    documentPage(req, reply, await documentInPath(req)),
  );

  app.get(
    "/n/:slug/annual/:kind/:year/edit",
    { config: { policy: "annual.manage", resource: managedDocument } },
    (req, reply) => {
      const resource = present(authorized(req, managedDocument).resource);
      if (resource.doc.status !== "draft") throw new NotFoundError();
      const { doc } = resource;
      return editPage(
        req,
        reply,
        emptyForm({ title: doc.title, surveyId: doc.surveyId ?? "", ...sectionValues(doc.sections) }),
        resource,
      );
    },
  );

  formRoute(app, {
    path: "/n/:slug/annual/:kind/:year",
    policy: "annual.manage",
    resource: managedDocument,
    initial: false,
    show: (req, reply, form, r) => editPage(req, reply, form, present(r)),
    submit: (actor, r, body) => annual.update(actor, present(r).doc, (body ?? {}) as Record<string, unknown>),
    done: (doc: AnnualDocument, r) => `${documentHref(r.network.slug, doc)}?saved=1`,
  });

  formRoute(app, {
    path: "/n/:slug/annual/:kind/:year/adopt",
    policy: "annual.manage",
    resource: managedDocument,
    initial: false,
    show: (req, reply, form, r) => documentPage(req, reply, present(r), form),
    submit: (actor, r, body) => annual.adopt(actor, present(r).doc, body, drawFor(present(r))),
    done: (doc, r) => `${documentHref(r.network.slug, doc)}?saved=1`,
  });

  formRoute(app, {
    path: "/n/:slug/annual/:kind/:year/publish",
    policy: "annual.manage",
    resource: managedDocument,
    initial: false,
    show: (req, reply, form, r) => documentPage(req, reply, present(r), form),
    submit: (actor, r) => annual.publish(actor, present(r).doc),
    done: (doc, r) => `${documentHref(r.network.slug, doc)}?saved=1`,
  });

  app.get("/n/:slug/annual/:kind/:year/tables/:file", { config: { policy: "public" } }, async (req, reply) => {
    const { file, ...rest } = req.params as Record<string, string>;
    const [table, format] = (file ?? "").split(".");
    const params = parseOrBadRequest(tableParams, { ...rest, table, format });
    const r = await documentInPath(req);
    const found = (await annual.tables(r.doc, req.actor, drawFor(r))).find((x) => x.id === params.table);
    if (!found) throw new NotFoundError();
    const { t } = req.i18n;
    const header = found.columns.map((c) => t(c.label));
    const rows = found.rows.map((cells) => cells.map((c) => plainCell(t, c)));
    const name = `${r.network.slug}-${r.doc.kind}-${r.doc.year}-${found.id}`;
    // What a reader sees depends on who they are (a draft; the network's frozen tables): no shared cache may keep it.
    if (r.doc.visibility !== "public" || req.actor) reply.header("cache-control", "private, no-store");
    return sendTable(reply, params.format, { name, sheet: t(found.title), columns: header, rows });
  });
}
