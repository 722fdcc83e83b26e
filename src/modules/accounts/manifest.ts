import { ApiTokenService } from "../../platform/auth/api-tokens.ts";
import { isLocale } from "../../platform/i18n/i18n.ts";
import { defineModule } from "../../platform/module.ts";
import { accountRoutes } from "./accounts.routes.tsx";
import { AccountService } from "./accounts.service.ts";
import { InvitationService } from "./invitations.service.ts";
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
    // An account's language is known where it chose one for its need digest.
    invitations: ({ db, services, delivery, baseUrl, config }) =>
      new InvitationService(db, delivery, baseUrl, services.access, config.SAMVERK_INVITATIONS_PER_HOUR ?? 30, async (userId) => {
        const locale = (await services.needs.repo.digestSetting(userId))?.locale;
        return isLocale(locale) ? locale : undefined;
      }),
    apiTokens: ({ db, services }) => new ApiTokenService(db, async (id) => (await services.networks.repo.byId(id)) !== undefined),
  },
  policies: accountPolicies,
  routes: accountRoutes,
});
