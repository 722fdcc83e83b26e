import type { FastifyInstance } from "fastify";
import { formRoute } from "../../../platform/http/form-route.ts";
import { parseOrBadRequest } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { solutionPage } from "../catalogue/solution-page.tsx";
import { taskParams } from "../params.ts";
import { costsFromForm } from "./preparation.views.tsx";

/** What a municipality must do before a solution's milestones, and what it costs: kept from the solution's page. */
export function preparationRoutes(app: FastifyInstance, ctx: AppContext) {
  const { roadmap } = ctx.services;
  const solution = solutionPage(ctx);

  formRoute(app, {
    path: "/roadmap/:id/tasks",
    policy: "roadmap.edit",
    resource: solution.inPath,
    storedOnce: true,
    initial: false,
    show: (req, reply, task) => solution.render(req, reply, { task }),
    submit: (actor, { id }, body) => roadmap.addTask(actor, id, body),
    done: (_, { id }) => `/roadmap/${id}?saved=1#tasks-heading`,
  });

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

  formRoute(app, {
    path: "/roadmap/:id/costs",
    policy: "roadmap.edit",
    resource: solution.inPath,
    initial: false,
    show: (req, reply, costs) => solution.render(req, reply, { costs }),
    submit: (actor, { id }, body) => roadmap.saveCosts(actor, id, costsFromForm((body ?? {}) as Record<string, unknown>)),
    done: (_, { id }) => `/roadmap/${id}?saved=1#costs-heading`,
  });
}
