import type { ApiRouter } from "../../../platform/http/api.ts";
import type { AppContext } from "../../../platform/module.ts";
import { solutionAnswers } from "../catalogue/catalogue.api.ts";
import { solutionParams, taskParams } from "../params.ts";
import { costsInput, taskInput } from "../roadmap.service.ts";

/** What a municipality must do before a solution's milestones, and what it costs. */
export function preparationApi(api: ApiRouter, ctx: AppContext) {
  const { roadmap } = ctx.services;
  const solution = solutionAnswers(ctx);

  solution.edit(
    api,
    {
      method: "POST",
      path: "/national-solutions/:id/tasks",
      operationId: "addPreparationTask",
      summary: "Add what a municipality must do, and how many months before the milestone to start",
      params: solutionParams,
      body: taskInput,
      status: 201,
    },
    (actor, params, body) => roadmap.addTask(actor, params.id, body),
  );

  solution.remove(
    api,
    {
      path: "/national-solutions/:id/tasks/:taskId",
      operationId: "deletePreparationTask",
      summary: "Remove a preparation task",
      params: taskParams,
    },
    (actor, params) => roadmap.removeTask(actor, params.id, params.taskId),
  );

  solution.edit(
    api,
    {
      method: "PUT",
      path: "/national-solutions/:id/costs",
      operationId: "setCostEstimates",
      summary: "The expected cost for one municipality per size class, once and yearly, in whole kroner",
      params: solutionParams,
      body: costsInput,
    },
    (actor, params, body) => roadmap.saveCosts(actor, params.id, body),
  );
}
