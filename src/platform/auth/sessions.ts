import { randomBytes } from "node:crypto";
import { and, desc, eq, gt, lt, ne, or } from "drizzle-orm";
import type { Actor, PlatformRole } from "../access/actor.ts";
import type { Db, DbOrTx } from "../db/client.ts";
import type { DataVersion } from "../db/data-version.ts";
import { sessions, users } from "../schema.ts";
import { hashToken } from "./tokens.ts";

export const SESSION_COOKIE = "samverk_session";

const TOUCH_EVERY_MS = 60_000;
/** What the sessions table tells when a session ends or its times move back (migration 0068). */
const SESSIONS_ENDED = "sessions:ended";
/** A kept session depends on its own row and on its person's (name, administrator flag, roles). */
const KEPT_SESSION_DEPENDS_ON = [SESSIONS_ENDED, "users"];
const MAX_KEPT_SESSIONS = 10_000;

/** "Firefox on Windows": enough for people to recognise a session, no fingerprint kept. */
export function describeUserAgent(ua: string | undefined): string {
  if (!ua) return "";
  const browser = /Edg\//.test(ua)
    ? "Edge"
    : /Firefox\//.test(ua)
      ? "Firefox"
      : /Chrome\//.test(ua)
        ? "Chrome"
        : /Safari\//.test(ua)
          ? "Safari"
          : "";
  const os = /Windows/.test(ua)
    ? "Windows"
    : /Android/.test(ua)
      ? "Android"
      : /iPhone|iPad/.test(ua)
        ? "iOS"
        : /Mac OS X/.test(ua)
          ? "macOS"
          : /Linux/.test(ua)
            ? "Linux"
            : "";
  return [browser, os].filter(Boolean).join(" / ").slice(0, 60);
}

export interface SessionInfo {
  actor: Actor;
  idHash: string;
}

interface KeptSession {
  info: SessionInfo;
  expiresAt: number;
  /** The last touch this process knows of: never later than the real one, so idleness is never missed. */
  lastSeenAt: number;
  /** The change clock's time before the session was read. */
  version: number;
}

/**
 * Sessions live in the database so any app process can serve any request. A session ends at its
 * absolute lifetime, after an idle period, at sign-out, or when its owner ends it from another browser.
 *
 * With a change clock (the app), each process keeps the sessions it has seen (decision 0044): a
 * signed-in request in steady state asks the database nothing. A kept session is used while it is
 * neither expired nor idle by the times known here, and while no session has ended and no account
 * changed since it was read; the sessions table tells of every end (migration 0068).
 */
export class SessionStore {
  private readonly kept = new Map<string, KeptSession>();

  constructor(
    private readonly db: Db,
    private readonly lifetimeHours: number,
    private readonly idleMinutes: number,
    private readonly clock?: DataVersion,
  ) {}

