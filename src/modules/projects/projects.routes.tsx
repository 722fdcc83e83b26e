import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Actor } from "../../platform/access/actor.ts";
import { can } from "../../platform/access/authorize.ts";
import { authorized, byPathId } from "../../platform/access/page-access.ts";
import { sendStoredFile } from "../../platform/files/send.ts";
import { sendCsv } from "../../platform/http/csv.ts";
import { NotFoundError } from "../../platform/http/errors.ts";
import { parseOrBadRequest } from "../../platform/http/validation.ts";
import { sendXlsx } from "../../platform/http/xlsx.ts";
import type { AppContext } from "../../platform/module.ts";
import { emptyForm, type FormState, Notice, submittedForm } from "../../platform/ui/components.tsx";
import { networkBySlug } from "../networks/index.ts";
import { BenefitsOverviewPage } from "./benefits.views.tsx";
import {
  benefitParams,
  checklistItemParams,
  documentParams,
  fundingParams,
  joinRequestParams,
  linkParams,
  measurementParams,
  PAGE_SIZE,
  participantParams,
  projectListQuery,
  projectParams,
  relationParams,
  reportParams,
  savedViewParams,
  TIMELINE_PAGE_SIZE,
  timelineQuery,
} from "./params.ts";
import type { Project } from "./projects.repo.ts";
import {
  BenefitFormPage,
  BenefitPage,
  ParticipantsPage,
  ProjectFormPage,
  ProjectPage,
  ProjectsPage,
  phaseLabel,
  projectKindLabel,
  StatusReportFormPage,
  sectorLabel,
  statusLabel,
} from "./projects.views.tsx";
import { ResourcesPage } from "./resources.views.tsx";
import { ChecklistSettingsPage, SectorsPage } from "./settings.views.tsx";
import { TimelinePage } from "./timeline.views.tsx";

const today = () => new Date().toISOString().slice(0, 10);

