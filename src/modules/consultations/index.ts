/** The consultations module's public face: what other modules may use. Nothing else of it is imported from outside. */
import type { ConsultationService } from "./consultations.service.ts";

/** Consultations and their inputs, read-only to other modules (the member reports count a member's inputs). */
export { consultationInputs, consultations } from "./schema.ts";

declare module "../../platform/module.ts" {
  interface ModuleServices {
    consultations: ConsultationService;
  }
}
