import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { can } from "../../../platform/access/authorize.ts";
import { authorized, byPathId } from "../../../platform/access/page-access.ts";
import { bodyLink, canSee } from "../../../platform/access/visibility.ts";
import { sendCsv } from "../../../platform/http/csv.ts";
import { formRoute } from "../../../platform/http/form-route.ts";
import { idParam, PAGE_SIZE, pageParam, parseOrBadRequest, query, searchText } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { emptyForm, type FormState, Notice } from "../../../platform/ui/components.tsx";
import { downloadHref } from "../parts.ts";
import { PeoplePage, PersonFormPage, PersonPage } from "./people.views.tsx";

const peopleListQuery = query({ q: searchText, page: pageParam });

/** The people: the list and its CSV, a person's page and form. */
export function peopleRoutes(app: FastifyInstance, { services }: AppContext) {
  const { directory, networks } = services;
  /** The person by :id with the networks they take part in (404 if none), which the person rules are checked against. */
  const personInPath = byPathId((id) => directory.getPerson(id));

  /** Contact details are public only for published contact persons, unless the viewer may see them all. */
  async function withVisibleContacts<T extends { id: number; email: string; phone: string }>(req: FastifyRequest, rows: T[]) {
    const seeAll = can(req.actor, "person.viewContactDetails");
    const published = seeAll ? null : await networks.publishedContactIds(rows.map((r) => r.id));
    return rows.map((r) =>
      seeAll || published?.has(r.id) ? r : { ...r, email: null as string | null, phone: null as string | null },
    );
  }

  app.get("/people", { config: { policy: "public" } }, async (req, reply) => {
    const filter = parseOrBadRequest(peopleListQuery, req.query);
    const result = await directory.listPeople({ q: filter.q, limit: PAGE_SIZE, offset: (filter.page - 1) * PAGE_SIZE });
    const items = await withVisibleContacts(req, result.items);
    return reply.page(
      <PeoplePage
        ctx={req.pageContext()}
        items={items}
        total={result.total}
        filter={filter}
        limit={PAGE_SIZE}
        canCreate={can(req.actor, "person.create")}
        csvHref={downloadHref(req.url, "/people.csv")}
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
        forms: [form],
        crumbs: [{ href: "/people", label: t("people.title") }, { label: title }],
      },
    );
  };

  app.get("/people/new", { config: { policy: "person.create" } }, async (req, reply) => {
    return renderPersonForm(req, reply, emptyForm(), null);
  });

  formRoute(app, {
    path: "/people",
    policy: "person.create",
    storedOnce: true,
    initial: false,
    show: (req, reply, form) => renderPersonForm(req, reply, form, null),
    submit: (actor, _, body) => directory.createPerson(actor, body),
    done: (created) => `/people/${created.id}?saved=1`,
  });

  app.get("/people/:id", { config: { policy: "public" } }, async (req, reply) => {
    const { id } = parseOrBadRequest(idParam, req.params);
    const person = await directory.getPerson(id);
    const canEdit = can(req.actor, "person.update", person);
    // Members of the person's networks see their contact details; others only a published contact's.
    const [[visible], bodies, history] = await Promise.all([
      can(req.actor, "person.viewContactDetails", person) ? [person] : withVisibleContacts(req, [person]),
      // Only seats in bodies the reader may see: a hidden body's members are hidden with it.
      networks
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

  formRoute(app, {
    path: "/people/:id",
    policy: "person.update",
    resource: personInPath,
    initial: false,
    show: (req, reply, form, person) => renderPersonForm(req, reply, form, person),
    submit: (actor, person, body) => directory.updatePerson(actor, person.id, body),
    done: (_, person) => `/people/${person.id}?saved=1`,
  });

  app.post("/people/:id/delete", { config: { policy: "person.delete", resource: personInPath } }, async (req, reply) => {
    const { id } = parseOrBadRequest(idParam, req.params);
    const { actor } = authorized(req, personInPath);
    await directory.deletePerson(actor, id);
    return reply.redirect("/people?deleted=1", 303);
  });
}
