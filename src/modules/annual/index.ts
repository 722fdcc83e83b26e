/** The annual plan and report module's public face: what other modules may use. Nothing else of it is imported from outside. */
import type { AnnualService } from "./annual.service.ts";

export type { AnnualService } from "./annual.service.ts";

declare module "../../platform/module.ts" {
  interface ModuleServices {
    annual: AnnualService;
  }
}
