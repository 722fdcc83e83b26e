import { keepUntilChange } from "../../platform/db/data-version.ts";
import { defineModule } from "../../platform/module.ts";
import { ensureSecret } from "../../platform/secret.ts";
import { consultationsApi } from "./consultations.api.ts";
import { consultationRoutes } from "./consultations.routes.tsx";
import { ConsultationService } from "./consultations.service.ts";
import { consultationPolicies } from "./policy.ts";
import * as schema from "./schema.ts";
import { seedDemoConsultations } from "./seed.ts";

/** Public consultations on drafts: input from anyone, stored once, with a receipt and care for personal data. */
export const consultationsModule = defineModule({
  name: "consultations",
  tables: schema,
  services: {
    consultations: ({ db, services, delivery, baseUrl, config, options }) =>
      new ConsultationService(
        db,
        services.strategies,
        services.networks.repo,
        services.projects.repo,
        { delivery, baseUrl },
        () => ensureSecret(db, config.SAMVERK_SECRET),
        config.SAMVERK_INPUTS_PER_TEN_MINUTES,
        keepUntilChange(options.dataVersion),
      ),
  },
  policies: consultationPolicies,
  routes: consultationRoutes,
  api: consultationsApi,
  seed: seedDemoConsultations,
});
