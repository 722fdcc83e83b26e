import { isSecretariat, type Policies } from "../../platform/access/authorize.ts";

/** A network's secretariat writes, adopts (recording the steering group's decision) and publishes its annual plan and report. */
export const annualPolicies: Policies = {
  /** Resource: { networkId }. */
  "annual.manage": (actor, resource) => isSecretariat(actor, (resource as { networkId?: number } | undefined)?.networkId),
};
