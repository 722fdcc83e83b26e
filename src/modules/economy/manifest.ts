import { defineModule } from "../../platform/module.ts";
import { EconomyService } from "./economy.service.ts";
import { messages } from "./messages.ts";
import { economyPolicies } from "./policy.ts";
import * as schema from "./schema.ts";

/** The network's economy: budgets, member fees and released time. */
export const economyModule = defineModule({
  name: "economy",
  messages,
  tables: schema,
  services: {
    economy: ({ db, services }) => new EconomyService(db, services.directory.organisations, services.directory.people),
  },
  policies: economyPolicies,
});
