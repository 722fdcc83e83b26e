import { z } from "zod";
import { dbId } from "../../platform/http/validation.ts";

/** Path parameters of the consultations module's pages and API routes. */
export const idParams = z.object({ id: dbId });
export const inputParams = idParams.extend({ inputId: dbId });
export const receiptParams = idParams.extend({ receipt: z.string().min(10).max(100) });
