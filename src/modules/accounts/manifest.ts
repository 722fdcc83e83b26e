import { defineModule } from "../../platform/module.ts";
import { accountRoutes } from "./accounts.routes.tsx";
import { accountPolicies } from "./policy.ts";

/** Signing in and out, password reset by e-mail, and the outbox of mail. */
export const accountsModule = defineModule({
  name: "accounts",
  policies: accountPolicies,
  routes: accountRoutes,
});
