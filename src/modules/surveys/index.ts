/** The surveys module's public face: what other modules may use. Nothing else of it is imported from outside. */
import type { SurveyService } from "./surveys.service.ts";

export type { QuestionKind, SurveyStatus } from "./schema.ts";
export type { MemberSurveySummary, ResultsSummary, SurveyService, VisibleSurvey } from "./surveys.service.ts";

declare module "../../platform/module.ts" {
  interface ModuleServices {
    surveys: SurveyService;
  }
}
