import { z } from "zod";
import { dbId, query } from "../../platform/http/validation.ts";
import { slugParam } from "../networks/index.ts";

/** Path parameters and queries of the decisions module's pages and API routes. */
export const networkSlugParams = slugParam;
export const meetingParams = z.object({ id: dbId });
export const itemParams = meetingParams.extend({ itemId: dbId });
export const meetingDocumentParams = meetingParams.extend({ documentId: dbId });
export const decisionParams = meetingParams.extend({ decisionId: dbId });
export const rankingQuery = query({ ranking: dbId.optional(), saved: z.string().optional() });
