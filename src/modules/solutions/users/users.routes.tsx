import type { FastifyInstance } from "fastify";
import { authorized } from "../../../platform/access/page-access.ts";
import { formRoute } from "../../../platform/http/form-route.ts";
import { parseOrBadRequest } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import type { SolutionLoaders } from "../loaders.ts";
import { solutionUserParams } from "../params.ts";
import { renderSolution } from "../solutions.routes.tsx";

/** "We use this", and no longer: on a solution's page, for those acting for an organisation. */
export function userRoutes(app: FastifyInstance, ctx: AppContext, { organisationInPath, solutionInPath }: SolutionLoaders) {
  const { solutions } = ctx.services;

  // Any signed-in person acting for an organisation; the service checks which one.
  formRoute(app, {
    path: "/solutions/:id/users",
    policy: "solution.create",
    storedOnce: true,
    initial: false,
    show: (req, reply, use) => renderSolution(ctx, req, reply, { use }),
    submit: (actor, _, body, req) => solutions.addUser(actor, solutionInPath(req), body),
    done: (_, __, req) => `/solutions/${solutionInPath(req)}?saved=1#users-heading`,
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
