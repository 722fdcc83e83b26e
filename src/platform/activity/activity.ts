import { and, eq, type SQL, sql } from "drizzle-orm";
import { type Actor, rightsKey } from "../access/actor.ts";
import type { Db, DbOrTx } from "../db/client.ts";
import { type Keeper, keepUntilChange } from "../db/data-version.ts";
import { rowsOf } from "../db/rows.ts";
import { activityEvents, activitySeen, follows } from "../schema.ts";
import {
  describeRecords,
  type EventData,
  type EventRow,
  eventColumns,
  eventData,
  type Followable,
  type FollowedRecord,
  type RecordKind,
  type RecordRef,
  recordsOfEvents,
} from "./followables.ts";

/** What a module tells of a change to one of its records (decision 0035). */
export interface ActivityEvent extends RecordRef {
  /** What happened, one of the kind's own words ("phase_changed", "decision_recorded"). */
  type: string;
  /** Small values that say more (a phase, a date), never text copied from the record. */
  data?: EventData;
  /**
   * The record it is about, where that is not the record it is told under (a decision told under its
   * body and its need, a gathering under its network): told only to those who may see both.
   */
  about?: RecordRef;
  actorUserId?: number | null;
}

/**
 * Publishes an event in the transaction of the change it tells of: no event without its change, and
 * no change without its event.
 */
export async function publishEvent(tx: DbOrTx, event: ActivityEvent): Promise<void> {
  await tx.insert(activityEvents).values({
    kind: event.kind,
    recordId: event.id,
    type: event.type,
    data: event.data ?? {},
    aboutKind: event.about?.kind ?? null,
    aboutId: event.about?.id ?? null,
    actorUserId: event.actorUserId ?? null,
  });
}

/** How a person follows a record: by their own choice, by their part in it, or not (having stopped, or never). */
export type FollowState = "following" | "automatic" | "stopped" | "not";

/** A record one follows, with how. */
export interface Followed extends FollowedRecord {
  how: "own" | "automatic";
}

/** An event as a reader sees it: what happened, and the record as they may see it now. */
export interface SeenEvent {
  id: number;
  type: string;
  data: EventData;
  at: Date;
  record: FollowedRecord;
  /** The record it is about, besides the one it is told under. */
  about: FollowedRecord | null;
  /** Happened after the reader last looked. */
  isNew: boolean;
}

/** The most recent events a list of activity reads; older ones are for the digest, not the page. */
const RECENT = 100;

/**
 * Following and what happened to what one follows (decision 0035), over every module's followables.
 * What a person sees is read under the access kernel's rule when it is shown.
 */
export class ActivityService {
  constructor(
    private readonly db: Db,
    private readonly followables: () => readonly Followable[],
    /** Every kind an event can be about (`recordKindsOf`). */
    private readonly kinds: () => readonly RecordKind[],
    /** Each person's count of new events, kept until the data changes (or they look). */
    private readonly counts: Keeper<number> = keepUntilChange(undefined),
  ) {}

  /** Whether the kind can be followed (a module declares it). */
  knows(kind: string): boolean {
    return this.followables().some((f) => f.kind === kind);
  }

  /** A record the viewer may see, with what a list shows of it, or undefined. */
  async record(viewer: Actor | null, ref: RecordRef): Promise<FollowedRecord | undefined> {
    return (await describeRecords(this.db, this.followables(), [ref], viewer))[0];
  }

  /** Records of any kind events may name (a news item's related records), those the viewer may see, in one query. */
  records(viewer: Actor | null, refs: readonly RecordRef[]): Promise<FollowedRecord[]> {
    return describeRecords(this.db, this.kinds(), refs, viewer);
  }

  /** How the person follows the record. */
  async state(userId: number, ref: RecordRef): Promise<FollowState> {
    const [own] = await this.db
      .select({ state: follows.state })
      .from(follows)
      .where(and(eq(follows.userId, userId), eq(follows.kind, ref.kind), eq(follows.recordId, ref.id)));
    if (own) return own.state;
    return (await this.automaticallyFollows(userId, ref)) ? "automatic" : "not";
  }

  /** Follows the record by the person's own choice (again, if they had stopped). */
  async follow(userId: number, ref: RecordRef): Promise<void> {
    await this.db
      .insert(follows)
      .values({ userId, kind: ref.kind, recordId: ref.id, state: "following" })
      .onConflictDoUpdate({ target: [follows.userId, follows.kind, follows.recordId], set: { state: "following" } });
  }

  /** Stops following: a record followed by one's part in it is marked stopped, one's own choice is removed. */
  async stop(userId: number, ref: RecordRef): Promise<void> {
    if (await this.automaticallyFollows(userId, ref)) {
      await this.db
        .insert(follows)
        .values({ userId, kind: ref.kind, recordId: ref.id, state: "stopped" })
        .onConflictDoUpdate({ target: [follows.userId, follows.kind, follows.recordId], set: { state: "stopped" } });
      return;
    }
    await this.db
      .delete(follows)
      .where(and(eq(follows.userId, userId), eq(follows.kind, ref.kind), eq(follows.recordId, ref.id)));
  }

