import { defineModule } from "../../platform/module.ts";
import { messages } from "./messages.ts";
import { reportsApi } from "./reports.api.ts";
import { reportRoutes } from "./reports.routes.tsx";
import { ReportService } from "./reports.service.ts";
import * as schema from "./schema.ts";
import { networkReportsSection, organisationReportsSection } from "./sections.tsx";

/** What each member got: a report per member and the comparison of all members, drawn from the other modules' published data. */
export const reportsModule = defineModule({
  name: "reports",
  messages,
  tables: schema,
  services: {
    memberReports: ({ db, services }) => new ReportService(db, services),
  },
  routes: reportRoutes,
  api: reportsApi,
  sections: {
    networkPage: networkReportsSection,
    organisationPage: organisationReportsSection,
  },
});
