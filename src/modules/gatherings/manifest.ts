import { defineModule } from "../../platform/module.ts";
import { gatheringsAnnual, gatheringsVisible } from "./annual.ts";
import { gatheringCalendar } from "./calendar.ts";
import { gatheringFeeds } from "./feed.ts";
import { gatheringFollowables } from "./follow.ts";
import { gatheringsFrontPage } from "./front-page.ts";
import { gatheringsApi } from "./gatherings.api.ts";
import { gatheringRoutes } from "./gatherings.routes.tsx";
import { GatheringService } from "./gatherings.service.ts";
import { messages } from "./messages.ts";
import { networkGatheringsSection, subjectGatheringsSection } from "./network-section.tsx";
import { organisationGatheringsSection } from "./organisation-section.tsx";
import { gatheringPolicies } from "./policy.ts";
import * as schema from "./schema.ts";
import { gatheringSearch } from "./search.ts";
import { seedDemoGatherings } from "./seed.ts";

/** Gatherings (samlingar): conferences, seminars, workshops, webinars and information meetings, with registration. */
export const gatheringsModule = defineModule({
  name: "gatherings",
  messages,
  tables: schema,
  services: {
    gatherings: ({ db, services, delivery, baseUrl }) =>
      new GatheringService(db, services.directory.organisations, services.subjects, { delivery, baseUrl }),
  },
  policies: gatheringPolicies,
  nav: [{ href: "/gatherings", label: "gathering.nav" }],
  routes: gatheringRoutes,
  api: gatheringsApi,
  sections: {
    networkPage: networkGatheringsSection,
    organisationPage: organisationGatheringsSection,
    subjectNetworkPage: subjectGatheringsSection,
  },
  calendar: gatheringCalendar,
  feeds: gatheringFeeds,
  // Reminders the day before a gathering: the run is cheap when nobody is due.
  background: ({ services }, log) => services.gatherings.scheduleReminders(15, log),
  retention: ({ services }) => ({ gatheringPersonalData: () => services.gatherings.removeExpiredPersonalData() }),
  annual: gatheringsAnnual,
  annualRecords: { gathering: gatheringsVisible },
  searchSources: gatheringSearch,
  followables: gatheringFollowables,
  frontPage: gatheringsFrontPage,
  seed: seedDemoGatherings,
});
