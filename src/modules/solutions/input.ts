import { z } from "zod";
import { optionalId, optionalText, requiredId, requiredText, webAddress } from "../../platform/http/validation.ts";
import { SOLUTION_LIMITS } from "./publiccode/publiccode.ts";
import { MAINTENANCE_TYPES, MATURITIES, SOFTWARE_TYPES, SOLUTION_ORIGINS } from "./schema.ts";

/** "web, ios" from a form or ["web", "ios"] from the API. */
const platformList = z.preprocess(
  (v) => (typeof v === "string" ? v.split(",") : v === undefined || v === null ? ["web"] : v),
  z
    .array(z.string().trim().toLowerCase().max(40, "errors.tagLength"))
    .max(20, "errors.tooManyTags")
    .transform((list) => [...new Set(list.filter(Boolean))]),
);

/**
 * A solution's fields as the form, the API and the spreadsheet import read them: one schema, so an
 * imported row is refused for what the form refuses (its own file, so the importer and the service
 * that makes the importer do not import each other).
 */
export const solutionInput = z.object({
  name: requiredText(SOLUTION_LIMITS.name),
  summary: optionalText(300),
  description: optionalText(SOLUTION_LIMITS.description),
  vendor: optionalText(SOLUTION_LIMITS.vendor),
  origin: z.enum(SOLUTION_ORIGINS, "errors.choice"),
  category: optionalText(SOLUTION_LIMITS.category),
  licence: optionalText(SOLUTION_LIMITS.licence),
  maturity: z.enum(MATURITIES, "errors.choice"),
  softwareType: z.enum(SOFTWARE_TYPES, "errors.choice").default("standalone/web"),
  platforms: platformList,
  maintenanceType: z.enum(MAINTENANCE_TYPES, "errors.choice").default("contract"),
  url: webAddress,
  landingUrl: webAddress,
  ownerOrganisationId: requiredId,
  contactPersonId: optionalId,
});
