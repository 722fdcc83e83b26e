import { type SQL, type SQLWrapper, sql } from "drizzle-orm";
import type { Actor } from "../access/actor.ts";
import type { DbOrTx } from "../db/client.ts";
import { rowsOf } from "../db/rows.ts";
import type { I18n, MessageKey } from "../i18n/i18n.ts";

/**
 * A kind of record one can follow, declared by the module that owns it (its manifest's `followables`,
 * decision 0035), read like a search source: the kernel reads every kind in one query, each under the
 * access kernel's rule as the kind's own pages apply it.
 */
export interface Followable {
  /** The kind's name in follows and events ("project"). */
  kind: string;
  /** The kind in plural, for the list of what one follows ("Projects"). */
  label: MessageKey;
  /** The table, or the tables joined, its records come from. */
  from: SQL;
  id: SQLWrapper;
  title: SQLWrapper;
  /** The record's page, as a text expression. */
  href: SQL;
  /** The network it belongs to; none for a record that spans networks. */
  network?: { slug: SQLWrapper; name: SQLWrapper };
  /** The records the viewer may see. */
  visible: (viewer: Actor | null) => SQL;
  /**
   * Who follows a record by their part in it, as a query of `user_id, record_id` (who registered a need,
   * who represents a project's owner): computed when asked, so it follows the roles as they are.
   */
  automatic?: SQL;
  /** What each type of its events says, in the reader's language ("Moved to the execution phase"). */
  events?: Record<string, (t: Translate, data: Record<string, string | number | null>) => string>;
}

type Translate = I18n["t"];

/** A record as a list of follows or of activity shows it, when the viewer may see it. */
export interface FollowedRecord {
  kind: string;
  id: number;
  title: string;
  href: string;
  network: { slug: string; name: string } | null;
}

/** A record by its kind and id. */
export interface RecordRef {
  kind: string;
  id: number;
}

/**
 * The records named that the viewer may see, with what a list shows of them, in one query whatever
 * the kinds; a record the viewer may not see (or that is gone) is left out.
 */
export async function describeRecords(
  db: DbOrTx,
  followables: readonly Followable[],
  refs: readonly RecordRef[],
  viewer: Actor | null,
): Promise<FollowedRecord[]> {
  const parts = followables.flatMap((f) => {
    const ids = [...new Set(refs.filter((r) => r.kind === f.kind).map((r) => r.id))];
    if (!ids.length) return [];
    return [
      sql`(select ${f.kind}::text as kind, (${f.id})::int as id, (${f.title})::text as title, (${f.href})::text as href,
        ${f.network ? sql`(${f.network.slug})::text` : sql`null::text`} as network_slug,
        ${f.network ? sql`(${f.network.name})::text` : sql`null::text`} as network_name
      from ${f.from}
      where (${f.id}) = any(${`{${ids.join(",")}}`}::int[]) and ${f.visible(viewer)})`,
    ];
  });
  if (!parts.length) return [];
  const rows = rowsOf<{
    kind: string;
    id: number;
    title: string;
    href: string;
    network_slug: string | null;
    network_name: string | null;
  }>(await db.execute(sql.join(parts, sql` union all `)));
  return rows.map((r) => ({
    kind: r.kind,
    id: Number(r.id),
    title: r.title,
    href: r.href,
    network: r.network_slug && r.network_name ? { slug: r.network_slug, name: r.network_name } : null,
  }));
}

/** The followables of every module that declares some, in the module list's order. */
export const followablesOf = (modules: readonly { followables?: readonly Followable[] }[]): Followable[] =>
  modules.flatMap((m) => m.followables ?? []);
