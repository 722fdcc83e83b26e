import { defineModule } from "../../platform/module.ts";
import { catalogueRoutes } from "./catalogue/catalogue.routes.tsx";
import { solutionFollowables } from "./follow.ts";
import { solutionImporter } from "./import/import.ts";
import { solutionLoaders } from "./loaders.ts";
import { messages } from "./messages.ts";
import { organisationSolutionsSection } from "./organisation-section.tsx";
import { solutionPolicies } from "./policy.ts";
import { introducedByRoutes } from "./projects/projects.routes.tsx";
import { publiccodeApi } from "./publiccode/publiccode.api.ts";
import { publiccodeRoutes } from "./publiccode/publiccode.routes.tsx";
import * as schema from "./schema.ts";
import { solutionSearch } from "./search.ts";
import { seedDemoSolutions } from "./seed.ts";
import { solutionsApi } from "./solutions.api.ts";
import { solutionRoutes } from "./solutions.routes.tsx";
import { SolutionService } from "./solutions.service.ts";
import { usersApi } from "./users/users.api.ts";
import { userRoutes } from "./users/users.routes.tsx";

/** The catalogue of reusable solutions, shared by every network, with who uses what. */
export const solutionsModule = defineModule({
  name: "solutions",
  messages,
  tables: schema,
  services: {
    solutions: ({ db, services }) =>
      new SolutionService(
        db,
        services.access,
        services.directory.organisations,
        services.directory.people,
        services.projects,
        services.networks,
      ),
  },
  policies: solutionPolicies,
  nav: [{ href: "/solutions", label: "nav.solutions" }],
  routes: (app, ctx) => {
    const loaders = solutionLoaders(ctx.services);
    catalogueRoutes(app, ctx);
    publiccodeRoutes(app, ctx);
    solutionRoutes(app, ctx, loaders);
    userRoutes(app, ctx, loaders);
    introducedByRoutes(app, ctx, loaders);
  },
  api: (api, ctx) => {
    solutionsApi(api, ctx);
    publiccodeApi(api, ctx);
    usersApi(api, ctx);
  },
  sections: { organisationPage: organisationSolutionsSection },
  searchSources: solutionSearch,
  followables: solutionFollowables,
  importers: (services) => [solutionImporter(services.networks)],
  seed: seedDemoSolutions,
});
