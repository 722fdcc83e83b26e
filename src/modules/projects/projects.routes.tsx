import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { can } from "../../platform/access/authorize.ts";
import { authorized } from "../../platform/access/page-access.ts";
import { formRoute } from "../../platform/http/form-route.ts";
import { parseOrBadRequest } from "../../platform/http/validation.ts";
import { type AppContext, renderSections } from "../../platform/module.ts";
import { emptyForm, type FormState, Notice, submittedForm } from "../../platform/ui/components.tsx";
import { projectParams } from "./params.ts";
import type { Project } from "./projects.repo.ts";
import { ProjectFormPage, ProjectPage } from "./projects.views.tsx";
import { personOptions, projectRouteAccess } from "./route-kit.ts";

/** The form that registers a project in a network, or edits one (with the version saved meanwhile after a conflict). */
async function renderProjectForm(
  { services }: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  form: FormState,
  network: { id: number; slug: string; name: string },
  editing: { project: Project; conflict?: Project } | null,
) {
  const { projects, networks, directory } = services;
  const { t } = req.i18n;
  const actor = req.actor!;
  const [members, bodies, sectors, people] = await Promise.all([
    networks.membersOf(network.id),
    networks.bodiesOf(network.id),
    projects.sectorsOf(network.id),
    directory.people.options(),
  ]);
  const allowed = projects.ownersFor(actor, network.id);
  const owners = members
    .filter((m) => !m.toDate && (allowed === null || allowed.includes(m.organisationId)))
    .map((m) => ({ value: m.organisationId, label: m.organisationName }));
  const title = editing ? t("project.editTitle", { title: editing.project.title }) : t("project.new");
  return reply.page(
    <ProjectFormPage
      ctx={req.pageContext()}
      form={form}
      title={title}
      action={editing ? `/projects/${editing.project.id}` : `/n/${network.slug}/projects`}
      cancelHref={editing ? `/projects/${editing.project.id}` : "/projects"}
      owners={owners}
      networkOwned={allowed === null}
      bodies={bodies.map((b) => ({ value: b.id, label: b.name }))}
      sectors={sectors}
      people={personOptions(people)}
      conflict={editing?.conflict ?? null}
      networkName={network.name}
    />,
    {
      title,
      status: form.errors.length ? (editing?.conflict ? 409 : 422) : 200,
      crumbs: [
        { href: "/projects", label: t("project.listTitle") },
        ...(editing ? [{ href: `/projects/${editing.project.id}`, label: editing.project.title }] : []),
        { label: title },
      ],
    },
  );
}

/** The project's page; the forms on it (phase, checklist, taking part, a decision) come back here with their errors. */
export async function renderProjectPage(
  { services, modules }: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  id: number,
  forms: { phase?: FormState; join?: FormState; decision?: FormState } = {},
) {
  const { projects } = services;
  const detail = await projects.visible(id, req.actor);
  const canEdit = can(req.actor, "project.update", detail.resource);
  const [history, requests, actingFor, origin, rollsOut, sections] = await Promise.all([
    canEdit ? services.audit.history("project", id) : Promise.resolve([]),
    req.actor ? projects.joinRequests(id) : Promise.resolve([]),
    req.actor ? services.access.organisationsActingFor(req.actor) : Promise.resolve([]),
    services.meetings.originOf(id, req.actor),
    services.roadmap.rolloutSolutionsOf(id),
    // Other modules' parts of the page (experience written about it, its reviews).
    renderSections(modules, "projectPage", req, { project: detail.project, resource: detail.resource }),
  ]);
  const taking = new Set(detail.participants.map((p) => p.organisationId));
  const { t } = req.i18n;
  const query = req.query as Record<string, unknown>;
  return reply.page(
    <>
      {query.saved === "1" ? <Notice kind="success">{t("form.saved")}</Notice> : null}
      {query.requested === "1" ? <Notice kind="success">{t("join.sent")}</Notice> : null}
      <ProjectPage
        ctx={req.pageContext()}
        detail={detail}
        canEdit={canEdit}
        canDelete={can(req.actor, "project.delete", detail.resource)}
        phaseForm={forms.phase ?? emptyForm()}
        joinForm={forms.join ?? emptyForm({ role: "participant" })}
        decisionForm={forms.decision ?? emptyForm()}
        joinOptions={actingFor.filter((o) => !taking.has(o.id)).map((o) => ({ value: o.id, label: o.name }))}
        // Those who run the project see every request; others see their own.
        requests={requests.filter((r) => canEdit || r.request.requestedById === req.actor?.userId)}
        history={history}
        origin={origin}
        rollsOut={rollsOut}
        sections={sections}
      />
    </>,
    {
      title: detail.project.title,
      follow: { kind: "project", id },
      description: detail.project.summary,
      forms: Object.values(forms),
      crumbs: [{ href: "/projects", label: t("project.listTitle") }, { label: detail.project.title }],
    },
  );
}

