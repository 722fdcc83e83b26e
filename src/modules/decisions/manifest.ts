import { defineModule } from "../../platform/module.ts";
import { decisionsApi } from "./decisions.api.ts";
import { meetingRoutes } from "./meetings.routes.tsx";
import { MeetingService } from "./meetings.service.ts";
import { decisionPolicies } from "./policy.ts";
import { priorityRoutes } from "./priorities.routes.tsx";
import { PriorityService } from "./priorities.service.ts";
import * as schema from "./schema.ts";
import { seedDemoDecisions } from "./seed.ts";

/** Meetings of the bodies, their decisions (vedtak) and the steering group's prioritised list. */
export const decisionsModule = defineModule({
  name: "decisions",
  tables: schema,
  services: {
    meetings: ({ db, services }) =>
      new MeetingService(db, services.networks.repo, services.needs, services.projects, services.assessment),
    priorities: ({ db, services }) => new PriorityService(db, services.needs, services.projects),
  },
  policies: decisionPolicies,
  routes: (app, ctx) => {
    meetingRoutes(app, ctx);
    priorityRoutes(app, ctx);
  },
  api: decisionsApi,
  seed: seedDemoDecisions,
});
