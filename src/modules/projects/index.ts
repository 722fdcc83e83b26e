/** The projects module's public face: what other modules may use. Nothing else of it is imported from outside. */
import type { ProjectResource } from "./policy.ts";
import type { ProjectService } from "./projects.service.ts";

// Other modules hold a phase as text among other states; the module's own pages use the typed phaseLabel.
export { phaseTextLabel as phaseLabel } from "./labels.tsx";
export type { ProjectRepo } from "./projects.repo.ts";
export type { ProjectService } from "./projects.service.ts";
export { OrganisationProjects } from "./projects.views.tsx";
export {
  benefitMeasurements,
  benefits,
  PROJECT_KINDS,
  projectParticipants,
  projectPhaseChanges,
  projects,
  statusReports,
} from "./schema.ts";
export { TimelineZoom, timelineWindow } from "./timeline/timeline.views.tsx";

/** What a module adding a section to a project's page is given: the project, and it as the policies see it. */
export interface ProjectPageProps {
  project: { id: number; networkId: number; title: string };
  resource: ProjectResource;
}

declare module "../../platform/module.ts" {
  interface PageSlots {
    /** A project's page: other modules add what they hold about it (experience written about it, reviews). */
    projectPage: ProjectPageProps;
  }
  interface ModuleServices {
    projects: ProjectService;
  }
}
