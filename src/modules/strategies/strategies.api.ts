import { z } from "zod";
import { type ApiRouter, listOf, listQuery } from "../../platform/http/api.ts";
import { NotFoundError } from "../../platform/http/errors.ts";
import { optionalId, query } from "../../platform/http/validation.ts";
import type { AppContext } from "../../platform/module.ts";
import { slugParam } from "../networks/index.ts";
import { STRATEGY_STATUSES } from "./schema.ts";
import { strategyInput } from "./strategies.service.ts";
import { strategyApiKit, strategyOut, strategyParams, summaryOut } from "./strategy-api.ts";

/** Strategies: the list, one with everything in it, starting one for an organisation or a network, changing its details. */
export function strategiesApi(api: ApiRouter, ctx: AppContext) {
  const { strategies, networks } = ctx.services;
  const { detail, then, created, resource } = strategyApiKit(ctx);
  const tag = "strategies";

  api.route({
    policy: "public",
    method: "GET",
    path: "/strategies",
    operationId: "listStrategies",
    summary: "Strategies of members and networks; with a network, its own and its members'",
    tag,
    query: query({ network: slugParam.shape.slug.optional(), status: z.enum(STRATEGY_STATUSES).optional(), ...listQuery }),
    response: listOf(summaryOut),
    handler: async ({ query: q }) => {
      const network = q.network ? await networks.get(q.network) : undefined;
      const { items, total } = await strategies.listPage({ networkId: network?.id, status: q.status }, q);
      return {
        items: items.map(({ strategy: { createdAt: _c, updatedAt: _u, vision: _v, documentFileId: _d, ...s }, ownerName }) => ({
          ...s,
          owner: ownerName,
        })),
        total,
      };
    },
  });

  api.route({
    policy: "public",
    method: "GET",
    path: "/strategies/:id",
    operationId: "getStrategy",
    summary: "A strategy with its goals, focus areas and action plan, each measure with its status reports",
    tag,
    params: strategyParams,
    response: strategyOut,
    handler: ({ params }) => detail(params.id),
  });

  const createBody = strategyInput.and(z.object({ templateId: optionalId.describe("A strategy to copy the structure of") }));
  api.route({
    policy: "strategy.edit",
    resource: async ({ id }) => strategies.resourceOf({ organisationId: id, networkId: null }),
    method: "POST",
    path: "/organisations/:id/strategies",
    operationId: "createOrganisationStrategy",
    summary: "Start a strategy for an organisation you act for, by hand or from a template",
    tag,
    params: strategyParams,
    body: createBody,
    response: strategyOut,
    status: 201,
    handler: async ({ actor, params, body }) => {
      if (!(await ctx.services.directory.organisations.byId(params.id))) throw new NotFoundError();
      const result = await strategies.create(actor, { organisationId: params.id }, body, body.templateId);
      return created(result);
    },
  });

  api.route({
    policy: "strategy.edit",
    resource: async ({ slug }) => strategies.resourceOf({ organisationId: null, networkId: (await networks.get(slug)).id }),
    method: "POST",
    path: "/networks/:slug/strategies",
    operationId: "createNetworkStrategy",
    summary: "Start the network's shared strategy (its secretariat), by hand or from a template",
    tag,
    params: slugParam,
    body: createBody,
    response: strategyOut,
    status: 201,
    handler: async ({ actor, params, body }) => {
      const network = await networks.get(params.slug);
      const result = await strategies.create(actor, { networkId: network.id }, body, body.templateId);
      return created(result);
    },
  });

  api.route({
    policy: "strategy.edit",
    resource,
    method: "PUT",
    path: "/strategies/:id",
    operationId: "updateStrategy",
    summary: "Change a draft's details; an adopted revision refuses",
    tag,
    params: strategyParams,
    body: strategyInput,
    response: strategyOut,
    handler: async ({ actor, params, body }) => then(params.id, await strategies.update(actor, params.id, body)),
  });
}
