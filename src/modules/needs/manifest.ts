import { defineModule } from "../../platform/module.ts";
import { assessmentRoutes } from "./assessment.routes.tsx";
import { needsApi } from "./needs.api.ts";
import { needRoutes } from "./needs.routes.tsx";
import { needPolicies } from "./policy.ts";
import { seedDemoNeeds } from "./seed.ts";

/** From need to recommendation: needs and ideas, their supporters, and the working committee's assessment. */
export const needsModule = defineModule({
  name: "needs",
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
