import { and, eq, inArray, or, type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
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

/** The same rule as a WHERE condition, so lists, counts and pages never hold what the actor may not see. */
export function visibleTo(
  actor: Actor | null,
  columns: { networkId: PgColumn; visibility: PgColumn; bodyId: PgColumn },
): SQL | undefined {
  if (actor?.isAdmin) return undefined;
  const grants = Object.entries(actor?.networks ?? {}).map(([id, grant]) => ({ id: Number(id), grant }));
  const secretariat = grants.filter((g) => g.grant.role === "secretariat").map((g) => g.id);
  const member = grants.map((g) => g.id);
  const bodies = grants.flatMap((g) => g.grant.bodies.map((b) => b.id));
  const none = sql`false`;
  return or(
    eq(columns.visibility, "public"),
    secretariat.length ? inArray(columns.networkId, secretariat) : none,
    member.length ? and(eq(columns.visibility, "network"), inArray(columns.networkId, member)) : none,
    bodies.length ? and(eq(columns.visibility, "body"), inArray(columns.bodyId, bodies)) : none,
  );
}
