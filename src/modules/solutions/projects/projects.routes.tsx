import type { FastifyInstance } from "fastify";
import { parseOrBadRequest } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { submittedForm } from "../../../platform/ui/components.tsx";
import type { SolutionLoaders } from "../loaders.ts";
import { solutionProjectParams } from "../params.ts";
import { renderSolution } from "../solutions.routes.tsx";

/** Linking and unlinking the projects that introduced a solution, for those who may change the solution. */
export function introducedByRoutes(app: FastifyInstance, ctx: AppContext, loaders: SolutionLoaders) {
  const { solutions } = ctx.services;
  const { offeringOrganisation, authorizedSolution } = loaders;

  app.post(
    "/solutions/:id/projects",
    { config: { storedOnce: true, policy: "solution.update", resource: offeringOrganisation } },
    async (req, reply) => {
      const { actor, id } = authorizedSolution(req);
      const result = await solutions.addProject(actor, id, req.body);
      if (!result.ok) return renderSolution(ctx, req, reply, { project: submittedForm(req.body, result.errors) });
      return reply.redirect(`/solutions/${id}?saved=1#projects-heading`, 303);
    },
  );

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
