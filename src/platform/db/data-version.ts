/**
 * The data's version: a number that grows at every commit that changes what pages show (migrations
 * 0030-0031, decision 0016). What is read from the database can be kept under it and used until it
 * changes, in every process at once.
 */

import { dataVersion } from "../schema.ts";
import type { Database, DbOrTx } from "./client.ts";

export interface DataVersion {
  current(): number | Promise<number>;
  close(): Promise<void>;
}

export async function readDataVersion(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ version: dataVersion.version }).from(dataVersion).limit(1);
  return row?.version ?? 0;
}

/**
 * On PostgreSQL, other processes write too, so the row is read each time it is asked for. The
 * embedded database has one process (its directory is locked): there the database tells it of each
 * commit, before the commit's own caller goes on, and asking costs nothing.
 */
export async function watchDataVersion(database: Database): Promise<DataVersion> {
  const { pglite } = database;
  if (!pglite) return { current: () => readDataVersion(database.db), close: async () => undefined };
  // Any number that grows at each commit will do: it is only compared with this process's own.
  let version = 0;
  await pglite.exec("set samverk.notify_changes = 'on'");
  const unlisten = await pglite.listen("samverk_data_changed", () => {
    version++;
  });
  return {
    current: () => version,
    close: async () => {
      if (!pglite.closed) await unlisten();
    },
  };
}

/**
 * Values read from the database, each kept until the data changes or it is a minute old (for what
 * changes with the date alone). Least recently used out first.
 */
export class UntilChange<V> {
  private readonly values = new Map<string, { version: number; at: number; value: V }>();

  constructor(
    private readonly version: DataVersion,
    private readonly maxEntries = 1000,
    private readonly maxAgeMs = 60_000,
  ) {}

  async get(key: string, load: () => Promise<V>): Promise<V> {
    const version = await this.version.current();
    const kept = this.values.get(key);
    this.values.delete(key);
    if (kept && kept.version === version && Date.now() - kept.at <= this.maxAgeMs) {
      this.values.set(key, kept);
      return kept.value;
    }
    // Kept under the version read before loading: a change committed meanwhile makes it load again.
    const value = await load();
    this.values.set(key, { version, at: Date.now(), value });
    for (const oldest of this.values.keys()) {
      if (this.values.size <= this.maxEntries) break;
      this.values.delete(oldest);
    }
    return value;
  }

  /** Forgets what is kept under the key, where this process knows it changed without a change of the data (its owner's own state). */
  forget(key: string): void {
    this.values.delete(key);
  }
}

/** Where values may be kept until the data changes: an UntilChange, or none that loads every time. */
export type Keeper<V> = Pick<UntilChange<V>, "get" | "forget">;

/** Kept until the data changes when there is a data version to watch (the app); else read each time. */
export function keepUntilChange<V>(version: DataVersion | undefined, maxEntries?: number): Keeper<V> {
  return version ? new UntilChange<V>(version, maxEntries) : { get: (_key, load) => load(), forget: () => undefined };
}
