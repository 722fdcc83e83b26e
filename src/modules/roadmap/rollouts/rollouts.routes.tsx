import type { FastifyInstance, FastifyRequest } from "fastify";
import { authorized } from "../../../platform/access/page-access.ts";
import { formRoute } from "../../../platform/http/form-route.ts";
import { parseOrBadRequest } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { savedAt, solutionPage } from "../catalogue/solution-page.tsx";
import { rolloutParams, solutionParams } from "../params.ts";

/** Networks' joint rollouts of a solution: a public project linked, or the link removed, from the solution's page. */
export function rolloutRoutes(app: FastifyInstance, ctx: AppContext) {
  const { roadmap } = ctx.services;
  const solution = solutionPage(ctx);
  /** What removing a link is checked against: the network of the project rolling the solution out. */
  const rolloutInPath = (req: FastifyRequest) => roadmap.rolloutResource(parseOrBadRequest(rolloutParams, req.params).projectId);

  /** The solution named by the path's :id (400 if it is not an id). */
  const solutionId = (req: FastifyRequest) => parseOrBadRequest(solutionParams, req.params).id;

  formRoute(app, {
    path: "/roadmap/:id/rollouts",
    policy: "rollout.link",
    storedOnce: true,
    initial: false,
    show: (req, reply, rollout) => solution.render(req, reply, { rollout }),
    submit: (actor, _, body, req) => roadmap.linkRollout(actor, solutionId(req), body),
    done: (_, __, req) => savedAt(solutionId(req), "rollout"),
  });

  app.post(
    "/roadmap/:id/rollouts/:projectId/delete",
    { config: { policy: "rollout.unlink", resource: rolloutInPath } },
    async (req, reply) => {
      const { id, projectId } = parseOrBadRequest(rolloutParams, req.params);
      const { actor } = authorized(req, rolloutInPath);
      await roadmap.unlinkRollout(actor, id, projectId);
      return reply.redirect(savedAt(id, "rollout"), 303);
    },
  );
}
