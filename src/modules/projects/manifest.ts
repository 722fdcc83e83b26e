import { keepUntilChange } from "../../platform/db/data-version.ts";
import { defineModule } from "../../platform/module.ts";
import { organisationProjectsSection } from "./organisation-section.tsx";
import { projectPolicies } from "./policy.ts";
import { projectsApi } from "./projects.api.ts";
import { projectRoutes } from "./projects.routes.tsx";
import { ProjectService } from "./projects.service.ts";
import * as schema from "./schema.ts";
import { seedDemoProjects } from "./seed.ts";

/** The shared portfolio: projects with phases, participants, status reports and benefits. */
export const projectsModule = defineModule({
  name: "projects",
  tables: schema,
  services: {
    projects: ({ db, services, delivery, baseUrl, options }) =>
      new ProjectService(
        db,
        services.networks.repo,
        services.directory.organisations,
        services.directory.people,
        services.access,
        { baseUrl, delivery },
        keepUntilChange(options.dataVersion),
      ),
  },
  policies: projectPolicies,
  nav: [{ href: "/projects", label: "nav.projects" }],
  routes: projectRoutes,
  api: projectsApi,
  sections: { organisationPage: organisationProjectsSection },
  search: async ({ services }, q, limit) => {
    const { items } = await services.projects.repo.list({ q }, null, "title", limit, 0);
    return items.map((p) => ({
      kind: "search.project" as const,
      title: p.title,
      href: `/projects/${p.id}`,
      detail: p.summary.slice(0, 120),
    }));
  },
  seed: seedDemoProjects,
});
