import { keepUntilChange } from "../../platform/db/data-version.ts";
import { defineModule } from "../../platform/module.ts";
import { needsVisible } from "./annual.ts";
import { AssessmentService } from "./assessment/assessment.service.ts";
import { criteriaApi } from "./assessment/criteria.api.ts";
import { criteriaRoutes } from "./assessment/criteria.routes.tsx";
import { roundsApi } from "./assessment/rounds.api.ts";
import { roundRoutes } from "./assessment/rounds.routes.tsx";
import { scoringRoutes } from "./assessment/scoring.routes.tsx";
import { documentRoutes } from "./documents/documents.routes.tsx";
import { needFollowables } from "./follow.ts";
import { needsFrontPage } from "./front-page.ts";
import { needImporter } from "./import/import.ts";
import { messages } from "./messages.ts";
import { nationalApi } from "./national/national.api.ts";
import { nationalRoutes } from "./national/national.routes.tsx";
import { NationalNeedService } from "./national/national.service.ts";
import { networkNeedsSection } from "./national/network-section.tsx";
import { submissionRoutes } from "./national/submissions.routes.tsx";
import { SubmissionService } from "./national/submissions.service.ts";
import { needsApi } from "./needs.api.ts";
import { needRoutes } from "./needs.routes.tsx";
import { NeedService } from "./needs.service.ts";
import { needPolicies } from "./policy.ts";
import * as schema from "./schema.ts";
import { needSearch } from "./search.ts";
import { seedDemoNeeds } from "./seed.ts";
import { supportersApi } from "./supporters/supporters.api.ts";
import { supporterRoutes } from "./supporters/supporters.routes.tsx";
import { tendingApi } from "./tending/tending.api.ts";
import { tendingRoutes } from "./tending/tending.routes.tsx";

/**
 * From need to recommendation: needs and ideas, their supporters, the working committee's assessment,
 * and needs passed on nationally (the same need across networks, and submissions to national bodies).
 */
export const needsModule = defineModule({
  name: "needs",
  messages,
  tables: schema,
  services: {
    needs: ({ db, services }) => new NeedService(db, services.access, services.networks, services.projects, services.searchWords),
    assessment: ({ db, services }) => new AssessmentService(db, services.networks, services.needs),
    nationalNeeds: ({ db, services, options }) =>
      new NationalNeedService(db, services.needs, keepUntilChange(options.dataVersion)),
    needSubmissions: ({ db, services }) => new SubmissionService(db, services.needs),
  },
  policies: needPolicies,
  nav: [{ href: "/needs", label: "nav.needs" }],
  routes: (app, ctx) => {
    needRoutes(app, ctx);
    supporterRoutes(app, ctx);
    documentRoutes(app, ctx);
    tendingRoutes(app, ctx);
    criteriaRoutes(app, ctx);
    roundRoutes(app, ctx);
    scoringRoutes(app, ctx);
    nationalRoutes(app, ctx);
    submissionRoutes(app, ctx);
  },
  api: (api, ctx) => {
    needsApi(api, ctx);
    supportersApi(api, ctx);
    tendingApi(api, ctx);
    criteriaApi(api, ctx);
    roundsApi(api, ctx);
    nationalApi(api, ctx);
  },
  sections: { networkPage: networkNeedsSection },
  searchSources: needSearch,
  followables: needFollowables,
  frontPage: needsFrontPage,
  annualRecords: { need: needsVisible },
  importers: (services) => [needImporter(services.networks)],
  seed: seedDemoNeeds,
});
