import { adminOnly, type Policies } from "../../platform/access/authorize.ts";

export const accountPolicies: Policies = {
  /** Reading every e-mail Samverk has sent or holds. */
  "mail.readOutbox": adminOnly,
};
