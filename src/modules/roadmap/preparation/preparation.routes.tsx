import type { FastifyInstance } from "fastify";
import { parseOrBadRequest } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { solutionPage } from "../catalogue/solution-page.tsx";
import { taskParams } from "../params.ts";
import { costsFromForm } from "./preparation.views.tsx";

/** What a municipality must do before a solution's milestones, and what it costs: kept from the solution's page. */
export function preparationRoutes(app: FastifyInstance, ctx: AppContext) {
  const { roadmap } = ctx.services;
  const solution = solutionPage(ctx);

  solution.editorForm(app, {
    path: "/roadmap/:id/tasks",
    form: "task",
    section: "tasks",
    storedOnce: true,
    submit: (actor, id, body) => roadmap.addTask(actor, id, body),
  });

  solution.editorRemoval(app, "/roadmap/:id/tasks/:taskId/delete", "tasks", (actor, id, req) =>
    roadmap.removeTask(actor, id, parseOrBadRequest(taskParams, req.params).taskId),
  );

  solution.editorForm(app, {
    path: "/roadmap/:id/costs",
    form: "costs",
    section: "costs",
    submit: (actor, id, body) => roadmap.saveCosts(actor, id, costsFromForm((body ?? {}) as Record<string, unknown>)),
  });
}
