import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { can } from "../../platform/access/authorize.ts";
import { formRoute } from "../../platform/http/form-route.ts";
import { parseOrBadRequest } from "../../platform/http/validation.ts";
import { osloToday } from "../../platform/i18n/i18n.ts";
import { type AppContext, renderSections } from "../../platform/module.ts";
import { emptyForm, type FormState, Notice } from "../../platform/ui/components.tsx";
import type { SolutionLoaders } from "./loaders.ts";
import { solutionParams } from "./params.ts";
import { SolutionFormPage, SolutionPage } from "./solutions.views.tsx";

/** The forms on a solution's page that can come back with errors: "we use this", and a project that introduced it. */
export interface SolutionPageForms {
  use?: FormState;
  project?: FormState;
}

/** A solution's page; a form sent with errors is shown again, with a 422. */
export async function renderSolution(
  { services, modules }: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  forms: SolutionPageForms = {},
) {
  const { solutions, projects } = services;
  const { id } = parseOrBadRequest(solutionParams, req.params);
  // A form sent back with errors is shown with the other one empty.
  const useForm = forms.use ?? (forms.project ? emptyForm() : emptyForm({ since: osloToday() }));
  const projectForm = forms.project ?? emptyForm();
  const detail = await solutions.get(id, req.actor);
  const canEdit = can(req.actor, "solution.update", await solutions.organisation(detail.solution.ownerOrganisationId));
  const [mine, history, ownerProjects, sections] = await Promise.all([
    req.actor ? services.access.organisationsActingFor(req.actor) : Promise.resolve([]),
    canEdit ? services.audit.history("solution", id) : Promise.resolve([]),
    canEdit ? projects.ofOrganisation(detail.solution.ownerOrganisationId, req.actor) : Promise.resolve([]),
    renderSections(modules, "solutionPage", req, { solution: detail.solution }),
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
        sections={sections}
      />
    </>,
    {
      title: detail.solution.name,
      follow: { kind: "solution", id: detail.solution.id },
      forms: [useForm, projectForm],
      crumbs: [{ href: "/solutions", label: t("solution.listTitle") }, { label: detail.solution.name }],
    },
  );
}

/** A solution's page, and offering, changing and removing a solution. */
export function solutionRoutes(app: FastifyInstance, ctx: AppContext, loaders: SolutionLoaders) {
  const { services } = ctx;
  const { solutions, directory } = services;
  const { offeringOrganisation, authorizedSolution, solutionInPath } = loaders;

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
        forms: [form],
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

  formRoute(app, {
    path: "/solutions",
    policy: "solution.create",
    storedOnce: true,
    initial: false,
    show: (req, reply, form) => renderForm(req, reply, form, null),
    submit: (actor, _, body) => solutions.create(actor, body),
    done: (created) => `/solutions/${created.id}?saved=1`,
  });

  app.get("/solutions/:id", { config: { policy: "public" } }, async (req, reply) => renderSolution(ctx, req, reply));

  app.get(
    "/solutions/:id/edit",
    { config: { policy: "solution.update", resource: offeringOrganisation } },
    async (req, reply) => {
      const { id } = authorizedSolution(req);
      const solution = await solutions.fields(id);
      return renderForm(req, reply, emptyForm({ ...solution, platforms: solution.platforms.join(", ") }), {
        id,
        name: solution.name,
      });
    },
  );

  formRoute(app, {
    path: "/solutions/:id",
    policy: "solution.update",
    resource: offeringOrganisation,
    initial: false,
    show: async (req, reply, form) => {
      const id = solutionInPath(req);
      return renderForm(req, reply, form, { id, name: (await solutions.fields(id)).name });
    },
    submit: (actor, _, body, req) => solutions.update(actor, solutionInPath(req), body),
    done: (_, __, req) => `/solutions/${solutionInPath(req)}?saved=1`,
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
}
