/** The needs module's public face: what other modules may use. Nothing else of it is imported from outside. */

import type { AssessmentService } from "./assessment/assessment.service.ts";
import type { NationalNeedService } from "./national/national.service.ts";
import type { SubmissionService } from "./national/submissions.service.ts";
import type { NeedService } from "./needs.service.ts";

export type { AssessmentService } from "./assessment/assessment.service.ts";
export { roundChain } from "./assessment/assessment.service.ts";
export { stateLabel } from "./labels.ts";
export type { NeedService } from "./needs.service.ts";
export type { NeedState } from "./schema.ts";
export { needEvents, needSupporters, needs } from "./schema.ts";

declare module "../../platform/module.ts" {
  interface ModuleServices {
    needs: NeedService;
    assessment: AssessmentService;
    nationalNeeds: NationalNeedService;
    needSubmissions: SubmissionService;
  }
}
