/**
 * What changed, and when (decision 0043, after 0016): every statement that changes a table pages
 * show tells the database's listeners the table's name at commit (the samverk_count_change trigger,
 * migrations 0031 and 0067). Each process keeps a clock that moves at every change it hears of, and
 * the moment each table last changed. What is read from the database is kept with the tables its
 * statements named (client.ts collects them per request) and the clock's time before it was read, and
 * used until one of those tables changes: a consultation's input makes stale what read its inputs,
 * not the whole installation's pages.
 *
 * The embedded database has one process and tells it of a commit before the commit's caller goes
 * on. On PostgreSQL one connection of each process listens (LISTEN/NOTIFY); while it is down, or not
 * yet back, nothing is kept, and when it is back everything counts as changed, since what was said
 * meanwhile was not heard.
 */

import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import pg from "pg";
import type { Database } from "./client.ts";
import { currentReads, readingInto } from "./client.ts";

/** The channel the trigger speaks on; a payload is a table's name, or nothing for "everything". */
export const CHANGES_CHANNEL = "samverk_data_changed";
const SYNC_PREFIX = "sync ";
/** The names of keepers' own state, which only this process changes and tells itself of. */
const OWN_PREFIX = "own:";

export interface DataVersion {
  /** The clock's time: what is read after this call is kept under it. */
  current(): number;
  /** Whether anything read from `tables` at `version` may still be used. */
  unchangedSince(tables: readonly string[], version: number): boolean;
  /** Whether what read these tables may be kept at all: not where a table's changes go untold. */
  keepable(tables: Iterable<string>): boolean;
  /** The tables among these whose changes are told, which is what a kept value depends on. */
  tracked(tables: Iterable<string>): string[];
  /** Marks a name as changed in this process alone: a keeper's own state (see UntilChange's `own`). */
  changedHere(name: string): void;
  /** Resolves when this process has heard of every change committed before the call. */
  caughtUp(): Promise<void>;
  /** Everything counts as changed, now and until resume() (tests undoing their writes). */
  suspend(): void;
  resume(): void;
  close(): Promise<void>;
}

/** The clock itself, fed by whichever way the database tells of changes. */
class ChangeClock implements DataVersion {
  private time = 0;
  private readonly changedAt = new Map<string, number>();
  /** When everything last counted as changed. */
  private allChangedAt = 0;
  /** False while changes may go unheard: then every call of current() counts as a change of everything. */
  hearing = true;
  private suspended = false;
  private readonly syncs = new Map<string, () => void>();

  constructor(
    private readonly trackedTables: ReadonlySet<string>,
    private readonly untrackedTables: ReadonlySet<string>,
    private readonly sendSync: ((payload: string) => Promise<void>) | null,
  ) {}

  current(): number {
    if (!this.hearing || this.suspended) this.everythingChanged();
    return this.time;
  }

  unchangedSince(tables: readonly string[], version: number): boolean {
    if (this.allChangedAt > version) return false;
    for (const table of tables) if ((this.changedAt.get(table) ?? 0) > version) return false;
    return true;
  }

  keepable(tables: Iterable<string>): boolean {
    for (const table of tables) if (this.untrackedTables.has(table)) return false;
    return true;
  }

  tracked(tables: Iterable<string>): string[] {
    return [...tables].filter((table) => this.trackedTables.has(table) || table.startsWith(OWN_PREFIX)).sort();
  }

  changedHere(name: string): void {
    this.time++;
    this.changedAt.set(name, this.time);
  }

  /** What a listener heard: a table's name, a sync this process sent, or nothing for everything. */
  heard(payload: string): void {
    if (payload.startsWith(SYNC_PREFIX)) {
      this.syncs.get(payload)?.();
      return;
    }
    this.time++;
    if (payload === "") this.allChangedAt = this.time;
    else this.changedAt.set(payload, this.time);
  }

  everythingChanged(): void {
    this.time++;
    this.allChangedAt = this.time;
  }

  async caughtUp(): Promise<void> {
    if (!this.sendSync || !this.hearing) return;
    if (!(await this.roundTrip())) this.everythingChanged();
  }

