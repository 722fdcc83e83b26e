import { z } from "zod";
import type { ApiRouter } from "../../../platform/http/api.ts";
import type { AppContext } from "../../../platform/module.ts";
import { solutionAnswers, solutionOut } from "../catalogue/catalogue.api.ts";
import { solutionParams, taskParams } from "../params.ts";
import { costsInput, taskInput } from "../roadmap.service.ts";

/** What a municipality must do before a solution's milestones, and what it costs. */
export function preparationApi(api: ApiRouter, ctx: AppContext) {
  const { roadmap } = ctx.services;
  const solution = solutionAnswers(ctx);
  const tag = "roadmap";

  api.route({
    policy: "roadmap.edit",
    resource: solution.resource,
    method: "POST",
    path: "/national-solutions/:id/tasks",
    operationId: "addPreparationTask",
    summary: "Add what a municipality must do, and how many months before the milestone to start",
    tag,
    params: solutionParams,
    body: taskInput,
    response: solutionOut,
    status: 201,
    handler: async ({ actor, params, req }) => {
      const result = await roadmap.addTask(actor, params.id, req.body);
      return solution.answer(result, params.id);
    },
  });

  api.route({
    policy: "roadmap.edit",
    resource: solution.resource,
    method: "DELETE",
    path: "/national-solutions/:id/tasks/:taskId",
    operationId: "deletePreparationTask",
    summary: "Remove a preparation task",
    tag,
    params: taskParams,
    response: z.null(),
    status: 204,
    handler: async ({ actor, params }) => {
      await roadmap.removeTask(actor, params.id, params.taskId);
      return null;
    },
  });

  api.route({
    policy: "roadmap.edit",
    resource: solution.resource,
    method: "PUT",
    path: "/national-solutions/:id/costs",
    operationId: "setCostEstimates",
    summary: "The expected cost for one municipality per size class, once and yearly, in whole kroner",
    tag,
    params: solutionParams,
    body: costsInput,
    response: solutionOut,
    handler: async ({ actor, params, req }) => {
      const result = await roadmap.saveCosts(actor, params.id, req.body);
      return solution.answer(result, params.id);
    },
  });
}
