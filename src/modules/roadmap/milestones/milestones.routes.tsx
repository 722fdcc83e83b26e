import type { FastifyInstance } from "fastify";
import { parseOrBadRequest } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { submittedForm } from "../../../platform/ui/components.tsx";
import { savedAt, solutionPage } from "../catalogue/solution-page.tsx";
import { milestoneParams } from "../params.ts";

/** A solution's milestones: added, changed (a new date is kept as a move) and removed from the solution's page. */
export function milestoneRoutes(app: FastifyInstance, ctx: AppContext) {
  const { roadmap } = ctx.services;
  const solution = solutionPage(ctx);

  solution.editorForm(app, {
    path: "/roadmap/:id/milestones",
    form: "milestone",
    section: "milestones",
    storedOnce: true,
    submit: (actor, id, body) => roadmap.addMilestone(actor, id, body),
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
      return reply.redirect(savedAt(id, "milestones"), 303);
    },
  );

  solution.editorRemoval(app, "/roadmap/:id/milestones/:milestoneId/delete", "milestones", (actor, id, req) =>
    roadmap.removeMilestone(actor, id, parseOrBadRequest(milestoneParams, req.params).milestoneId),
  );
}
