import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { can } from "../../../platform/access/authorize.ts";
import { sendCsv } from "../../../platform/http/csv.ts";
import { formRoute } from "../../../platform/http/form-route.ts";
import { idParam, PAGE_SIZE, pageParam, parseOrBadRequest, query, searchText } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { emptyForm, type FormState } from "../../../platform/ui/components.tsx";
import { kindLabel } from "../labels.ts";
import { downloadHref } from "../parts.ts";
import { ORGANISATION_KINDS } from "../schema.ts";
import { renderOrganisationPage } from "./organisation-page.tsx";
import { ORGANISATION_SORTS } from "./organisations.repo.ts";
import { OrganisationFormPage, OrganisationsPage } from "./organisations.views.tsx";

export const organisationListQuery = query({
  q: searchText,
  kind: z.enum(ORGANISATION_KINDS).optional(),
  county: z
    .string()
    .regex(/^\d{2}$/)
    .optional(),
  network: z
    .string()
    .max(60)
    .regex(/^[a-z0-9-]+$/)
    .optional(),
  sort: z.enum(ORGANISATION_SORTS).default("name"),
  page: pageParam,
});

/** The organisations: the list and its CSV, an organisation's page (with other modules' sections) and its form. */
export function organisationRoutes(app: FastifyInstance, ctx: AppContext) {
  const { directory, networks } = ctx.services;

  /** The filtered list, shared by the page and its CSV so the CSV is exactly what is shown. */
  async function organisationList(rawQuery: unknown, all = false) {
    const filter = parseOrBadRequest(organisationListQuery, rawQuery);
    const onlyIds = filter.network ? await networks.memberOrganisationIds(filter.network) : undefined;
    const limit = all ? 10_000 : PAGE_SIZE;
    const result = await directory.listOrganisations({
      ...filter,
      onlyIds,
      limit,
      offset: all ? 0 : (filter.page - 1) * PAGE_SIZE,
    });
    return { filter, ...result };
  }

  const countyOptions = async () =>
    (await directory.organisations.byKind("county")).map((c) => ({ value: c.code ?? "", label: c.nameNorwegian }));

  app.get("/organisations", { config: { policy: "public" } }, async (req, reply) => {
    const { filter, items, total } = await organisationList(req.query);
    const [counties, networkList] = await Promise.all([countyOptions(), networks.switcher()]);
    return reply.page(
      <OrganisationsPage
        ctx={req.pageContext()}
        items={items}
        total={total}
        filter={filter}
        counties={counties}
        networks={networkList.map((n) => ({ value: n.slug, label: n.name }))}
        limit={PAGE_SIZE}
        csvHref={downloadHref(req.url, "/organisations.csv")}
        canCreate={can(req.actor, "organisation.create")}
      />,
      { title: req.i18n.t("org.listTitle"), crumbs: [{ href: "/", label: "Samverk" }, { label: req.i18n.t("org.listTitle") }] },
    );
  });

  app.get("/organisations.csv", { config: { policy: "public" } }, async (req, reply) => {
    const { items } = await organisationList(req.query, true);
    const { t } = req.i18n;
    return sendCsv(
      reply,
      "organisations.csv",
      [t("org.name"), t("org.kind"), t("org.code"), t("org.county"), t("org.population"), t("org.orgNumber"), t("org.website")],
      items.map((o) => [o.name, kindLabel(t, o.kind), o.code, o.countyName, o.population, o.orgNumber, o.website]),
    );
  });

  const orgFormDeps = async () => {
    const [counties, municipalities] = await Promise.all([
      countyOptions(),
      directory.organisations.options(["municipality", "county_municipality"]),
    ]);
    return { counties, municipalities: municipalities.map((m) => ({ value: m.id, label: m.name })) };
  };

  const renderOrgForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    form: FormState,
    target: { id: number; name: string; reference: boolean } | null,
  ) => {
    const { t } = req.i18n;
    const title = target ? t("org.editTitle", { name: target.name }) : t("org.new");
    return reply.page(
      <OrganisationFormPage
        ctx={req.pageContext()}
        form={form}
        action={target ? `/organisations/${target.id}` : "/organisations"}
        title={title}
        reference={target?.reference ?? false}
        cancelHref={target ? `/organisations/${target.id}` : "/organisations"}
        {...(await orgFormDeps())}
      />,
      {
        title,
        forms: [form],
        crumbs: [{ href: "/organisations", label: t("org.listTitle") }, { label: title }],
      },
    );
  };

  app.get("/organisations/new", { config: { policy: "organisation.create" } }, async (req, reply) => {
    return renderOrgForm(req, reply, emptyForm({ kind: "it_cooperation" }), null);
  });

  formRoute(app, {
    path: "/organisations",
    policy: "organisation.create",
    storedOnce: true,
    initial: false,
    show: (req, reply, form) => renderOrgForm(req, reply, form, null),
    submit: (actor, _, body) => directory.createOrganisation(actor, body),
    done: (created) => `/organisations/${created.id}?saved=1`,
  });

  app.get("/organisations/:id", { config: { policy: "public" } }, (req, reply) => renderOrganisationPage(ctx, req, reply));

  /** The organisation in the path as the form names it; reference data (municipalities, counties) keeps its name and code. */
  const editing = async (req: FastifyRequest) => {
    const { id } = parseOrBadRequest(idParam, req.params);
    const org = await directory.getOrganisation(id);
    return {
      org,
      target: { id, name: org.name, reference: ["municipality", "county", "county_municipality"].includes(org.kind) },
    };
  };

  app.get("/organisations/:id/edit", { config: { policy: "organisation.update" } }, async (req, reply) => {
    const { org, target } = await editing(req);
    const memberIds = (await directory.organisations.cooperationMembersOf(target.id)).map((m) => m.id);
    return renderOrgForm(req, reply, emptyForm({ ...org, memberIds }), target);
  });

  formRoute(app, {
    path: "/organisations/:id",
    policy: "organisation.update",
    initial: false,
    show: async (req, reply, form) => renderOrgForm(req, reply, form, (await editing(req)).target),
    submit: async (actor, _, body, req) => directory.updateOrganisation(actor, (await editing(req)).target.id, body),
    done: (_, __, req) => `/organisations/${parseOrBadRequest(idParam, req.params).id}?saved=1`,
  });
}
