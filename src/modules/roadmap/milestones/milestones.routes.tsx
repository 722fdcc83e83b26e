import type { FastifyInstance } from "fastify";
import { formRoute } from "../../../platform/http/form-route.ts";
import { parseOrBadRequest } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { submittedForm } from "../../../platform/ui/components.tsx";
import { solutionPage } from "../catalogue/solution-page.tsx";
import { milestoneParams } from "../params.ts";

/** A solution's milestones: added, changed (a new date is kept as a move) and removed from the solution's page. */
export function milestoneRoutes(app: FastifyInstance, ctx: AppContext) {
  const { roadmap } = ctx.services;
  const solution = solutionPage(ctx);

  formRoute(app, {
    path: "/roadmap/:id/milestones",
    policy: "roadmap.edit",
    resource: solution.inPath,
    storedOnce: true,
    initial: false,
    show: (req, reply, milestone) => solution.render(req, reply, { milestone }),
    submit: (actor, { id }, body) => roadmap.addMilestone(actor, id, body),
    done: (_, { id }) => `/roadmap/${id}?saved=1#milestones-heading`,
  });

  app.post(
    "/roadmap/:id/milestones/:milestoneId",
    { config: { policy: "roadmap.edit", resource: solution.inPath } },
    async (req, reply) => {
      const { actor, id } = solution.editable(req);
      const { milestoneId } = parseOrBadRequest(milestoneParams, req.params);
      const result = await roadmap.updateMilestone(actor, id, milestoneId, req.body);
      if (!result.ok)
        return solution.render(req, reply, { editing: { id: milestoneId, form: submittedForm(req.body, result.errors) } });
      return reply.redirect(`/roadmap/${id}?saved=1#milestones-heading`, 303);
    },
  );

  app.post(
    "/roadmap/:id/milestones/:milestoneId/delete",
    { config: { policy: "roadmap.edit", resource: solution.inPath } },
    async (req, reply) => {
      const { actor, id } = solution.editable(req);
      const { milestoneId } = parseOrBadRequest(milestoneParams, req.params);
      await roadmap.removeMilestone(actor, id, milestoneId);
      return reply.redirect(`/roadmap/${id}?saved=1#milestones-heading`, 303);
    },
  );
}
