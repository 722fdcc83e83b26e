import { z } from "zod";
import { type ApiRouter, listOf, listQuery } from "../../../platform/http/api.ts";
import { ValidationError } from "../../../platform/http/errors.ts";
import { idParam, query, searchText } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { organisationInput, referenceOrganisationInput } from "../directory.service.ts";
import { MALFORMS, ORGANISATION_KINDS } from "../schema.ts";
import { ORGANISATION_SORTS } from "./organisations.repo.ts";

const organisationListItem = z.object({
  id: z.number().int(),
  kind: z.enum(ORGANISATION_KINDS),
  name: z.string(),
  nameNorwegian: z.string(),
  code: z.string().nullable(),
  countyCode: z.string().nullable(),
  countyName: z.string().nullable(),
  orgNumber: z.string().nullable(),
  malform: z.enum(MALFORMS).nullable(),
  population: z.number().int().nullable(),
  areaKm2: z.number().nullable(),
  website: z.string().nullable(),
  endedOn: z.string().nullable(),
  isDemo: z.boolean(),
});

const organisationDetail = organisationListItem.omit({ countyName: true }).extend({
  otherNames: z.array(z.string()),
  adminCentre: z.string().nullable(),
  description: z.string(),
  successorId: z.number().int().nullable(),
  memberIds: z.array(z.number().int()).describe("Member municipalities, for an IT cooperation"),
  memberships: z.array(
    z.object({
      networkSlug: z.string(),
      networkName: z.string(),
      level: z.string(),
      fromDate: z.string().nullable(),
      toDate: z.string().nullable(),
      representedById: z.number().int().nullable(),
    }),
  ),
});

/** The organisations through the API. */
export function organisationsApi(api: ApiRouter, { services }: AppContext) {
  const { directory, networks } = services;

  const detail = async (id: number) => {
    const org = await directory.getOrganisation(id);
    const [members, memberships] = await Promise.all([
      directory.organisations.cooperationMembersOf(id),
      networks.membershipsOf(id),
    ]);
    return {
      ...org,
      memberIds: members.map((m) => m.id),
      memberships: memberships.map(({ id: _id, representedByName: _n, ...m }) => m),
    };
  };

  api.route({
    policy: "public",
    method: "GET",
    path: "/organisations",
    operationId: "listOrganisations",
    summary: "List organisations: municipalities, counties, county municipalities, IT cooperations and others",
    tag: "organisations",
    query: query({
      kind: z.enum(ORGANISATION_KINDS).optional(),
      county: z
        .string()
        .regex(/^\d{2}$/)
        .optional(),
      network: z.string().max(60).optional().describe("A network's slug: only its member organisations"),
      q: searchText.describe("Part of the name, a municipality number or an organisation number"),
      includeEnded: z.enum(["true", "false"]).optional(),
      sort: z.enum(ORGANISATION_SORTS).default("name"),
      ...listQuery,
    }),
    response: listOf(organisationListItem),
    handler: async ({ query: q }) => {
      const onlyIds = q.network ? await networks.memberOrganisationIds(q.network) : undefined;
      return directory.listOrganisations({ ...q, includeEnded: q.includeEnded === "true", onlyIds });
    },
  });

  api.route({
    policy: "public",
    method: "GET",
    path: "/organisations/:id",
    operationId: "getOrganisation",
    summary: "One organisation with its network memberships",
    tag: "organisations",
    params: idParam,
    response: organisationDetail,
    handler: ({ params }) => detail(params.id),
  });

  api.route({
    policy: "organisation.create",
    method: "POST",
    path: "/organisations",
    operationId: "createOrganisation",
    summary: "Create an IT cooperation, agency, association, company or other organisation",
    tag: "organisations",
    body: organisationInput,
    response: organisationDetail,
    status: 201,
    handler: async ({ actor, req }) => {
      const result = await directory.createOrganisation(actor, req.body);
      if (!result.ok) throw new ValidationError(result.errors);
      return detail(result.value.id);
    },
  });

  api.route({
    policy: "organisation.update",
    resource: ({ id }) => directory.getOrganisation(id),
    method: "PATCH",
    path: "/organisations/:id",
    operationId: "updateOrganisation",
    summary: "Change an organisation; fields left out keep their value",
    tag: "organisations",
    params: idParam,
    body: organisationInput.partial().or(referenceOrganisationInput.partial()),
    response: organisationDetail,
    handler: async ({ actor, params, req }) => {
      const current = await detail(params.id);
      const result = await directory.updateOrganisation(actor, params.id, { ...current, ...(req.body as object) });
      if (!result.ok) throw new ValidationError(result.errors);
      return detail(params.id);
    },
  });
}
