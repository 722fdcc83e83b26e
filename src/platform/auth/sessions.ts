import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, lt } from "drizzle-orm";
import type { Actor } from "../audit/audit.ts";
import type { Db, DbOrTx } from "../db/client.ts";
import { sessions, users } from "../schema.ts";

export const SESSION_COOKIE = "samverk_session";

const hashToken = (token: string) => createHash("sha256").update(token).digest("base64url");

/** Sessions live in the database so any app process can serve any request. */
export class SessionStore {
  constructor(
    private readonly db: Db,
    private readonly lifetimeHours: number,
  ) {}

  async create(userId: number): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString("base64url");
    const expiresAt = new Date(Date.now() + this.lifetimeHours * 3600_000);
    await this.db.insert(sessions).values({ idHash: hashToken(token), userId, expiresAt });
    return { token, expiresAt };
  }

  async actorFor(token: string | undefined): Promise<Actor | null> {
    if (!token || token.length > 100) return null;
    const [row] = await this.db
      .select({ id: users.id, name: users.name, email: users.email, isAdmin: users.isAdmin })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(eq(sessions.idHash, hashToken(token)), gt(sessions.expiresAt, new Date())))
      .limit(1);
    return row ? { userId: row.id, label: row.name || row.email, isAdmin: row.isAdmin } : null;
  }

  async destroy(token: string | undefined): Promise<void> {
    if (token) await this.db.delete(sessions).where(eq(sessions.idHash, hashToken(token)));
  }

  /** Ends every session of a user, for instance after a password reset. */
  async destroyAllOf(tx: DbOrTx, userId: number): Promise<void> {
    await tx.delete(sessions).where(eq(sessions.userId, userId));
  }

  async purgeExpired(): Promise<void> {
    await this.db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
  }
}
