import { z } from "zod";
import { dbId, pageParam, query, searchText } from "../../platform/http/validation.ts";
import { slugParam } from "../networks/index.ts";
import { NEED_SORTS } from "./needs.repo.ts";
import { NEED_KINDS, NEED_STATES } from "./schema.ts";

/** Path parameters and list filters of the needs module's pages and API routes. */
export const needParams = z.object({ id: dbId });
export const networkSlugParams = slugParam;
export const supporterParams = needParams.extend({ organisationId: dbId });
export const needDocumentParams = needParams.extend({ documentId: dbId });
export const criterionParams = slugParam.extend({ criterionId: dbId });
export const roundParams = z.object({ roundId: dbId });
export const roundNeedParams = roundParams.extend({ needId: dbId });

export const needFilterShape = {
  q: searchText,
  network: slugParam.shape.slug.optional(),
  organisation: dbId.optional(),
  state: z.enum(NEED_STATES).optional(),
  kind: z.enum(NEED_KINDS).optional(),
  sort: z.enum(NEED_SORTS).default("-created"),
};
export const needListQuery = query({ ...needFilterShape, page: pageParam });
export type NeedListQuery = z.infer<typeof needListQuery>;

/** What the "similar needs" box reads while a need is typed. */
export const similarQuery = query({ text: z.string().max(4000).default(""), exclude: dbId.optional() });

/** The two criteria the round's chart sets against each other. */
export const chartQuery = query({ x: dbId.optional(), y: dbId.optional(), saved: z.string().optional() });
