import { z } from "zod";
import { dbId } from "../../platform/http/validation.ts";

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
