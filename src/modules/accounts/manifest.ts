import { ApiTokenService } from "../../platform/auth/api-tokens.ts";
import { defineModule } from "../../platform/module.ts";
import { AccountService } from "./accounts.service.ts";
import { auditRoutes } from "./audit/audit.routes.tsx";
import { calendarFeedRoutes } from "./calendar/calendar.routes.tsx";
import { emailChangeRoutes } from "./email/email.routes.tsx";
import { invitationRoutes } from "./invitations/invitations.routes.tsx";
import { messages } from "./messages.ts";
import { outboxRoutes } from "./outbox/outbox.routes.tsx";
import { accountPolicies } from "./policy.ts";
import { sessionRoutes } from "./sessions/sessions.routes.tsx";
import { oidcRoutes } from "./sign-in/oidc.routes.tsx";
import { passwordRoutes } from "./sign-in/password.routes.tsx";
import { signInRoutes } from "./sign-in/sign-in.routes.tsx";
import { tokenRoutes } from "./tokens/tokens.routes.tsx";
import { yourDataRoutes } from "./your-data/your-data.routes.tsx";

/** Signing in and out, password reset by e-mail, and the outbox of mail. */
export const accountsModule = defineModule({
  name: "accounts",
  messages,
  services: {
    accounts: ({ db, services, delivery, baseUrl }) =>
      new AccountService(db, services.users, services.sessions, delivery, baseUrl, {
        directoryEntriesFor: (email) => services.directory.people.byEmail(email),
        networkAccessOf: (userId) => services.access.allOf(userId),
        removeNetworkAccess: (tx, userId) => services.access.removeAllOf(tx, userId),
      }),
    apiTokens: ({ db, services }) => new ApiTokenService(db, async (id) => (await services.networks.byId(id)) !== undefined),
  },
  policies: accountPolicies,
  routes: (app, ctx) => {
    signInRoutes(app, ctx);
    oidcRoutes(app, ctx);
    passwordRoutes(app, ctx);
    sessionRoutes(app, ctx);
    emailChangeRoutes(app, ctx);
    tokenRoutes(app, ctx);
    calendarFeedRoutes(app, ctx);
    yourDataRoutes(app, ctx);
    invitationRoutes(app, ctx);
    auditRoutes(app, ctx);
    outboxRoutes(app, ctx);
  },
});
