import { eq, lt, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { rateCounters, throttles } from "../schema.ts";

export interface ThrottleRule {
  /** Attempts (at least one) allowed in the window before delays start. */
  free: number;
  windowMinutes: number;
  /** The longest delay, however many attempts follow. */
  maxDelaySeconds: number;
}

export type ThrottleState = { blocked: false } | { blocked: true; retryAfterSeconds: number };

/**
 * Growing delays after repeated attempts: after `free` attempts in a window, each further one blocks
 * the key for 2, 4, 8 … seconds, up to `maxDelaySeconds`. An attempt is counted before the expensive
 * work (such as checking a password) and a blocked key is answered without it, so a brute-force run
 * costs the server little, and guesses sent all at once meet the same limit as guesses sent in turn.
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

  /**
   * Counts one attempt and answers whether it may go ahead. One upsert both counts and decides:
   * concurrent attempts, in one process or several, queue on the key's row, and each sees the count
   * and block the one before it left. A blocked key counts nothing and answers how long to wait.
   * There is deliberately no "check, then count afterwards": between the two, any number of attempts
   * would pass the check.
   */
  async attempt(key: string, rule: ThrottleRule): Promise<ThrottleState> {
    const expired = sql`${throttles.windowStartedAt} < ${new Date(Date.now() - rule.windowMinutes * 60_000)}`;
    const count = sql`case when ${expired} then 1 else ${throttles.failures} + 1 end`;
    const [admitted] = await this.db
      .insert(throttles)
      .values({ key, failures: 1, windowStartedAt: new Date() })
      .onConflictDoUpdate({
        target: throttles.key,
        set: {
          failures: count,
          windowStartedAt: sql`case when ${expired} then now() else ${throttles.windowStartedAt} end`,
          // Counted as if it fails: the next attempt waits unless this one turns out right (forgive).
          blockedUntil: sql`case when ${count} > ${rule.free}
            then now() + least(power(2, ${count} - ${rule.free}), ${rule.maxDelaySeconds}) * interval '1 second'
            else null end`,
        },
        setWhere: sql`${throttles.blockedUntil} is null or ${throttles.blockedUntil} <= now()`,
      })
      .returning({ key: throttles.key });
    if (admitted) return { blocked: false };
    const [row] = await this.db.select({ until: throttles.blockedUntil }).from(throttles).where(eq(throttles.key, key));
    const wait = Math.ceil(((row?.until?.getTime() ?? 0) - Date.now()) / 1000);
    return { blocked: true, retryAfterSeconds: Math.max(1, wait) };
  }

  /**
   * One attempt against several keys (an address and an IP), in order: when one refuses, the
   * attempts already counted on the others are taken back, since nothing was tried.
   */
  async attemptAll(limits: readonly (readonly [key: string, rule: ThrottleRule])[]): Promise<ThrottleState> {
    for (const [i, [key, rule]] of limits.entries()) {
      const state = await this.attempt(key, rule);
      if (state.blocked) {
        for (const [earlier, earlierRule] of limits.slice(0, i)) await this.forgive(earlier, earlierRule);
        return state;
      }
    }
    return { blocked: false };
  }

  /**
   * Takes one counted attempt back (it succeeded, or was never made), and the block it set if the
   * count is within the allowance again. A block earned by attempts beyond it stays.
   */
  async forgive(key: string, rule: ThrottleRule): Promise<void> {
    await this.db
      .update(throttles)
      .set({
        failures: sql`greatest(${throttles.failures} - 1, 0)`,
        blockedUntil: sql`case when ${throttles.failures} - 1 > ${rule.free} then ${throttles.blockedUntil} else null end`,
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
