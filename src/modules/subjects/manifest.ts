import { defineModule } from "../../platform/module.ts";
import { notesVisible, subjectsAnnual } from "./annual.ts";
import { subjectFollowables } from "./follow.ts";
import { messages } from "./messages.ts";
import { subjectPolicies } from "./policy.ts";
import * as schema from "./schema.ts";
import { subjectSearch } from "./search.ts";
import { networkSubjectsSection, networksSubjectsSection, projectSubjectsSection, solutionSubjectsSection } from "./sections.tsx";
import { seedDemoSubjects } from "./seed.ts";
import { subjectsApi } from "./subjects.api.ts";
import { subjectRoutes } from "./subjects.routes.tsx";
import { SubjectService } from "./subjects.service.ts";

/** Subject networks (fagnettverk) across networks: experience exchange, quality assurance, questions and answers. */
export const subjectsModule = defineModule({
  name: "subjects",
  messages,
  tables: schema,
  services: {
    subjects: ({ db, services }) => new SubjectService(db, services.directory.organisations),
  },
  policies: subjectPolicies,
  // Not in the main menu (it is full on a laptop's screen): the networks' page, each owner's page and the search lead here.
  routes: subjectRoutes,
  api: subjectsApi,
  sections: {
    networksPage: networksSubjectsSection,
    networkPage: networkSubjectsSection,
    projectPage: projectSubjectsSection,
    solutionPage: solutionSubjectsSection,
  },
  // Public experience and answered questions are found by the site search.
  annual: subjectsAnnual,
  annualRecords: { experience: notesVisible },
  searchSources: subjectSearch,
  followables: subjectFollowables,
  seed: seedDemoSubjects,
});
