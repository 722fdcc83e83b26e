import { defineModule } from "../../platform/module.ts";
import { importRoutes } from "./imports.routes.tsx";
import { ImportService, RUN_DAYS } from "./imports.service.ts";
import { messages } from "./messages.ts";
import { importPolicies } from "./policy.ts";
import * as schema from "./schema.ts";
import { networkImportSection } from "./section.tsx";

/** Imports from spreadsheets (decision 0039): every module's importers, run by a network's secretariat in four steps. */
export const importsModule = defineModule({
  name: "imports",
  messages,
  tables: schema,
  services: {
    imports: ({ db, importers }) => new ImportService(db, importers()),
  },
  policies: importPolicies,
  routes: importRoutes,
  sections: { networkPage: networkImportSection },
  retention: ({ services }) => ({
    importRuns: () => services.imports.repo.removeRunsBefore(new Date(Date.now() - RUN_DAYS * 24 * 60 * 60 * 1000)),
  }),
});
