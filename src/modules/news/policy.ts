import { isSecretariat, type Policies } from "../../platform/access/authorize.ts";

/** A network's secretariat writes its news and sends its newsletter; anyone may read public news and subscribe. */
export const newsPolicies: Policies = {
  /** Resource: { networkId } (the network by :slug, or a news item). */
  "news.manage": (actor, resource) => isSecretariat(actor, (resource as { networkId?: number } | undefined)?.networkId),
};
