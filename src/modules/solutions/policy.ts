import {
  actsForOrganisation,
  actsForSomeOrganisation,
  type OrganisationResource,
  type Policies,
  withoutRecord,
} from "../../platform/access/authorize.ts";

/**
 * The catalogue is shared by every network. An organisation offers its solutions and says what it
 * uses; those acting for it (its representatives, the secretariats of its networks) do that for it.
 */
export const solutionPolicies: Policies = {
  /** Anyone who acts for some organisation. */
  "solution.create": withoutRecord(actsForSomeOrganisation),
  /** Resource: the offering organisation (OrganisationResource). */
  "solution.update": (actor, org) => actsForOrganisation(actor, org as OrganisationResource),
  /** Adding or removing an organisation as a user. Resource: that organisation (OrganisationResource). */
  "solution.use": (actor, org) => actsForOrganisation(actor, org as OrganisationResource),
};
