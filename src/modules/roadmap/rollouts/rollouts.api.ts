import { z } from "zod";
import type { ApiRouter } from "../../../platform/http/api.ts";
import type { AppContext } from "../../../platform/module.ts";
import { solutionAnswers, solutionOut } from "../catalogue/catalogue.api.ts";
import { rolloutParams, solutionParams } from "../params.ts";
import { rolloutInput } from "../roadmap.service.ts";

/** Networks' joint rollouts of a solution: a public project linked, or the link removed. */
export function rolloutApi(api: ApiRouter, ctx: AppContext) {
  const { roadmap } = ctx.services;
  const solution = solutionAnswers(ctx);
  const tag = "roadmap";

  api.route({
    policy: "rollout.link",
    method: "POST",
    path: "/national-solutions/:id/rollouts",
    operationId: "linkRollout",
    summary: "Link a public project of a network you are secretariat for as its joint rollout of the solution",
    tag,
    params: solutionParams,
    body: rolloutInput,
    response: solutionOut,
    status: 201,
    handler: async ({ actor, params, req }) => {
      const result = await roadmap.linkRollout(actor, params.id, req.body);
      return solution.answer(result, params.id);
    },
  });

  api.route({
    policy: "rollout.unlink",
    resource: ({ projectId }) => roadmap.rolloutResource(projectId),
    method: "DELETE",
    path: "/national-solutions/:id/rollouts/:projectId",
    operationId: "unlinkRollout",
    summary: "Remove a network's rollout project from the solution (the network's secretariat)",
    tag,
    params: rolloutParams,
    response: z.null(),
    status: 204,
    handler: async ({ actor, params }) => {
      await roadmap.unlinkRollout(actor, params.id, params.projectId);
      return null;
    },
  });
}
