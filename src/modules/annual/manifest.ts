import { defineModule } from "../../platform/module.ts";
import { annualApi } from "./annual.api.ts";
import { annualRoutes } from "./annual.routes.tsx";
import { AnnualService } from "./annual.service.ts";
import { messages } from "./messages.ts";
import { annualPolicies } from "./policy.ts";
import * as schema from "./schema.ts";
import { networkAnnualSection } from "./section.tsx";
import { seedDemoAnnual } from "./seed.ts";

/** The annual plan (årsplan) and the annual report (årsrapport), adopted by the steering group and frozen as adopted. */
export const annualModule = defineModule({
  name: "annual",
  messages,
  tables: schema,
  services: {
    annual: ({ db, services }) => new AnnualService(db, services.meetings, services.surveys),
  },
  policies: annualPolicies,
  routes: annualRoutes,
  api: annualApi,
  sections: { networkPage: networkAnnualSection },
  seed: seedDemoAnnual,
});
