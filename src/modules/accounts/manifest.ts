import { ApiTokenService } from "../../platform/auth/api-tokens.ts";
import { defineModule } from "../../platform/module.ts";
import { accountRoutes } from "./accounts.routes.tsx";
import { AccountService } from "./accounts.service.ts";
import { accountPolicies } from "./policy.ts";

/** Signing in and out, password reset by e-mail, and the outbox of mail. */
export const accountsModule = defineModule({
  name: "accounts",
  services: {
    accounts: ({ db, services, delivery, baseUrl }) =>
      new AccountService(db, services.users, services.sessions, delivery, baseUrl, {
        directoryEntriesFor: (email) => services.directory.people.byEmail(email),
        networkAccessOf: (userId) => services.access.repo.allOf(userId),
        removeNetworkAccess: (tx, userId) => services.access.repo.with(tx).removeAllOf(userId),
      }),
    apiTokens: ({ db, services }) => new ApiTokenService(db, async (id) => (await services.networks.repo.byId(id)) !== undefined),
  },
  policies: accountPolicies,
  routes: accountRoutes,
});
