import type { FastifyInstance, FastifyRequest } from "fastify";
import { formRoute } from "../../../platform/http/form-route.ts";
import { parseOrBadRequest } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { joinRequestParams, projectParams } from "../params.ts";
import { renderProjectPage } from "../projects.routes.tsx";
import { projectRouteAccess } from "../route-kit.ts";

/** "We want to take part": an organisation asks on the project's page, and those who run it decide there. */
export function joinRoutes(app: FastifyInstance, ctx: AppContext) {
  const { projects } = ctx.services;
  const { projectInPath } = projectRouteAccess(ctx);

  /** The project named by the path's :id (400 if it is not an id). */
  const projectId = (req: FastifyRequest) => parseOrBadRequest(projectParams, req.params).id;

  formRoute(app, {
    path: "/projects/:id/join",
    policy: "project.join",
    storedOnce: true,
    initial: false,
    show: (req, reply, join) => renderProjectPage(ctx, req, reply, projectId(req), { join }),
    submit: async (actor, _, body, req) => {
      const id = projectId(req);
      await projects.visible(id, actor);
      return projects.requestToJoin(actor, id, body, req.i18n.t);
    },
    done: (_, __, req) => `/projects/${projectId(req)}?requested=1#join-heading`,
  });

  formRoute(app, {
    path: "/projects/:id/join-requests/:requestId",
    policy: "project.update",
    resource: projectInPath,
    initial: false,
    show: (req, reply, decision, { id }) => renderProjectPage(ctx, req, reply, id, { decision }),
    submit: (actor, { id }, body, req) =>
      projects.decideJoin(actor, id, parseOrBadRequest(joinRequestParams, req.params).requestId, body, req.i18n.t),
    done: (_, { id }) => `/projects/${id}?saved=1#join-heading`,
  });
}
