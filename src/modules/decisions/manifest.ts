import { defineModule } from "../../platform/module.ts";
import { decisionsAnnual } from "./annual.ts";
import { decisionRoutes } from "./decisions/decisions.routes.tsx";
import { decisionFeeds } from "./feed.ts";
import { decisionsFrontPage } from "./front-page.ts";
import { agendaRoutes } from "./meetings/agenda.routes.tsx";
import { meetingCalendar } from "./meetings/calendar.ts";
import { meetingsApi } from "./meetings/meetings.api.ts";
import { meetingRoutes } from "./meetings/meetings.routes.tsx";
import { MeetingService } from "./meetings/meetings.service.ts";
import { messages } from "./messages.ts";
import { decisionPolicies } from "./policy.ts";
import { prioritiesApi } from "./priorities/priorities.api.ts";
import { priorityRoutes } from "./priorities/priorities.routes.tsx";
import { PriorityService } from "./priorities/priorities.service.ts";
import * as schema from "./schema.ts";
import { decisionsSearch } from "./search.ts";
import { seedDemoDecisions } from "./seed.ts";

/** Meetings of the bodies, their decisions (vedtak) and the steering group's prioritised list. */
export const decisionsModule = defineModule({
  name: "decisions",
  messages,
  tables: schema,
  services: {
    meetings: ({ db, services }) =>
      new MeetingService(db, services.networks, services.needs, services.projects, services.assessment),
    priorities: ({ db, services }) => new PriorityService(db, services.needs, services.projects),
  },
  policies: decisionPolicies,
  routes: (app, ctx) => {
    meetingRoutes(app, ctx);
    agendaRoutes(app, ctx);
    decisionRoutes(app, ctx);
    priorityRoutes(app, ctx);
  },
  api: (api, ctx) => {
    meetingsApi(api, ctx);
    prioritiesApi(api, ctx);
  },
  searchSources: decisionsSearch,
  frontPage: decisionsFrontPage,
  calendar: meetingCalendar,
  feeds: decisionFeeds,
  annual: decisionsAnnual,
  seed: seedDemoDecisions,
});
