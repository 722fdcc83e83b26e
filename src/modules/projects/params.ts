import { z } from "zod";
import { dbId, isoDate, PAGE_SIZE, pageParam, query, searchText } from "../../platform/http/validation.ts";
import { slugParam } from "../networks/index.ts";
import { PROJECT_SORTS } from "./projects.repo.ts";
import { PHASES, PROJECT_KINDS, STATUS_COLOURS } from "./schema.ts";

/** Path parameters and list filters of the projects module's pages and API routes. */
export const projectParams = z.object({ id: dbId });
/** A network in the path, as the networks module reads it. */
export const networkSlugParams = slugParam;
export const participantParams = projectParams.extend({ organisationId: dbId });
export const fundingParams = projectParams.extend({ fundingId: dbId });
export const linkParams = projectParams.extend({ linkId: dbId });
export const relationParams = projectParams.extend({ relationId: dbId });
export const documentParams = projectParams.extend({ documentId: dbId });
export const checklistItemParams = networkSlugParams.extend({ itemId: dbId });
export const savedViewParams = z.object({ viewId: dbId });
export const joinRequestParams = projectParams.extend({ requestId: dbId });
export const reportParams = projectParams.extend({ reportId: dbId });
export const benefitParams = projectParams.extend({ benefitId: dbId });
export const measurementParams = benefitParams.extend({ measurementId: dbId });

/** Every filter of the overview, as URL parameters, so a view is a link that can be shared. */
export const projectFilterShape = {
  q: searchText,
  network: networkSlugParams.shape.slug.optional(),
  organisation: dbId.optional(),
  county: z
    .string()
    .regex(/^\d{2}$/)
    .optional(),
  kind: z.enum(PROJECT_KINDS).optional(),
  phase: z.enum(PHASES).optional(),
  sector: z
    .string()
    .max(60)
    .regex(/^[a-z0-9_-]+$/)
    .optional(),
  status: z.enum([...STATUS_COLOURS, "none"]).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  tag: z.string().trim().toLowerCase().max(40).optional(),
  sort: z.enum(PROJECT_SORTS).default("title"),
};
export const projectListQuery = query({ ...projectFilterShape, page: pageParam });
/** The timeline: the overview's filters, and the window shown (zoomed by years or quarters). */
export const TIMELINE_PAGE_SIZE = 200;
export const timelineQuery = query({
  ...projectFilterShape,
  sort: z.enum(PROJECT_SORTS).default("start"),
  view: z.enum(["year", "quarter"]).default("year"),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  page: pageParam,
});
export type TimelineQuery = z.infer<typeof timelineQuery>;
export type ProjectListQuery = z.infer<typeof projectListQuery>;
export { PAGE_SIZE };
