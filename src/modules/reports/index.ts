/** The reports module's public face: what other modules may use. Nothing else of it is imported from outside. */
import type { ReportService } from "./reports.service.ts";

export type { Figure, Figures, MemberRow, Period, ReportService } from "./reports.service.ts";
export { FIGURES, median, periodOf } from "./reports.service.ts";

declare module "../../platform/module.ts" {
  interface ModuleServices {
    memberReports: ReportService;
  }
}
