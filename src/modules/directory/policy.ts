import {
  adminOnly,
  isNetworkMember,
  isSecretariat,
  type Policies,
  type Rule,
  secretariatNetworks,
  withoutRecord,
} from "../../platform/access/authorize.ts";

/** A person with the networks they take part in (see DirectoryService.getPerson). */
type ScopedPerson = { networkIds: number[] } | undefined;

/**
 * A person record is shared by every network they take part in, so changing it needs the
 * secretariat of each of them; a person in no network yet may be edited by any secretariat.
 */
const secretariatOfEveryNetwork: Rule = (actor, resource) => {
  const person = resource as ScopedPerson;
  if (actor.isAdmin) return true;
  if (!person) return false;
  if (person.networkIds.length === 0) return secretariatNetworks(actor).length > 0;
  return person.networkIds.every((id) => isSecretariat(actor, id));
};

const anySecretariat: Rule = withoutRecord((actor) => actor.isAdmin || secretariatNetworks(actor).length > 0);

/** Who may change the directory. Reference data (municipalities, counties) stays the administrator's. */
export const directoryPolicies: Policies = {
  /** Secretariats add the IT cooperations, companies and agencies that take part in their network. */
  "organisation.create": anySecretariat,
  "organisation.update": adminOnly,
  "person.create": anySecretariat,
  "person.update": secretariatOfEveryNetwork,
  "person.delete": secretariatOfEveryNetwork,
  /** E-mail and phone of people who are not published contact persons: the members of the person's networks. */
  "person.viewContactDetails": (actor, resource) =>
    actor.isAdmin || ((resource as ScopedPerson)?.networkIds.some((id) => isNetworkMember(actor, id)) ?? false),
};
