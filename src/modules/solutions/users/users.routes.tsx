import type { FastifyInstance } from "fastify";
import { authorized } from "../../../platform/access/page-access.ts";
import { parseOrBadRequest } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { submittedForm } from "../../../platform/ui/components.tsx";
import type { SolutionLoaders } from "../loaders.ts";
import { solutionParams, solutionUserParams } from "../params.ts";
import { renderSolution } from "../solutions.routes.tsx";

/** "We use this", and no longer: on a solution's page, for those acting for an organisation. */
export function userRoutes(app: FastifyInstance, ctx: AppContext, { organisationInPath }: SolutionLoaders) {
  const { solutions } = ctx.services;

  // Any signed-in person acting for an organisation; the service checks which one.
  app.post("/solutions/:id/users", { config: { storedOnce: true, policy: "solution.create" } }, async (req, reply) => {
    const { actor } = authorized(req);
    const { id } = parseOrBadRequest(solutionParams, req.params);
    const result = await solutions.addUser(actor, id, req.body);
    if (!result.ok) return renderSolution(ctx, req, reply, { use: submittedForm(req.body, result.errors) });
    return reply.redirect(`/solutions/${id}?saved=1#users-heading`, 303);
  });

  app.post(
    "/solutions/:id/users/:organisationId/delete",
    { config: { policy: "solution.use", resource: organisationInPath } },
    async (req, reply) => {
      const { id, organisationId } = parseOrBadRequest(solutionUserParams, req.params);
      const { actor } = authorized(req, organisationInPath);
      await solutions.removeUser(actor, id, organisationId);
      return reply.redirect(`/solutions/${id}?saved=1#users-heading`, 303);
    },
  );
}
