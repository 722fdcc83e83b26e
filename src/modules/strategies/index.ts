/** The strategies module's public face: what other modules may use. Nothing else of it is imported from outside. */

import type { AmbitionService } from "./ambitions/ambitions.service.ts";
import type { StrategyService } from "./strategies.service.ts";
import type { ThemeService } from "./themes/themes.service.ts";

export type { StrategyService } from "./strategies.service.ts";

declare module "../../platform/module.ts" {
  interface ModuleServices {
    strategies: StrategyService;
    ambitions: AmbitionService;
    themes: ThemeService;
  }
}
