import { createHash } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Actor, PlatformRole } from "../access/actor.ts";
import { recordAudit } from "../audit/audit.ts";
import type { Db, DbOrTx } from "../db/client.ts";
import { invalid, NotFoundError, ok, type Result } from "../http/errors.ts";
import { toFieldErrors } from "../http/validation.ts";
import type { MessageKey } from "../i18n/i18n.ts";
import { users } from "../schema.ts";
import type { OidcIdentity } from "./oidc.ts";
import { hashPassword, verifyPassword } from "./password.ts";
import { newPassword } from "./password-policy.ts";

const adminSchema = z.object({
  email: z
    .email("errors.email")
    .max(254)
    .transform((e) => e.toLowerCase()),
  name: z.string().trim().max(200).default(""),
  password: newPassword,
});

/** Accounts. Until invitations and roles arrive, the administrator is the only kind of user. */
export class UserService {
  constructor(private readonly db: Db) {}

  /** Creates the administrator, or makes an existing account one and sets its password. */
  async createAdmin(input: unknown): Promise<Result<{ id: number; created: boolean }>> {
    const parsed = adminSchema.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const { email, name, password } = parsed.data;
    const passwordHash = await hashPassword(password);
    const [row] = await this.db
      .insert(users)
      .values({ email, name: name || email, passwordHash, isAdmin: true })
      .onConflictDoUpdate({ target: users.email, set: { passwordHash, isAdmin: true } })
      .returning({ id: users.id, created: sql<boolean>`(xmax = 0)` });
    return ok({ id: row!.id, created: Boolean(row!.created) });
  }

  /** An account's name and address, for a form it fills in for itself. */
  async byId(id: number) {
    const [row] = await this.db
      .select({ id: users.id, email: users.email, name: users.name })
      .from(users)
      .where(eq(users.id, id))
      .limit(1);
    return row;
  }

  async byEmail(email: string) {
    const [row] = await this.db
      .select({ id: users.id, email: users.email, name: users.name })
      .from(users)
      .where(eq(users.email, email.trim().toLowerCase()))
      .limit(1);
    return row;
  }

  /** Sets a new password (already checked against the policy) inside the caller's transaction. */
  async setPassword(tx: DbOrTx, userId: number, password: string): Promise<void> {
    await tx
      .update(users)
      .set({ passwordHash: await hashPassword(password) })
      .where(eq(users.id, userId));
  }

  /**
   * The account for an OpenID Connect identity: the one already linked to it; else, through a verified
   * e-mail that matches, an existing account (linked now); else a new account. An unverified e-mail
   * never links to an existing account.
   */
  async forOidcIdentity(identity: OidcIdentity): Promise<{ ok: true; userId: number } | { ok: false; key: MessageKey }> {
    const [linked] = await this.db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.oidcSubject, identity.subject), isNull(users.deletedAt)));
    if (linked) return { ok: true, userId: linked.id };
    const [byEmail] = identity.email
      ? await this.db.select({ id: users.id, oidcSubject: users.oidcSubject }).from(users).where(eq(users.email, identity.email))
      : [];
    if (byEmail) {
      if (!identity.emailVerified) return { ok: false, key: "auth.oidcUnverified" };
      if (byEmail.oidcSubject) return { ok: false, key: "auth.oidcOtherIdentity" };
      await this.db.transaction(async (tx) => {
        await tx.update(users).set({ oidcSubject: identity.subject }).where(eq(users.id, byEmail.id));
        await recordAudit(
          tx,
          { userId: byEmail.id, label: identity.name || identity.email!, isAdmin: false },
          {
            action: "update",
            entity: "user",
            entityId: byEmail.id,
            after: { oidc: "linked through a verified e-mail" },
          },
        );
      });
      return { ok: true, userId: byEmail.id };
    }
    const email = identity.email ?? `${createHash("sha256").update(identity.subject).digest("hex").slice(0, 20)}@oidc.invalid`;
    const userId = await this.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(users)
        .values({ email, name: identity.name || email, oidcSubject: identity.subject })
        .returning({ id: users.id });
      await recordAudit(
        tx,
        { userId: row!.id, label: identity.name || email, isAdmin: false },
        {
          action: "create",
          entity: "user",
          entityId: row!.id,
          after: { oidc: "first sign-in" },
        },
      );
      return row!.id;
    });
    return { ok: true, userId };
  }

  /** The accounts that hold a platform role, by name. */
  async withRole(role: PlatformRole) {
    return this.db
      .select({ id: users.id, email: users.email, name: users.name })
      .from(users)
      .where(and(sql`${role} = any(${users.roles})`, isNull(users.deletedAt)))
      .orderBy(users.name);
  }

  /**
   * Grants a platform role to the account with this e-mail. An e-mail without an account is refused
   * rather than invited: roles go to people who already sign in.
   */
  async grantRole(actor: Actor, input: unknown, role: PlatformRole): Promise<Result<number>> {
    const parsed = z.object({ email: z.email("errors.email").max(254) }).safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const account = await this.byEmail(parsed.data.email);
    if (!account) return invalid([{ field: "email", key: "errors.noSuchAccount" }]);
    await this.changeRole(actor, account.id, role, true);
    return ok(account.id);
  }

  async revokeRole(actor: Actor, userId: number, role: PlatformRole): Promise<void> {
    const [account] = await this.db.select({ id: users.id }).from(users).where(eq(users.id, userId));
    if (!account) throw new NotFoundError();
    await this.changeRole(actor, userId, role, false);
  }

  private async changeRole(actor: Actor, userId: number, role: PlatformRole, granted: boolean) {
    await this.db.transaction(async (tx) => {
      const removed = sql`array_remove(${users.roles}, ${role})`;
      await tx
        .update(users)
        .set({ roles: granted ? sql`array_append(${removed}, ${role})` : removed })
        .where(eq(users.id, userId));
      await recordAudit(tx, actor, { action: "update", entity: "user", entityId: userId, after: { role, granted } });
    });
  }

  /** The user id when the e-mail and password match; null otherwise, in the same time either way. */
  async authenticate(email: string, password: string): Promise<number | null> {
    const [row] = await this.db
      .select({ id: users.id, passwordHash: users.passwordHash })
      .from(users)
      .where(eq(users.email, email.trim().toLowerCase()))
      .limit(1);
    const matches = await verifyPassword(password, row?.passwordHash ?? null);
    return matches && row ? row.id : null;
  }
}
