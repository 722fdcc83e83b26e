/** The solutions module's public face: what other modules may use. Nothing else of it is imported from outside. */
import type { SolutionService } from "./solutions.service.ts";

/** The catalogue's table, read-only to other modules (the subject networks link experience to a solution). */
export { solutionProjects, solutions, solutionUsers } from "./schema.ts";

declare module "../../platform/module.ts" {
  interface PageSlots {
    /** A solution's page: other modules add what they hold about it (experience written about it). */
    solutionPage: { solution: { id: number; name: string } };
  }
  interface ModuleServices {
    solutions: SolutionService;
  }
}
