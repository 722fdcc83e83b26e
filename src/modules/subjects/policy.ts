import type { Actor } from "../../platform/access/actor.ts";
import { can, isSecretariat, type Policies, withoutRecord } from "../../platform/access/authorize.ts";
import type { SubjectMember } from "./subjects.repo.ts";

/** A subject network as the rules see it: who owns it, and the actor's own membership in it. */
export interface SubjectResource {
  ownerNetworkIds: readonly number[];
  membership: Pick<SubjectMember, "role" | "approved"> | null;
}

/** Runs the subject network: an approved coordinator, a secretariat of an owning network, an administrator. */
export const managesSubject = (actor: Actor | null, r: SubjectResource): boolean =>
  !!actor &&
  (actor.isAdmin ||
    (r.membership?.approved === true && r.membership.role === "coordinator") ||
    r.ownerNetworkIds.some((id) => isSecretariat(actor, id)));

/** Takes part: an approved member, or one who runs it. */
export const takesPartIn = (actor: Actor | null, r: SubjectResource): boolean =>
  managesSubject(actor, r) || r.membership?.approved === true;

/**
 * Who may do what in a subject network. Membership is not part of the actor (it spans networks),
 * so the routes load it with the subject network as the resource.
 */
export const subjectPolicies: Policies = {
  /** Starts a subject network: a network's secretariat (for its network), an administrator (also national ones). */
  "subject.create": withoutRecord(
    (actor) => actor.isAdmin || Object.values(actor.networks ?? {}).some((g) => g.role === "secretariat"),
  ),
  /** Joins or leaves one: anyone with an account. */
  "subject.join": withoutRecord((actor) => actor.userId !== null),
  /** Edits the mandate, lets people in, names coordinators, records reviews. Resource: SubjectResource. */
  "subject.manage": (actor, resource) => managesSubject(actor, resource as SubjectResource),
  /** Writes experience, asks and answers questions. Resource: SubjectResource. */
  "subject.contribute": (actor, resource) => takesPartIn(actor, resource as SubjectResource),
  /** Asks a subject network to review a project: whoever runs the project. Resource: the project's. */
  "subject.requestReview": (actor, resource) => can(actor, "project.update", resource),
};
