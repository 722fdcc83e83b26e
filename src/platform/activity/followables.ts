import { type SQL, type SQLWrapper, sql } from "drizzle-orm";
import type { Actor } from "../access/actor.ts";
import type { DbOrTx } from "../db/client.ts";
import { type NetworkColumns, type NetworkSource, networkColumns, networkOf } from "../db/network-columns.ts";
import { rowsOf } from "../db/rows.ts";
import type { I18n, MessageKey } from "../i18n/i18n.ts";
import type { SearchSource } from "../search/engine.ts";

/**
 * A kind of record with a page and a visibility rule, as the activity kernel reads it: what an event is
 * told under (a followable), or what it is about (a decision told under its body). A search source is
 * one too (`recordKindOfSource`).
 */
export interface RecordKind {
  kind: string;
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
}

/**
 * A kind of record one can follow, declared by the module that owns it (its manifest's `followables`,
 * decision 0035), read like a search source: the kernel reads every kind in one query, each under the
 * access kernel's rule as the kind's own pages apply it.
 */
export interface Followable extends RecordKind {
  /** The kind in plural, for the list of what one follows ("Projects"). */
  label: MessageKey;
  /**
   * Who follows a record by their part in it, as a query of `user_id, record_id` (who registered a need,
   * who represents a project's owner): computed when asked, so it follows the roles as they are.
   */
  automatic?: SQL;
  /** What each type of its events says, in the reader's language ("Moved to the execution phase"). */
  events?: Record<string, (i18n: I18n, data: EventData) => string>;
}

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
  kinds: readonly RecordKind[],
  refs: readonly RecordRef[],
  viewer: Actor | null,
): Promise<FollowedRecord[]> {
  const parts = kinds.flatMap((f) => {
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

/** A record's title as one line of a list or a mail: a decision's title is its whole text. */
export const clip = (title: string, most = 120) =>
  title.length <= most ? title : `${title.slice(0, most).replace(/\s+\S*$/, "")} …`;

/** An event as stored, read by the activity list and the digest alike. */
export interface EventRow {
  id: number;
  kind: string;
  record_id: number;
  type: string;
  data: unknown;
  about_kind: string | null;
  about_id: number | null;
  created_at: string | Date;
}

/** The columns of `activity_events` an `EventRow` reads, under the alias `e`. */
export const eventColumns = sql.raw("e.id, e.kind, e.record_id, e.type, e.data, e.about_kind, e.about_id, e.created_at");

/** An event's records as a reader may see them: the one it is told under, and the one it is about. */
export interface EventRecords {
  record: FollowedRecord;
  about: FollowedRecord | null;
}

/** Small values that say more about an event (a phase, a date). */
export type EventData = Record<string, string | number | null>;

/** An event's data, whichever way the driver hands back json. */
export const eventData = (row: Pick<EventRow, "data">): EventData =>
  (typeof row.data === "string" ? JSON.parse(row.data) : row.data) as EventData;

/** What an event says in the reader's language, by the followable of its kind. */
export const describeEvent = (
  followables: readonly Followable[],
  i18n: I18n,
  event: { kind: string; type: string; data: EventData },
): string =>
  followables.find((f) => f.kind === event.kind)?.events?.[event.type]?.(i18n, event.data) ?? i18n.t("activity.changed");

/**
 * The records of events as the reader may see them, by event id, in one query: an event is shown only
 * when the reader may see both the record it is told under and the one it is about (a restricted
 * decision on a public need is not told to those who may read only the need).
 */
export async function recordsOfEvents(
  db: DbOrTx,
  kinds: readonly RecordKind[],
  events: readonly EventRow[],
  viewer: Actor,
): Promise<Map<number, EventRecords>> {
  const refs = events.flatMap((e) => [
    { kind: e.kind, id: Number(e.record_id) },
    ...(e.about_kind && e.about_id ? [{ kind: e.about_kind, id: Number(e.about_id) }] : []),
  ]);
  const records = await describeRecords(db, kinds, refs, viewer);
  const byRef = new Map(records.map((r) => [`${r.kind}:${r.id}`, r]));
  const shown = new Map<number, EventRecords>();
  for (const e of events) {
    const record = byRef.get(`${e.kind}:${e.record_id}`);
    const about = e.about_kind ? byRef.get(`${e.about_kind}:${e.about_id}`) : null;
    if (record && about !== undefined) shown.set(Number(e.id), { record, about });
  }
  return shown;
}

/** A search source as a kind of record: what it is called is its heading where it has one. */
export const recordKindOfSource = (source: SearchSource): RecordKind => ({
  kind: source.kind,
  from: source.from,
  id: source.id,
  title: source.heading ?? source.fields.title,
  href: source.href,
  ...(source.network ? { network: source.network } : {}),
  visible: source.visible,
});

/** A kind the module's search already reads, made followable: its page, title and rule are the search's. */
export function followableOfSource(
  sources: readonly SearchSource[],
  kind: string,
  more: Pick<Followable, "automatic" | "events">,
): Followable {
  const source = sources.find((s) => s.kind === kind);
  if (!source) throw new Error(`no search source of kind ${kind}`);
  return { ...recordKindOfSource(source), label: source.label, ...more };
}

/** The followables of every module that declares some, in the module list's order. */
export const followablesOf = (modules: readonly { followables?: readonly Followable[] }[]): Followable[] =>
  modules.flatMap((m) => m.followables ?? []);

/**
 * Every kind of record events can name: the followables first, then every searched kind not among
 * them (a decision, a consultation input), each kind once.
 */
export function recordKindsOf(
  modules: readonly { followables?: readonly Followable[]; searchSources?: readonly SearchSource[] }[],
): RecordKind[] {
  const kinds: RecordKind[] = followablesOf(modules);
  for (const source of modules.flatMap((m) => m.searchSources ?? []))
    if (!kinds.some((k) => k.kind === source.kind)) kinds.push(recordKindOfSource(source));
  return kinds;
}
