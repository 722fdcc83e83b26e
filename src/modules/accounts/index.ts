/** The accounts module's public face: what other modules may use. Nothing else of it is imported from outside. */

import type { ApiTokenService } from "../../platform/auth/api-tokens.ts";
import type { AccountService } from "./accounts.service.ts";
import type { InvitationService } from "./invitations.service.ts";

export { safeReturnTo } from "./accounts.routes.tsx";
export { InvitationTable, MessagePage } from "./accounts.views.tsx";
export { INVITATION_DAYS, inviteInput } from "./invitations.service.ts";

declare module "../../platform/module.ts" {
  interface ModuleServices {
    accounts: AccountService;
    invitations: InvitationService;
    apiTokens: ApiTokenService;
  }
}
