import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { formRoute } from "../../../platform/http/form-route.ts";
import { parseOrBadRequest } from "../../../platform/http/validation.ts";
import { osloToday } from "../../../platform/i18n/i18n.ts";
import type { AppContext } from "../../../platform/module.ts";
import { emptyForm, type FormState } from "../../../platform/ui/components.tsx";
import { reportParams } from "../params.ts";
import { projectCrumbs, projectRouteAccess } from "../route-kit.ts";
import { StatusReportFormPage } from "./reports.views.tsx";

/** Status reports: added (from scratch or as a copy of the previous one) and removed by those who run the project. */
export function reportRoutes(app: FastifyInstance, ctx: AppContext) {
  const { projects } = ctx.services;
  const { projectInPath, authorizedProject } = projectRouteAccess(ctx);

  const renderReportForm = async (req: FastifyRequest, reply: FastifyReply, id: number, form: FormState) => {
    const detail = await projects.visible(id, req.actor);
    const { t } = req.i18n;
    const title = t("report.new");
    return reply.page(<StatusReportFormPage ctx={req.pageContext()} detail={detail} form={form} title={title} />, {
      title,
      forms: [form],
      crumbs: projectCrumbs(t, detail.project, title),
    });
  };

  app.get("/projects/:id/reports/new", { config: { policy: "project.update", resource: projectInPath } }, async (req, reply) => {
    const { id } = authorizedProject(req);
    const copy = (req.query as Record<string, unknown>).copy === "1";
    return renderReportForm(req, reply, id, emptyForm(await projects.reportDraft(id, copy, osloToday())));
  });

  formRoute(app, {
    path: "/projects/:id/reports",
    policy: "project.update",
    resource: projectInPath,
    storedOnce: true,
    initial: false,
    show: (req, reply, form, { id }) => renderReportForm(req, reply, id, form),
    submit: (actor, { id }, body) => projects.addReport(actor, id, body),
    done: (_, { id }) => `/projects/${id}?saved=1#reports-heading`,
  });

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
}
