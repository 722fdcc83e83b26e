import type { FastifyInstance } from "fastify";
import { authorized } from "../../../platform/access/page-access.ts";
import { formRoute } from "../../../platform/http/form-route.ts";
import { parseOrBadRequest } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { emptyForm } from "../../../platform/ui/components.tsx";
import { checklistItemParams } from "../params.ts";
import { renderProjectPage } from "../projects.routes.tsx";
import { projectRouteAccess } from "../route-kit.ts";
import { ChecklistSettingsPage } from "./checklists.views.tsx";

/** The network's checklist for each phase, set by its secretariat and ticked off on each project's page. */
export function checklistRoutes(app: FastifyInstance, ctx: AppContext) {
  const { projects } = ctx.services;
  const { networkInPath, projectInPath } = projectRouteAccess(ctx);

  formRoute(app, {
    path: "/n/:slug/checklists",
    policy: "portfolio.configure",
    resource: networkInPath,
    storedOnce: true,
    show: async (req, reply, form, network) => {
      const title = req.i18n.t("checklist.title", { network: network.name });
      return reply.page(
        <ChecklistSettingsPage
          ctx={req.pageContext()}
          form={form}
          network={network}
          items={await projects.checklistOf(network.id)}
        />,
        { title, network, forms: [form], crumbs: [{ href: `/n/${network.slug}`, label: network.name }, { label: title }] },
      );
    },
    initial: () => emptyForm({ phase: "idea" }),
    submit: (actor, network, body) => projects.addChecklistItem(actor, network.id, body),
    done: (_, network) => `/n/${network.slug}/checklists?saved=1`,
  });

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

  formRoute(app, {
    path: "/projects/:id/checklist",
    policy: "project.update",
    resource: projectInPath,
    initial: false,
    show: (req, reply, phase, { id }) => renderProjectPage(ctx, req, reply, id, { phase }),
    submit: (actor, { id }, body) => projects.markChecklist(actor, id, body),
    done: (_, { id }) => `/projects/${id}?saved=1#checklist-heading`,
  });
}