/** The project itself: registered, shown, edited (with optimistic locking), moved to another phase, removed. */
export function projectRoutes(app: FastifyInstance, ctx: AppContext) {
  const { projects, networks } = ctx.services;
  const { networkInPath, projectInPath, authorizedProject } = projectRouteAccess(ctx);
  const networkOf = async (project: Project) => (await networks.byId(project.networkId))!;

  app.get("/n/:slug/projects/new", { config: { policy: "project.create", resource: networkInPath } }, async (req, reply) => {
    const { resource: network } = authorized(req, networkInPath);
    const form = emptyForm({ kind: "regional", sector: "other", visibility: "public" });
    return renderProjectForm(ctx, req, reply, form, network, null);
  });

  formRoute(app, {
    path: "/n/:slug/projects",
    policy: "project.create",
    resource: networkInPath,
    storedOnce: true,
    initial: false,
    show: (req, reply, form, network) => renderProjectForm(ctx, req, reply, form, network, null),
    submit: (actor, network, body) => projects.create(actor, network.id, body),
    done: (created) => `/projects/${created.id}?saved=1`,
  });

  app.get("/projects/:id/edit", { config: { policy: "project.update", resource: projectInPath } }, async (req, reply) => {
    const { id } = authorizedProject(req);
    const project = await projects.get(id);
    const form = emptyForm({ ...project, tags: project.tags.join(", ") });
    return renderProjectForm(ctx, req, reply, form, await networkOf(project), { project });
  });

  app.post("/projects/:id", { config: { policy: "project.update", resource: projectInPath } }, async (req, reply) => {
    const { actor, id } = authorizedProject(req);
    const result = await projects.update(actor, id, req.body);
    if (!result.ok) {
      const project = await projects.get(id);
      const conflict = "conflict" in result ? result.conflict : undefined;
      // The form comes back with what the user typed; after a conflict it carries the version now
      // saved, so saving again is a conscious choice to replace it.
      const values = { ...(req.body as object), ...(conflict ? { version: conflict.version } : {}) };
      return renderProjectForm(ctx, req, reply, submittedForm(values, result.errors), await networkOf(project), {
        project,
        ...(conflict ? { conflict } : {}),
      });
    }
    return reply.redirect(`/projects/${id}?saved=1`, 303);
  });

  app.post("/projects/:id/delete", { config: { policy: "project.delete", resource: projectInPath } }, async (req, reply) => {
    const { actor, id } = authorizedProject(req);
    await projects.remove(actor, id);
    return reply.redirect("/projects?deleted=1", 303);
  });

  app.get("/projects/:id", { config: { policy: "public" } }, async (req, reply) => {
    const { id } = parseOrBadRequest(projectParams, req.params);
    return renderProjectPage(ctx, req, reply, id);
  });

  formRoute(app, {
    path: "/projects/:id/phase",
    policy: "project.update",
    resource: projectInPath,
    initial: false,
    show: (req, reply, phase, { id }) => renderProjectPage(ctx, req, reply, id, { phase }),
    submit: (actor, { id }, body) => projects.setPhase(actor, id, body),
    done: (_, { id }) => `/projects/${id}?saved=1#phase-heading`,
  });
}
