/** The gatherings module's public face: what other modules may use. Nothing else of it is imported from outside. */
import type { GatheringService } from "./gatherings.service.ts";

export type { GatheringService } from "./gatherings.service.ts";
/** Gatherings and their registrations, read-only to other modules (the member reports count who attended). */
export { gatheringRegistrations, gatherings } from "./schema.ts";

declare module "../../platform/module.ts" {
  interface ModuleServices {
    gatherings: GatheringService;
  }
}
