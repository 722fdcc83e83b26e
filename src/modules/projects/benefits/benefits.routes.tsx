import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { can } from "../../../platform/access/authorize.ts";
import { NotFoundError } from "../../../platform/http/errors.ts";
import { formRoute } from "../../../platform/http/form-route.ts";
import { parseOrBadRequest } from "../../../platform/http/validation.ts";
import { osloToday } from "../../../platform/i18n/i18n.ts";
import type { AppContext } from "../../../platform/module.ts";
import { emptyForm, type FormState, Notice } from "../../../platform/ui/components.tsx";
import { benefitParams, measurementParams, projectListQuery } from "../params.ts";
import { personOptions, projectCrumbs, projectRouteAccess } from "../route-kit.ts";
import { BenefitFormPage, BenefitPage } from "./benefits.views.tsx";
import { BenefitsOverviewPage } from "./overview.views.tsx";

/** A new benefit's form, or an existing one's (benefitId). */
async function renderBenefitForm(
  { services }: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  id: number,
  form: FormState,
  benefitId: number | null,
) {
  const detail = await services.projects.visible(id, req.actor);
  const people = await services.directory.people.options();
  const { t } = req.i18n;
  const title = benefitId ? t("benefit.edit") : t("benefit.new");
  return reply.page(
    <BenefitFormPage
      ctx={req.pageContext()}
      form={form}
      title={title}
      action={benefitId ? `/projects/${id}/benefits/${benefitId}` : `/projects/${id}/benefits`}
      cancelHref={benefitId ? `/projects/${id}/benefits/${benefitId}` : `/projects/${id}`}
      people={personOptions(people)}
    />,
    { title, forms: [form], crumbs: projectCrumbs(t, detail.project, title) },
  );
}

/** A benefit's page with its measurements; the measurement form comes back here with its errors. */
async function renderBenefit({ services }: AppContext, req: FastifyRequest, reply: FastifyReply, form: FormState) {
  const { id, benefitId } = parseOrBadRequest(benefitParams, req.params);
  const detail = await services.projects.visible(id, req.actor);
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
    { title: benefit.title, forms: [form], crumbs: projectCrumbs(t, detail.project, benefit.title) },
  );
}

/** Benefits and their measurements, on each project and over the whole filtered portfolio. */
export function benefitRoutes(app: FastifyInstance, ctx: AppContext) {
  const { projects } = ctx.services;
  const { projectInPath, authorizedProject } = projectRouteAccess(ctx);
  const update = { policy: "project.update", resource: projectInPath } as const;
  /** The benefit named by the path's :benefitId (400 if it is not an id). */
  const benefitInPath = (req: FastifyRequest) => parseOrBadRequest(benefitParams, req.params).benefitId;

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

  app.get("/projects/:id/benefits/new", { config: update }, async (req, reply) => {
    const { id } = authorizedProject(req);
    return renderBenefitForm(ctx, req, reply, id, emptyForm({ type: "time" }), null);
  });

  formRoute(app, {
    path: "/projects/:id/benefits",
    ...update,
    storedOnce: true,
    initial: false,
    show: (req, reply, form, { id }) => renderBenefitForm(ctx, req, reply, id, form, null),
    submit: (actor, { id }, body) => projects.addBenefit(actor, id, body),
    done: (created, { id }) => `/projects/${id}/benefits/${created.id}?saved=1`,
  });

  app.get("/projects/:id/benefits/:benefitId", { config: { policy: "public" } }, async (req, reply) =>
    renderBenefit(ctx, req, reply, emptyForm({ measuredOn: osloToday() })),
  );

  app.get("/projects/:id/benefits/:benefitId/edit", { config: update }, async (req, reply) => {
    const { id } = authorizedProject(req);
    const { benefitId } = parseOrBadRequest(benefitParams, req.params);
    const benefit = await projects.getBenefit(id, benefitId);
    return renderBenefitForm(ctx, req, reply, id, emptyForm(benefit), benefitId);
  });

  formRoute(app, {
    path: "/projects/:id/benefits/:benefitId",
    ...update,
    initial: false,
    show: (req, reply, form, { id }) => renderBenefitForm(ctx, req, reply, id, form, benefitInPath(req)),
    submit: (actor, { id }, body, req) => projects.updateBenefit(actor, id, benefitInPath(req), body),
    done: (_, { id }, req) => `/projects/${id}/benefits/${benefitInPath(req)}?saved=1`,
  });

  app.post("/projects/:id/benefits/:benefitId/delete", { config: update }, async (req, reply) => {
    const { actor, id } = authorizedProject(req);
    const { benefitId } = parseOrBadRequest(benefitParams, req.params);
    await projects.removeBenefit(actor, id, benefitId);
    return reply.redirect(`/projects/${id}?saved=1#benefits-heading`, 303);
  });

  formRoute(app, {
    path: "/projects/:id/benefits/:benefitId/measurements",
    ...update,
    storedOnce: true,
    initial: false,
    show: (req, reply, form) => renderBenefit(ctx, req, reply, form),
    submit: (actor, { id }, body, req) => projects.addMeasurement(actor, id, benefitInPath(req), body),
    done: (_, { id }, req) => `/projects/${id}/benefits/${benefitInPath(req)}?saved=1`,
  });

  app.post("/projects/:id/benefits/:benefitId/measurements/:measurementId/delete", { config: update }, async (req, reply) => {
    const { actor, id } = authorizedProject(req);
    const { benefitId, measurementId } = parseOrBadRequest(measurementParams, req.params);
    await projects.removeMeasurement(actor, id, benefitId, measurementId);
    return reply.redirect(`/projects/${id}/benefits/${benefitId}?saved=1`, 303);
  });
}
