import { isSecretariat, type Policies } from "../../platform/access/authorize.ts";

/** A network's secretariat (and administrators) build, send, remind and close its surveys; nobody else. */
export const surveyPolicies: Policies = {
  /** Resource: { networkId } (the network by :slug, or a survey). */
  "survey.manage": (actor, resource) => {
    const r = resource as { networkId?: number } | undefined;
    return r?.networkId !== undefined && isSecretariat(actor, r.networkId);
  },
};
