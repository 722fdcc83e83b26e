import {
  actsForSomeOrganisation,
  grantIn,
  isSecretariat,
  type Policies,
  type Rule,
  withoutRecord,
} from "../../platform/access/authorize.ts";

/** What a project rule is checked against: the project's network, owner and lead organisations. */
export interface ProjectResource {
  networkId: number;
  ownerOrganisationId: number | null;
  leadOrganisationIds: readonly number[];
}

/** The secretariat, or a representative in the network of the organisation that owns or leads it. */
export const runsProject = (actor: Parameters<Rule>[0], project: ProjectResource): boolean => {
  if (isSecretariat(actor, project.networkId)) return true;
  const represented = grantIn(actor, project.networkId)?.organisationIds ?? [];
  return represented.some((id) => id === project.ownerOrganisationId || project.leadOrganisationIds.includes(id));
};

/**
 * Projects are the first records organisation representatives keep themselves: a representative
 * registers projects for the organisations they act for and runs those their organisation owns or
 * leads. The secretariat runs every project in its network's portfolio.
 */
export const projectPolicies: Policies = {
  /** Resource: the network ({ id }). */
  "project.create": (actor, network) => {
    const id = (network as { id?: number } | undefined)?.id;
    return isSecretariat(actor, id) || (grantIn(actor, id)?.organisationIds.length ?? 0) > 0;
  },
  /** Its fields, phase, participants, status reports and benefits. Resource: ProjectResource. */
  "project.update": (actor, project) => runsProject(actor, project as ProjectResource),
  /** "We want to take part": anyone acting for some organisation; the service checks the one chosen. */
  "project.join": withoutRecord(actsForSomeOrganisation),
  /** Removing a project from the portfolio loses its history of reports; only the secretariat may. */
  "project.delete": (actor, project) => isSecretariat(actor, (project as ProjectResource | undefined)?.networkId),
  /** The network's own sectors and its checklist for each phase. Resource: the network ({ id }). */
  "portfolio.configure": (actor, network) => isSecretariat(actor, (network as { id?: number } | undefined)?.id),
};
