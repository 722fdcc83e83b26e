/** The subject networks module's public face: what other modules may use. Nothing else of it is imported from outside. */
import type { SubjectNetwork } from "./subjects.repo.ts";
import type { SubjectService } from "./subjects.service.ts";

/** Who runs a subject network and who is inside it, for modules that keep content of one (its news). */
export { managesSubject } from "./policy.ts";
/** The subject networks' own table, read-only to other modules (a gathering names the one it is for). */
export { subjectNetworks } from "./schema.ts";
export type { SubjectNetwork } from "./subjects.repo.ts";
export { insideWhere, managesWhere } from "./subjects.repo.ts";
export type { SubjectAccess, SubjectService } from "./subjects.service.ts";

declare module "../../platform/module.ts" {
  interface PageSlots {
    /** A subject network's page: other modules add what belongs to it (its gatherings). */
    subjectNetworkPage: { subject: SubjectNetwork };
  }
  interface ModuleServices {
    subjects: SubjectService;
  }
}
