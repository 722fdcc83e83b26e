import { defineModule } from "../../platform/module.ts";
import { messages } from "./messages.ts";
import { searchPolicies } from "./policy.ts";
import { searchApi } from "./search.api.ts";
import { searchRoutes } from "./search.routes.tsx";
import { shippedWordPairs } from "./shipped-data.ts";

/**
 * One search for the installation (decision 0034): every module's records that declare a search source,
 * under the access kernel's rule, in both written standards; and the word pairs that make it so.
 */
export const searchModule = defineModule({
  name: "search",
  messages,
  shipped: shippedWordPairs,
  policies: searchPolicies,
  routes: searchRoutes,
  api: searchApi,
});
