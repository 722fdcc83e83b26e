/** The solutions module's public face: what other modules may use. Nothing else of it is imported from outside. */
import type { SolutionService } from "./solutions.service.ts";

declare module "../../platform/module.ts" {
  interface ModuleServices {
    solutions: SolutionService;
  }
}
