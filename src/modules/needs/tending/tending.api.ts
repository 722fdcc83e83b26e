import type { ApiRouter } from "../../../platform/http/api.ts";
import { ValidationError } from "../../../platform/http/errors.ts";
import type { AppContext } from "../../../platform/module.ts";
import { needDetail, needOut } from "../needs.api.ts";
import { mergeInput, moveInput, splitInput } from "../needs.service.ts";
import { needParams } from "../params.ts";

/** The secretariat tends the list: merge a duplicate, move a need to another network, split a part off. */
export function tendingApi(api: ApiRouter, { services }: AppContext) {
  const { needs } = services;
  const tag = "needs";
  const resource = ({ id }: { id: number }) => needs.resource(id);

  const tools = [
    {
      path: "merge",
      operationId: "mergeNeed",
      summary: "Merge a duplicate into another need, keeping every supporter and note",
      body: mergeInput,
      run: needs.merge,
    },
    {
      path: "move",
      operationId: "moveNeed",
      summary: "Move a need to another network its organisation is a member of",
      body: moveInput,
      run: needs.move,
    },
    {
      path: "split",
      operationId: "splitNeed",
      summary: "Split a part off a need into a new need",
      body: splitInput,
      run: needs.split,
    },
  ] as const;
  for (const tool of tools)
    api.route({
      policy: "need.manage",
      resource,
      method: "POST",
      path: `/needs/:id/${tool.path}`,
      operationId: tool.operationId,
      summary: tool.summary,
      tag,
      params: needParams,
      body: tool.body,
      response: needOut,
      handler: async ({ actor, params, req }) => {
        const result = await tool.run.call(needs, actor, params.id, req.body);
        if (!result.ok) throw new ValidationError(result.errors);
        return needDetail(services, result.value.id, actor);
      },
    });
}
