import { defineModule } from "../../platform/module.ts";
import { DirectoryService } from "./directory.service.ts";
import { messages } from "./messages.ts";
import { organisationsApi } from "./organisations/organisations.api.ts";
import { organisationRoutes } from "./organisations/organisations.routes.tsx";
import { peopleImporter } from "./people/import.ts";
import { peopleApi } from "./people/people.api.ts";
import { peopleRoutes } from "./people/people.routes.tsx";
import { directoryPolicies } from "./policy.ts";
import * as schema from "./schema.ts";
import { shippedReference } from "./shipped-data.ts";

/** Organisations (municipalities, counties, IT cooperations and more) and the people who act for them. */
export const directoryModule = defineModule({
  name: "directory",
  messages,
  shipped: shippedReference,
  tables: schema,
  services: {
    directory: ({ db, services }) =>
      new DirectoryService(db, (personId, organisationId) => services.networks.networkIdsOfPerson(personId, organisationId)),
  },
  policies: directoryPolicies,
  nav: [
    { href: "/organisations", label: "nav.organisations" },
    { href: "/people", label: "nav.people" },
  ],
  routes: (app, ctx) => {
    organisationRoutes(app, ctx);
    peopleRoutes(app, ctx);
  },
  api: (api, ctx) => {
    organisationsApi(api, ctx);
    peopleApi(api, ctx);
  },
  importers: (services) => [peopleImporter(services.networks)],
});
