import {
  actsForOrganisation,
  actsForSomeOrganisation,
  isSecretariat,
  type Policies,
  withoutRecord,
} from "../../platform/access/authorize.ts";
import type { StrategyResource } from "./strategies.service.ts";

/**
 * A member's strategy is kept by those who act for the member (its representatives, and the
 * secretariats of its networks); a network's shared strategy by the network's secretariat.
 */
export const strategyPolicies: Policies = {
  /** Starting a strategy: anyone who acts for an organisation or runs a network; the owner chosen is checked with strategy.edit. */
  "strategy.create": withoutRecord((actor) => actsForSomeOrganisation(actor)),
  /** Resource: StrategyResource (the strategy, or the owner of one to create). */
  "strategy.edit": (actor, resource) => {
    const r = resource as StrategyResource | undefined;
    if (!r) return false;
    if (r.networkId !== null) return isSecretariat(actor, r.networkId);
    return (
      r.organisationId !== null && actsForOrganisation(actor, { organisationId: r.organisationId, networkIds: r.networkIds })
    );
  },
  /** A network's regional ambitions: its secretariat. Resource: the network ({ id }). */
  "ambition.manage": (actor, network) => isSecretariat(actor, (network as { id: number } | undefined)?.id),
  /** A network's own themes beside the shared list: its secretariat. Resource: the network ({ id }). */
  "strategy.themes": (actor, network) => isSecretariat(actor, (network as { id: number } | undefined)?.id),
};
