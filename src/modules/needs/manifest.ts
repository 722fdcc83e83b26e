import { defineModule } from "../../platform/module.ts";
import { assessmentRoutes } from "./assessment.routes.tsx";
import { AssessmentService } from "./assessment.service.ts";
import { needsApi } from "./needs.api.ts";
import { needRoutes } from "./needs.routes.tsx";
import { NeedService } from "./needs.service.ts";
import { needPolicies } from "./policy.ts";
import * as schema from "./schema.ts";
import { seedDemoNeeds } from "./seed.ts";

/** From need to recommendation: needs and ideas, their supporters, and the working committee's assessment. */
export const needsModule = defineModule({
  name: "needs",
  tables: schema,
  services: {
    needs: ({ db, services, delivery, baseUrl }) =>
      new NeedService(db, services.access, services.networks.repo, services.projects.repo, { baseUrl, delivery }),
    assessment: ({ db, services }) => new AssessmentService(db, services.networks.repo, services.needs),
  },
  policies: needPolicies,
  nav: [{ href: "/needs", label: "nav.needs" }],
  routes: (app, ctx) => {
    needRoutes(app, ctx);
    assessmentRoutes(app, ctx);
  },
  api: needsApi,
  search: async ({ services }, q, limit) => {
    // Site search shows what everyone may see.
    const { items } = await services.needs.list({ q }, null, "-created", limit, 0);
    return items.map((n) => ({
      kind: "search.need" as const,
      title: n.title,
      href: `/needs/${n.id}`,
      detail: n.problem.slice(0, 120),
    }));
  },
  seed: seedDemoNeeds,
});
