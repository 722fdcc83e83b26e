import type { FastifyInstance } from "fastify";
import { authorized } from "../../../platform/access/page-access.ts";
import { parseOrBadRequest } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { submittedForm } from "../../../platform/ui/components.tsx";
import { joinRequestParams, projectParams } from "../params.ts";
import { renderProjectPage } from "../projects.routes.tsx";
import { projectRouteAccess } from "../route-kit.ts";

/** "We want to take part": an organisation asks on the project's page, and those who run it decide there. */
export function joinRoutes(app: FastifyInstance, ctx: AppContext) {
  const { projects } = ctx.services;
  const { projectInPath, authorizedProject } = projectRouteAccess(ctx);

  app.post("/projects/:id/join", { config: { storedOnce: true, policy: "project.join" } }, async (req, reply) => {
    const { actor } = authorized(req);
    const { id } = parseOrBadRequest(projectParams, req.params);
    await projects.visible(id, actor);
    const result = await projects.requestToJoin(actor, id, req.body, req.i18n.t);
    if (!result.ok) return renderProjectPage(ctx, req, reply, id, { join: submittedForm(req.body, result.errors) });
    return reply.redirect(`/projects/${id}?requested=1#join-heading`, 303);
  });

  app.post(
    "/projects/:id/join-requests/:requestId",
    { config: { policy: "project.update", resource: projectInPath } },
    async (req, reply) => {
      const { actor, id } = authorizedProject(req);
      const { requestId } = parseOrBadRequest(joinRequestParams, req.params);
      const result = await projects.decideJoin(actor, id, requestId, req.body, req.i18n.t);
      if (!result.ok) return renderProjectPage(ctx, req, reply, id, { decision: submittedForm(req.body, result.errors) });
      return reply.redirect(`/projects/${id}?saved=1#join-heading`, 303);
    },
  );
}
