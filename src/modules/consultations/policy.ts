import type { Actor } from "../../platform/access/actor.ts";
import { grantIn, isSecretariat, type Policies } from "../../platform/access/authorize.ts";
import type { Restricted } from "../../platform/access/visibility.ts";

/** What a consultation rule is checked against: the network that holds it. */
export interface ConsultationResource {
  networkId: number | null;
}

/**
 * Who may answer a consultation: anyone; the network's members, signed in; or for a review round the
 * members of its bodies (and the secretariat). Anonymous visitors answer open consultations, so this
 * is a rule the service asks rather than a route's policy.
 */
export const mayAnswer = (
  actor: Actor | null,
  c: { audience: string; networkId: number; bodyIds: readonly number[] },
): boolean => {
  if (c.audience === "anyone") return true;
  if (!actor) return false;
  if (isSecretariat(actor, c.networkId)) return true;
  const grant = grantIn(actor, c.networkId);
  if (c.audience === "members") return grant !== undefined;
  return grant?.bodies.some((b) => c.bodyIds.includes(b.id)) ?? false;
};

/**
 * Who may read a consultation, as a link of the access kernel's chain (visibility.ts). The audience
 * says who may answer, not who may read: a consultation for "anyone" or for the network's "members"
 * has a public page (members answer signed in, anyone reads), so both read as "public"; an internal
 * review round ("bodies") is read by the network's own people, not only its bodies' members, so it
 * reads as "network". Text copied into a consultation must be readable by all of these
 * (`readableByAll`).
 */
export const readersOf = (c: { networkId: number; audience: string }): Restricted => ({
  networkId: c.networkId,
  visibility: c.audience === "bodies" ? "network" : "public",
});

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
