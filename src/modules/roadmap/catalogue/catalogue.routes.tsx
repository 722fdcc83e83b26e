import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { can } from "../../platform/access/authorize.ts";
import { authorized, byPathId } from "../../platform/access/page-access.ts";
import { dbId, parseOrBadRequest, query } from "../../platform/http/validation.ts";
import { osloToday } from "../../platform/i18n/i18n.ts";
import type { AppContext } from "../../platform/module.ts";
import { emptyForm, type FormState, Notice, submittedForm } from "../../platform/ui/components.tsx";
import { SETTLED } from "./budget.ts";
import { toICalendar } from "./calendar.ts";
import { catalogueQuery, milestoneParams, networkSlugParams, rolloutParams, solutionParams, taskParams } from "./params.ts";
import { periodLabel } from "./precision.ts";
import {
  CataloguePage,
  costsFromForm,
  costsToForm,
  milestoneKindLabel,
  SolutionFormPage,
  SolutionPage,
} from "./roadmap.views.tsx";
import { SOLUTION_CATEGORIES } from "./schema.ts";
import { TimelinePage } from "./timeline.views.tsx";

/** The forms of a solution's page, each coming back with its own input and errors. */
interface SolutionForms {
  milestone?: FormState;
  editing?: { id: number; form: FormState };
  task?: FormState;
  costs?: FormState;
  rollout?: FormState;
}

const timelineQuery = query({
  view: z.enum(["year", "quarter"]).default("year"),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  category: z.enum(SOLUTION_CATEGORIES).optional(),
  owner: z.string().trim().max(100).optional(),
  network: networkSlugParams.shape.slug.optional(),
});

const calendarQuery = query({
  network: networkSlugParams.shape.slug.optional(),
  organisation: dbId.optional(),
  solution: dbId.optional(),
});

