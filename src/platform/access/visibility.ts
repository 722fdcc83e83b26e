import { type SQL, type SQLWrapper, sql } from "drizzle-orm";
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

/** What of a viewer visibleWhere depends on: equal keys see the same records. */
export function visibilityKey(actor: Actor | null): string {
  if (actor?.isAdmin) return "admin";
  const grants = Object.entries(actor?.networks ?? {}).sort(([a], [b]) => Number(a) - Number(b));
  return JSON.stringify(grants.map(([id, g]) => [id, g.role === "secretariat", g.bodies.map((b) => b.id).sort()]));
}

/**
 * canSee as a SQL condition over a table's columns, for lists that page in the database: the same
 * rule, so a list never shows what the record's own page would refuse.
 */
export function visibleWhere(
  actor: Actor | null,
  columns: { networkId: SQLWrapper; visibility: SQLWrapper; bodyId: SQLWrapper },
): SQL {
  if (actor?.isAdmin) return sql`true`;
  const grants = Object.entries(actor?.networks ?? {}).map(([id, g]) => ({ id: Number(id), ...g }));
  const secretariat = grants.filter((g) => g.role === "secretariat").map((g) => g.id);
  const member = grants.map((g) => g.id);
  const seats = grants.flatMap((g) => g.bodies.map((b) => b.id));
  const anyOf = (column: SQLWrapper, ids: number[]) =>
    ids.length
      ? sql`${column} in (${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )})`
      : sql`false`;
  return sql`(${columns.visibility} = 'public'
    or ${anyOf(columns.networkId, secretariat)}
    or (${columns.visibility} = 'network' and ${anyOf(columns.networkId, member)})
    or (${columns.visibility} = 'body' and ${anyOf(columns.bodyId, seats)}))`;
}
