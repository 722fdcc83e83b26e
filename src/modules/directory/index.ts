/** The directory module's public face: what other modules may use. Nothing else of it is imported from outside. */
import type { DirectoryService } from "./directory.service.ts";
import type { Organisation } from "./organisations/organisations.repo.ts";

export type { OrganisationReads, PeopleReads } from "./directory.service.ts";
export type { Organisation } from "./organisations/organisations.repo.ts";
/** The date the shipped population figures count (the reference import records them as counted on it). */
export { REFERENCE_POPULATION_DATE } from "./reference.ts";
export {
  cooperationMembers,
  organisationSearchFields,
  organisations,
  people,
  personSearchFields,
  populationCounts,
} from "./schema.ts";

declare module "../../platform/module.ts" {
  interface ModuleServices {
    directory: DirectoryService;
  }
  interface PageSlots {
    /** An organisation's page: other modules add what the organisation takes part in (projects, solutions, strategies). */
    organisationPage: { organisation: Organisation };
  }
}
