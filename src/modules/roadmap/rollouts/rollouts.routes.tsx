import type { FastifyInstance, FastifyRequest } from "fastify";
import { authorized } from "../../../platform/access/page-access.ts";
import { parseOrBadRequest } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { submittedForm } from "../../../platform/ui/components.tsx";
import { solutionPage } from "../catalogue/solution-page.tsx";
import { rolloutParams, solutionParams } from "../params.ts";

/** Networks' joint rollouts of a solution: a public project linked, or the link removed, from the solution's page. */
export function rolloutRoutes(app: FastifyInstance, ctx: AppContext) {
  const { roadmap } = ctx.services;
  const solution = solutionPage(ctx);
  /** What removing a link is checked against: the network of the project rolling the solution out. */
  const rolloutInPath = (req: FastifyRequest) => roadmap.rolloutResource(parseOrBadRequest(rolloutParams, req.params).projectId);

  app.post("/roadmap/:id/rollouts", { config: { storedOnce: true, policy: "rollout.link" } }, async (req, reply) => {
    const { id } = parseOrBadRequest(solutionParams, req.params);
    const { actor } = authorized(req);
    const result = await roadmap.linkRollout(actor, id, req.body);
    if (!result.ok) return solution.render(req, reply, { rollout: submittedForm(req.body, result.errors) });
    return reply.redirect(`/roadmap/${id}?saved=1#rollout-heading`, 303);
  });

  app.post(
    "/roadmap/:id/rollouts/:projectId/delete",
    { config: { policy: "rollout.unlink", resource: rolloutInPath } },
    async (req, reply) => {
      const { id, projectId } = parseOrBadRequest(rolloutParams, req.params);
      const { actor } = authorized(req, rolloutInPath);
      await roadmap.unlinkRollout(actor, id, projectId);
      return reply.redirect(`/roadmap/${id}?saved=1#rollout-heading`, 303);
    },
  );
}
