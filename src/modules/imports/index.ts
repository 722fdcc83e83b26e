/** The imports module's public face: what other modules may use. Nothing else of it is imported from outside. */
import type { ImportService } from "./imports.service.ts";

export type { ImportService } from "./imports.service.ts";

declare module "../../platform/module.ts" {
  interface ModuleServices {
    imports: ImportService;
  }
}
