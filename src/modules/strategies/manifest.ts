import { defineModule } from "../../platform/module.ts";
import { ambitionsApi } from "./ambitions/ambitions.api.ts";
import { ambitionRoutes } from "./ambitions/ambitions.routes.tsx";
import { AmbitionService } from "./ambitions/ambitions.service.ts";
import { strategiesAnnual } from "./annual.ts";
import { dashboardApi } from "./dashboard/dashboard.api.ts";
import { dashboardRoutes } from "./dashboard/dashboard.routes.tsx";
import { documentRoutes } from "./document/document.routes.tsx";
import { strategyFollowables } from "./follow.ts";
import { followUpApi } from "./follow-up/follow-up.api.ts";
import { followUpRoutes } from "./follow-up/follow-up.routes.tsx";
import { strategiesFrontPage } from "./front-page.ts";
import { strategyMeasureImporter } from "./import/import.ts";
import { messages } from "./messages.ts";
import { organisationStrategiesSection } from "./organisation-section.tsx";
import { planApi } from "./plan/plan.api.ts";
import { planRoutes } from "./plan/plan.routes.tsx";
import { strategyPolicies } from "./policy.ts";
import { revisionsApi } from "./revisions/revisions.api.ts";
import { revisionRoutes } from "./revisions/revisions.routes.tsx";
import * as schema from "./schema.ts";
import { strategiesSearch } from "./search.ts";
import { seedDemoStrategies } from "./seed.ts";
import { shippedThemes } from "./shipped-data.ts";
import { strategiesApi } from "./strategies.api.ts";
import { strategyRoutes } from "./strategies.routes.tsx";
import { StrategyService } from "./strategies.service.ts";
import { themesApi } from "./themes/themes.api.ts";
import { themeRoutes } from "./themes/themes.routes.tsx";
import { ThemeService } from "./themes/themes.service.ts";

/** Strategies and action plans of the members and of the networks, followed up measure by measure. */
export const strategiesModule = defineModule({
  name: "strategies",
  messages,
  shipped: shippedThemes,
  tables: schema,
  services: {
    strategies: ({ db, services }) => new StrategyService(db, services.access),
    ambitions: ({ db, services }) => new AmbitionService(db, services.roadmap, services.adoption),
    themes: ({ db, services }) => new ThemeService(db, services.strategies),
  },
  policies: strategyPolicies,
  nav: [{ href: "/strategies", label: "nav.strategies" }],
  routes: (app, ctx) => {
    strategyRoutes(app, ctx);
    planRoutes(app, ctx);
    followUpRoutes(app, ctx);
    revisionRoutes(app, ctx);
    documentRoutes(app, ctx);
    themeRoutes(app, ctx);
    dashboardRoutes(app, ctx);
    ambitionRoutes(app, ctx);
  },
  api: (api, ctx) => {
    strategiesApi(api, ctx);
    planApi(api, ctx);
    followUpApi(api, ctx);
    revisionsApi(api, ctx);
    themesApi(api, ctx);
    ambitionsApi(api, ctx);
    dashboardApi(api, ctx);
  },
  searchSources: strategiesSearch,
  followables: strategyFollowables,
  frontPage: strategiesFrontPage,
  background: ({ services }, log) => services.strategies.scheduleOverdue(60, log),
  annual: strategiesAnnual,
  importers: (services) => [strategyMeasureImporter(services.networks)],
  seed: seedDemoStrategies,
  sections: { organisationPage: organisationStrategiesSection },
});
