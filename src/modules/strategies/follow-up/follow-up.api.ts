import type { ApiRouter } from "../../../platform/http/api.ts";
import type { AppContext } from "../../../platform/module.ts";
import { reportInput } from "../strategies.service.ts";
import { partParams, strategyApiKit, strategyOut } from "../strategy-api.ts";

/** Following a measure up: its status reported with a comment. */
export function followUpApi(api: ApiRouter, ctx: AppContext) {
  const { strategies } = ctx.services;
  const { then, resource } = strategyApiKit(ctx);
  const tag = "strategies";

  api.route({
    policy: "strategy.edit",
    resource,
    method: "POST",
    path: "/strategies/:id/measures/:partId/reports",
    operationId: "reportMeasure",
    summary: "Report a measure's status with a comment; allowed after adoption, refused on a replaced revision",
    tag,
    params: partParams,
    body: reportInput,
    response: strategyOut,
    status: 201,
    handler: async ({ actor, params, body }) => then(params.id, await strategies.report(actor, params.id, params.partId, body)),
  });
}
