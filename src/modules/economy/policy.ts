import { isSecretariat, type Policies } from "../../platform/access/authorize.ts";

/** A network's secretariat (and administrators) keep its budgets, fee key and released time; readers see them by the budget's visibility. */
export const economyPolicies: Policies = {
  /** Resource: { networkId } (the network by :slug, or a budget of it). */
  "economy.manage": (actor, resource) => isSecretariat(actor, (resource as { networkId?: number } | undefined)?.networkId),
};
