import { defineModule } from "../../platform/module.ts";
import { adoptionApi } from "./adoption/adoption.api.ts";
import { adoptionRoutes } from "./adoption/adoption.routes.tsx";
import { AdoptionService } from "./adoption/adoption.service.ts";
import { adoptionHistoryApi } from "./adoption-history/history.api.ts";
import { adoptionHistoryRoutes } from "./adoption-history/history.routes.tsx";
import { adoptionImportApi } from "./adoption-import/import.api.ts";
import { adoptionImportRoutes } from "./adoption-import/import.routes.tsx";
import { adoptionImporter } from "./adoption-import/importer.ts";
import { roadmapAnnual } from "./annual.ts";
import { budgetApi } from "./budget/budget.api.ts";
import { budgetRoutes } from "./budget/budget.routes.tsx";
import { calendarRoutes } from "./calendar/calendar.routes.ts";
import { catalogueApi } from "./catalogue/catalogue.api.ts";
import { catalogueRoutes } from "./catalogue/catalogue.routes.tsx";
import { editorRoutes } from "./editors/editors.routes.tsx";
import { roadmapFollowables } from "./follow.ts";
import { roadmapFrontPage } from "./front-page.ts";
import { messages } from "./messages.ts";
import { milestoneApi } from "./milestones/milestones.api.ts";
import { milestoneRoutes } from "./milestones/milestones.routes.tsx";
import { planRoutes } from "./plan/plan.routes.tsx";
import { roadmapPolicies } from "./policy.ts";
import { preparationApi } from "./preparation/preparation.api.ts";
import { preparationRoutes } from "./preparation/preparation.routes.tsx";
import { RoadmapService } from "./roadmap.service.ts";
import { rolloutApi } from "./rollouts/rollouts.api.ts";
import { rolloutRoutes } from "./rollouts/rollouts.routes.tsx";
import * as schema from "./schema.ts";
import { roadmapSearch } from "./search.ts";
import { seedDemoAdoption, seedDemoRoadmap, seedDemoRollouts } from "./seed.ts";
import { shippedCatalogue } from "./shipped-data.ts";
import { timelineRoutes } from "./timeline/timeline.routes.tsx";

/** The roadmap of national solutions: the shared catalogue, milestones, preparation and costs. */
export const roadmapModule = defineModule({
  name: "roadmap",
  messages,
  shipped: shippedCatalogue,
  tables: schema,
  services: {
    roadmap: ({ db }) => new RoadmapService(db),
    adoption: ({ db, services }) =>
      new AdoptionService(db, services.roadmap.repo, services.directory.organisations, services.access),
  },
  policies: roadmapPolicies,
  nav: [{ href: "/roadmap", label: "nav.roadmap" }],
  routes: (app, ctx) => {
    catalogueRoutes(app, ctx);
    milestoneRoutes(app, ctx);
    preparationRoutes(app, ctx);
    rolloutRoutes(app, ctx);
    timelineRoutes(app, ctx);
    calendarRoutes(app, ctx);
    adoptionRoutes(app, ctx);
    adoptionHistoryRoutes(app, ctx);
    adoptionImportRoutes(app, ctx);
    planRoutes(app, ctx);
    budgetRoutes(app, ctx);
    editorRoutes(app, ctx);
  },
  api: (api, ctx) => {
    catalogueApi(api, ctx);
    milestoneApi(api, ctx);
    preparationApi(api, ctx);
    adoptionApi(api, ctx);
    rolloutApi(api, ctx);
    budgetApi(api, ctx);
    adoptionHistoryApi(api, ctx);
    adoptionImportApi(api, ctx);
  },
  annual: roadmapAnnual,
  searchSources: roadmapSearch,
  followables: roadmapFollowables,
  frontPage: roadmapFrontPage,
  importers: (services) => [adoptionImporter(services.adoption)],
  seed: async (ctx) => {
    await seedDemoRoadmap(ctx);
    await seedDemoAdoption(ctx);
    await seedDemoRollouts(ctx);
  },
});
