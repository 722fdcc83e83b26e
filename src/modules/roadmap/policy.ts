import { actsForOrganisation, isSecretariat, type OrganisationResource, type Policies } from "../../platform/access/authorize.ts";

/** What a catalogue rule is checked against: the solution's network, or null for the national catalogue. */
export interface CatalogueResource {
  networkId: number | null;
}

/**
 * The national catalogue is kept by the platform's administrators; a network's own regional
 * initiatives, with their milestones, tasks and costs, by that network's secretariat.
 */
export const roadmapPolicies: Policies = {
  /** Resource: CatalogueResource (the solution, or { networkId } of one to create). */
  "roadmap.edit": (actor, resource) => {
    const networkId = (resource as CatalogueResource | undefined)?.networkId;
    return networkId == null ? actor.isAdmin : isSecretariat(actor, networkId);
  },
  /**
   * An organisation's adoption statuses: its representatives, and the secretariats of the networks
   * it reports through. Resource: the organisation (OrganisationResource).
   */
  "adoption.report": (actor, org) => actsForOrganisation(actor, org as OrganisationResource),
};
