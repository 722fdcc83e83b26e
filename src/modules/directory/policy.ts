import { adminOnly, type Policies } from "../../platform/access/authorize.ts";

/** Who may change the directory. The role model (issue 3) replaces adminOnly with real rules. */
export const directoryPolicies: Policies = {
  "organisation.create": adminOnly,
  "organisation.update": adminOnly,
  "person.create": adminOnly,
  "person.update": adminOnly,
  "person.delete": adminOnly,
  /** Seeing e-mail and phone of people who are not published contact persons. */
  "person.viewContactDetails": adminOnly,
};
