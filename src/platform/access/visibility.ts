import { and, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import type { Actor } from "./actor.ts";
import { isNetworkMember, isSecretariat, sitsIn } from "./authorize.ts";

/**
 * Who sees a record that can hold non-public content. Public is the default: public bodies'
 * documents are public by law. "network" is for the network's members, "body" for one body's
 * members; the secretariat and administrators see everything of their network.
 */
export const VISIBILITY_VALUES = ["public", "network", "body"] as const;
export type Visibility = (typeof VISIBILITY_VALUES)[number];

/** One link of a record's chain: the record itself, or a container that holds it. */
export interface Restricted {
  networkId: number;
  visibility: Visibility;
  /** The body a "body" record belongs to. */
  bodyId?: number | null;
}

/**
 * A record with the containers that hold it (a decision, its meeting, the meeting's body), or a
 * record that stands alone. The most restrictive link wins: a reader must be let in by every one.
 */
export type Chain = Restricted | readonly Restricted[];

function canSeeLink(actor: Actor | null, record: Restricted): boolean {
  if (record.visibility === "public") return true;
  if (isSecretariat(actor, record.networkId)) return true;
  if (record.visibility === "network") return isNetworkMember(actor, record.networkId);
  return record.bodyId != null && sitsIn(actor, record.networkId, record.bodyId);
}

/** The one visibility rule for every read path: pages, the API, downloads, feeds, mail and search. */
export function canSee(actor: Actor | null, chain: Chain): boolean {
  const links: readonly Restricted[] = Array.isArray(chain) ? chain : [chain as Restricted];
  return links.every((link) => canSeeLink(actor, link));
}

const RANK: Record<Visibility, number> = { public: 0, network: 1, body: 2 };

/**
 * Whether everyone who may read a record with the visibility `readers` may also read `chain`: only
 * then may text of the chain be copied into that record. Otherwise store a reference to it and
 * render it through canSee, so the copy never outlives the rule.
 */
export function readableByAll(chain: Chain, readers: Restricted): boolean {
  const links: readonly Restricted[] = Array.isArray(chain) ? chain : [chain as Restricted];
  return links.every(
    (link) =>
      link.visibility === "public" ||
      (link.networkId === readers.networkId &&
        RANK[readers.visibility] >= RANK[link.visibility] &&
        (link.visibility !== "body" || readers.bodyId === link.bodyId)),
  );
}

/** A body as a link of a chain: what it holds is never more public than the body itself. */
export const bodyLink = (body: { id: number; networkId: number; visibility: Visibility }): Restricted => ({
  networkId: body.networkId,
  visibility: body.visibility,
  bodyId: body.id,
});

/** What of a viewer visibleWhere depends on: equal keys see the same records. */
export function visibilityKey(actor: Actor | null): string {
  if (actor?.isAdmin) return "admin";
  const grants = Object.entries(actor?.networks ?? {}).sort(([a], [b]) => Number(a) - Number(b));
  return JSON.stringify(grants.map(([id, g]) => [id, g.role === "secretariat", g.bodies.map((b) => b.id).sort()]));
}

/** The columns of one link of a chain, in SQL. */
export interface RestrictedColumns {
  networkId: SQLWrapper;
  visibility: SQLWrapper;
  bodyId: SQLWrapper;
}

/**
 * canSee as a SQL condition, for lists that page in the database: the same rule over the columns
 * of every link of the chain (the record's own, then its containers'), so a list never shows what
 * the record's own page would refuse.
 */
export function visibleWhere(actor: Actor | null, ...chain: RestrictedColumns[]): SQL {
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
  const link = (columns: RestrictedColumns) => sql`(${columns.visibility} = 'public'
    or ${anyOf(columns.networkId, secretariat)}
    or (${columns.visibility} = 'network' and ${anyOf(columns.networkId, member)})
    or (${columns.visibility} = 'body' and ${anyOf(columns.bodyId, seats)}))`;
  return chain.length === 1 ? link(chain[0]!) : (and(...chain.map(link)) ?? sql`true`);
}
