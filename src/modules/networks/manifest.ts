import { defineModule } from "../../platform/module.ts";
import { accessApi } from "./access/access.api.ts";
import { accessRoutes } from "./access/access.routes.tsx";
import { AccessService } from "./access/access.service.ts";
import { InvitationService } from "./access/invitations.service.ts";
import { personLinkRoutes } from "./access/person-link.routes.tsx";
import { bodiesVisible, networkAnnual } from "./annual.ts";
import { bodiesApi } from "./bodies/bodies.api.ts";
import { bodyRoutes } from "./bodies/bodies.routes.tsx";
import { bodyMemberRoutes } from "./bodies/body-members.routes.tsx";
import { bodyDocumentRoutes } from "./bodies/documents.routes.tsx";
import { feedRoutes } from "./feeds.routes.ts";
import { networkFollowables } from "./follow.ts";
import { membershipsApi } from "./memberships/memberships.api.ts";
import { membershipRoutes } from "./memberships/memberships.routes.tsx";
import { messages } from "./messages.ts";
import { networksApi } from "./networks.api.ts";
import { networkRoutes } from "./networks.routes.tsx";
import { NetworkService } from "./networks.service.ts";
import { networkPolicies } from "./policy.ts";
import * as schema from "./schema.ts";
import { networkSearch } from "./search.ts";
import { seedDemoNetworks } from "./seed.ts";

/** Regional networks: their members, bodies and contact persons. */
export const networksModule = defineModule({
  name: "networks",
  messages,
  tables: schema,
  services: {
    networks: ({ db, services }) => new NetworkService(db, services.directory.organisations, services.directory.people),
    access: ({ db, services, delivery, baseUrl }) =>
      new AccessService(db, services.networks.repo, services.directory.organisations, { delivery, baseUrl }),
    // Invitations grant a role in a network, written in the language the account last signed in with.
    invitations: ({ db, services, delivery, baseUrl, config }) =>
      new InvitationService(db, delivery, baseUrl, services.access, config.SAMVERK_INVITATIONS_PER_HOUR ?? 30, (userId) =>
        services.activityDigests.localeOf(userId),
      ),
  },
  policies: networkPolicies,
  nav: [{ href: "/networks", label: "nav.networks" }],
  routes: (app, ctx) => {
    networkRoutes(app, ctx);
    membershipRoutes(app, ctx);
    bodyRoutes(app, ctx);
    bodyMemberRoutes(app, ctx);
    bodyDocumentRoutes(app, ctx);
    accessRoutes(app, ctx);
    personLinkRoutes(app, ctx);
    feedRoutes(app, ctx);
  },
  api: (api, ctx) => {
    networksApi(api, ctx);
    membershipsApi(api, ctx);
    bodiesApi(api, ctx);
    accessApi(api, ctx);
  },
  searchSources: networkSearch,
  followables: networkFollowables,
  annual: networkAnnual,
  annualRecords: { body: bodiesVisible },
  seed: seedDemoNetworks,
});
