import { type SQL, type SQLWrapper, sql } from "drizzle-orm";
import type { Actor } from "../access/actor.ts";
import type { DbOrTx } from "../db/client.ts";
import { type NetworkColumns, type NetworkSource, networkColumns, networkOf } from "../db/network-columns.ts";
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
  network?: NetworkSource;
  /** The records the viewer may see. */
  visible: (viewer: Actor | null) => SQL;
  /**
   * Who follows a record by their part in it, as a query of `user_id, record_id` (who registered a need,
   * who represents a project's owner): computed when asked, so it follows the roles as they are.
   */
  automatic?: SQL;
  /** What each type of its events says, in the reader's language ("Moved to the execution phase"). */
  events?: Record<string, (t: Translate, data: EventData) => string>;
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
        ${networkColumns(f.network)}
      from ${f.from}
      where (${f.id}) = any(${`{${ids.join(",")}}`}::int[]) and ${f.visible(viewer)})`,
    ];
  });
  if (!parts.length) return [];
  const rows = rowsOf<NetworkColumns & { kind: string; id: number; title: string; href: string }>(
    await db.execute(sql.join(parts, sql` union all `)),
  );
  return rows.map((r) => ({ kind: r.kind, id: Number(r.id), title: r.title, href: r.href, network: networkOf(r) }));
}

/** An event as stored, read by the activity list and the digest alike. */
export interface EventRow {
  id: number;
  kind: string;
  record_id: number;
  type: string;
  data: unknown;
  created_at: string | Date;
}

/** Small values that say more about an event (a phase, a date). */
export type EventData = Record<string, string | number | null>;

/** An event's data, whichever way the driver hands back json. */
export const eventData = (row: Pick<EventRow, "data">): EventData =>
  (typeof row.data === "string" ? JSON.parse(row.data) : row.data) as EventData;

/** What an event says in the reader's language, by the followable of its kind. */
export const describeEvent = (
  followables: readonly Followable[],
  t: Translate,
  event: { kind: string; type: string; data: EventData },
): string => followables.find((f) => f.kind === event.kind)?.events?.[event.type]?.(t, event.data) ?? t("activity.changed");

/** The records of events as a reader may see them, by `kind:id`; those they may not see are missing. */
export async function recordsOfEvents(
  db: DbOrTx,
  followables: readonly Followable[],
  events: readonly EventRow[],
  viewer: Actor,
): Promise<Map<string, FollowedRecord>> {
  const records = await describeRecords(
    db,
    followables,
    events.map((e) => ({ kind: e.kind, id: Number(e.record_id) })),
    viewer,
  );
  return new Map(records.map((r) => [`${r.kind}:${r.id}`, r]));
}

/** The followables of every module that declares some, in the module list's order. */
export const followablesOf = (modules: readonly { followables?: readonly Followable[] }[]): Followable[] =>
  modules.flatMap((m) => m.followables ?? []);
