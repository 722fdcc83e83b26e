/** The directory module's public face: what other modules may use. Nothing else of it is imported from outside. */
import type { DirectoryService } from "./directory.service.ts";

export type { OrganisationRepo } from "./organisations.repo.ts";
export type { PeopleRepo } from "./people.repo.ts";
export { cooperationMembers, organisations, people } from "./schema.ts";

declare module "../../platform/module.ts" {
  interface ModuleServices {
    directory: DirectoryService;
  }
}
