import { defineModule } from "../../platform/module.ts";
import { ensureSecret } from "../../platform/secret.ts";
import { messages } from "./messages.ts";
import { surveyPolicies } from "./policy.ts";
import * as schema from "./schema.ts";
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
  // The automatic reminder before the closing date: the run is cheap when no survey is due.
  background: ({ services }, log) => services.surveys.scheduleReminders(60, log),
});
