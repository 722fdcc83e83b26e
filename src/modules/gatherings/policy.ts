import { isSecretariat, type Policies } from "../../platform/access/authorize.ts";

/** A network's secretariat holds its gatherings; anyone may read the public ones and register. */
export const gatheringPolicies: Policies = {
  /** Resource: { networkId } (the network by :slug, or a gathering). */
  "gathering.manage": (actor, resource) => {
    const networkId = (resource as { networkId?: number } | undefined)?.networkId;
    return networkId !== undefined && isSecretariat(actor, networkId);
  },
};
