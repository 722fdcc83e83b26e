import type { Actor } from "../../platform/access/actor.ts";
import {
  actsForOrganisation,
  adminOnly,
  hasRole,
  isSecretariat,
  type OrganisationResource,
  type Policies,
  secretariatNetworks,
  withoutRecord,
} from "../../platform/access/authorize.ts";

/** What a catalogue rule is checked against: the solution's network, or null for the national catalogue. */
export interface CatalogueResource {
  networkId: number | null;
}

/** Runs the network a project belongs to: links the project as a rollout of a solution, or removes the link. */
export const runsNetworkOf = (actor: Actor | null, project: { networkId: number } | undefined): boolean =>
  isSecretariat(actor, project?.networkId);

/**
 * The national catalogue is kept by the platform's administrators and national editors; a network's own regional
 * initiatives, with their milestones, tasks and costs, by that network's secretariat.
 */
export const roadmapPolicies: Policies = {
  /** Resource: CatalogueResource (the solution, or { networkId } of one to create). */
  "roadmap.edit": (actor, resource) => {
    const networkId = (resource as CatalogueResource | undefined)?.networkId;
    return networkId == null ? hasRole(actor, "national_editor") : isSecretariat(actor, networkId);
  },
  /**
   * Links a network's project as its rollout of a solution: any secretariat may ask; the service
   * checks that the project chosen in the body belongs to a network the actor runs.
   */
  "rollout.link": withoutRecord((actor) => actor.isAdmin || secretariatNetworks(actor).length > 0),
  /** Removes a rollout link: the secretariat of the project's network. Resource: { networkId } of the project. */
  "rollout.unlink": (actor, project) => runsNetworkOf(actor, project as { networkId: number } | undefined),
  /** Who may grant and take back the national editor role. */
  "roadmap.editors": adminOnly,
  /**
   * An organisation's adoption statuses: its representatives, and the secretariats of the networks
   * it reports through. Resource: the organisation (OrganisationResource).
   */
  "adoption.report": (actor, org) => actsForOrganisation(actor, org as OrganisationResource),
  /** Bulk update of a network's members' statuses from a file: the network's secretariat. Resource: the network. */
  "adoption.import": (actor, network) => isSecretariat(actor, (network as { id: number } | undefined)?.id),
};
