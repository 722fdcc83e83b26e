/** The roadmap module's public face: what other modules may use. Nothing else of it is imported from outside. */

import type { AdoptionService } from "./adoption/adoption.service.ts";
import type { RoadmapService } from "./roadmap.service.ts";

export type { AdoptionService } from "./adoption/adoption.service.ts";
/** Size classes of municipalities by population, for comparisons between members of like size. */
export { sizeClassOf } from "./budget/budget.ts";
export { periodLabel } from "./precision.ts";
export type { RoadmapRepo } from "./roadmap.repo.ts";
export type { RoadmapService } from "./roadmap.service.ts";
/** The national solutions, read-only to other modules (the subject networks link experience to one). */
export { type AdoptionStatus, adoptions, nationalSolutions, SIZE_CLASSES, type SizeClass } from "./schema.ts";

declare module "../../platform/module.ts" {
  interface ModuleServices {
    roadmap: RoadmapService;
    adoption: AdoptionService;
  }
}
