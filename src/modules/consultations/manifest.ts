import { defineModule } from "../../platform/module.ts";
import { consultationsApi } from "./consultations.api.ts";
import { consultationRoutes } from "./consultations.routes.tsx";
import { consultationPolicies } from "./policy.ts";
import { seedDemoConsultations } from "./seed.ts";

/** Public consultations on drafts: input from anyone, stored once, with a receipt and care for personal data. */
export const consultationsModule = defineModule({
  name: "consultations",
  policies: consultationPolicies,
  routes: consultationRoutes,
  api: consultationsApi,
  seed: seedDemoConsultations,
});
