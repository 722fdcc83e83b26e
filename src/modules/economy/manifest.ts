import { defineModule } from "../../platform/module.ts";
import { economyApi } from "./economy.api.ts";
import { economyRoutes } from "./economy.routes.tsx";
import { EconomyService } from "./economy.service.ts";
import { messages } from "./messages.ts";
import { economyPolicies } from "./policy.ts";
import * as schema from "./schema.ts";
import { networkEconomySection } from "./sections.tsx";
import { seedDemoEconomy } from "./seed.ts";

/** The network's economy: budgets, member fees and released time. */
export const economyModule = defineModule({
  name: "economy",
  messages,
  tables: schema,
  services: {
    economy: ({ db, services }) => new EconomyService(db, services.directory.organisations, services.directory.people),
  },
  policies: economyPolicies,
  // Not in the main menu (it is full): the network's page leads here.
  routes: economyRoutes,
  api: economyApi,
  sections: { networkPage: networkEconomySection },
  seed: seedDemoEconomy,
});
