import { z } from "zod";
import type { ApiRouter } from "../../../platform/http/api.ts";
import { ValidationError } from "../../../platform/http/errors.ts";
import type { AppContext } from "../../../platform/module.ts";
import { needDetail, supporterOut } from "../needs.api.ts";
import { supportInput } from "../needs.service.ts";
import { needParams, supporterParams } from "../params.ts";

/** "We have this need too": an organisation supports a need, or no longer does. */
export function supportersApi(api: ApiRouter, { services }: AppContext) {
  const { needs } = services;
  const tag = "needs";

  api.route({
    policy: "need.support",
    method: "POST",
    path: "/needs/:id/supporters",
    operationId: "supportNeed",
    summary: "We have this need too: an organisation you act for supports the need, with its own note",
    tag,
    params: needParams,
    body: supportInput,
    response: z.array(supporterOut),
    handler: async ({ actor, params, req }) => {
      const result = await needs.support(actor, params.id, req.body);
      if (!result.ok) throw new ValidationError(result.errors);
      return (await needDetail(services, params.id, actor)).supporters;
    },
  });

  api.route({
    policy: "need.support",
    method: "DELETE",
    path: "/needs/:id/supporters/:organisationId",
    operationId: "withdrawNeedSupport",
    summary: "An organisation you act for no longer supports the need",
    tag,
    params: supporterParams,
    response: z.null(),
    status: 204,
    handler: async ({ actor, params }) => {
      await needs.withdrawSupport(actor, params.id, params.organisationId);
      return null;
    },
  });
}
