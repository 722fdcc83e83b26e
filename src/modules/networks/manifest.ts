import { defineModule } from "../../platform/module.ts";
import { accessApi } from "./access.api.ts";
import { accessRoutes } from "./access.routes.tsx";
import { AccessService } from "./access.service.ts";
import { networksApi } from "./networks.api.ts";
import { networkRoutes } from "./networks.routes.tsx";
import { NetworkService } from "./networks.service.ts";
import { networkPolicies } from "./policy.ts";
import * as schema from "./schema.ts";
import { seedDemoNetworks } from "./seed.ts";

/** Regional networks: their members, bodies and contact persons. */
export const networksModule = defineModule({
  name: "networks",
  tables: schema,
  services: {
    networks: ({ db, services }) => new NetworkService(db, services.directory.organisations, services.directory.people),
    access: ({ db, services, delivery, baseUrl }) =>
      new AccessService(db, services.networks.repo, services.directory.organisations, { delivery, baseUrl }),
  },
  policies: networkPolicies,
  nav: [{ href: "/networks", label: "nav.networks" }],
  routes: async (app, ctx) => {
    await networkRoutes(app, ctx);
    accessRoutes(app, ctx);
  },
  api: (api, ctx) => {
    networksApi(api, ctx);
    accessApi(api, ctx);
  },
  search: async ({ services }, q, limit) => {
    const needle = q.toLowerCase();
    const { items } = await services.networks.repo.list();
    return items
      .filter((n) => n.name.toLowerCase().includes(needle) || n.shortName.toLowerCase().includes(needle))
      .slice(0, limit)
      .map((n) => ({
        kind: "search.network" as const,
        title: n.name,
        href: `/n/${n.slug}`,
        detail: n.description.slice(0, 120),
      }));
  },
  seed: seedDemoNetworks,
});
