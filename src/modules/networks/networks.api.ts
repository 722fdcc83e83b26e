import { z } from "zod";
import { type ApiRouter, listOf, listQuery } from "../../platform/http/api.ts";
import { ValidationError } from "../../platform/http/errors.ts";
import { query } from "../../platform/http/validation.ts";
import type { AppContext } from "../../platform/module.ts";
import { networkInput } from "./networks.service.ts";
import { slugParam } from "./params.ts";

const int = z.number().int();

const networkOut = z.object({
  id: int,
  slug: z.string(),
  name: z.string(),
  shortName: z.string(),
  description: z.string(),
  hostOrganisationId: int.nullable(),
  hostName: z.string().nullable(),
  counties: z.array(z.string()),
  isDemo: z.boolean(),
});
const networkListItem = networkOut.extend({ memberCount: int });
const networkDetail = networkOut.extend({
  contacts: z.array(
    z.object({
      personId: int,
      name: z.string(),
      title: z.string(),
      email: z.string(),
      phone: z.string(),
      organisationName: z.string().nullable(),
      role: z.string().describe("What the person is contact for, e.g. the secretariat"),
    }),
  ),
});

export function networksApi(api: ApiRouter, { services }: AppContext) {
  const { networks } = services;
  const tag = "networks";

  const detail = async (slug: string) => {
    const { network, contacts } = await networks.overview(slug, null);
    return { ...network, contacts: contacts.map(({ isDemo: _d, ...c }) => c) };
  };

  api.route({
    policy: "public",
    method: "GET",
    path: "/networks",
    operationId: "listNetworks",
    summary: "List the regional networks",
    tag,
    query: query(listQuery),
    response: listOf(networkListItem),
    handler: ({ query: q }) => networks.list(q.limit, q.offset),
  });

  api.route({
    policy: "public",
    method: "GET",
    path: "/networks/:slug",
    operationId: "getNetwork",
    summary: "One network with its published contact persons",
    tag,
    params: slugParam,
    response: networkDetail,
    handler: ({ params }) => detail(params.slug),
  });

  api.route({
    policy: "network.create",
    method: "POST",
    path: "/networks",
    operationId: "createNetwork",
    summary: "Create a network",
    tag,
    body: networkInput,
    response: networkDetail,
    status: 201,
    handler: async ({ actor, req }) => {
      const result = await networks.create(actor, req.body);
      if (!result.ok) throw new ValidationError(result.errors);
      return detail(result.value.slug);
    },
  });

  api.route({
    policy: "network.update",
    resource: ({ slug }) => networks.get(slug),
    method: "PATCH",
    path: "/networks/:slug",
    operationId: "updateNetwork",
    summary: "Change a network; fields left out keep their value",
    tag,
    params: slugParam,
    body: networkInput.partial(),
    response: networkDetail,
    handler: async ({ actor, params, req }) => {
      const current = await detail(params.slug);
      const merged = { ...current, contactIds: current.contacts.map((c) => c.personId), ...(req.body as object) };
      const result = await networks.update(actor, params.slug, merged);
      if (!result.ok) throw new ValidationError(result.errors);
      return detail(result.value.slug);
    },
  });
}
