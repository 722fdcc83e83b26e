import { z } from "zod";
import type { ApiRouter } from "../../../platform/http/api.ts";
import type { AppContext } from "../../../platform/module.ts";
import { focusAreaInput, goalInput, measureInput } from "../strategies.service.ts";
import { partParams, strategyApiKit, strategyOut, strategyParams } from "../strategy-api.ts";

/** A draft's goals, focus areas and measures: added, changed and removed. */
export function planApi(api: ApiRouter, ctx: AppContext) {
  const { strategies } = ctx.services;
  const { refused, then, resource } = strategyApiKit(ctx);
  const tag = "strategies";

  for (const [segment, input, command, operationId, summary] of [
    ["goals", goalInput, "addGoal", "addStrategyGoal", "Add a goal to a draft"],
    ["focus-areas", focusAreaInput, "addFocusArea", "addFocusArea", "Add a focus area, with the goals it serves, to a draft"],
    ["measures", measureInput, "addMeasure", "addMeasure", "Add a measure to a draft's action plan"],
  ] as const) {
    api.route({
      policy: "strategy.edit",
      resource,
      method: "POST",
      path: `/strategies/:id/${segment}`,
      operationId,
      summary,
      tag,
      params: strategyParams,
      body: input,
      response: strategyOut,
      status: 201,
      handler: async ({ actor, params, req }) => then(params.id, await strategies[command](actor, params.id, req.body)),
    });
    const part = ({ goals: "goal", "focus-areas": "focusArea", measures: "measure" } as const)[segment];
    api.route({
      policy: "strategy.edit",
      resource,
      method: "PUT",
      path: `/strategies/:id/${segment}/:partId`,
      operationId: `update${operationId.replace(/^add/, "")}`,
      summary: `Change one of a draft's ${segment.replace("-", " ")}, checked as when it was added`,
      tag,
      params: partParams,
      body: input,
      response: strategyOut,
      handler: async ({ actor, params, req }) =>
        then(params.id, await strategies.updatePart(actor, params.id, part, params.partId, req.body)),
    });
    api.route({
      policy: "strategy.edit",
      resource,
      method: "DELETE",
      path: `/strategies/:id/${segment}/:partId`,
      operationId: `remove${operationId.replace(/^add/, "")}`,
      summary: `Remove one of a draft's ${segment.replace("-", " ")}`,
      tag,
      params: partParams,
      response: z.null(),
      status: 204,
      handler: async ({ actor, params }) => {
        const result = await strategies.removePart(actor, params.id, part, params.partId);
        if (!result.ok) throw refused(result.errors);
        return null;
      },
    });
  }
}
