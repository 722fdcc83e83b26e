/** The projects module's public face: what other modules may use. Nothing else of it is imported from outside. */
import type { ProjectService } from "./projects.service.ts";

// Other modules hold a phase as text among other states; the module's own pages use the typed phaseLabel.
export { phaseTextLabel as phaseLabel } from "./labels.tsx";
export type { ProjectRepo } from "./projects.repo.ts";
export type { ProjectService } from "./projects.service.ts";
export { OrganisationProjects } from "./projects.views.tsx";
export { benefits, PROJECT_KINDS, projectParticipants, projects } from "./schema.ts";
export { TimelineZoom, timelineWindow } from "./timeline/timeline.views.tsx";

declare module "../../platform/module.ts" {
  interface ModuleServices {
    projects: ProjectService;
  }
}
