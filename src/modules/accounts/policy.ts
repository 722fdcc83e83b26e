import { adminOnly, isSecretariat, type Policies, withoutRecord } from "../../platform/access/authorize.ts";

export const accountPolicies: Policies = {
  /** Anyone signed in, on their own account: sessions, tokens, e-mail, their data. */
  "account.own": withoutRecord(() => true),
  /** Reading every e-mail Samverk has sent or holds. */
  "mail.readOutbox": adminOnly,
  /** Searching the whole audit trail. */
  "audit.search": adminOnly,
  /** Inviting people: to a network by its secretariat ({ networkId }), to no network by an administrator. */
  "invitation.manage": (actor, resource) =>
    isSecretariat(actor, (resource as { networkId?: number | null } | undefined)?.networkId),
};
