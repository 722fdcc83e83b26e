import { adminOnly, isSecretariat, type Policies, type Rule } from "../../platform/access/authorize.ts";

/** The network's secretariat runs it; the resource is the network ({ id }). */
const secretariatOfNetwork: Rule = (actor, network) => isSecretariat(actor, (network as { id?: number } | undefined)?.id);

/** Who may run a network. Administrators may do everything; a secretariat only in its own network. */
export const networkPolicies: Policies = {
  "network.create": adminOnly,
  "network.update": secretariatOfNetwork,
  "membership.manage": secretariatOfNetwork,
  "body.manage": secretariatOfNetwork,
  /** People with access, their roles, representations and person records, and invitations to the network. */
  "access.manage": secretariatOfNetwork,
};
