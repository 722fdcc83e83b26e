/** The decisions module's public face: what other modules may use. Nothing else of it is imported from outside. */
import type { MeetingService } from "./meetings/meetings.service.ts";
import type { PriorityService } from "./priorities/priorities.service.ts";

export type { MeetingService } from "./meetings/meetings.service.ts";
export { DEMO_ANNUAL_ITEMS } from "./seed.ts";

declare module "../../platform/module.ts" {
  interface ModuleServices {
    meetings: MeetingService;
    priorities: PriorityService;
  }
}
