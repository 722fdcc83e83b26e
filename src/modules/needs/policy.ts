import {
  actsForSomeOrganisation,
  grantIn,
  isNetworkMember,
  isSecretariat,
  type Policies,
  type Rule,
  sitsIn,
  withoutRecord,
} from "../../platform/access/authorize.ts";

/** What a need rule is checked against: its network and the organisation that registered it. */
export interface NeedResource {
  networkId: number;
  organisationId: number;
}

/** What an assessment rule is checked against: the round's network and assessing body. */
export interface RoundResource {
  networkId: number;
  bodyId: number;
}

const networkOf = (resource: unknown) => (resource as { id?: number; networkId?: number } | undefined) ?? {};

/** The representatives of the organisation that registered the need, and the secretariat. */
const keepsNeed = (actor: Parameters<Rule>[0], need: NeedResource): boolean =>
  isSecretariat(actor, need.networkId) ||
  (grantIn(actor, need.networkId)?.organisationIds.includes(need.organisationId) ?? false);

/**
 * Needs are registered by organisation representatives for their own organisation; other
 * organisations support them. The secretariat tends the list (merge, split, move) and configures the
 * assessment; the working committee's members score and recommend in the rounds of their body.
 */
export const needPolicies: Policies = {
  /** Resource: the network ({ id }). A representative of a member organisation, or the secretariat. */
  "need.create": (actor, network) => {
    const id = networkOf(network).id;
    return isSecretariat(actor, id) || (grantIn(actor, id)?.organisationIds.length ?? 0) > 0;
  },
  /** Its fields and attachments. Resource: NeedResource. */
  "need.update": (actor, need) => keepsNeed(actor, need as NeedResource),
  /** "We have this need too": anyone acting for some organisation; the service checks the one chosen. */
  "need.support": withoutRecord(actsForSomeOrganisation),
  /** Merge, split and move between networks. Resource: NeedResource. */
  "need.manage": (actor, need) => isSecretariat(actor, (need as NeedResource | undefined)?.networkId),
  /**
   * Linking a need to a national need, starting one from it, unlinking it: its own network's
   * secretariat only, never another network's. Resource: NeedResource.
   */
  "need.linkNational": (actor, need) => isSecretariat(actor, (need as NeedResource | undefined)?.networkId),
  /**
   * A national need's title and description: the secretariat of a network with a need in it, or of
   * the network that started it. Resource: { networkIds }.
   */
  "nationalNeed.edit": (actor, resource) =>
    ((resource as { networkIds?: readonly number[] } | undefined)?.networkIds ?? []).some((id) => isSecretariat(actor, id)),
  /** A network's submissions of needs to national bodies, and the answers. Resource: { networkId }. */
  "needSubmission.manage": (actor, resource) => {
    const networkId = (resource as { networkId?: number } | undefined)?.networkId;
    return networkId !== undefined && isSecretariat(actor, networkId);
  },
  /** Criteria, bands and rounds. Resource: the network ({ id }). */
  "assessment.configure": (actor, network) => isSecretariat(actor, networkOf(network).id),
  /**
   * Scoring in a round: only the members of the round's body (the working committee), and the
   * platform administrator, who acts everywhere. Resource: RoundResource.
   */
  "assessment.score": (actor, round) => {
    const r = round as RoundResource | undefined;
    return !!r && (actor.isAdmin || sitsIn(actor, r.networkId, r.bodyId));
  },
  /** The committee's recommendation: its leader or secretary, or the secretariat. Resource: RoundResource. */
  "assessment.recommend": (actor, round) => {
    const r = round as RoundResource | undefined;
    if (!r) return false;
    if (isSecretariat(actor, r.networkId)) return true;
    return (
      grantIn(actor, r.networkId)?.bodies.some((b) => b.id === r.bodyId && (b.role === "leader" || b.role === "secretary")) ??
      false
    );
  },
  /** Reading each assessor's scores: the network's members. Resource: RoundResource. */
  "assessment.read": (actor, round) => {
    return isNetworkMember(actor, (round as RoundResource | undefined)?.networkId);
  },
};
