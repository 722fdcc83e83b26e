import { defineModule } from "../../platform/module.ts";
import { adoptionRoutes } from "./adoption.routes.tsx";
import { AdoptionService } from "./adoption.service.ts";
import { editorRoutes } from "./editors.routes.tsx";
import { roadmapPolicies } from "./policy.ts";
import { roadmapApi } from "./roadmap.api.ts";
import { roadmapRoutes } from "./roadmap.routes.tsx";
import { RoadmapService } from "./roadmap.service.ts";
import * as schema from "./schema.ts";
import { seedDemoAdoption, seedDemoRoadmap, seedDemoRollouts } from "./seed.ts";

/** The roadmap of national solutions: the shared catalogue, milestones, preparation and costs. */
export const roadmapModule = defineModule({
  name: "roadmap",
  tables: schema,
  services: {
    roadmap: ({ db }) => new RoadmapService(db),
    adoption: ({ db, services }) =>
      new AdoptionService(db, services.roadmap.repo, services.directory.organisations, services.access),
  },
  policies: roadmapPolicies,
  nav: [{ href: "/roadmap", label: "nav.roadmap" }],
  routes: (app, ctx) => {
    roadmapRoutes(app, ctx);
    adoptionRoutes(app, ctx);
    editorRoutes(app, ctx);
  },
  api: roadmapApi,
  search: async ({ services }, q) => {
    const items = await services.roadmap.list({ q });
    return items.slice(0, 10).map((i) => ({
      kind: "search.nationalSolution" as const,
      title: i.solution.name,
      href: `/roadmap/${i.solution.id}`,
      detail: `${i.solution.owner} · ${i.solution.purpose}`.slice(0, 120),
    }));
  },
  seed: async (ctx) => {
    await seedDemoRoadmap(ctx);
    await seedDemoAdoption(ctx);
    await seedDemoRollouts(ctx);
  },
});
