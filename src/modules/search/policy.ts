import { adminOnly, type Policies } from "../../platform/access/authorize.ts";

export const searchPolicies: Policies = {
  /** The installation's own word pairs of the two written standards. */
  "search.words.manage": adminOnly,
};
