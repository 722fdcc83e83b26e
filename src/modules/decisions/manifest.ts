import { defineModule } from "../../platform/module.ts";
import { decisionsApi } from "./decisions.api.ts";
import { meetingRoutes } from "./meetings.routes.tsx";
import { decisionPolicies } from "./policy.ts";
import { priorityRoutes } from "./priorities.routes.tsx";
import { seedDemoDecisions } from "./seed.ts";

/** Meetings of the bodies, their decisions (vedtak) and the steering group's prioritised list. */
export const decisionsModule = defineModule({
  name: "decisions",
  policies: decisionPolicies,
  routes: (app, ctx) => {
    meetingRoutes(app, ctx);
    priorityRoutes(app, ctx);
  },
  api: decisionsApi,
  seed: seedDemoDecisions,
});