export function roadmapRoutes(app: FastifyInstance, { services, config }: AppContext) {
  const { roadmap, networks } = services;
  /**
   * What the policies are checked against, loaded from the path (404 if there is none): the solution
   * by :id; where a new one would go (the network by :slug, or the national catalogue); the network
   * of the project whose rollout is removed.
   */
  const solutionInPath = byPathId((id) => roadmap.resource(id));
  const catalogueInPath = async (req: FastifyRequest) => {
    const params = req.params as { slug?: string };
    const network = params.slug ? await networks.get(parseOrBadRequest(networkSlugParams, req.params).slug) : null;
    return { networkId: network?.id ?? null, network };
  };
  const rolloutInPath = (req: FastifyRequest) => roadmap.rolloutResource(parseOrBadRequest(rolloutParams, req.params).projectId);
  const publicUrl = (config.SAMVERK_PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/$/, "");

  app.get("/roadmap/timeline", { config: { policy: "public" } }, async (req, reply) => {
    const filter = parseOrBadRequest(timelineQuery, req.query);
    const network = filter.network ? await networks.get(filter.network) : undefined;
    const today = osloToday();
    const year = filter.year ?? Number(today.slice(0, 4)) - (filter.view === "year" ? 1 : 0);
    const owner = filter.owner?.toLowerCase();
    const solutions = (await roadmap.list({ category: filter.category, networkId: network?.id }))
      .map((i) => i.solution)
      .filter((s) => !owner || s.owner.toLowerCase().includes(owner));
    const milestones = await roadmap.repo.milestonesOf(solutions.map((s) => s.id));
    const changes = await roadmap.repo.changesOf(milestones.map((m) => m.id));
    const rows = solutions
      .map((solution) => ({
        solution,
        milestones: milestones
          .filter((m) => m.solutionId === solution.id)
          .map((m) => {
            // Changes come newest first: the latest says where it moved from.
            const moved = changes.find((c) => c.milestoneId === m.id);
            return { ...m, movedFrom: moved ? { date: moved.fromDate, precision: moved.fromPrecision } : null };
          }),
      }))
      .filter((r) => r.milestones.length > 0);
    const { t } = req.i18n;
    const [networkList] = await Promise.all([networks.repo.switcher()]);
    return reply.page(
      <TimelinePage
        ctx={req.pageContext()}
        rows={rows}
        filter={filter}
        year={year}
        today={today}
        networks={networkList.map((n) => ({ value: n.slug, label: n.name }))}
      />,
      {
        title: t("roadmap.timelineTitle"),
        ...(network ? { network } : {}),
        crumbs: [{ href: "/roadmap", label: t("roadmap.catalogueTitle") }, { label: t("roadmap.timelineTitle") }],
      },
    );
  });

  /**
   * Milestones as a calendar feed: of one solution; of the national catalogue and one network's
   * initiatives; or what is still coming to one municipality (its networks' roadmap, less what it
   * has in use or finds not relevant); or, without a scope, the national catalogue.
   */
  app.get("/roadmap/calendar.ics", { config: { policy: "public" } }, async (req, reply) => {
    const scope = parseOrBadRequest(calendarQuery, req.query);
    const { t } = req.i18n;
    let name = t("roadmap.catalogueTitle");
    let solutions = (await roadmap.list({})).map((i) => i.solution).filter((s) => s.networkId === null);
    if (scope.solution) {
      const solution = await roadmap.resource(scope.solution);
      solutions = [solution];
      name = solution.name;
    } else if (scope.network) {
      const network = await networks.get(scope.network);
      solutions = (await roadmap.list({ networkId: network.id })).map((i) => i.solution);
      name = `${network.name}: ${t("nav.roadmap")}`;
    } else if (scope.organisation) {
      const org = await services.adoption.adopter(scope.organisation);
      const { networkIds } = await services.access.organisationResource(org.id);
      const done = new Set(
        (await services.adoption.repo.of([org.id])).filter((a) => SETTLED.includes(a.status)).map((a) => a.solutionId),
      );
      solutions = (await roadmap.repo.solutionsFor(networkIds, osloToday())).filter((s) => !done.has(s.id));
      name = `${org.name}: ${t("nav.roadmap")}`;
    }
    const byId = new Map(solutions.map((s) => [s.id, s]));
    const milestones = await roadmap.repo.milestonesOf([...byId.keys()]);
    const events = milestones.map((m) => {
      const solution = byId.get(m.solutionId)!;
      const kind = m.kind === "custom" ? m.label : milestoneKindLabel(t, m.kind);
      return {
        uid: `milestone-${m.id}@samverk`,
        summary: `${solution.name}: ${kind}`,
        description: [periodLabel(req.i18n, m.date, m.precision), solution.owner, m.note].filter(Boolean).join(" – "),
        date: m.date,
        precision: m.precision,
        url: `${publicUrl}/roadmap/${solution.id}`,
        updatedAt: m.updatedAt,
      };
    });
    return reply
      .type("text/calendar; charset=utf-8")
      .header("content-disposition", 'inline; filename="samverk-roadmap.ics"')
      .header("cache-control", "no-store")
      .send(toICalendar(name, events));
  });

  app.get("/roadmap", { config: { policy: "public" } }, async (req, reply) => {
    const filter = parseOrBadRequest(catalogueQuery, req.query);
    const network = filter.network ? await networks.repo.bySlug(filter.network) : undefined;
    const [items, networkList] = await Promise.all([
      roadmap.list({ q: filter.q, category: filter.category, networkId: network?.id }),
      networks.repo.switcher(),
    ]);
    const { t } = req.i18n;
    const canAdd = [
      ...(can(req.actor, "roadmap.edit", { networkId: null }) ? [{ href: "/roadmap/new", label: t("roadmap.newNational") }] : []),
      ...networkList
        .filter((n) => can(req.actor, "roadmap.edit", { networkId: n.id }))
        .map((n) => ({ href: `/n/${n.slug}/initiatives/new`, label: t("roadmap.newInitiative", { network: n.name }) })),
    ];
    return reply.page(
      <CataloguePage
        ctx={req.pageContext()}
        items={filter.network && !network ? [] : items}
        filter={filter}
        networks={networkList.map((n) => ({ value: n.slug, label: n.name }))}
        canAdd={canAdd}
        canManageEditors={can(req.actor, "roadmap.editors")}
      />,
      { title: t("roadmap.catalogueTitle"), crumbs: [{ href: "/", label: "Samverk" }, { label: t("roadmap.catalogueTitle") }] },
    );
  });

  const renderForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    form: FormState,
    target: { action: string; cancelHref: string; title: string },
  ) => {
    const { t } = req.i18n;
    return reply.page(<SolutionFormPage ctx={req.pageContext()} form={form} {...target} />, {
      title: target.title,
      status: form.errors.length ? 422 : 200,
      crumbs: [{ href: "/roadmap", label: t("roadmap.catalogueTitle") }, { label: target.title }],
    });
  };

  // A national solution (administrators) or a network's own initiative (its secretariat).
  const newTarget = (req: FastifyRequest) => {
    const { network } = authorized(req, catalogueInPath).resource;
    const { t } = req.i18n;
    return {
      networkId: network?.id ?? null,
      action: network ? `/n/${network.slug}/initiatives` : "/roadmap",
      cancelHref: "/roadmap",
      title: network ? t("roadmap.newInitiative", { network: network.name }) : t("roadmap.newNational"),
    };
  };

  for (const [form, post] of [
    ["/roadmap/new", "/roadmap"],
    ["/n/:slug/initiatives/new", "/n/:slug/initiatives"],
  ] as const) {
    app.get(form, { config: { policy: "roadmap.edit", resource: catalogueInPath } }, async (req, reply) => {
      const target = newTarget(req);
      return renderForm(req, reply, emptyForm({ category: "services" }), target);
    });
    app.post(post, { config: { storedOnce: true, policy: "roadmap.edit", resource: catalogueInPath } }, async (req, reply) => {
      const target = newTarget(req);
      const { actor } = authorized(req, catalogueInPath);
      const result = await roadmap.create(actor, target.networkId, req.body);
      if (!result.ok) return renderForm(req, reply, submittedForm(req.body, result.errors), target);
      return reply.redirect(`/roadmap/${result.value.id}?saved=1`, 303);
    });
  }

  /** The solution the kernel let the writer change (see solutionInPath). */
  const editable = (req: FastifyRequest) => {
    const { actor, resource: solution } = authorized(req, solutionInPath);
    return { actor, id: solution.id, solution };
  };

  app.get("/roadmap/:id/edit", { config: { policy: "roadmap.edit", resource: solutionInPath } }, async (req, reply) => {
    const { id, solution } = editable(req);
    const title = req.i18n.t("roadmap.editTitle", { name: solution.name });
    return renderForm(req, reply, emptyForm({ ...solution }), { action: `/roadmap/${id}`, cancelHref: `/roadmap/${id}`, title });
  });

  app.post("/roadmap/:id", { config: { policy: "roadmap.edit", resource: solutionInPath } }, async (req, reply) => {
    const { actor, id, solution } = editable(req);
    const result = await roadmap.update(actor, id, req.body);
    const title = req.i18n.t("roadmap.editTitle", { name: solution.name });
    if (!result.ok)
      return renderForm(req, reply, submittedForm(req.body, result.errors), {
        action: `/roadmap/${id}`,
        cancelHref: `/roadmap/${id}`,
        title,
      });
    return reply.redirect(`/roadmap/${id}?saved=1`, 303);
  });

  const renderSolution = async (req: FastifyRequest, reply: FastifyReply, forms: SolutionForms = {}) => {
    const { id } = parseOrBadRequest(solutionParams, req.params);
    const detail = await roadmap.get(id);
    const network = detail.solution.networkId ? await networks.repo.byId(detail.solution.networkId) : undefined;
    const { t } = req.i18n;
    const saved = (req.query as Record<string, unknown>).saved === "1";
    const failed = [forms.milestone, forms.editing?.form, forms.task, forms.costs, forms.rollout].some((f) => f?.errors.length);
    const networkIds = req.actor ? (await networks.repo.switcher()).map((n) => n.id) : [];
    const [rollouts, candidates] = await Promise.all([
      roadmap.rollouts(id),
      roadmap.rolloutCandidates(req.actor, detail.solution, networkIds),
    ]);
    return reply.page(
      <>
        {saved ? <Notice kind="success">{t("form.saved")}</Notice> : null}
        <SolutionPage
          ctx={req.pageContext()}
          detail={detail}
          networkName={network?.name ?? null}
          canEdit={can(req.actor, "roadmap.edit", detail.solution)}
          milestoneForm={forms.milestone ?? emptyForm({ kind: "mandatory", precision: "quarter" })}
          editing={forms.editing ?? null}
          taskForm={forms.task ?? emptyForm({ kind: "contract", beforeKind: "mandatory", leadMonths: "6" })}
          costsForm={forms.costs ?? emptyForm(costsToForm(detail.costs))}
          rollouts={rollouts}
          rolloutCandidates={candidates}
          canUnlink={(networkId) => can(req.actor, "rollout.unlink", { networkId })}
          rolloutForm={forms.rollout ?? emptyForm()}
        />
      </>,
      {
        title: detail.solution.name,
        ...(network ? { network } : {}),
        status: failed ? 422 : 200,
        crumbs: [{ href: "/roadmap", label: t("roadmap.catalogueTitle") }, { label: detail.solution.name }],
      },
    );
  };

  app.get("/roadmap/:id", { config: { policy: "public" } }, async (req, reply) => renderSolution(req, reply));

  app.post("/roadmap/:id/rollouts", { config: { storedOnce: true, policy: "rollout.link" } }, async (req, reply) => {
    const { id } = parseOrBadRequest(solutionParams, req.params);
    const { actor } = authorized(req);
    const result = await roadmap.linkRollout(actor, id, req.body);
    if (!result.ok) return renderSolution(req, reply, { rollout: submittedForm(req.body, result.errors) });
    return reply.redirect(`/roadmap/${id}?saved=1#rollout-heading`, 303);
  });

  app.post(
    "/roadmap/:id/rollouts/:projectId/delete",
    { config: { policy: "rollout.unlink", resource: rolloutInPath } },
    async (req, reply) => {
      const { id, projectId } = parseOrBadRequest(rolloutParams, req.params);
      const { actor } = authorized(req, rolloutInPath);
      await roadmap.unlinkRollout(actor, id, projectId);
      return reply.redirect(`/roadmap/${id}?saved=1#rollout-heading`, 303);
    },
  );

  app.post(
    "/roadmap/:id/milestones",
    { config: { storedOnce: true, policy: "roadmap.edit", resource: solutionInPath } },
    async (req, reply) => {
      const { actor, id } = editable(req);
      const result = await roadmap.addMilestone(actor, id, req.body);
      if (!result.ok) return renderSolution(req, reply, { milestone: submittedForm(req.body, result.errors) });
      return reply.redirect(`/roadmap/${id}?saved=1#milestones-heading`, 303);
    },
  );

  app.post(
    "/roadmap/:id/milestones/:milestoneId",
    { config: { policy: "roadmap.edit", resource: solutionInPath } },
    async (req, reply) => {
      const { actor, id } = editable(req);
      const { milestoneId } = parseOrBadRequest(milestoneParams, req.params);
      const result = await roadmap.updateMilestone(actor, id, milestoneId, req.body);
      if (!result.ok)
        return renderSolution(req, reply, { editing: { id: milestoneId, form: submittedForm(req.body, result.errors) } });
      return reply.redirect(`/roadmap/${id}?saved=1#milestones-heading`, 303);
    },
  );

  app.post(
    "/roadmap/:id/milestones/:milestoneId/delete",
    { config: { policy: "roadmap.edit", resource: solutionInPath } },
    async (req, reply) => {
      const { actor, id } = editable(req);
      const { milestoneId } = parseOrBadRequest(milestoneParams, req.params);
      await roadmap.removeMilestone(actor, id, milestoneId);
      return reply.redirect(`/roadmap/${id}?saved=1#milestones-heading`, 303);
    },
  );

  app.post(
    "/roadmap/:id/tasks",
    { config: { storedOnce: true, policy: "roadmap.edit", resource: solutionInPath } },
    async (req, reply) => {
      const { actor, id } = editable(req);
      const result = await roadmap.addTask(actor, id, req.body);
      if (!result.ok) return renderSolution(req, reply, { task: submittedForm(req.body, result.errors) });
      return reply.redirect(`/roadmap/${id}?saved=1#tasks-heading`, 303);
    },
  );

  app.post(
    "/roadmap/:id/tasks/:taskId/delete",
    { config: { policy: "roadmap.edit", resource: solutionInPath } },
    async (req, reply) => {
      const { actor, id } = editable(req);
      const { taskId } = parseOrBadRequest(taskParams, req.params);
      await roadmap.removeTask(actor, id, taskId);
      return reply.redirect(`/roadmap/${id}?saved=1#tasks-heading`, 303);
    },
  );

  app.post("/roadmap/:id/costs", { config: { policy: "roadmap.edit", resource: solutionInPath } }, async (req, reply) => {
    const { actor, id } = editable(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const result = await roadmap.saveCosts(actor, id, costsFromForm(body));
    if (!result.ok) return renderSolution(req, reply, { costs: submittedForm(body, result.errors) });
    return reply.redirect(`/roadmap/${id}?saved=1#costs-heading`, 303);
  });
}
