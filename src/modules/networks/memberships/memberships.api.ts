import { z } from "zod";
import { type ApiRouter, listOf, listQuery } from "../../../platform/http/api.ts";
import { ValidationError } from "../../../platform/http/errors.ts";
import { query } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { membershipFields, membershipInput } from "../networks.service.ts";
import { slugAndId, slugParam } from "../params.ts";
import { MEMBERSHIP_LEVELS } from "../schema.ts";

const int = z.number().int();

const memberOut = z.object({
  id: int,
  organisationId: int,
  organisationName: z.string(),
  organisationKind: z.string(),
  countyCode: z.string().nullable(),
  level: z.enum(MEMBERSHIP_LEVELS),
  fromDate: z.string().nullable(),
  toDate: z.string().nullable(),
  representedById: int.nullable(),
  representedByName: z.string().nullable(),
});

/** A network's member organisations through the API. */
export function membershipsApi(api: ApiRouter, { services }: AppContext) {
  const { networks } = services;
  const tag = "networks";

  api.route({
    policy: "public",
    method: "GET",
    path: "/networks/:slug/members",
    operationId: "listNetworkMembers",
    summary: "The organisations in a network, with level, dates and representing IT cooperation",
    tag,
    params: slugParam,
    query: query(listQuery),
    response: listOf(memberOut),
    handler: async ({ actor, params, query: q }) => {
      const { members } = await networks.overview(params.slug, actor);
      return {
        items: members.slice(q.offset, q.offset + q.limit).map(({ population: _p, isDemo: _d, ...m }) => m),
        total: members.length,
      };
    },
  });

  api.route({
    policy: "membership.manage",
    resource: ({ slug }) => networks.get(slug),
    method: "POST",
    path: "/networks/:slug/members",
    operationId: "addNetworkMembers",
    summary: "Add one or more organisations to a network",
    tag,
    params: slugParam,
    body: membershipInput,
    response: z.object({ added: int }),
    status: 201,
    handler: async ({ actor, params, req }) => {
      const result = await networks.addMembers(actor, params.slug, req.body);
      if (!result.ok) throw new ValidationError(result.errors);
      return { added: result.value };
    },
  });

  api.route({
    policy: "membership.manage",
    resource: ({ slug }) => networks.get(slug),
    method: "PATCH",
    path: "/networks/:slug/members/:id",
    operationId: "updateNetworkMember",
    summary: "Change a membership's level, dates or representative; fields left out keep their value",
    tag,
    params: slugAndId,
    body: membershipFields.partial(),
    response: memberOut,
    handler: async ({ actor, params, req }) => {
      const { membership } = await networks.getMembership(params.slug, params.id);
      const result = await networks.updateMembership(actor, params.slug, params.id, { ...membership, ...(req.body as object) });
      if (!result.ok) throw new ValidationError(result.errors);
      const { members } = await networks.overview(params.slug, actor);
      return members.find((m) => m.id === params.id);
    },
  });

  api.route({
    policy: "membership.manage",
    resource: ({ slug }) => networks.get(slug),
    method: "DELETE",
    path: "/networks/:slug/members/:id",
    operationId: "removeNetworkMember",
    summary: "Remove a membership (to record that it ended, set toDate instead)",
    tag,
    params: slugAndId,
    response: z.null(),
    status: 204,
    handler: async ({ actor, params }) => {
      await networks.getMembership(params.slug, params.id);
      await networks.removeMembership(actor, params.slug, params.id);
      return null;
    },
  });
}
