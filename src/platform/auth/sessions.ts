import { randomBytes } from "node:crypto";
import { and, desc, eq, gt, lt, ne, or } from "drizzle-orm";
import type { Actor, PlatformRole } from "../access/actor.ts";
import type { Db, DbOrTx } from "../db/client.ts";
import { sessions, users } from "../schema.ts";
import { hashToken } from "./tokens.ts";

export const SESSION_COOKIE = "samverk_session";

const TOUCH_EVERY_MS = 60_000;

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

/**
 * Sessions live in the database so any app process can serve any request. A session ends at its
 * absolute lifetime, after an idle period, at sign-out, or when its owner ends it from another browser.
 */
export class SessionStore {
  constructor(
    private readonly db: Db,
    private readonly lifetimeHours: number,
    private readonly idleMinutes: number,
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
    const now = new Date();
    const [row] = await this.db
      .select({
        idHash: sessions.idHash,
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
          eq(sessions.idHash, hashToken(token)),
          gt(sessions.expiresAt, now),
          gt(sessions.lastSeenAt, new Date(now.getTime() - this.idleMinutes * 60_000)),
        ),
      )
      .limit(1);
    if (!row) return null;
    if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
      await this.db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.idHash, row.idHash));
    }
    return {
      idHash: row.idHash,
      actor: { userId: row.id, label: row.name || row.email, isAdmin: row.isAdmin, roles: row.roles as PlatformRole[] },
    };
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
