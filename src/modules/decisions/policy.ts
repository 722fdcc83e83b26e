import { grantIn, isSecretariat, type Policies } from "../../platform/access/authorize.ts";

/** What a meeting rule is checked against: the network and the body that meets. */
export interface MeetingResource {
  networkId: number;
  bodyId: number;
}

const networkIdOf = (resource: unknown) => (resource as { id?: number } | undefined)?.id;

/**
 * The secretariat prepares meetings and keeps the minutes; the body's own secretary may do so for
 * its meetings. The steering group ranks the portfolio, with the secretariat keeping the list.
 */
export const decisionPolicies: Policies = {
  /** Resource: the network ({ id }). */
  "meeting.create": (actor, network) => isSecretariat(actor, networkIdOf(network)),
  /** Its details, agenda, papers, decisions and the approval of its minutes. Resource: MeetingResource. */
  "meeting.manage": (actor, meeting) => {
    const m = meeting as MeetingResource | undefined;
    if (!m) return false;
    if (isSecretariat(actor, m.networkId)) return true;
    return grantIn(actor, m.networkId)?.bodies.some((b) => b.id === m.bodyId && b.role === "secretary") ?? false;
  },
  /** A new rank order of needs and projects. Resource: the network ({ id }). */
  "priority.rank": (actor, network) => {
    const id = networkIdOf(network);
    return isSecretariat(actor, id) || (grantIn(actor, id)?.bodies.some((b) => b.kind === "steering_group") ?? false);
  },
};
