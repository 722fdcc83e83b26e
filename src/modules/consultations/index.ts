/** The consultations module's public face: what other modules may use. Nothing else of it is imported from outside. */
import type { ConsultationService } from "./consultations.service.ts";

declare module "../../platform/module.ts" {
  interface ModuleServices {
    consultations: ConsultationService;
  }
}
