import { z } from "zod";
import type { Actor } from "../../../platform/access/actor.ts";
import { type ApiRouter, listOf, listQuery } from "../../../platform/http/api.ts";
import { ValidationError } from "../../../platform/http/errors.ts";
import type { AppContext } from "../../../platform/module.ts";
import { criterionParams, networkSlugParams } from "../params.ts";
import { CRITERION_DIRECTIONS } from "../schema.ts";
import { bandsInput, criterionInput } from "./assessment.service.ts";

const int = z.number().int();

export const criterionOut = z.object({
  id: int,
  name: z.string(),
  description: z.string(),
  scaleMin: int,
  scaleMax: int,
  weight: z.number(),
  direction: z.enum(CRITERION_DIRECTIONS),
  position: int,
});
export const bandOut = z.object({ name: z.string(), min: z.number() });

/** The network's assessment criteria and bands, set by its secretariat. */
export function criteriaApi(api: ApiRouter, { services }: AppContext) {
  const { assessment, networks } = services;
  /** Adds a criterion (no id) or changes one, as the API shows it (without its network). */
  const saveCriterion = async (actor: Actor, slug: string, criterionId: number | null, body: unknown) => {
    const result = await assessment.saveCriterion(actor, (await networks.get(slug)).id, criterionId, body);
    if (!result.ok) throw new ValidationError(result.errors);
    const { networkId: _n, ...c } = result.value;
    return c;
  };
  const atag = "assessment";
  const network = ({ slug }: { slug: string }) => networks.get(slug);

  api.route({
    policy: "public",
    method: "GET",
    path: "/networks/:slug/criteria",
    operationId: "listCriteria",
    summary: "The network's assessment criteria as they stand (rounds keep their own copy)",
    tag: atag,
    params: networkSlugParams,
    query: z.object(listQuery),
    response: listOf(criterionOut),
    handler: async ({ params, query: q }) => {
      const { items, total } = await assessment.criteriaPage((await networks.get(params.slug)).id, q);
      return { items: items.map(({ networkId: _n, ...c }) => c), total };
    },
  });

  api.route({
    policy: "assessment.configure",
    resource: network,
    method: "POST",
    path: "/networks/:slug/criteria",
    operationId: "createCriterion",
    summary: "Add an assessment criterion; it applies to rounds created from now on",
    tag: atag,
    params: networkSlugParams,
    body: criterionInput,
    response: criterionOut,
    status: 201,
    handler: ({ actor, params, req }) => saveCriterion(actor, params.slug, null, req.body),
  });

  api.route({
    policy: "assessment.configure",
    resource: network,
    method: "PUT",
    path: "/networks/:slug/criteria/:criterionId",
    operationId: "updateCriterion",
    summary: "Change an assessment criterion; rounds already created keep the criteria they were made with",
    tag: atag,
    params: criterionParams,
    body: criterionInput,
    response: criterionOut,
    handler: ({ actor, params, req }) => saveCriterion(actor, params.slug, params.criterionId, req.body),
  });

  api.route({
    policy: "assessment.configure",
    resource: network,
    method: "DELETE",
    path: "/networks/:slug/criteria/:criterionId",
    operationId: "deleteCriterion",
    summary: "Remove an assessment criterion from rounds created from now on",
    tag: atag,
    params: criterionParams,
    response: z.null(),
    status: 204,
    handler: async ({ actor, params }) => {
      await assessment.removeCriterion(actor, (await networks.get(params.slug)).id, params.criterionId);
      return null;
    },
  });

  api.route({
    policy: "assessment.configure",
    resource: network,
    method: "PUT",
    path: "/networks/:slug/bands",
    operationId: "setBands",
    summary: "Name the bands a weighted total (0-100) falls in, each with its minimum",
    tag: atag,
    params: networkSlugParams,
    body: bandsInput,
    response: z.array(bandOut),
    handler: async ({ actor, params, req }) => {
      const result = await assessment.saveBands(actor, (await networks.get(params.slug)).id, req.body);
      if (!result.ok) throw new ValidationError(result.errors);
      return result.value;
    },
  });
}
