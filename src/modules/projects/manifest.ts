import { keepUntilChange } from "../../platform/db/data-version.ts";
import { defineModule } from "../../platform/module.ts";
import { projectsAnnual, projectsVisible } from "./annual.ts";
import { benefitsApi } from "./benefits/benefits.api.ts";
import { benefitRoutes } from "./benefits/benefits.routes.tsx";
import { checklistRoutes } from "./checklists/checklists.routes.tsx";
import { documentRoutes } from "./documents/documents.routes.tsx";
import { projectFollowables } from "./follow.ts";
import { projectsFrontPage } from "./front-page.ts";
import { projectImporter } from "./import/import.ts";
import { statusReportImporter } from "./import/status-reports.ts";
import { joinApi } from "./join/join.api.ts";
import { joinRoutes } from "./join/join.routes.tsx";
import { messages } from "./messages.ts";
import { organisationProjectsSection } from "./organisation-section.tsx";
import { participantsApi } from "./participants/participants.api.ts";
import { participantRoutes } from "./participants/participants.routes.tsx";
import { projectPolicies } from "./policy.ts";
import { portfolioRoutes } from "./portfolio/portfolio.routes.tsx";
import { savedViewRoutes } from "./portfolio/saved-views.routes.tsx";
import { projectsApi } from "./projects.api.ts";
import { projectRoutes } from "./projects.routes.tsx";
import { ProjectService } from "./projects.service.ts";
import { reportsApi } from "./reports/reports.api.ts";
import { reportRoutes } from "./reports/reports.routes.tsx";
import { resourcesApi } from "./resources/resources.api.ts";
import { resourceRoutes } from "./resources/resources.routes.tsx";
import * as schema from "./schema.ts";
import { projectSearch } from "./search.ts";
import { sectorRoutes } from "./sectors/sectors.routes.tsx";
import { seedDemoProjects } from "./seed.ts";
import { timelineRoutes } from "./timeline/timeline.routes.tsx";

/** The shared portfolio: projects with phases, participants, status reports and benefits. */
export const projectsModule = defineModule({
  name: "projects",
  messages,
  tables: schema,
  services: {
    projects: ({ db, services, delivery, baseUrl, options }) =>
      new ProjectService(
        db,
        services.networks,
        services.directory.organisations,
        services.directory.people,
        services.access,
        { baseUrl, delivery },
        services.searchWords,
        keepUntilChange(options.dataVersion),
        keepUntilChange(options.dataVersion, 200),
      ),
  },
  policies: projectPolicies,
  nav: [{ href: "/projects", label: "nav.projects" }],
  routes: (app, ctx) => {
    portfolioRoutes(app, ctx);
    timelineRoutes(app, ctx);
    savedViewRoutes(app, ctx);
    sectorRoutes(app, ctx);
    checklistRoutes(app, ctx);
    projectRoutes(app, ctx);
    joinRoutes(app, ctx);
    participantRoutes(app, ctx);
    reportRoutes(app, ctx);
    benefitRoutes(app, ctx);
    resourceRoutes(app, ctx);
    documentRoutes(app, ctx);
  },
  api: (api, ctx) => {
    projectsApi(api, ctx);
    participantsApi(api, ctx);
    reportsApi(api, ctx);
    benefitsApi(api, ctx);
    joinApi(api, ctx);
    resourcesApi(api, ctx);
  },
  sections: { organisationPage: organisationProjectsSection },
  searchSources: projectSearch,
  followables: projectFollowables,
  frontPage: projectsFrontPage,
  annual: projectsAnnual,
  annualRecords: { project: projectsVisible },
  importers: (services) => [projectImporter(services.networks), statusReportImporter()],
  seed: seedDemoProjects,
});