  /**
   * Sends a notification of its own through the pool and waits (at most two seconds) until the
   * listener hears it: true when it did, so every change committed before the call was heard.
   */
  async roundTrip(): Promise<boolean> {
    // Suspended (a test's writes inside one transaction): a notification would wait for its end.
    if (!this.sendSync || this.suspended) return true;
    // Notifications arrive in the order their transactions committed: once this one is heard, so
    // is every change committed before it was sent.
    const payload = `${SYNC_PREFIX}${randomUUID()}`;
    let timer: NodeJS.Timeout | undefined;
    const heard = new Promise<boolean>((resolve) => {
      this.syncs.set(payload, () => resolve(true));
      timer = setTimeout(() => resolve(false), 2000);
    });
    try {
      await this.sendSync(payload);
      return await heard;
    } catch {
      // A change's answer must not fail for this: the caller trusts nothing kept instead.
      return false;
    } finally {
      clearTimeout(timer);
      this.syncs.delete(payload);
    }
  }

  suspend(): void {
    this.suspended = true;
  }

  resume(): void {
    this.suspended = false;
    this.everythingChanged();
  }

  close: () => Promise<void> = async () => undefined;
}

/** The tables with the trigger (told) and without (bookkeeping, never told). */
async function tablesOf(database: Database): Promise<{ tracked: Set<string>; untracked: Set<string> }> {
  const result = (await database.db.execute(sql`
    select c.relname as name,
      exists (select 1 from pg_trigger g where g.tgrelid = c.oid and g.tgname = 'samverk_count_change') as told
    from pg_class c
    where c.relkind in ('r', 'p') and c.relnamespace = current_schema()::regnamespace`)) as unknown as {
    rows: { name: string; told: boolean }[];
  };
  const tracked = new Set<string>();
  const untracked = new Set<string>();
  for (const row of result.rows) (row.told ? tracked : untracked).add(row.name);
  return { tracked, untracked };
}

const clocks = new WeakMap<Database, DataVersion>();

/** The clock watching a database in this process, if one does (tests undoing their writes tell it). */
export function clockOf(database: Database): DataVersion | undefined {
  return clocks.get(database);
}

/** Starts hearing of the database's changes. */
export async function watchDataVersion(database: Database): Promise<DataVersion> {
  const { tracked, untracked } = await tablesOf(database);
  const { pglite } = database;
  if (pglite) {
    const clock = new ChangeClock(tracked, untracked, null);
    const unlisten = await pglite.listen(CHANGES_CHANNEL, (payload) => clock.heard(payload));
    clock.close = async () => {
      if (!pglite.closed) await unlisten();
    };
    clocks.set(database, clock);
    return clock;
  }
  if (!database.url) throw new Error("a PostgreSQL database without its address cannot be listened to");
  // Straight through the pool, not drizzle's logger: bookkeeping, not a read a request's count should show.
  const pool = (database.db as unknown as { $client: pg.Pool }).$client;
  const clock = new ChangeClock(tracked, untracked, async (payload) => {
    await pool.query("select pg_notify($1, $2)", [CHANGES_CHANNEL, payload]);
  });
  const listener = new Listener(database.url, clock);
  await listener.start();
  clock.close = () => listener.stop();
  clocks.set(database, clock);
  return clock;
}

/**
 * One connection of this process that listens, checked every two seconds, and opened again (after
 * half a second, doubling to half a minute) when it is lost.
 */
class Listener {
  private client: pg.Client | null = null;
  private stopped = false;
  private retryMs = 500;
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly url: string,
    private readonly clock: ChangeClock,
    heartbeatMs = 2000,
  ) {
    this.heartbeat = setInterval(() => void this.check(), heartbeatMs);
    this.heartbeat.unref();
  }

  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, keepAlive: true });
    client.on("notification", (message) => {
      if (message.channel === CHANGES_CHANNEL) this.clock.heard(message.payload ?? "");
    });
    client.on("error", () => this.lost(client));
    client.on("end", () => this.lost(client));
    try {
      await client.connect();
      await client.query(`listen ${CHANGES_CHANNEL}`);
    } catch (error) {
      if (this.retryMs === 500) console.error(`listening for the data's changes failed, retrying: ${String(error)}`);
      this.lost(client);
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.retryMs = 500;
    // What changed before the connection listened was not heard.
    this.clock.everythingChanged();
    this.clock.hearing = true;
  }

  /**
   * A notification of its own, sent through the pool, must come back through the listening
   * connection: a connection gone quiet, or one that cannot hear (behind a pooler that drops LISTEN),
   * is taken for lost. Changes made until this check notices are the window in which a process may
   * serve what it kept (at most the interval and two seconds).
   */
  private async check(): Promise<void> {
    const client = this.client;
    if (!client || !this.clock.hearing) return;
    if (!(await this.clock.roundTrip()) && this.client === client) this.lost(client);
  }

  private lost(client: pg.Client): void {
    client.removeAllListeners();
    client.on("error", () => undefined);
    client.end().catch(() => undefined);
    // A connection already given up on (a late error) changes nothing once another listens.
    if (this.client !== null && this.client !== client) return;
    this.client = null;
    this.clock.hearing = false;
    if (this.stopped || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.start();
    }, this.retryMs);
    this.retryTimer.unref();
    this.retryMs = Math.min(this.retryMs * 2, 30_000);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.heartbeat);
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    if (client) {
      client.removeAllListeners("end");
      await client.end().catch(() => undefined);
    }
  }
}

