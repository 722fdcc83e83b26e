import type { ApiRouter } from "../../../platform/http/api.ts";
import type { AppContext } from "../../../platform/module.ts";
import { adoptInput } from "../strategies.service.ts";
import { strategyApiKit, strategyOut, strategyParams } from "../strategy-api.ts";

/** Adopting a draft, and starting the next revision of an adopted strategy. */
export function revisionsApi(api: ApiRouter, ctx: AppContext) {
  const { strategies } = ctx.services;
  const { then, created, resource } = strategyApiKit(ctx);
  const tag = "strategies";

  api.route({
    policy: "strategy.edit",
    resource,
    method: "POST",
    path: "/strategies/:id/adopt",
    operationId: "adoptStrategy",
    summary: "Adopt a draft: it is frozen, and the revision it was started from is replaced",
    tag,
    params: strategyParams,
    body: adoptInput,
    response: strategyOut,
    handler: async ({ actor, params, body }) => then(params.id, await strategies.adopt(actor, params.id, body)),
  });

  api.route({
    policy: "strategy.edit",
    resource,
    method: "POST",
    path: "/strategies/:id/revisions",
    operationId: "startStrategyRevision",
    summary: "Start the next revision of an adopted strategy as a draft copy",
    tag,
    params: strategyParams,
    response: strategyOut,
    status: 201,
    handler: async ({ actor, params }) => {
      const result = await strategies.newRevision(actor, params.id);
      return created(result);
    },
  });
}
