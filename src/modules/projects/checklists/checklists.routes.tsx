import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { authorized } from "../../../platform/access/page-access.ts";
import { parseOrBadRequest } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { emptyForm, type FormState, submittedForm } from "../../../platform/ui/components.tsx";
import { checklistItemParams } from "../params.ts";
import { renderProjectPage } from "../projects.routes.tsx";
import { projectRouteAccess } from "../route-kit.ts";
import { ChecklistSettingsPage } from "./checklists.views.tsx";

/** The network's checklist for each phase, set by its secretariat and ticked off on each project's page. */
export function checklistRoutes(app: FastifyInstance, ctx: AppContext) {
  const { projects } = ctx.services;
  const { networkInPath, projectInPath, authorizedProject } = projectRouteAccess(ctx);

  const renderChecklists = async (req: FastifyRequest, reply: FastifyReply, form: FormState) => {
    const { resource: network } = authorized(req, networkInPath);
    const { t } = req.i18n;
    const title = t("checklist.title", { network: network.name });
    return reply.page(
      <ChecklistSettingsPage
        ctx={req.pageContext()}
        form={form}
        network={network}
        items={await projects.checklistOf(network.id)}
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

  app.post("/projects/:id/checklist", { config: { policy: "project.update", resource: projectInPath } }, async (req, reply) => {
    const { actor, id } = authorizedProject(req);
    const result = await projects.markChecklist(actor, id, req.body);
    if (!result.ok) return renderProjectPage(ctx, req, reply, id, { phase: submittedForm(req.body, result.errors) });
    return reply.redirect(`/projects/${id}?saved=1#checklist-heading`, 303);
  });
}
