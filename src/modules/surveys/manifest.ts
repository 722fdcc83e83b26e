import { defineModule } from "../../platform/module.ts";
import { ensureSecret } from "../../platform/secret.ts";
import { messages } from "./messages.ts";
import { networkSurveysSection } from "./network-section.tsx";
import { surveyPolicies } from "./policy.ts";
import * as schema from "./schema.ts";
import { seedDemoSurveys } from "./seed.ts";
import { surveysApi } from "./surveys.api.ts";
import { surveyRoutes } from "./surveys.routes.tsx";
import { SurveyService } from "./surveys.service.ts";

/** Evaluation surveys sent to the members' contacts. */
export const surveysModule = defineModule({
  name: "surveys",
  messages,
  tables: schema,
  services: {
    surveys: ({ db, delivery, baseUrl, config }) =>
      new SurveyService(db, { delivery, baseUrl }, () => ensureSecret(db, config.SAMVERK_SECRET)),
  },
  policies: surveyPolicies,
  routes: surveyRoutes,
  api: surveysApi,
  sections: { networkPage: networkSurveysSection },
  // The automatic reminder before the closing date: the run is cheap when no survey is due.
  background: ({ services }, log) => services.surveys.scheduleReminders(60, log),
  // Recipients' names and addresses go some days after the survey closes (decision 0030).
  retention: ({ services }) => ({ surveyRecipientData: () => services.surveys.removeExpiredRecipientData() }),
  seed: seedDemoSurveys,
});
