import { isSecretariat, type Policies } from "../../platform/access/authorize.ts";

/** A network's secretariat (and administrators) bring its records in from spreadsheets, and only into it. */
export const importPolicies: Policies = {
  /** Resource: { networkId } (the network by :slug, or a run of it). */
  "import.run": (actor, resource) => isSecretariat(actor, (resource as { networkId?: number } | undefined)?.networkId),
};
