import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { can } from "../../platform/access/authorize.ts";
import { authorized, byPathId } from "../../platform/access/page-access.ts";
import { bodyLink, canSee } from "../../platform/access/visibility.ts";
import { sendCsv } from "../../platform/http/csv.ts";
import { idParam, PAGE_SIZE, pageParam, parseOrBadRequest, query, searchText } from "../../platform/http/validation.ts";
import { type AppContext, renderSections } from "../../platform/module.ts";
import { emptyForm, type FormState, Notice, submittedForm } from "../../platform/ui/components.tsx";
import {
  kindLabel,
  OrganisationFormPage,
  OrganisationPage,
  OrganisationsPage,
  PeoplePage,
  PersonFormPage,
  PersonPage,
} from "./directory.views.tsx";
import { ORGANISATION_SORTS } from "./organisations.repo.ts";
import { ORGANISATION_KINDS } from "./schema.ts";

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

const peopleListQuery = query({ q: searchText, page: pageParam });

export function directoryRoutes(app: FastifyInstance, { services, modules }: AppContext) {
  const { directory, networks } = services;
  /** The person by :id with the networks they take part in (404 if none), which the person rules are checked against. */
  const personInPath = byPathId((id) => directory.getPerson(id));

  /** The filtered list, shared by the page and its CSV so the CSV is exactly what is shown. */
  async function organisationList(rawQuery: unknown, all = false) {
    const filter = parseOrBadRequest(organisationListQuery, rawQuery);
    const onlyIds = filter.network ? await networks.repo.memberOrganisationIds(filter.network) : undefined;
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
    const [counties, networkList] = await Promise.all([countyOptions(), networks.repo.switcher()]);
    const csv = new URL(req.url, "http://x");
    csv.pathname = "/organisations.csv";
    csv.searchParams.delete("page");
    return reply.page(
      <OrganisationsPage
        ctx={req.pageContext()}
        items={items}
        total={total}
        filter={filter}
        counties={counties}
        networks={networkList.map((n) => ({ value: n.slug, label: n.name }))}
        limit={PAGE_SIZE}
        csvHref={`${csv.pathname}${csv.search}`}
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
        status: form.errors.length ? 422 : 200,
        crumbs: [{ href: "/organisations", label: t("org.listTitle") }, { label: title }],
      },
    );
  };

  app.get("/organisations/new", { config: { policy: "organisation.create" } }, async (req, reply) => {
    return renderOrgForm(req, reply, emptyForm({ kind: "it_cooperation" }), null);
  });

  app.post("/organisations", { config: { storedOnce: true, policy: "organisation.create" } }, async (req, reply) => {
    const { actor } = authorized(req);
    const result = await directory.createOrganisation(actor, req.body);
    if (!result.ok) return renderOrgForm(req, reply, submittedForm(req.body, result.errors), null);
    return reply.redirect(`/organisations/${result.value.id}?saved=1`, 303);
  });

  app.get("/organisations/:id", { config: { policy: "public" } }, async (req, reply) => {
    const { id } = parseOrBadRequest(idParam, req.params);
    const org = await directory.getOrganisation(id);
    const canEdit = can(req.actor, "organisation.update", org);
    const [counties, memberships, cooperationMembers, cooperations, people, history, related, actsIn, strategyList, sections] =
      await Promise.all([
        directory.organisations.byKind("county"),
        networks.repo.membershipsOf(id),
        directory.organisations.cooperationMembersOf(id),
        directory.organisations.cooperationsOf(id),
        directory.people.list({ organisationId: id, limit: 200, offset: 0 }),
        canEdit ? services.audit.history("organisation", id) : Promise.resolve([]),
        directory.organisations.byIds(org.successorId ? [org.successorId] : []),
        // An IT cooperation is seldom a member itself: it acts in networks through the members it represents.
        org.kind === "it_cooperation" ? networks.repo.representedIn(id) : Promise.resolve([]),
        // Strategies carry no visibility of their own: every reader may see them, as on /strategies.
        services.strategies.repo.list({ organisationId: id }),
        // Other modules' parts of the page (projects, solutions), each loading its own data.
        renderSections(modules, "organisationPage", req, { organisation: org }),
      ]);
    const countyName = org.kind === "county" ? null : (counties.find((c) => c.code === org.countyCode)?.nameNorwegian ?? null);
    const { t } = req.i18n;
    const saved = (req.query as Record<string, unknown>).saved === "1";
    return reply.page(
      <>
        {saved ? <Notice kind="success">{t("form.saved")}</Notice> : null}
        <OrganisationPage
          ctx={req.pageContext()}
          org={org}
          countyName={countyName}
          successor={related[0] ? { id: related[0].id, name: related[0].name } : null}
          memberships={memberships}
          cooperationMembers={cooperationMembers}
          cooperations={cooperations}
          people={people.items}
          actsIn={actsIn}
          strategies={strategyList.map((i) => i.strategy)}
          sections={sections}
          canEdit={canEdit}
          history={history}
        />
      </>,
      { title: org.name, crumbs: [{ href: "/organisations", label: t("org.listTitle") }, { label: org.name }] },
    );
  });

  app.get("/organisations/:id/edit", { config: { policy: "organisation.update" } }, async (req, reply) => {
    const { id } = parseOrBadRequest(idParam, req.params);
    const org = await directory.getOrganisation(id);
    const memberIds = (await directory.organisations.cooperationMembersOf(id)).map((m) => m.id);
    return renderOrgForm(req, reply, emptyForm({ ...org, memberIds }), {
      id,
      name: org.name,
      reference: ["municipality", "county", "county_municipality"].includes(org.kind),
    });
  });

  app.post("/organisations/:id", { config: { policy: "organisation.update" } }, async (req, reply) => {
    const { id } = parseOrBadRequest(idParam, req.params);
    const org = await directory.getOrganisation(id);
    const { actor } = authorized(req);
    const result = await directory.updateOrganisation(actor, id, req.body);
    if (!result.ok) {
      const reference = ["municipality", "county", "county_municipality"].includes(org.kind);
      return renderOrgForm(req, reply, submittedForm(req.body, result.errors), { id, name: org.name, reference });
    }
    return reply.redirect(`/organisations/${id}?saved=1`, 303);
  });

  // People

  /** Contact details are public only for published contact persons, unless the viewer may see them all. */
  async function withVisibleContacts<T extends { id: number; email: string; phone: string }>(req: FastifyRequest, rows: T[]) {
    const seeAll = can(req.actor, "person.viewContactDetails");
    const published = seeAll ? null : await networks.repo.publishedContactIds(rows.map((r) => r.id));
    return rows.map((r) =>
      seeAll || published?.has(r.id) ? r : { ...r, email: null as string | null, phone: null as string | null },
    );
  }

  app.get("/people", { config: { policy: "public" } }, async (req, reply) => {
    const filter = parseOrBadRequest(peopleListQuery, req.query);
    const result = await directory.listPeople({ q: filter.q, limit: PAGE_SIZE, offset: (filter.page - 1) * PAGE_SIZE });
    const items = await withVisibleContacts(req, result.items);
    const csv = new URL(req.url, "http://x");
    csv.pathname = "/people.csv";
    csv.searchParams.delete("page");
    return reply.page(
      <PeoplePage
        ctx={req.pageContext()}
        items={items}
        total={result.total}
        filter={filter}
        limit={PAGE_SIZE}
        canCreate={can(req.actor, "person.create")}
        csvHref={`${csv.pathname}${csv.search}`}
      />,
      { title: req.i18n.t("people.title"), crumbs: [{ href: "/", label: "Samverk" }, { label: req.i18n.t("people.title") }] },
    );
  });

  app.get("/people.csv", { config: { policy: "public" } }, async (req, reply) => {
    const filter = parseOrBadRequest(peopleListQuery, req.query);
    const result = await directory.listPeople({ q: filter.q, limit: 10_000, offset: 0 });
    const items = await withVisibleContacts(req, result.items);
    const { t } = req.i18n;
    return sendCsv(
      reply,
      "people.csv",
      [t("people.name"), t("people.jobTitle"), t("people.organisation"), t("people.email"), t("people.phone")],
      items.map((p) => [p.name, p.title, p.organisationName, p.email, p.phone]),
    );
  });

  const renderPersonForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    form: FormState,
    target: { id: number; name: string } | null,
  ) => {
    const { t } = req.i18n;
    const title = target ? t("people.editTitle", { name: target.name }) : t("people.new");
    const orgs = await directory.organisations.options();
    return reply.page(
      <PersonFormPage
        ctx={req.pageContext()}
        form={form}
        action={target ? `/people/${target.id}` : "/people"}
        title={title}
        organisations={orgs.map((o) => ({ value: o.id, label: o.name }))}
        cancelHref={target ? `/people/${target.id}` : "/people"}
      />,
      {
        title,
        status: form.errors.length ? 422 : 200,
        crumbs: [{ href: "/people", label: t("people.title") }, { label: title }],
      },
    );
  };

  app.get("/people/new", { config: { policy: "person.create" } }, async (req, reply) => {
    return renderPersonForm(req, reply, emptyForm(), null);
  });

  app.post("/people", { config: { storedOnce: true, policy: "person.create" } }, async (req, reply) => {
    const { actor } = authorized(req);
    const result = await directory.createPerson(actor, req.body);
    if (!result.ok) return renderPersonForm(req, reply, submittedForm(req.body, result.errors), null);
    return reply.redirect(`/people/${result.value.id}?saved=1`, 303);
  });

  app.get("/people/:id", { config: { policy: "public" } }, async (req, reply) => {
    const { id } = parseOrBadRequest(idParam, req.params);
    const person = await directory.getPerson(id);
    const canEdit = can(req.actor, "person.update", person);
    // Members of the person's networks see their contact details; others only a published contact's.
    const [[visible], bodies, history] = await Promise.all([
      can(req.actor, "person.viewContactDetails", person) ? [person] : withVisibleContacts(req, [person]),
      // Only seats in bodies the reader may see: a hidden body's members are hidden with it.
      networks.repo
        .bodyMembershipsOf(id)
        .then((seats) =>
          seats.filter((s) =>
            canSee(req.actor, bodyLink({ id: s.bodyId, networkId: s.networkId, visibility: s.bodyVisibility })),
          ),
        ),
      canEdit ? services.audit.history("person", id) : Promise.resolve([]),
    ]);
    const { t } = req.i18n;
    const saved = (req.query as Record<string, unknown>).saved === "1";
    return reply.page(
      <>
        {saved ? <Notice kind="success">{t("form.saved")}</Notice> : null}
        <PersonPage ctx={req.pageContext()} person={visible!} bodies={bodies} canEdit={canEdit} history={history} />
      </>,
      { title: person.name, crumbs: [{ href: "/people", label: t("people.title") }, { label: person.name }] },
    );
  });

  app.get("/people/:id/edit", { config: { policy: "person.update", resource: personInPath } }, async (req, reply) => {
    const { resource: person } = authorized(req, personInPath);
    return renderPersonForm(req, reply, emptyForm(person), person);
  });

  app.post("/people/:id", { config: { policy: "person.update", resource: personInPath } }, async (req, reply) => {
    const { id } = parseOrBadRequest(idParam, req.params);
    const { actor, resource: person } = authorized(req, personInPath);
    const result = await directory.updatePerson(actor, id, req.body);
    if (!result.ok) return renderPersonForm(req, reply, submittedForm(req.body, result.errors), person);
    return reply.redirect(`/people/${id}?saved=1`, 303);
  });

  app.post("/people/:id/delete", { config: { policy: "person.delete", resource: personInPath } }, async (req, reply) => {
    const { id } = parseOrBadRequest(idParam, req.params);
    const { actor } = authorized(req, personInPath);
    await directory.deletePerson(actor, id);
    return reply.redirect("/people?deleted=1", 303);
  });
}