export function projectRoutes(app: FastifyInstance, { services, config }: AppContext) {
  const { projects, networks, directory } = services;
  /** What the policies are checked against: the network by :slug, or the project by :id (404 if none). */
  const networkInPath = networkBySlug(networks);
  const projectInPath = byPathId((id) => projects.resource(id));

  /** The filtered list, shared by the page and its CSV so the CSV is exactly what is shown. */
  async function projectList(rawQuery: unknown, viewer: Actor | null, all = false) {
    const filter = parseOrBadRequest(projectListQuery, rawQuery);
    const limit = all ? 1_000_000 : PAGE_SIZE;
    const result = await projects.list(filter, viewer, filter.sort, limit, all ? 0 : (filter.page - 1) * PAGE_SIZE);
    return { filter, ...result };
  }

  /** Choices for the filters and forms: networks, counties, organisations, sectors. */
  async function listChoices() {
    const [networkList, counties, orgs, customSectors] = await Promise.all([
      networks.repo.switcher(),
      directory.organisations.byKind("county"),
      directory.organisations.options(["municipality", "county_municipality", "it_cooperation"]),
      projects.repo.allCustomSectors(),
    ]);
    return {
      networks: networkList.map((n) => ({ value: n.slug, label: n.name })),
      counties: counties.map((c) => ({ value: c.code ?? "", label: c.nameNorwegian })),
      organisations: orgs.map((o) => ({ value: o.id, label: o.name })),
      customSectors,
    };
  }

  const savedViewsOf = (req: FastifyRequest, kind: "projects" | "timeline") =>
    req.actor?.userId ? projects.repo.savedViewsOf(req.actor.userId, kind) : Promise.resolve(null);

  const renderProjects = async (req: FastifyRequest, reply: FastifyReply, viewForm: FormState = emptyForm()) => {
    const { filter, items, total } = await projectList(req.query, req.actor);
    const csv = new URL(req.url, "http://x");
    csv.pathname = "/projects.csv";
    csv.searchParams.delete("page");
    const creatable = (await networks.repo.switcher()).filter((n) => can(req.actor, "project.create", n));
    const { t } = req.i18n;
    return reply.page(
      <ProjectsPage
        ctx={req.pageContext()}
        items={items}
        total={total}
        filter={filter}
        limit={PAGE_SIZE}
        csvHref={`${csv.pathname}${csv.search}`}
        timelineHref={`/projects/timeline${csv.search}`}
        xlsxHref={`/projects.xlsx${csv.search}`}
        benefitsHref={`/projects/benefits${csv.search}`}
        createIn={creatable.map((n) => ({ slug: n.slug, name: n.name, configure: can(req.actor, "portfolio.configure", n) }))}
        savedViews={await savedViewsOf(req, "projects")}
        viewForm={viewForm}
        {...(await listChoices())}
      />,
      {
        title: t("project.listTitle"),
        status: viewForm.errors.length ? 422 : 200,
        crumbs: [{ href: "/", label: "Samverk" }, { label: t("project.listTitle") }],
      },
    );
  };

  app.get("/projects", { config: { policy: "public" } }, async (req, reply) => renderProjects(req, reply));

  /** The rows the overview shows (all pages), for the CSV and the Excel download alike. */
  async function projectTable(req: FastifyRequest) {
    const { items } = await projectList(req.query, req.actor, true);
    const { customSectors } = await listChoices();
    const { t } = req.i18n;
    const header = [
      t("project.title"),
      t("project.network"),
      t("project.owner"),
      t("project.kind"),
      t("project.sector"),
      t("project.phase"),
      t("project.status"),
      t("project.startDate"),
      t("project.endDate"),
      t("project.budget"),
      t("project.tags"),
      "URL",
    ];
    const rows = items.map((p) => [
      p.title,
      p.networkName,
      p.ownerName,
      projectKindLabel(t, p.kind),
      sectorLabel(t, p.sector, customSectors),
      phaseLabel(t, p.phase),
      p.status ? statusLabel(t, p.status) : "",
      p.startDate,
      p.endDate,
      p.budget,
      p.tags.join(", "),
      `/projects/${p.id}`,
    ]);
    return { header, rows };
  }

  app.get("/projects.csv", { config: { policy: "public" } }, async (req, reply) => {
    const { header, rows } = await projectTable(req);
    return sendCsv(reply, "projects.csv", header, rows);
  });

  app.get("/projects.xlsx", { config: { policy: "public" } }, async (req, reply) => {
    const { header, rows } = await projectTable(req);
    return sendXlsx(reply, "projects.xlsx", header, rows);
  });

  // The network's own sectors

  const renderSectors = async (req: FastifyRequest, reply: FastifyReply, form: FormState) => {
    const { resource: network } = authorized(req, networkInPath);
    const { t } = req.i18n;
    const title = t("sector.title", { network: network.name });
    return reply.page(
      <SectorsPage ctx={req.pageContext()} form={form} network={network} sectors={await projects.repo.sectorsOf(network.id)} />,
      {
        title,
        network,
        status: form.errors.length ? 422 : 200,
        crumbs: [{ href: `/n/${network.slug}`, label: network.name }, { label: title }],
      },
    );
  };

  app.get("/n/:slug/sectors", { config: { policy: "portfolio.configure", resource: networkInPath } }, async (req, reply) =>
    renderSectors(req, reply, emptyForm()),
  );

  app.post(
    "/n/:slug/sectors",
    { config: { storedOnce: true, policy: "portfolio.configure", resource: networkInPath } },
    async (req, reply) => {
      const { actor, resource: network } = authorized(req, networkInPath);
      const result = await projects.addSector(actor, network.id, req.body);
      if (!result.ok) return renderSectors(req, reply, submittedForm(req.body, result.errors));
      return reply.redirect(`/n/${network.slug}/sectors?saved=1`, 303);
    },
  );

  const renderTimeline = async (req: FastifyRequest, reply: FastifyReply, viewForm: FormState = emptyForm()) => {
    const filter = parseOrBadRequest(timelineQuery, req.query);
    // By years, the window opens two years back, so running projects show where they came from.
    const year = filter.year ?? Number(today().slice(0, 4)) - (filter.view === "year" ? 2 : 0);
    const timeline = await projects.timeline(
      filter,
      req.actor,
      filter.sort,
      TIMELINE_PAGE_SIZE,
      (filter.page - 1) * TIMELINE_PAGE_SIZE,
    );
    const { t } = req.i18n;
    return reply.page(
      <TimelinePage
        ctx={req.pageContext()}
        timeline={timeline}
        filter={filter}
        year={year}
        limit={TIMELINE_PAGE_SIZE}
        today={today()}
        savedViews={await savedViewsOf(req, "timeline")}
        viewForm={viewForm}
      />,
      {
        title: t("timeline.title"),
        status: viewForm.errors.length ? 422 : 200,
        crumbs: [{ href: "/projects", label: t("project.listTitle") }, { label: t("timeline.title") }],
      },
    );
  };

  app.get("/projects/timeline", { config: { policy: "public" } }, async (req, reply) => renderTimeline(req, reply));

  app.get("/projects/benefits", { config: { policy: "public" } }, async (req, reply) => {
    const filter = parseOrBadRequest(projectListQuery, req.query);
    const overview = await projects.benefitsOverview(filter, req.actor);
    const { t } = req.i18n;
    const query = new URL(req.url, "http://x").search;
    return reply.page(<BenefitsOverviewPage ctx={req.pageContext()} overview={overview} listHref={`/projects${query}`} />, {
      title: t("benefitsOverview.title"),
      crumbs: [{ href: "/projects", label: t("project.listTitle") }, { label: t("benefitsOverview.title") }],
    });
  });

  // Saved views: the user's own named filters

  app.post("/projects/saved-views", { config: { storedOnce: true, policy: "account.own" } }, async (req, reply) => {
    const { actor } = authorized(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const result = await projects.saveView(
      actor,
      body,
      (kind, query) => (kind === "projects" ? projectListQuery : timelineQuery).safeParse(Object.fromEntries(query)).success,
    );
    const base = body.kind === "timeline" ? "/projects/timeline" : "/projects";
    if (!result.ok) {
      // The page comes back as it was, with the name typed and what is wrong with it.
      req.query = Object.fromEntries(new URLSearchParams(String(body.query ?? "")));
      const form = submittedForm(body, result.errors);
      return base === "/projects" ? renderProjects(req, reply, form) : renderTimeline(req, reply, form);
    }
    const { query } = result.value;
    return reply.redirect(`${base}?${query ? `${query}&` : ""}viewSaved=1`, 303);
  });

  app.post("/projects/saved-views/:viewId/delete", { config: { policy: "account.own" } }, async (req, reply) => {
    const { actor } = authorized(req);
    const { viewId } = parseOrBadRequest(savedViewParams, req.params);
    await projects.removeView(actor, viewId);
    return reply.redirect("/projects", 303);
  });

  // The network's checklist for each phase

  const renderChecklists = async (req: FastifyRequest, reply: FastifyReply, form: FormState) => {
    const { resource: network } = authorized(req, networkInPath);
    const { t } = req.i18n;
    const title = t("checklist.title", { network: network.name });
    return reply.page(
      <ChecklistSettingsPage
        ctx={req.pageContext()}
        form={form}
        network={network}
        items={await projects.repo.checklistOf(network.id)}
      />,
      {
        title,
        network,
        status: form.errors.length ? 422 : 200,
        crumbs: [{ href: `/n/${network.slug}`, label: network.name }, { label: title }],
      },
    );
  };

  app.get("/n/:slug/checklists", { config: { policy: "portfolio.configure", resource: networkInPath } }, async (req, reply) =>
    renderChecklists(req, reply, emptyForm({ phase: "idea" })),
  );

  app.post(
    "/n/:slug/checklists",
    { config: { storedOnce: true, policy: "portfolio.configure", resource: networkInPath } },
    async (req, reply) => {
      const { actor, resource: network } = authorized(req, networkInPath);
      const result = await projects.addChecklistItem(actor, network.id, req.body);
      if (!result.ok) return renderChecklists(req, reply, submittedForm(req.body, result.errors));
      return reply.redirect(`/n/${network.slug}/checklists?saved=1`, 303);
    },
  );

  app.post(
    "/n/:slug/checklists/:itemId/delete",
    { config: { policy: "portfolio.configure", resource: networkInPath } },
    async (req, reply) => {
      const { itemId } = parseOrBadRequest(checklistItemParams, req.params);
      const { actor, resource: network } = authorized(req, networkInPath);
      await projects.removeChecklistItem(actor, network.id, itemId);
      return reply.redirect(`/n/${network.slug}/checklists?saved=1`, 303);
    },
  );

  // Creating and editing

  const renderProjectForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    form: FormState,
    network: { id: number; slug: string; name: string },
    editing: { project: Project; conflict?: Project } | null,
  ) => {
    const { t } = req.i18n;
    const actor = req.actor!;
    const [members, bodies, sectors, people] = await Promise.all([
      networks.repo.membersOf(network.id),
      networks.repo.bodiesOf(network.id),
      projects.repo.sectorsOf(network.id),
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
        people={people.map((p) => ({ value: p.id, label: p.organisationName ? `${p.name} (${p.organisationName})` : p.name }))}
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
  };

  app.get("/n/:slug/projects/new", { config: { policy: "project.create", resource: networkInPath } }, async (req, reply) => {
    const { resource: network } = authorized(req, networkInPath);
    return renderProjectForm(req, reply, emptyForm({ kind: "regional", sector: "other", visibility: "public" }), network, null);
  });

  app.post(
    "/n/:slug/projects",
    { config: { storedOnce: true, policy: "project.create", resource: networkInPath } },
    async (req, reply) => {
      const { actor, resource: network } = authorized(req, networkInPath);
      const result = await projects.create(actor, network.id, req.body);
      if (!result.ok) return renderProjectForm(req, reply, submittedForm(req.body, result.errors), network, null);
      return reply.redirect(`/projects/${result.value.id}?saved=1`, 303);
    },
  );

  /** The project the kernel let the writer act on (see projectInPath). */
  const authorizedProject = (req: FastifyRequest) => {
    const { actor, resource } = authorized(req, projectInPath);
    return { actor, id: resource.id };
  };

  const networkOf = async (project: Project) => (await networks.repo.byId(project.networkId))!;

  app.get("/projects/:id/edit", { config: { policy: "project.update", resource: projectInPath } }, async (req, reply) => {
    const { id } = authorizedProject(req);
    const project = (await projects.repo.byId(id))!;
    return renderProjectForm(req, reply, emptyForm({ ...project, tags: project.tags.join(", ") }), await networkOf(project), {
      project,
    });
  });

  app.post("/projects/:id", { config: { policy: "project.update", resource: projectInPath } }, async (req, reply) => {
    const { actor, id } = authorizedProject(req);
    const result = await projects.update(actor, id, req.body);
    if (!result.ok) {
      const project = (await projects.repo.byId(id))!;
      const conflict = "conflict" in result ? result.conflict : undefined;
      // The form comes back with what the user typed; after a conflict it carries the version now
      // saved, so saving again is a conscious choice to replace it.
      const values = { ...(req.body as object), ...(conflict ? { version: conflict.version } : {}) };
      return renderProjectForm(req, reply, submittedForm(values, result.errors), await networkOf(project), {
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

  // The project page, with the phase form and the status reports

  /** The project's page; the forms on it (phase, taking part, a decision) come back here with their errors. */
  const renderProject = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: number,
    forms: { phase?: FormState; join?: FormState; decision?: FormState } = {},
  ) => {
    const detail = await projects.visible(id, req.actor);
    const canEdit = can(req.actor, "project.update", detail.resource);
    const [history, requests, actingFor, origin, rollsOut] = await Promise.all([
      canEdit ? services.audit.history("project", id) : Promise.resolve([]),
      req.actor ? projects.repo.joinRequestsOf(id) : Promise.resolve([]),
      req.actor ? services.access.organisationsActingFor(req.actor) : Promise.resolve([]),
      services.meetings.originOf(id, req.actor),
      services.roadmap.repo.rolloutSolutionsOf(id),
    ]);
    const taking = new Set(detail.participants.map((p) => p.organisationId));
    const { t } = req.i18n;
    const query = req.query as Record<string, unknown>;
    const errors = Object.values(forms).some((f) => f.errors.length);
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
        />
      </>,
      {
        title: detail.project.title,
        description: detail.project.summary,
        status: errors ? 422 : 200,
        crumbs: [{ href: "/projects", label: t("project.listTitle") }, { label: detail.project.title }],
      },
    );
  };

  app.get("/projects/:id", { config: { policy: "public" } }, async (req, reply) => {
    const { id } = parseOrBadRequest(projectParams, req.params);
    return renderProject(req, reply, id);
  });

  app.post("/projects/:id/phase", { config: { policy: "project.update", resource: projectInPath } }, async (req, reply) => {
    const { actor, id } = authorizedProject(req);
    const result = await projects.setPhase(actor, id, req.body);
    if (!result.ok) return renderProject(req, reply, id, { phase: submittedForm(req.body, result.errors) });
    return reply.redirect(`/projects/${id}?saved=1#phase-heading`, 303);
  });

  app.post("/projects/:id/checklist", { config: { policy: "project.update", resource: projectInPath } }, async (req, reply) => {
    const { actor, id } = authorizedProject(req);
    const result = await projects.markChecklist(actor, id, req.body);
    if (!result.ok) return renderProject(req, reply, id, { phase: submittedForm(req.body, result.errors) });
    return reply.redirect(`/projects/${id}?saved=1#checklist-heading`, 303);
  });

  // "We want to take part"

  app.post("/projects/:id/join", { config: { storedOnce: true, policy: "project.join" } }, async (req, reply) => {
    const { actor } = authorized(req);
    const { id } = parseOrBadRequest(projectParams, req.params);
    await projects.visible(id, actor);
    const result = await projects.requestToJoin(actor, id, req.body, req.i18n.t);
    if (!result.ok) return renderProject(req, reply, id, { join: submittedForm(req.body, result.errors) });
    return reply.redirect(`/projects/${id}?requested=1#join-heading`, 303);
  });

  app.post(
    "/projects/:id/join-requests/:requestId",
    { config: { policy: "project.update", resource: projectInPath } },
    async (req, reply) => {
      const { actor, id } = authorizedProject(req);
      const { requestId } = parseOrBadRequest(joinRequestParams, req.params);
      const result = await projects.decideJoin(actor, id, requestId, req.body, req.i18n.t);
      if (!result.ok) return renderProject(req, reply, id, { decision: submittedForm(req.body, result.errors) });
      return reply.redirect(`/projects/${id}?saved=1#join-heading`, 303);
    },
  );

  // Participants

  const renderParticipants = async (req: FastifyRequest, reply: FastifyReply, id: number, form: FormState) => {
    const detail = await projects.visible(id, req.actor);
    const { t } = req.i18n;
    const orgs = await directory.organisations.options();
    const title = t("participant.title", { title: detail.project.title });
    return reply.page(
      <ParticipantsPage
        ctx={req.pageContext()}
        detail={detail}
        form={form}
        organisations={orgs.map((o) => ({ value: o.id, label: o.name }))}
      />,
      {
        title,
        status: form.errors.length ? 422 : 200,
        crumbs: [
          { href: "/projects", label: t("project.listTitle") },
          { href: `/projects/${id}`, label: detail.project.title },
          { label: t("participant.heading") },
        ],
      },
    );
  };

  app.get("/projects/:id/participants", { config: { policy: "project.update", resource: projectInPath } }, async (req, reply) => {
    const { id } = authorizedProject(req);
    return renderParticipants(req, reply, id, emptyForm({ role: "participant", fromDate: today() }));
  });

  app.post(
    "/projects/:id/participants",
    { config: { storedOnce: true, policy: "project.update", resource: projectInPath } },
    async (req, reply) => {
      const { actor, id } = authorizedProject(req);
      const result = await projects.setParticipant(actor, id, req.body);
      if (!result.ok) return renderParticipants(req, reply, id, submittedForm(req.body, result.errors));
      return reply.redirect(`/projects/${id}/participants?saved=1`, 303);
    },
  );

  app.post(
    "/projects/:id/participants/:organisationId/delete",
    { config: { policy: "project.update", resource: projectInPath } },
    async (req, reply) => {
      const { actor, id } = authorizedProject(req);
      const { organisationId } = parseOrBadRequest(participantParams, req.params);
      await projects.removeParticipant(actor, id, organisationId);
      return reply.redirect(`/projects/${id}/participants?saved=1`, 303);
    },
  );

  // Status reports

  const renderReportForm = async (req: FastifyRequest, reply: FastifyReply, id: number, form: FormState) => {
    const detail = await projects.visible(id, req.actor);
    const { t } = req.i18n;
    const title = t("report.new");
    return reply.page(<StatusReportFormPage ctx={req.pageContext()} detail={detail} form={form} title={title} />, {
      title,
      status: form.errors.length ? 422 : 200,
      crumbs: [
        { href: "/projects", label: t("project.listTitle") },
        { href: `/projects/${id}`, label: detail.project.title },
        { label: title },
      ],
    });
  };

  app.get("/projects/:id/reports/new", { config: { policy: "project.update", resource: projectInPath } }, async (req, reply) => {
    const { id } = authorizedProject(req);
    const copy = (req.query as Record<string, unknown>).copy === "1";
    return renderReportForm(req, reply, id, emptyForm(await projects.reportDraft(id, copy, today())));
  });

  app.post(
    "/projects/:id/reports",
    { config: { storedOnce: true, policy: "project.update", resource: projectInPath } },
    async (req, reply) => {
      const { actor, id } = authorizedProject(req);
      const result = await projects.addReport(actor, id, req.body);
      if (!result.ok) return renderReportForm(req, reply, id, submittedForm(req.body, result.errors));
      return reply.redirect(`/projects/${id}?saved=1#reports-heading`, 303);
    },
  );

  app.post(
    "/projects/:id/reports/:reportId/delete",
    { config: { policy: "project.update", resource: projectInPath } },
    async (req, reply) => {
      const { actor, id } = authorizedProject(req);
      const { reportId } = parseOrBadRequest(reportParams, req.params);
      await projects.removeReport(actor, id, reportId);
      return reply.redirect(`/projects/${id}?saved=1#reports-heading`, 303);
    },
  );

  // Benefits and their measurements

  const renderBenefitForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: number,
    form: FormState,
    benefitId: number | null,
  ) => {
    const detail = await projects.visible(id, req.actor);
    const people = await directory.people.options();
    const { t } = req.i18n;
    const title = benefitId ? t("benefit.edit") : t("benefit.new");
    return reply.page(
      <BenefitFormPage
        ctx={req.pageContext()}
        form={form}
        title={title}
        action={benefitId ? `/projects/${id}/benefits/${benefitId}` : `/projects/${id}/benefits`}
        cancelHref={benefitId ? `/projects/${id}/benefits/${benefitId}` : `/projects/${id}`}
        people={people.map((p) => ({ value: p.id, label: p.organisationName ? `${p.name} (${p.organisationName})` : p.name }))}
      />,
      {
        title,
        status: form.errors.length ? 422 : 200,
        crumbs: [
          { href: "/projects", label: t("project.listTitle") },
          { href: `/projects/${id}`, label: detail.project.title },
          { label: title },
        ],
      },
    );
  };

  app.get("/projects/:id/benefits/new", { config: { policy: "project.update", resource: projectInPath } }, async (req, reply) => {
    const { id } = authorizedProject(req);
    return renderBenefitForm(req, reply, id, emptyForm({ type: "time" }), null);
  });

  app.post(
    "/projects/:id/benefits",
    { config: { storedOnce: true, policy: "project.update", resource: projectInPath } },
    async (req, reply) => {
      const { actor, id } = authorizedProject(req);
      const result = await projects.addBenefit(actor, id, req.body);
      if (!result.ok) return renderBenefitForm(req, reply, id, submittedForm(req.body, result.errors), null);
      return reply.redirect(`/projects/${id}/benefits/${result.value.id}?saved=1`, 303);
    },
  );

  const renderBenefit = async (req: FastifyRequest, reply: FastifyReply, form: FormState) => {
    const { id, benefitId } = parseOrBadRequest(benefitParams, req.params);
    const detail = await projects.visible(id, req.actor);
    const benefit = detail.benefits.find((b) => b.id === benefitId);
    if (!benefit) throw new NotFoundError();
    const { t } = req.i18n;
    const query = req.query as Record<string, unknown>;
    return reply.page(
      <>
        {query.saved === "1" ? <Notice kind="success">{t("form.saved")}</Notice> : null}
        <BenefitPage
          ctx={req.pageContext()}
          detail={detail}
          benefit={benefit}
          form={form}
          canEdit={can(req.actor, "project.update", detail.resource)}
        />
      </>,
      {
        title: benefit.title,
        status: form.errors.length ? 422 : 200,
        crumbs: [
          { href: "/projects", label: t("project.listTitle") },
          { href: `/projects/${id}`, label: detail.project.title },
          { label: benefit.title },
        ],
      },
    );
  };

  app.get("/projects/:id/benefits/:benefitId", { config: { policy: "public" } }, async (req, reply) =>
    renderBenefit(req, reply, emptyForm({ measuredOn: today() })),
  );

  app.get(
    "/projects/:id/benefits/:benefitId/edit",
    { config: { policy: "project.update", resource: projectInPath } },
    async (req, reply) => {
      const { id } = authorizedProject(req);
      const { benefitId } = parseOrBadRequest(benefitParams, req.params);
      const benefit = await projects.getBenefit(id, benefitId);
      return renderBenefitForm(req, reply, id, emptyForm(benefit), benefitId);
    },
  );

  app.post(
    "/projects/:id/benefits/:benefitId",
    { config: { policy: "project.update", resource: projectInPath } },
    async (req, reply) => {
      const { actor, id } = authorizedProject(req);
      const { benefitId } = parseOrBadRequest(benefitParams, req.params);
      const result = await projects.updateBenefit(actor, id, benefitId, req.body);
      if (!result.ok) return renderBenefitForm(req, reply, id, submittedForm(req.body, result.errors), benefitId);
      return reply.redirect(`/projects/${id}/benefits/${benefitId}?saved=1`, 303);
    },
  );

  app.post(
    "/projects/:id/benefits/:benefitId/delete",
    { config: { policy: "project.update", resource: projectInPath } },
    async (req, reply) => {
      const { actor, id } = authorizedProject(req);
      const { benefitId } = parseOrBadRequest(benefitParams, req.params);
      await projects.removeBenefit(actor, id, benefitId);
      return reply.redirect(`/projects/${id}?saved=1#benefits-heading`, 303);
    },
  );

  app.post(
    "/projects/:id/benefits/:benefitId/measurements",
    { config: { storedOnce: true, policy: "project.update", resource: projectInPath } },
    async (req, reply) => {
      const { actor, id } = authorizedProject(req);
      const { benefitId } = parseOrBadRequest(benefitParams, req.params);
      const result = await projects.addMeasurement(actor, id, benefitId, req.body);
      if (!result.ok) return renderBenefit(req, reply, submittedForm(req.body, result.errors));
      return reply.redirect(`/projects/${id}/benefits/${benefitId}?saved=1`, 303);
    },
  );

  app.post(
    "/projects/:id/benefits/:benefitId/measurements/:measurementId/delete",
    { config: { policy: "project.update", resource: projectInPath } },
    async (req, reply) => {
      const { actor, id } = authorizedProject(req);
      const { benefitId, measurementId } = parseOrBadRequest(measurementParams, req.params);
      await projects.removeMeasurement(actor, id, benefitId, measurementId);
      return reply.redirect(`/projects/${id}/benefits/${benefitId}?saved=1`, 303);
    },
  );

  // Funding, links, relations and documents: listed on the project page, changed on a page of their own

  type ResourceForm = "funding" | "link" | "relation" | "document";
  const renderResources = async (req: FastifyRequest, reply: FastifyReply, id: number, failed?: [ResourceForm, FormState]) => {
    const detail = await projects.visible(id, req.actor);
    const [resources, candidates] = await Promise.all([
      projects.resources(id, req.actor),
      projects.list({}, req.actor, "title", 100_000, 0),
    ]);
    const { t } = req.i18n;
    const title = t("resources.title");
    const form = (name: ResourceForm) =>
      failed?.[0] === name ? failed[1] : emptyForm(name === "relation" ? { kind: "builds_on" } : {});
    return reply.page(
      <ResourcesPage
        ctx={req.pageContext()}
        detail={detail}
        resources={resources}
        forms={{ funding: form("funding"), link: form("link"), relation: form("relation"), document: form("document") }}
        otherProjects={candidates.items
          .filter((p) => p.id !== id)
          .map((p) => ({ value: p.id, label: `${p.title} (${p.networkName})` }))}
        maxUploadMb={config.SAMVERK_UPLOAD_MAX_MB}
      />,
      {
        title,
        status: failed ? 422 : 200,
        crumbs: [
          { href: "/projects", label: t("project.listTitle") },
          { href: `/projects/${id}`, label: detail.project.title },
          { label: title },
        ],
      },
    );
  };
  const backToResources = (reply: FastifyReply, id: number, anchor: string) =>
    reply.redirect(`/projects/${id}/resources?saved=1#${anchor}`, 303);

  app.get("/projects/:id/resources", { config: { policy: "project.update", resource: projectInPath } }, async (req, reply) => {
    const { id } = authorizedProject(req);
    return renderResources(req, reply, id);
  });

  // Funding, links and relations: each added from its form and removed by its button, the same way.
  const children = [
    {
      path: "funding",
      param: "fundingId",
      params: fundingParams,
      form: "funding",
      anchor: "funding-heading",
      add: projects.addFunding,
      remove: projects.removeFunding,
    },
    {
      path: "links",
      param: "linkId",
      params: linkParams,
      form: "link",
      anchor: "links-heading",
      add: projects.addLink,
      remove: projects.removeLink,
    },
    {
      path: "relations",
      param: "relationId",
      params: relationParams,
      form: "relation",
      anchor: "relations-heading",
      add: projects.addRelation,
      remove: projects.removeRelation,
    },
  ] as const;
  for (const c of children) {
    app.post(
      `/projects/:id/${c.path}`,
      { config: { storedOnce: true, policy: "project.update", resource: projectInPath } },
      async (req, reply) => {
        const { actor, id } = authorizedProject(req);
        const result = await c.add.call(projects, actor, id, req.body);
        if (!result.ok) return renderResources(req, reply, id, [c.form, submittedForm(req.body, result.errors)]);
        return backToResources(reply, id, c.anchor);
      },
    );
    app.post(
      `/projects/:id/${c.path}/:${c.param}/delete`,
      { config: { policy: "project.update", resource: projectInPath } },
      async (req, reply) => {
        const { actor, id } = authorizedProject(req);
        const childId = (parseOrBadRequest(c.params, req.params) as Record<string, number>)[c.param]!;
        await c.remove.call(projects, actor, id, childId);
        return backToResources(reply, id, c.anchor);
      },
    );
  }

  app.post(
    "/projects/:id/documents",
    { config: { storedOnce: true, policy: "project.update", resource: projectInPath, acceptsFiles: true } },
    async (req, reply) => {
      const { actor, id } = authorizedProject(req);
      const result = await projects.addDocument(actor, id, req.body, config.SAMVERK_UPLOAD_MAX_MB * 1024 * 1024);
      // The file itself is never sent back; the title typed is.
      const { file: _file, ...typed } = (req.body ?? {}) as Record<string, unknown>;
      if (!result.ok) return renderResources(req, reply, id, ["document", submittedForm(typed, result.errors)]);
      return backToResources(reply, id, "documents-heading");
    },
  );

  app.get("/projects/:id/documents/:documentId", { config: { policy: "public" } }, async (req, reply) => {
    const { id, documentId } = parseOrBadRequest(documentParams, req.params);
    return sendStoredFile(reply, await projects.documentFile(id, documentId, req.actor));
  });

  app.post(
    "/projects/:id/documents/:documentId/delete",
    { config: { policy: "project.update", resource: projectInPath } },
    async (req, reply) => {
      const { actor, id } = authorizedProject(req);
      const { documentId } = parseOrBadRequest(documentParams, req.params);
      await projects.removeDocument(actor, id, documentId);
      return backToResources(reply, id, "documents-heading");
    },
  );
}
