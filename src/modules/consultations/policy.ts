import { grantIn, isSecretariat, type Policies } from "../../platform/access/authorize.ts";

/** What a consultation rule is checked against: the network that holds it. */
export interface ConsultationResource {
  networkId: number | null;
}

/** A network's secretariat opens and runs its consultations; anyone may read them and give input. */
export const consultationPolicies: Policies = {
  /** Resource: ConsultationResource (a consultation, or the strategy one is opened on). */
  "consultation.manage": (actor, resource) => {
    const networkId = (resource as ConsultationResource | undefined)?.networkId;
    return networkId !== null && networkId !== undefined && isSecretariat(actor, networkId);
  },
  /** The summary for the steering group, without personal data: anyone with access to the network. */
  "consultation.summary": (actor, resource) => {
    const networkId = (resource as ConsultationResource | undefined)?.networkId;
    return networkId !== null && networkId !== undefined && (actor?.isAdmin === true || grantIn(actor, networkId) !== undefined);
  },
};
