import { z } from "zod";
import type { ResourceLoader } from "../../platform/access/page-access.ts";
import { dbId, parseOrBadRequest } from "../../platform/http/validation.ts";

/** Path parameters of the networks module's pages and API routes. */
export const slugParam = z.object({
  slug: z
    .string()
    .max(60)
    .regex(/^[a-z0-9-]+$/),
});
export const slugAndId = slugParam.extend({ id: dbId });
export const bodyMemberParams = slugAndId.extend({ memberId: dbId });
export const documentParams = slugAndId.extend({ documentId: dbId });

/**
 * The network named by :slug (404 if there is none), for a page route's `resource`: what the rules
 * about a network are checked against ({ id }), with its name and slug for the page.
 */
export const networkBySlug =
  <N>(networks: { get(slug: string): Promise<N> }): ResourceLoader<N> =>
  (req) =>
    networks.get(parseOrBadRequest(slugParam, req.params).slug);
