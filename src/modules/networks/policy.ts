import { adminOnly, type Policies } from "../../platform/access/authorize.ts";

/** Who may run a network. Issue 3 gives the secretariat of each network these rights for its own network. */
export const networkPolicies: Policies = {
  "network.create": adminOnly,
  "network.update": adminOnly,
  "membership.manage": adminOnly,
  "body.manage": adminOnly,
};
