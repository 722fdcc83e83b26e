import { z } from "zod";
import { dbId, query, searchText } from "../../platform/http/validation.ts";
import { slugParam } from "../networks/index.ts";
import { SOLUTION_CATEGORIES } from "./schema.ts";

/** Path parameters and filters of the roadmap module's pages and API routes. */
export const networkSlugParams = slugParam;
export const solutionParams = z.object({ id: dbId });
export const milestoneParams = solutionParams.extend({ milestoneId: dbId });
export const taskParams = solutionParams.extend({ taskId: dbId });
export const rolloutParams = solutionParams.extend({ projectId: dbId });

export const catalogueFilterShape = {
  q: searchText,
  category: z.enum(SOLUTION_CATEGORIES).optional(),
  network: slugParam.shape.slug.optional(),
};
export const catalogueQuery = query(catalogueFilterShape);
export type CatalogueQuery = z.infer<typeof catalogueQuery>;

/** Whose adoption to show: the whole country, a network's members, or a county's. */
export const adoptionScope = {
  network: slugParam.shape.slug.optional(),
  county: z
    .string()
    .regex(/^\d{2}$/)
    .optional(),
};
export const adoptionScopeQuery = query(adoptionScope);
