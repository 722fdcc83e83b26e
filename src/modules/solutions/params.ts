import { z } from "zod";
import { dbId, pageParam, query, searchText } from "../../platform/http/validation.ts";
import { slugParam } from "../networks/index.ts";
import { MATURITIES, SOLUTION_ORIGINS } from "./schema.ts";
import { SOLUTION_SORTS } from "./solutions.repo.ts";

/** Path parameters and list filters of the solutions module's pages and API routes. */
export const solutionParams = z.object({ id: dbId });
export const solutionUserParams = solutionParams.extend({ organisationId: dbId });
export const solutionProjectParams = solutionParams.extend({ projectId: dbId });

export const solutionFilterShape = {
  q: searchText,
  origin: z.enum(SOLUTION_ORIGINS).optional(),
  maturity: z.enum(MATURITIES).optional(),
  owner: dbId.optional(),
  usedBy: dbId.optional(),
  network: slugParam.shape.slug.optional(),
  sort: z.enum(SOLUTION_SORTS).default("name"),
};
export const solutionListQuery = query({ ...solutionFilterShape, page: pageParam });
export type SolutionListQuery = z.infer<typeof solutionListQuery>;
