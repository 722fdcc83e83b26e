import { and, isNotNull, lt, or } from "drizzle-orm";
import type { Db } from "./db/client.ts";
import { authTokens, invitations, mailOutbox, rateCounters, sessions, throttles } from "./schema.ts";

export interface RetentionPolicy {
  mailDays: number;
  invitationDays: number;
  sessionIdleMinutes: number;
}

const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 3600_000);

/**
 * Removes what is kept no longer than needed: ended sessions, used or expired reset links, outbox mail
 * and finished invitations past their retention, and old throttle counters. Safe to run from several
 * processes at once: every step is a plain delete of what is past its time.
 */
export async function purgeExpired(db: Db, policy: RetentionPolicy) {
  const now = new Date();
  const removed = { sessions: 0, tokens: 0, mail: 0, invitations: 0, throttles: 0 };
  await db.transaction(async (tx) => {
    removed.sessions = (
      await tx
        .delete(sessions)
        .where(
          or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, new Date(now.getTime() - policy.sessionIdleMinutes * 60_000))),
        )
        .returning({ id: sessions.idHash })
    ).length;
    removed.tokens = (
      await tx
        .delete(authTokens)
        .where(or(lt(authTokens.expiresAt, now), isNotNull(authTokens.usedAt)))
        .returning({ id: authTokens.idHash })
    ).length;
    removed.mail = (
      await tx
        .delete(mailOutbox)
        .where(lt(mailOutbox.createdAt, daysAgo(policy.mailDays)))
        .returning({ id: mailOutbox.id })
    ).length;
    removed.invitations = (
      await tx
        .delete(invitations)
        .where(
          and(
            lt(invitations.createdAt, daysAgo(policy.invitationDays)),
            or(isNotNull(invitations.acceptedAt), isNotNull(invitations.withdrawnAt), lt(invitations.expiresAt, now)),
          ),
        )
        .returning({ id: invitations.id })
    ).length;
    await tx.delete(rateCounters).where(lt(rateCounters.windowStartedAt, daysAgo(1)));
    removed.throttles = (
      await tx
        .delete(throttles)
        .where(lt(throttles.windowStartedAt, daysAgo(1))) // windows and blocks last an hour at most
        .returning({ key: throttles.key })
    ).length;
  });
  return removed;
}

/**
 * Runs the purge once a day (and once shortly after start) in the server, with the modules' own
 * steps (such as personal data in consultation inputs), each answering how many it removed, and then
 * what should follow it.
 */
export function scheduleRetention(
  db: Db,
  policy: RetentionPolicy,
  log: { info(o: object, m: string): void; error(o: object, m: string): void },
  moduleSteps: Record<string, () => Promise<number>> = {},
  /** Run after the purge, such as the embedded database's vacuum. */
  afterwards?: () => Promise<void>,
): () => void {
  const run = () =>
    (async () => {
      const removed: Record<string, number> = await purgeExpired(db, policy);
      for (const [name, step] of Object.entries(moduleSteps)) removed[name] = await step();
      log.info({ removed }, "retention: removed what is past its time");
      await afterwards?.();
    })().catch((err) => log.error({ err }, "retention run failed"));
  const first = setTimeout(run, 60_000);
  const daily = setInterval(run, 24 * 3600_000);
  first.unref();
  daily.unref();
  return () => {
    clearTimeout(first);
    clearInterval(daily);
  };
}
