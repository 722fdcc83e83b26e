import { eq, lt, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { rateCounters, throttles } from "../schema.ts";

export interface ThrottleRule {
  /** Failures allowed in the window before delays start. */
  free: number;
  windowMinutes: number;
  /** The longest delay, however many failures follow. */
  maxDelaySeconds: number;
}

export type ThrottleState = { blocked: false } | { blocked: true; retryAfterSeconds: number };

/**
 * Growing delays after repeated failures: after `free` failures in a window, each further failure
 * blocks the key for 2, 4, 8 … seconds, up to `maxDelaySeconds`. A blocked key is answered without
 * doing the expensive work (such as checking a password), so a brute-force run costs the server little.
 */
export class Throttle {
  /** Request counts per key, when this process is the installation's only one. */
  private readonly counts = new Map<string, { hits: number; windowStartedAt: number }>();

  /**
   * @param oneProcess The embedded database admits one process, so its request counts can live in
   *   memory: a statement fewer on every API request. On PostgreSQL several processes share the
   *   counts through the database.
   */
  constructor(
    private readonly db: Db,
    private readonly oneProcess = false,
  ) {}

  async check(key: string): Promise<ThrottleState> {
    const [row] = await this.db.select().from(throttles).where(eq(throttles.key, key));
    const until = row?.blockedUntil?.getTime() ?? 0;
    const wait = Math.ceil((until - Date.now()) / 1000);
    return wait > 0 ? { blocked: true, retryAfterSeconds: wait } : { blocked: false };
  }

  async fail(key: string, rule: ThrottleRule): Promise<void> {
    const windowStart = new Date(Date.now() - rule.windowMinutes * 60_000);
    // One statement, so concurrent failures from several processes all count.
    await this.db
      .insert(throttles)
      .values({ key, failures: 1, windowStartedAt: new Date() })
      .onConflictDoUpdate({
        target: throttles.key,
        set: {
          failures: sql`case when ${throttles.windowStartedAt} < ${windowStart} then 1 else ${throttles.failures} + 1 end`,
          windowStartedAt: sql`case when ${throttles.windowStartedAt} < ${windowStart} then now() else ${throttles.windowStartedAt} end`,
        },
      });
    await this.db
      .update(throttles)
      .set({
        blockedUntil: sql`case when ${throttles.failures} > ${rule.free}
          then now() + least(power(2, ${throttles.failures} - ${rule.free}), ${rule.maxDelaySeconds}) * interval '1 second'
          else null end`,
      })
      .where(eq(throttles.key, key));
  }

  /**
   * Counts one request against a limit per window; answers how long to wait when the limit is passed.
   * One upsert, so concurrent requests in several processes are all counted.
   */
  async hit(key: string, limit: number, windowSeconds: number): Promise<ThrottleState> {
    if (this.oneProcess) return this.hitInMemory(key, limit, windowSeconds);
    const windowStart = new Date(Date.now() - windowSeconds * 1000);
    const [row] = await this.db
      .insert(rateCounters)
      .values({ key, hits: 1, windowStartedAt: new Date() })
      .onConflictDoUpdate({
        target: rateCounters.key,
        set: {
          hits: sql`case when ${rateCounters.windowStartedAt} < ${windowStart} then 1 else ${rateCounters.hits} + 1 end`,
          windowStartedAt: sql`case when ${rateCounters.windowStartedAt} < ${windowStart} then now() else ${rateCounters.windowStartedAt} end`,
        },
      })
      .returning({ hits: rateCounters.hits, windowStartedAt: rateCounters.windowStartedAt });
    if (!row || row.hits <= limit) return { blocked: false };
    const wait = Math.ceil((row.windowStartedAt.getTime() + windowSeconds * 1000 - Date.now()) / 1000);
    return { blocked: true, retryAfterSeconds: Math.max(1, wait) };
  }

  private hitInMemory(key: string, limit: number, windowSeconds: number, now = Date.now()): ThrottleState {
    const windowMs = windowSeconds * 1000;
    let count = this.counts.get(key);
    if (!count || count.windowStartedAt < now - windowMs) {
      // Passed windows are forgotten now and then, so the map holds about one window's senders.
      if (this.counts.size >= 10_000)
        for (const [k, c] of this.counts) if (c.windowStartedAt < now - windowMs) this.counts.delete(k);
      count = { hits: 0, windowStartedAt: now };
      this.counts.set(key, count);
    }
    count.hits += 1;
    if (count.hits <= limit) return { blocked: false };
    return { blocked: true, retryAfterSeconds: Math.max(1, Math.ceil((count.windowStartedAt + windowMs - now) / 1000)) };
  }

  async reset(key: string): Promise<void> {
    await this.db.delete(throttles).where(eq(throttles.key, key));
  }

  /** Forgets counters whose window and block have both passed. */
  async purge(olderThanMinutes: number): Promise<void> {
    await this.db.delete(throttles).where(lt(throttles.windowStartedAt, new Date(Date.now() - olderThanMinutes * 60_000)));
  }
}

/** Sign-in: per address a few tries, then growing delays up to 15 minutes; per IP more room, same growth. */
export const LOGIN_ACCOUNT: ThrottleRule = { free: 5, windowMinutes: 15, maxDelaySeconds: 15 * 60 };
export const LOGIN_IP: ThrottleRule = { free: 20, windowMinutes: 15, maxDelaySeconds: 15 * 60 };
/** Reset mails: a few per address and per IP an hour. */
export const RESET_REQUEST: ThrottleRule = { free: 10, windowMinutes: 60, maxDelaySeconds: 60 * 60 };