  /** What the person follows and may see, by their choice or their part, the kinds in the modules' order. */
  async following(viewer: Actor & { userId: number }): Promise<Followed[]> {
    const refs = rowsOf<{ kind: string; record_id: number; how: "own" | "automatic" }>(
      await this.db.execute(
        sql`select kind, record_id, min(how) as how from (${followedBy(this.followables(), [viewer.userId])}) f group by kind, record_id`,
      ),
    );
    const how = new Map(refs.map((r) => [`${r.kind}:${r.record_id}`, r.how]));
    const records = await describeRecords(
      this.db,
      this.followables(),
      refs.map((r) => ({ kind: r.kind, id: Number(r.record_id) })),
      viewer,
    );
    const order = this.followables().map((f) => f.kind);
    return records
      .map((r) => ({ ...r, how: how.get(`${r.kind}:${r.id}`) ?? "own" }))
      .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.title.localeCompare(b.title, "nb"));
  }

  /**
   * The latest events on what the person follows that they may see now, newest first, those after they
   * last looked marked new. Two queries and the record lookup, whatever they follow.
   */
  async recent(viewer: Actor & { userId: number }): Promise<SeenEvent[]> {
    const events = rowsOf<EventRow>(
      await this.db.execute(sql`
        select ${eventColumns}
        from ${activityEvents} e
        where (e.kind, e.record_id) in (select kind, record_id from (${followedBy(this.followables(), [viewer.userId])}) f)
        order by e.id desc limit ${RECENT}`),
    );
    const shown = await recordsOfEvents(this.db, this.kinds(), events, viewer);
    const seen = await this.lastSeen(viewer.userId);
    return events.flatMap((e) => {
      const records = shown.get(Number(e.id));
      if (!records) return [];
      const at = new Date(e.created_at);
      return [{ id: Number(e.id), type: e.type, data: eventData(e), at, ...records, isNew: Number(e.id) > seen }];
    });
  }

  /**
   * How many of the latest events the person has not seen, for the header (at most the list's
   * length). Kept until the data changes; another process's count may lag a look by a minute at most.
   */
  newCount(viewer: Actor & { userId: number }): Promise<number> {
    // Under the person and what they may see: a changed right counts other events at once.
    return this.counts.get(
      `${viewer.userId} ${rightsKey(viewer)}`,
      async () => (await this.recent(viewer)).filter((e) => e.isNew).length,
    );
  }

  /** Marks everything up to the event as seen. */
  async markSeen(userId: number, upTo: number): Promise<void> {
    await this.db
      .insert(activitySeen)
      .values({ userId, lastSeenEventId: upTo })
      .onConflictDoUpdate({
        target: activitySeen.userId,
        set: { lastSeenEventId: sql`greatest(${activitySeen.lastSeenEventId}, ${upTo})` },
      });
    // After the write, so that a count made meanwhile is not kept from before it.
    this.counts.forgetOwner(String(userId));
  }

  private async lastSeen(userId: number): Promise<number> {
    const [row] = await this.db.select().from(activitySeen).where(eq(activitySeen.userId, userId));
    return row?.lastSeenEventId ?? 0;
  }

  private async automaticallyFollows(userId: number, ref: RecordRef): Promise<boolean> {
    const automatic = this.followables().find((f) => f.kind === ref.kind)?.automatic;
    if (!automatic) return false;
    const rows = rowsOf(
      await this.db.execute(sql`select 1 from (${automatic}) a where a.user_id = ${userId} and a.record_id = ${ref.id} limit 1`),
    );
    return rows.length > 0;
  }
}

/**
 * What people follow, as a query of `user_id, kind, record_id, how`: their own choice, and their part
 * in records (each kind's `automatic`), less what they stopped following. One person or a batch of
 * them (the digest reads its readers together).
 */
export function followedBy(followables: readonly Followable[], userIds: readonly number[]): SQL {
  const ids = sql`${`{${userIds.join(",")}}`}::int[]`;
  const automatic = followables.flatMap((f) =>
    f.automatic
      ? [
          sql`select a.user_id, ${f.kind}::text as kind, a.record_id, 'automatic'::text as how from (${f.automatic}) a where a.user_id = any(${ids})`,
        ]
      : [],
  );
  const chosen = sql`select ${follows.userId} as user_id, ${follows.kind} as kind, ${follows.recordId} as record_id, 'own'::text as how
    from ${follows} where ${follows.userId} = any(${ids}) and ${follows.state} = 'following'`;
  return sql`select user_id, kind, record_id, how from (${sql.join([chosen, ...automatic], sql` union all `)}) x
    where not exists (select 1 from ${follows} s where s.user_id = x.user_id and s.kind = x.kind
      and s.record_id = x.record_id and s.state = 'stopped')`;
}

/**
 * Who may hear of the records some events are told under, as a query of `user_id`: those who chose to
 * follow one, and those who follow one by their part in it (each kind's `automatic`). Whether they stopped,
 * and whether they may see it, is decided when they are told; this only says who need not be asked.
 */
export function followersOfEvents(followables: readonly Followable[], events: SQL): SQL {
  const automatic = followables.flatMap((f) =>
    f.automatic
      ? [
          sql`select a.user_id from (${f.automatic}) a where a.record_id in (select record_id from (${events}) e where e.kind = ${f.kind})`,
        ]
      : [],
  );
  const chosen = sql`select ${follows.userId} as user_id from ${follows}
    where ${follows.state} = 'following' and (${follows.kind}, ${follows.recordId}) in (select kind, record_id from (${events}) e)`;
  return sql.join([chosen, ...automatic], sql` union `);
}
