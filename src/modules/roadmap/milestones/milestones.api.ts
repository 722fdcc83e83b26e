import type { ApiRouter } from "../../../platform/http/api.ts";
import type { AppContext } from "../../../platform/module.ts";
import { solutionAnswers } from "../catalogue/catalogue.api.ts";
import { milestoneParams, solutionParams } from "../params.ts";
import { milestoneInput } from "../roadmap.service.ts";

/** A solution's milestones: added, changed (a new date kept as a move) and removed. */
export function milestoneApi(api: ApiRouter, ctx: AppContext) {
  const { roadmap } = ctx.services;
  const solution = solutionAnswers(ctx);

  solution.edit(
    api,
    {
      method: "POST",
      path: "/national-solutions/:id/milestones",
      operationId: "addMilestone",
      summary: "Add a milestone; its date must be the first day of the period its precision names",
      params: solutionParams,
      body: milestoneInput,
      status: 201,
    },
    (actor, params, body) => roadmap.addMilestone(actor, params.id, body),
  );

  solution.edit(
    api,
    {
      method: "PUT",
      path: "/national-solutions/:id/milestones/:milestoneId",
      operationId: "updateMilestone",
      summary: "Change a milestone; a new date or precision is kept as a move, with who made it",
      params: milestoneParams,
      body: milestoneInput,
    },
    (actor, params, body) => roadmap.updateMilestone(actor, params.id, params.milestoneId, body),
  );

  solution.remove(
    api,
    {
      path: "/national-solutions/:id/milestones/:milestoneId",
      operationId: "deleteMilestone",
      summary: "Remove a milestone",
      params: milestoneParams,
    },
    (actor, params) => roadmap.removeMilestone(actor, params.id, params.milestoneId),
  );
}
