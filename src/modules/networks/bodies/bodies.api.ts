import { z } from "zod";
import type { Actor } from "../../../platform/access/actor.ts";
import { VISIBILITY_VALUES } from "../../../platform/access/visibility.ts";
import { type ApiRouter, listOf, listQuery } from "../../../platform/http/api.ts";
import { ValidationError } from "../../../platform/http/errors.ts";
import { query } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { bodyInput, bodyMemberFields, bodyMemberInput } from "../networks.service.ts";
import { bodyMemberParams, slugAndId, slugParam } from "../params.ts";
import { BODY_KINDS, BODY_ROLES } from "../schema.ts";

const int = z.number().int();

const bodyMemberOut = z.object({
  id: int,
  personId: int,
  personName: z.string(),
  organisationId: int.nullable(),
  organisationName: z.string().nullable(),
  role: z.enum(BODY_ROLES),
  fromDate: z.string().nullable(),
  toDate: z.string().nullable(),
});
const bodyOut = z.object({
  id: int,
  kind: z.enum(BODY_KINDS),
  name: z.string(),
  mandate: z.string(),
  visibility: z.enum(VISIBILITY_VALUES),
  members: z.array(bodyMemberOut),
});

/** A network's bodies and the people in them through the API. */
export function bodiesApi(api: ApiRouter, { services }: AppContext) {
  const { networks } = services;
  const tag = "networks";

  const bodyDetail = async (slug: string, id: number, viewer: Actor | null) => {
    const { body, members } = await networks.visibleBody(slug, id, viewer);
    return { ...body, members };
  };

  api.route({
    policy: "public",
    method: "GET",
    path: "/networks/:slug/bodies",
    operationId: "listNetworkBodies",
    summary: "A network's bodies with their members",
    tag,
    params: slugParam,
    query: query(listQuery),
    response: listOf(bodyOut),
    handler: async ({ actor, params, query: q }) => {
      const { bodies } = await networks.overview(params.slug, actor);
      const items = bodies.map(({ networkId: _n, createdAt: _c, updatedAt: _u, ...b }) => ({
        ...b,
        members: b.members.map(({ bodyId: _b, personTitle: _t, personIsDemo: _d, ...m }) => m),
      }));
      return { items: items.slice(q.offset, q.offset + q.limit), total: items.length };
    },
  });

  api.route({
    policy: "body.manage",
    resource: ({ slug }) => networks.get(slug),
    method: "POST",
    path: "/networks/:slug/bodies",
    operationId: "createBody",
    summary: "Create a body (steering group, working committee, subject group …)",
    tag,
    params: slugParam,
    body: bodyInput,
    response: bodyOut,
    status: 201,
    handler: async ({ actor, params, req }) => {
      const result = await networks.createBody(actor, params.slug, req.body);
      if (!result.ok) throw new ValidationError(result.errors);
      return bodyDetail(params.slug, result.value.id, actor);
    },
  });

  api.route({
    policy: "body.manage",
    resource: ({ slug }) => networks.get(slug),
    method: "PATCH",
    path: "/networks/:slug/bodies/:id",
    operationId: "updateBody",
    summary: "Change a body; fields left out keep their value",
    tag,
    params: slugAndId,
    body: bodyInput.partial(),
    response: bodyOut,
    handler: async ({ actor, params, req }) => {
      const { body } = await networks.getBody(params.slug, params.id);
      const result = await networks.updateBody(actor, params.slug, params.id, { ...body, ...(req.body as object) });
      if (!result.ok) throw new ValidationError(result.errors);
      return bodyDetail(params.slug, params.id, actor);
    },
  });

  api.route({
    policy: "body.manage",
    resource: ({ slug }) => networks.get(slug),
    method: "DELETE",
    path: "/networks/:slug/bodies/:id",
    operationId: "deleteBody",
    summary: "Delete a body and its member list",
    tag,
    params: slugAndId,
    response: z.null(),
    status: 204,
    handler: async ({ actor, params }) => {
      await networks.getBody(params.slug, params.id);
      await networks.deleteBody(actor, params.slug, params.id);
      return null;
    },
  });

  api.route({
    policy: "body.manage",
    resource: ({ slug }) => networks.get(slug),
    method: "POST",
    path: "/networks/:slug/bodies/:id/members",
    operationId: "addBodyMember",
    summary: "Add a person to a body",
    tag,
    params: slugAndId,
    body: bodyMemberInput,
    response: bodyOut,
    status: 201,
    handler: async ({ actor, params, req }) => {
      await networks.getBody(params.slug, params.id);
      const result = await networks.addBodyMember(actor, params.slug, params.id, req.body);
      if (!result.ok) throw new ValidationError(result.errors);
      return bodyDetail(params.slug, params.id, actor);
    },
  });

  api.route({
    policy: "body.manage",
    resource: ({ slug }) => networks.get(slug),
    method: "PATCH",
    path: "/networks/:slug/bodies/:id/members/:memberId",
    operationId: "updateBodyMember",
    summary: "Change a person's role, the organisation they represent or the dates of their seat",
    tag,
    params: bodyMemberParams,
    body: bodyMemberFields.partial(),
    response: bodyOut,
    handler: async ({ actor, params, req }) => {
      const { member } = await networks.getBodyMember(params.slug, params.id, params.memberId);
      const result = await networks.updateBodyMember(actor, params.slug, params.id, params.memberId, {
        ...member,
        ...(req.body as object),
      });
      if (!result.ok) throw new ValidationError(result.errors);
      return bodyDetail(params.slug, params.id, actor);
    },
  });

  api.route({
    policy: "body.manage",
    resource: ({ slug }) => networks.get(slug),
    method: "DELETE",
    path: "/networks/:slug/bodies/:id/members/:memberId",
    operationId: "removeBodyMember",
    summary: "Remove a person from a body",
    tag,
    params: bodyMemberParams,
    response: z.null(),
    status: 204,
    handler: async ({ actor, params }) => {
      await networks.getBody(params.slug, params.id);
      await networks.removeBodyMember(actor, params.slug, params.id, params.memberId);
      return null;
    },
  });
}
