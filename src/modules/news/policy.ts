import { isSecretariat, type Policies } from "../../platform/access/authorize.ts";
import { managesSubject, type SubjectAccess } from "../subjects/index.ts";

/** What news.manage is asked of: a network's news (by its id) or a subject network's (with the actor's part in it). */
export type NewsResource = { networkId: number } | { subject: SubjectAccess };

/**
 * A network's secretariat writes its news and sends its newsletter; a subject network's coordinators
 * (and the secretariats of the networks owning it) write its news; anyone may read public news and subscribe.
 */
export const newsPolicies: Policies = {
  "news.manage": (actor, resource) => {
    const r = resource as NewsResource | undefined;
    if (r && "subject" in r) return managesSubject(actor, r.subject);
    return isSecretariat(actor, r?.networkId);
  },
};
