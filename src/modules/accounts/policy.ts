import { adminOnly, type Policies } from "../../platform/access/authorize.ts";

export const accountPolicies: Policies = {
  /** Anyone signed in, on their own account: sessions, tokens, e-mail, their data. */
  "account.own": () => true,
  /** Reading every e-mail Samverk has sent or holds. */
  "mail.readOutbox": adminOnly,
  /** Searching the whole audit trail. */
  "audit.search": adminOnly,
  /** Inviting people to make an account; issue 3's roles give this to each network's secretariat. */
  "invitation.manage": adminOnly,
};
