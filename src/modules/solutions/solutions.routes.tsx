import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { can } from "../../platform/access/authorize.ts";
import { authorized, byPathId } from "../../platform/access/page-access.ts";
import { sendCsv } from "../../platform/http/csv.ts";
import { PAGE_SIZE, parseOrBadRequest } from "../../platform/http/validation.ts";
import { sendXlsx } from "../../platform/http/xlsx.ts";
import type { AppContext } from "../../platform/module.ts";
import { emptyForm, type FormState, Notice, submittedForm } from "../../platform/ui/components.tsx";
import { solutionListQuery, solutionParams, solutionProjectParams, solutionUserParams } from "./params.ts";
import { ImportPage, maturityLabel, originLabel, SolutionFormPage, SolutionPage, SolutionsPage } from "./solutions.views.tsx";

const today = () => new Date().toISOString().slice(0, 10);

export function solutionRoutes(app: FastifyInstance, { services, config }: AppContext) {
  const { solutions, directory, projects } = services;
  /**
   * What the policies are checked against: the organisation offering the solution by :id, or the
   * organisation by :organisationId (404 if there is none).
   */
  const offeringOrganisation = byPathId((id) => solutions.resource(id));
  const organisationInPath = (req: FastifyRequest) =>
    solutions.organisation(parseOrBadRequest(solutionUserParams, req.params).organisationId);
  const publicUrl = (config.SAMVERK_PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/$/, "");

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
    const [orgs, networkList] = await Promise.all([directory.organisations.options(), services.networks.repo.switcher()]);
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
    return { header, rows };
  }

  app.get("/solutions.csv", { config: { policy: "public" } }, async (req, reply) => {
    const { header, rows } = await solutionTable(req);
    return sendCsv(reply, "solutions.csv", header, rows);
  });

  app.get("/solutions.xlsx", { config: { policy: "public" } }, async (req, reply) => {
    const { header, rows } = await solutionTable(req);
    return sendXlsx(reply, "solutions.xlsx", header, rows);
  });

  const renderForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    form: FormState,
    editing: { id: number; name: string } | null,
  ) => {
    const { t } = req.i18n;
    const [owners, people] = await Promise.all([services.access.organisationsActingFor(req.actor!), directory.people.options()]);
    const title = editing ? t("solution.editTitle", { name: editing.name }) : t("solution.new");
    return reply.page(
      <SolutionFormPage
        ctx={req.pageContext()}
        form={form}
        title={title}
        action={editing ? `/solutions/${editing.id}` : "/solutions"}
        cancelHref={editing ? `/solutions/${editing.id}` : "/solutions"}
        owners={owners.map((o) => ({ value: o.id, label: o.name }))}
        people={people.map((p) => ({ value: p.id, label: p.organisationName ? `${p.name} (${p.organisationName})` : p.name }))}
      />,
      {
        title,
        status: form.errors.length ? 422 : 200,
        crumbs: [{ href: "/solutions", label: t("solution.listTitle") }, { label: title }],
      },
    );
  };

  app.get("/solutions/new", { config: { policy: "solution.create" } }, async (req, reply) => {
    return renderForm(
      req,
      reply,
      emptyForm({ origin: "product", maturity: "stable", platforms: "web", maintenanceType: "contract" }),
      null,
    );
  });

  app.post("/solutions", { config: { storedOnce: true, policy: "solution.create" } }, async (req, reply) => {
    const { actor } = authorized(req);
    const result = await solutions.create(actor, req.body);
    if (!result.ok) return renderForm(req, reply, submittedForm(req.body, result.errors), null);
    return reply.redirect(`/solutions/${result.value.id}?saved=1`, 303);
  });

  const renderImport = async (req: FastifyRequest, reply: FastifyReply, form: FormState) => {
    const { t } = req.i18n;
    const owners = await services.access.organisationsActingFor(req.actor!);
    return reply.page(
      <ImportPage ctx={req.pageContext()} form={form} owners={owners.map((o) => ({ value: o.id, label: o.name }))} />,
      {
        title: t("solution.import"),
        status: form.errors.length ? 422 : 200,
        crumbs: [{ href: "/solutions", label: t("solution.listTitle") }, { label: t("solution.import") }],
      },
    );
  };

  app.get("/solutions/import", { config: { policy: "solution.create" } }, async (req, reply) => {
    return renderImport(req, reply, emptyForm());
  });

  // The file may be pasted or uploaded; an uploaded file wins.
  app.post(
    "/solutions/import",
    { config: { storedOnce: true, policy: "solution.create", acceptsFiles: true } },
    async (req, reply) => {
      const { actor } = authorized(req);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const file = body.file as { data?: Buffer; filename?: string; truncated?: boolean } | undefined;
      const uploaded = file?.filename && file.data?.length ? file.data.toString("utf8") : undefined;
      if (file?.truncated)
        return renderImport(req, reply, submittedForm({ ...body, file: undefined }, [{ field: "file", key: "errors.tooLarge" }]));
      const input = { ...body, file: undefined, publiccode: uploaded ?? body.publiccode };
      const result = await solutions.importPubliccode(actor, input);
      if (!result.ok) return renderImport(req, reply, submittedForm(input, result.errors));
      return reply.redirect(`/solutions/${result.value.id}?saved=1`, 303);
    },
  );

  /** The solution the kernel let the writer act on (see offeringOrganisation). */
  const authorizedSolution = (req: FastifyRequest) => {
    const { actor } = authorized(req, offeringOrganisation);
    return { actor, id: parseOrBadRequest(solutionParams, req.params).id };
  };

  const renderSolution = async (req: FastifyRequest, reply: FastifyReply, useForm: FormState, projectForm: FormState) => {
    const { id } = parseOrBadRequest(solutionParams, req.params);
    const detail = await solutions.get(id, req.actor);
    const canEdit = can(req.actor, "solution.update", await solutions.organisation(detail.solution.ownerOrganisationId));
    const [mine, history, ownerProjects] = await Promise.all([
      req.actor ? services.access.organisationsActingFor(req.actor) : Promise.resolve([]),
      canEdit ? services.audit.history("solution", id) : Promise.resolve([]),
      canEdit ? projects.ofOrganisation(detail.solution.ownerOrganisationId, req.actor) : Promise.resolve([]),
    ]);
    const { t } = req.i18n;
    const saved = (req.query as Record<string, unknown>).saved === "1";
    return reply.page(
      <>
        {saved ? <Notice kind="success">{t("form.saved")}</Notice> : null}
        <SolutionPage
          ctx={req.pageContext()}
          detail={detail}
          canEdit={canEdit}
          mine={mine.map((o) => ({ value: o.id, label: o.name }))}
          useForm={useForm}
          projectForm={projectForm}
          projectOptions={ownerProjects
            .filter((p) => !detail.projects.some((d) => d.projectId === p.id))
            .map((p) => ({ value: p.id, label: p.title }))}
          history={history}
        />
      </>,
      {
        title: detail.solution.name,
        status: useForm.errors.length || projectForm.errors.length ? 422 : 200,
        crumbs: [{ href: "/solutions", label: t("solution.listTitle") }, { label: detail.solution.name }],
      },
    );
  };

  app.get("/solutions/:id", { config: { policy: "public" } }, async (req, reply) =>
    renderSolution(req, reply, emptyForm({ since: today() }), emptyForm()),
  );

  app.get("/solutions/:id/publiccode.yml", { config: { policy: "public" } }, async (req, reply) => {
    const { id } = parseOrBadRequest(solutionParams, req.params);
    const { yaml } = await solutions.exportPubliccode(id, `${publicUrl}/solutions/${id}`);
    return reply
      .type("application/yaml; charset=utf-8")
      .header("content-disposition", 'attachment; filename="publiccode.yml"')
      .send(yaml);
  });

  app.get(
    "/solutions/:id/edit",
    { config: { policy: "solution.update", resource: offeringOrganisation } },
    async (req, reply) => {
      const { id } = authorizedSolution(req);
      const solution = (await solutions.repo.byId(id))!;
      return renderForm(req, reply, emptyForm({ ...solution, platforms: solution.platforms.join(", ") }), {
        id,
        name: solution.name,
      });
    },
  );

  app.post("/solutions/:id", { config: { policy: "solution.update", resource: offeringOrganisation } }, async (req, reply) => {
    const { actor, id } = authorizedSolution(req);
    const result = await solutions.update(actor, id, req.body);
    if (!result.ok) {
      const solution = (await solutions.repo.byId(id))!;
      return renderForm(req, reply, submittedForm(req.body, result.errors), { id, name: solution.name });
    }
    return reply.redirect(`/solutions/${id}?saved=1`, 303);
  });

  app.post(
    "/solutions/:id/delete",
    { config: { policy: "solution.update", resource: offeringOrganisation } },
    async (req, reply) => {
      const { actor, id } = authorizedSolution(req);
      await solutions.remove(actor, id);
      return reply.redirect("/solutions", 303);
    },
  );

  // "We use this": any signed-in person acting for an organisation; the service checks which one.
  app.post("/solutions/:id/users", { config: { storedOnce: true, policy: "solution.create" } }, async (req, reply) => {
    const { actor } = authorized(req);
    const { id } = parseOrBadRequest(solutionParams, req.params);
    const result = await solutions.addUser(actor, id, req.body);
    if (!result.ok) return renderSolution(req, reply, submittedForm(req.body, result.errors), emptyForm());
    return reply.redirect(`/solutions/${id}?saved=1#users-heading`, 303);
  });

  app.post(
    "/solutions/:id/users/:organisationId/delete",
    { config: { policy: "solution.use", resource: organisationInPath } },
    async (req, reply) => {
      const { id, organisationId } = parseOrBadRequest(solutionUserParams, req.params);
      const { actor } = authorized(req, organisationInPath);
      await solutions.removeUser(actor, id, organisationId);
      return reply.redirect(`/solutions/${id}?saved=1#users-heading`, 303);
    },
  );

  app.post(
    "/solutions/:id/projects",
    { config: { storedOnce: true, policy: "solution.update", resource: offeringOrganisation } },
    async (req, reply) => {
      const { actor, id } = authorizedSolution(req);
      const result = await solutions.addProject(actor, id, req.body);
      if (!result.ok) return renderSolution(req, reply, emptyForm(), submittedForm(req.body, result.errors));
      return reply.redirect(`/solutions/${id}?saved=1#projects-heading`, 303);
    },
  );

  app.post(
    "/solutions/:id/projects/:projectId/delete",
    { config: { policy: "solution.update", resource: offeringOrganisation } },
    async (req, reply) => {
      const { actor, id } = authorizedSolution(req);
      const { projectId } = parseOrBadRequest(solutionProjectParams, req.params);
      await solutions.removeProject(actor, id, projectId);
      return reply.redirect(`/solutions/${id}?saved=1#projects-heading`, 303);
    },
  );
}
