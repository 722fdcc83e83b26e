import type { Actor } from "../audit/audit.ts";
import { isNetworkMember, isSecretariat, sitsIn } from "./authorize.ts";

/**
 * Who sees a record that can hold non-public content. Public is the default: public bodies'
 * documents are public by law. "network" is for the network's members, "body" for one body's
 * members; the secretariat and administrators see everything of their network.
 */
export const VISIBILITY_VALUES = ["public", "network", "body"] as const;
export type Visibility = (typeof VISIBILITY_VALUES)[number];

export interface Restricted {
  networkId: number;
  visibility: Visibility;
  /** The body a "body" record belongs to. */
  bodyId?: number | null;
}

export function canSee(actor: Actor | null, record: Restricted): boolean {
  if (record.visibility === "public") return true;
  if (isSecretariat(actor, record.networkId)) return true;
  if (record.visibility === "network") return isNetworkMember(actor, record.networkId);
  return record.bodyId != null && sitsIn(actor, record.networkId, record.bodyId);
}
