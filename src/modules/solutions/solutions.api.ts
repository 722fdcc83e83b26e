import { z } from "zod";
import type { Actor } from "../../platform/access/actor.ts";
import { type ApiRouter, listOf, listQuery } from "../../platform/http/api.ts";
import { type Result, ValidationError } from "../../platform/http/errors.ts";
import { query } from "../../platform/http/validation.ts";
import type { AppContext, Services } from "../../platform/module.ts";
import { solutionFilterShape, solutionParams } from "./params.ts";
import { MAINTENANCE_TYPES, MATURITIES, SOFTWARE_TYPES, SOLUTION_ORIGINS } from "./schema.ts";
import { solutionInput } from "./solutions.service.ts";

const int = z.number().int();

const solutionFields = {
  id: int,
  name: z.string(),
  summary: z.string(),
  vendor: z.string(),
  origin: z.enum(SOLUTION_ORIGINS),
  category: z.string(),
  licence: z.string(),
  maturity: z.enum(MATURITIES),
  ownerOrganisationId: int,
  ownerName: z.string(),
};
const solutionListItem = z.object({ ...solutionFields, userCount: int });
export const userOut = z.object({
  organisationId: int,
  organisationName: z.string(),
  since: z.string().nullable(),
  note: z.string(),
});
export const solutionOut = z.object({
  ...solutionFields,
  description: z.string(),
  softwareType: z.enum(SOFTWARE_TYPES),
  platforms: z.array(z.string()),
  maintenanceType: z.enum(MAINTENANCE_TYPES),
  url: z.string(),
  landingUrl: z.string(),
  contactPersonId: int.nullable(),
  usedBy: z.array(userOut).describe("Who else uses this: every organisation that said it does, with since when"),
  projectIds: z.array(int).describe("The projects (that the caller may see) that introduced it"),
});

export const tag = "solutions";

/** A command's value, or its errors as a 422. */
export const resultOf = <T>(result: Result<T>): T => {
  if (!result.ok) throw new ValidationError(result.errors);
  return result.value;
};

/** A solution as solutionOut, with the projects the viewer may see. */
export async function detailOf({ solutions }: Services, id: number, viewer: Actor | null) {
  const d = await solutions.get(id, viewer);
  const { createdAt: _c, updatedAt: _u, isDemo: _d, ...solution } = d.solution;
  return {
    ...solution,
    ownerName: d.ownerName,
    usedBy: d.users.map(({ organisationId, organisationName, since, note }) => ({
      organisationId,
      organisationName,
      since,
      note,
    })),
    projectIds: d.projects.map((p) => p.projectId),
  };
}

/** The catalogue, and offering, reading, changing and removing a solution. */
export function solutionsApi(api: ApiRouter, { services }: AppContext) {
  const { solutions } = services;
  const detail = (id: number, viewer: Actor | null) => detailOf(services, id, viewer);
  const resource = ({ id }: { id: number }) => solutions.resource(id);

  api.route({
    policy: "public",
    method: "GET",
    path: "/solutions",
    operationId: "listSolutions",
    summary: "The catalogue of reusable solutions, filtered like its page",
    tag,
    query: query({ ...solutionFilterShape, ...listQuery }),
    response: listOf(solutionListItem),
    handler: async ({ query: q }) => {
      const { items, total } = await solutions.list(q, q.sort, q.limit, q.offset);
      return { items: items.map(({ isDemo: _d, updatedAt: _u, ...s }) => s), total };
    },
  });

  api.route({
    policy: "public",
    method: "GET",
    path: "/solutions/:id",
    operationId: "getSolution",
    summary: "One solution with who uses it and the projects that introduced it",
    tag,
    params: solutionParams,
    response: solutionOut,
    handler: ({ actor, params }) => detail(params.id, actor),
  });

  api.route({
    policy: "solution.create",
    method: "POST",
    path: "/solutions",
    operationId: "createSolution",
    summary: "Offer a solution on behalf of an organisation you act for",
    tag,
    body: solutionInput,
    response: solutionOut,
    status: 201,
    handler: async ({ actor, req }) => {
      return detail(resultOf(await solutions.create(actor, req.body)).id, actor);
    },
  });

  api.route({
    policy: "solution.update",
    resource,
    method: "PATCH",
    path: "/solutions/:id",
    operationId: "updateSolution",
    summary: "Change a solution; fields left out keep their value",
    tag,
    params: solutionParams,
    body: solutionInput.partial(),
    response: solutionOut,
    handler: async ({ actor, params, req }) => {
      const current = await solutions.fields(params.id);
      resultOf(await solutions.update(actor, params.id, { ...current, ...(req.body as object) }));
      return detail(params.id, actor);
    },
  });

  api.route({
    policy: "solution.update",
    resource,
    method: "DELETE",
    path: "/solutions/:id",
    operationId: "deleteSolution",
    summary: "Remove a solution from the catalogue",
    tag,
    params: solutionParams,
    response: z.null(),
    status: 204,
    handler: async ({ actor, params }) => {
      await solutions.remove(actor, params.id);
      return null;
    },
  });
}