/**
 * Values read from the database, each kept until a table it read changes or it is a minute old (for
 * what changes with the date alone). Least recently used out first. A request that uses a kept value
 * depends on its tables as if it had read them itself, so a page made from it is kept no longer.
 */
export class UntilChange<V> {
  private readonly values = new Map<string, { version: number; at: number; tables: string[]; value: V }>();

  /**
   * `own`: tables without the trigger whose changes the keeper's owner tells it of itself, by
   * forgetOwner(), and who owns each key (a person's marks, whatever else the key holds); anything
   * else that read an untold table is not kept.
   */
  constructor(
    private readonly version: DataVersion,
    private readonly maxEntries = 1000,
    private readonly own: OwnState | null = null,
    private readonly maxAgeMs = 60_000,
  ) {}

  async get(key: string, load: () => Promise<V>): Promise<V> {
    const version = this.version.current();
    const kept = this.values.get(key);
    this.values.delete(key);
    if (kept && Date.now() - kept.at <= this.maxAgeMs && this.version.unchangedSince(kept.tables, kept.version)) {
      this.values.set(key, kept);
      dependOn(kept.tables);
      return kept.value;
    }
    // Kept under the time read before loading: a change committed meanwhile makes it load again.
    const { value, tables } = await readingInto(load);
    if (this.own) {
      for (const table of this.own.tables) tables.delete(table);
      tables.add(this.ownName(this.own.ownerOf(key)));
    }
    dependOn(tables);
    if (!this.version.keepable(tables)) return value;
    this.values.set(key, { version, at: Date.now(), tables: this.version.tracked(tables), value });
    for (const oldest of this.values.keys()) {
      if (this.values.size <= this.maxEntries) break;
      this.values.delete(oldest);
    }
    return value;
  }

  /** Forgets what is kept under the key, where this process knows it changed without a told change. */
  forget(key: string): void {
    this.values.delete(key);
  }

  /**
   * Forgets everything of an owner whose own state changed, and makes stale what was made from it
   * (a page showing their count), kept here or not.
   */
  forgetOwner(owner: string): void {
    if (!this.own) return;
    for (const key of [...this.values.keys()]) if (this.own.ownerOf(key) === owner) this.values.delete(key);
    this.version.changedHere(this.ownName(owner));
  }

  private ownName(owner: string): string {
    return `${OWN_PREFIX}${this.own?.tables.join("+")}:${owner}`;
  }
}

/** Untold tables a keeper's owner tells it of (UntilChange), and who owns each key. */
export interface OwnState {
  tables: readonly string[];
  ownerOf: (key: string) => string;
}

/** The current work (a request) depends on these tables as if it had read them itself. */
function dependOn(tables: Iterable<string>): void {
  const reads = currentReads();
  if (reads) for (const table of tables) reads.tables.add(table);
}

/** Where values may be kept until the data changes: an UntilChange, or none that loads every time. */
export type Keeper<V> = Pick<UntilChange<V>, "get" | "forget" | "forgetOwner">;

/** Kept until the data changes when there is a data version to watch (the app); else read each time. */
export function keepUntilChange<V>(
  version: DataVersion | undefined,
  maxEntries?: number,
  own: OwnState | null = null,
): Keeper<V> {
  return version
    ? new UntilChange<V>(version, maxEntries, own)
    : { get: (_key, load) => load(), forget: () => undefined, forgetOwner: () => undefined };
}
