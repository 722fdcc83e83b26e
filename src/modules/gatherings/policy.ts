import { isSecretariat, type Policies } from "../../platform/access/authorize.ts";

/** A network's secretariat holds its gatherings, with those of the networks holding one together; anyone may read the public ones and register. */
export const gatheringPolicies: Policies = {
  /** Resource: { networkId, hostNetworkIds? } (the network by :slug, or a gathering with its co-hosts). */
  "gathering.manage": (actor, resource) => {
    const r = resource as { networkId?: number; hostNetworkIds?: readonly number[] } | undefined;
    return r?.networkId !== undefined && [r.networkId, ...(r.hostNetworkIds ?? [])].some((id) => isSecretariat(actor, id));
  },
};
