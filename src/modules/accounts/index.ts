/** The accounts module's public face: what other modules may use. Nothing else of it is imported from outside. */

import type { ApiTokenService } from "../../platform/auth/api-tokens.ts";
import type { AccountService } from "./accounts.service.ts";

export { safeReturnTo } from "./links.tsx";

declare module "../../platform/module.ts" {
  interface ModuleServices {
    accounts: AccountService;
    apiTokens: ApiTokenService;
  }
}
