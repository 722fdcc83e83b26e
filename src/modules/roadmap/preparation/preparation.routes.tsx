import type { FastifyInstance } from "fastify";
import { parseOrBadRequest } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { submittedForm } from "../../../platform/ui/components.tsx";
import { solutionPage } from "../catalogue/solution-page.tsx";
import { taskParams } from "../params.ts";
import { costsFromForm } from "./preparation.views.tsx";

/** What a municipality must do before a solution's milestones, and what it costs: kept from the solution's page. */
export function preparationRoutes(app: FastifyInstance, ctx: AppContext) {
  const { roadmap } = ctx.services;
  const solution = solutionPage(ctx);

  app.post(
    "/roadmap/:id/tasks",
    { config: { storedOnce: true, policy: "roadmap.edit", resource: solution.inPath } },
    async (req, reply) => {
      const { actor, id } = solution.editable(req);
      const result = await roadmap.addTask(actor, id, req.body);
      if (!result.ok) return solution.render(req, reply, { task: submittedForm(req.body, result.errors) });
      return reply.redirect(`/roadmap/${id}?saved=1#tasks-heading`, 303);
    },
  );

  app.post(
    "/roadmap/:id/tasks/:taskId/delete",
    { config: { policy: "roadmap.edit", resource: solution.inPath } },
    async (req, reply) => {
      const { actor, id } = solution.editable(req);
      const { taskId } = parseOrBadRequest(taskParams, req.params);
      await roadmap.removeTask(actor, id, taskId);
      return reply.redirect(`/roadmap/${id}?saved=1#tasks-heading`, 303);
    },
  );

  app.post("/roadmap/:id/costs", { config: { policy: "roadmap.edit", resource: solution.inPath } }, async (req, reply) => {
    const { actor, id } = solution.editable(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const result = await roadmap.saveCosts(actor, id, costsFromForm(body));
    if (!result.ok) return solution.render(req, reply, { costs: submittedForm(body, result.errors) });
    return reply.redirect(`/roadmap/${id}?saved=1#costs-heading`, 303);
  });
}
