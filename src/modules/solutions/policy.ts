import { grantIn, isSecretariat, type Policies, type Rule } from "../../platform/access/authorize.ts";

/** An organisation as a solution rule sees it: the organisation and the networks it is a member of. */
export interface OrganisationResource {
  organisationId: number;
  networkIds: readonly number[];
}

/** Acts for the organisation: represents it in some network, or runs a network it is a member of. */
export const actsFor: Rule = (actor, resource) => {
  const { organisationId, networkIds } = resource as OrganisationResource;
  if (actor.isAdmin || networkIds.some((id) => isSecretariat(actor, id))) return true;
  return Object.keys(actor.networks ?? {}).some((id) => grantIn(actor, Number(id))?.organisationIds.includes(organisationId));
};

/**
 * The catalogue is shared by every network. An organisation offers its solutions and says what it
 * uses; those acting for it (its representatives, the secretariats of its networks) do that for it.
 */
export const solutionPolicies: Policies = {
  /** Anyone who acts for some organisation. */
  "solution.create": (actor) =>
    actor.isAdmin || Object.values(actor.networks ?? {}).some((g) => g.role === "secretariat" || g.organisationIds.length > 0),
  /** Resource: the offering organisation (OrganisationResource). */
  "solution.update": actsFor,
  /** Adding or removing an organisation as a user. Resource: that organisation (OrganisationResource). */
  "solution.use": actsFor,
};