  async create(userId: number, userAgent?: string, oidcIdToken?: string): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString("base64url");
    const expiresAt = new Date(Date.now() + this.lifetimeHours * 3600_000);
    await this.db.insert(sessions).values({
      idHash: hashToken(token),
      userId,
      expiresAt,
      userAgent: describeUserAgent(userAgent),
      oidcIdToken: oidcIdToken ?? null,
    });
    return { token, expiresAt };
  }

  async find(token: string | undefined): Promise<SessionInfo | null> {
    if (!token || token.length > 100) return null;
    const idHash = hashToken(token);
    const version = this.clock?.current() ?? 0;
    const now = Date.now();
    const kept = this.kept.get(idHash);
    this.kept.delete(idHash);
    if (kept && this.live(kept, now) && this.clock?.unchangedSince(KEPT_SESSION_DEPENDS_ON, kept.version)) {
      if (now - kept.lastSeenAt > TOUCH_EVERY_MS) {
        // Ended in another process whose word has not arrived yet: the touch finds no row.
        if (!(await this.touch(idHash, now))) return null;
        kept.lastSeenAt = now;
      }
      this.keep(idHash, kept);
      return kept.info;
    }
    const [row] = await this.db
      .select({
        expiresAt: sessions.expiresAt,
        lastSeenAt: sessions.lastSeenAt,
        id: users.id,
        name: users.name,
        email: users.email,
        isAdmin: users.isAdmin,
        roles: users.roles,
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(
        and(
          eq(sessions.idHash, idHash),
          gt(sessions.expiresAt, new Date(now)),
          gt(sessions.lastSeenAt, new Date(now - this.idleMinutes * 60_000)),
        ),
      )
      .limit(1);
    if (!row) return null;
    let lastSeenAt = row.lastSeenAt.getTime();
    if (now - lastSeenAt > TOUCH_EVERY_MS) {
      await this.touch(idHash, now);
      lastSeenAt = now;
    }
    const info: SessionInfo = {
      idHash,
      actor: { userId: row.id, label: row.name || row.email, isAdmin: row.isAdmin, roles: row.roles as PlatformRole[] },
    };
    if (this.clock) this.keep(idHash, { info, expiresAt: row.expiresAt.getTime(), lastSeenAt, version });
    return info;
  }

  /** Neither past its lifetime nor idle, by the times this process knows of. */
  private live(session: KeptSession, now: number): boolean {
    return now < session.expiresAt && now - session.lastSeenAt < this.idleMinutes * 60_000;
  }

  /** Kept least recently used first, so the oldest goes when there are too many. */
  private keep(idHash: string, session: KeptSession): void {
    this.kept.set(idHash, session);
    if (this.kept.size > MAX_KEPT_SESSIONS) this.kept.delete(this.kept.keys().next().value as string);
  }

  /** Moves the session's last use forward; false when the session is gone. */
  private async touch(idHash: string, now: number): Promise<boolean> {
    const touched = await this.db
      .update(sessions)
      .set({ lastSeenAt: new Date(now) })
      .where(eq(sessions.idHash, idHash))
      .returning({ idHash: sessions.idHash });
    return touched.length > 0;
  }

  async actorFor(token: string | undefined): Promise<Actor | null> {
    return (await this.find(token))?.actor ?? null;
  }

  /** A user's live sessions, newest use first. */
  async listFor(userId: number) {
    const now = new Date();
    return this.db
      .select({
        idHash: sessions.idHash,
        createdAt: sessions.createdAt,
        lastSeenAt: sessions.lastSeenAt,
        userAgent: sessions.userAgent,
      })
      .from(sessions)
      .where(
        and(
          eq(sessions.userId, userId),
          gt(sessions.expiresAt, now),
          gt(sessions.lastSeenAt, new Date(now.getTime() - this.idleMinutes * 60_000)),
        ),
      )
      .orderBy(desc(sessions.lastSeenAt));
  }

  /** Ends one of the user's own sessions; someone else's id ends nothing. */
  async end(userId: number, idHash: string): Promise<boolean> {
    const ended = await this.db
      .delete(sessions)
      .where(and(eq(sessions.userId, userId), eq(sessions.idHash, idHash)))
      .returning({ idHash: sessions.idHash });
    return ended.length > 0;
  }

  /** Ends every session of the user except, if given, the one in use. */
  async endAllOf(userId: number, except?: string): Promise<void> {
    await this.db.delete(sessions).where(and(eq(sessions.userId, userId), except ? ne(sessions.idHash, except) : undefined));
  }

  /** Ends a session; answers its OpenID Connect ID token, if any, to sign out at the provider too. */
  async destroy(token: string | undefined): Promise<string | null> {
    if (!token) return null;
    const [ended] = await this.db
      .delete(sessions)
      .where(eq(sessions.idHash, hashToken(token)))
      .returning({ oidcIdToken: sessions.oidcIdToken });
    return ended?.oidcIdToken ?? null;
  }

  /** Ends every session of a user inside a transaction, for instance after a password reset. */
  async destroyAllOf(tx: DbOrTx, userId: number): Promise<void> {
    await tx.delete(sessions).where(eq(sessions.userId, userId));
  }

  async purgeExpired(): Promise<void> {
    const now = new Date();
    await this.db
      .delete(sessions)
      .where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, new Date(now.getTime() - this.idleMinutes * 60_000))));
  }
}
