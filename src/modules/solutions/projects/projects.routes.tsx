import type { FastifyInstance } from "fastify";
import { formRoute } from "../../../platform/http/form-route.ts";
import { parseOrBadRequest } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import type { SolutionLoaders } from "../loaders.ts";
import { solutionProjectParams } from "../params.ts";
import { renderSolution } from "../solutions.routes.tsx";

/** Linking and unlinking the projects that introduced a solution, for those who may change the solution. */
export function introducedByRoutes(app: FastifyInstance, ctx: AppContext, loaders: SolutionLoaders) {
  const { solutions } = ctx.services;
  const { offeringOrganisation, authorizedSolution, solutionInPath } = loaders;

  formRoute(app, {
    path: "/solutions/:id/projects",
    policy: "solution.update",
    resource: offeringOrganisation,
    storedOnce: true,
    initial: false,
    show: (req, reply, project) => renderSolution(ctx, req, reply, { project }),
    submit: (actor, _, body, req) => solutions.addProject(actor, solutionInPath(req), body),
    done: (_, __, req) => `/solutions/${solutionInPath(req)}?saved=1#projects-heading`,
  });

  app.post(
    "/solutions/:id/projects/:projectId/delete",
    { config: { policy: "solution.update", resource: offeringOrganisation } },
    async (req, reply) => {
      const { actor, id } = authorizedSolution(req);
      const { projectId } = parseOrBadRequest(solutionProjectParams, req.params);
      await solutions.removeProject(actor, id, projectId);
      return reply.redirect(`/solutions/${id}?saved=1#projects-heading`, 303);
    },
  );
}
