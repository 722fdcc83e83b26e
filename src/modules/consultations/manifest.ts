import { keepUntilChange } from "../../platform/db/data-version.ts";
import { defineModule } from "../../platform/module.ts";
import { ensureSecret } from "../../platform/secret.ts";
import { consultationsAnnual } from "./annual.ts";
import { consultationsApi } from "./consultations.api.ts";
import { consultationRoutes } from "./consultations.routes.tsx";
import { ConsultationService } from "./consultations.service.ts";
import { consultationFeeds } from "./feed.ts";
import { consultationFollowables } from "./follow.ts";
import { consultationsFrontPage } from "./front-page.ts";
import { handlingApi } from "./handling/handling.api.ts";
import { handlingRoutes } from "./handling/handling.routes.tsx";
import { inputsApi } from "./inputs/inputs.api.ts";
import { inputRoutes } from "./inputs/inputs.routes.tsx";
import { consultationLoaders } from "./loaders.ts";
import { messages } from "./messages.ts";
import { openingApi } from "./opening/opening.api.ts";
import { openingRoutes } from "./opening/opening.routes.tsx";
import { consultationPolicies } from "./policy.ts";
import { questionsApi } from "./questions/questions.api.ts";
import { questionRoutes } from "./questions/questions.routes.tsx";
import { reviewsApi } from "./reviews/reviews.api.ts";
import { reviewRoutes } from "./reviews/reviews.routes.tsx";
import * as schema from "./schema.ts";
import { consultationsSearch } from "./search.ts";
import { seedDemoConsultations } from "./seed.ts";
import { summaryApi } from "./summary/summary.api.ts";
import { summaryRoutes } from "./summary/summary.routes.tsx";

/** Public consultations on drafts: input from anyone, stored once, with a receipt and care for personal data. */
export const consultationsModule = defineModule({
  name: "consultations",
  messages,
  tables: schema,
  services: {
    consultations: ({ db, services, delivery, baseUrl, config, options }) =>
      new ConsultationService(
        db,
        services.strategies,
        services.networks,
        services.projects,
        { delivery, baseUrl },
        () => ensureSecret(db, config.SAMVERK_SECRET),
        config.SAMVERK_INPUTS_PER_TEN_MINUTES,
        keepUntilChange(options.dataVersion),
      ),
  },
  policies: consultationPolicies,
  routes: (app, ctx) => {
    const loaders = consultationLoaders(ctx.services);
    openingRoutes(app, ctx, loaders);
    consultationRoutes(app, ctx, loaders);
    questionRoutes(app, ctx, loaders);
    reviewRoutes(app, ctx, loaders);
    inputRoutes(app, ctx);
    handlingRoutes(app, ctx, loaders);
    summaryRoutes(app, ctx, loaders);
  },
  api: (api, ctx) => {
    consultationsApi(api, ctx);
    openingApi(api, ctx);
    questionsApi(api, ctx);
    reviewsApi(api, ctx);
    inputsApi(api, ctx);
    handlingApi(api, ctx);
    summaryApi(api, ctx);
  },
  searchSources: consultationsSearch,
  followables: consultationFollowables,
  frontPage: consultationsFrontPage,
  feeds: consultationFeeds,
  retention: ({ services }) => ({ consultationPersonalData: () => services.consultations.removeExpiredPersonalData() }),
  annual: consultationsAnnual,
  seed: seedDemoConsultations,
});
