import { z } from "zod";
import type { ApiRouter } from "../../../platform/http/api.ts";
import type { AppContext } from "../../../platform/module.ts";
import { solutionAnswers, solutionOut } from "../catalogue/catalogue.api.ts";
import { milestoneParams, solutionParams } from "../params.ts";
import { milestoneInput } from "../roadmap.service.ts";

/** A solution's milestones: added, changed (a new date kept as a move) and removed. */
export function milestoneApi(api: ApiRouter, ctx: AppContext) {
  const { roadmap } = ctx.services;
  const solution = solutionAnswers(ctx);
  const tag = "roadmap";

  api.route({
    policy: "roadmap.edit",
    resource: solution.resource,
    method: "POST",
    path: "/national-solutions/:id/milestones",
    operationId: "addMilestone",
    summary: "Add a milestone; its date must be the first day of the period its precision names",
    tag,
    params: solutionParams,
    body: milestoneInput,
    response: solutionOut,
    status: 201,
    handler: async ({ actor, params, req }) => {
      const result = await roadmap.addMilestone(actor, params.id, req.body);
      return solution.answer(result, params.id);
    },
  });

  api.route({
    policy: "roadmap.edit",
    resource: solution.resource,
    method: "PUT",
    path: "/national-solutions/:id/milestones/:milestoneId",
    operationId: "updateMilestone",
    summary: "Change a milestone; a new date or precision is kept as a move, with who made it",
    tag,
    params: milestoneParams,
    body: milestoneInput,
    response: solutionOut,
    handler: async ({ actor, params, req }) => {
      const result = await roadmap.updateMilestone(actor, params.id, params.milestoneId, req.body);
      return solution.answer(result, params.id);
    },
  });

  api.route({
    policy: "roadmap.edit",
    resource: solution.resource,
    method: "DELETE",
    path: "/national-solutions/:id/milestones/:milestoneId",
    operationId: "deleteMilestone",
    summary: "Remove a milestone",
    tag,
    params: milestoneParams,
    response: z.null(),
    status: 204,
    handler: async ({ actor, params }) => {
      await roadmap.removeMilestone(actor, params.id, params.milestoneId);
      return null;
    },
  });
}
