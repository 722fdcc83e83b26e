import { desc, eq, or } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../../platform/audit/audit.ts";
import { audited } from "../../platform/audit/audited.ts";
import { newPassword } from "../../platform/auth/password-policy.ts";
import type { SessionStore } from "../../platform/auth/sessions.ts";
import { consumeToken, inspectToken, issueToken, type TokenKind, type TokenState } from "../../platform/auth/tokens.ts";
import type { UserService } from "../../platform/auth/users.ts";
import type { Db, DbOrTx } from "../../platform/db/client.ts";
import { invalid, NotFoundError, ok, type Result } from "../../platform/http/errors.ts";
import { toFieldErrors } from "../../platform/http/validation.ts";
import type { Translate } from "../../platform/i18n/i18n.ts";
import { type MailDelivery, type MailMessage, queueMail } from "../../platform/mail/mail.ts";
import { auditLog, authTokens, invitations, users } from "../../platform/schema.ts";

export const RESET_LINK_MINUTES = 60;

/** A network the account has access to, as "your data" shows it. */
export type NetworkAccessEntry = { slug: string; network: string; role: "member" | "secretariat"; represents: string[] };

export const forgotInput = z.object({ email: z.email("errors.email").max(254) });
export const resetInput = z
  .object({ password: newPassword, repeat: z.string().max(1000) })
  .refine((v) => v.password === v.repeat, { message: "errors.passwordRepeat", path: ["repeat"] });

export const EMAIL_CHANGE_HOURS = 24;
export const emailChangeInput = z.object({
  email: z.preprocess((v) => (typeof v === "string" ? v.trim().toLowerCase() : v), z.email("errors.email").max(254)),
  password: z.string().min(1, "errors.required").max(1000),
});

export const deleteInput = z.object({ confirmEmail: z.string().trim().toLowerCase().max(254) });

/** Password reset by e-mail, and each person's own data. Answers never reveal whether an address has an account. */
export class AccountService {
  constructor(
    private readonly db: Db,
    private readonly users: UserService,
    private readonly sessions: SessionStore,
    private readonly mail: MailDelivery,
    private readonly baseUrl: string,
    private readonly related: {
      /** People in the directory with this e-mail, through the directory's own service. */
      directoryEntriesFor(email: string): Promise<unknown[]>;
      /** The networks the account has access to, with role and organisations represented. */
      networkAccessOf(userId: number): Promise<NetworkAccessEntry[]>;
      removeNetworkAccess(tx: DbOrTx, userId: number): Promise<void>;
    },
  ) {}

  /** A single-use link mailed in the transaction that issues it, then the outbox is sent. */
  private async mailLink(
    link: { kind: TokenKind; userId: number; ttlMs: number; payload?: string },
    message: (token: string) => MailMessage,
  ) {
    await this.db.transaction(async (tx) => {
      const token = await issueToken(tx, link.kind, link.userId, link.ttlMs, link.payload);
      await queueMail(tx, message(token));
    });
    void this.mail.deliverDue().catch(() => undefined);
  }

  async requestPasswordReset(input: unknown, t: Translate): Promise<Result<true>> {
    const parsed = forgotInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const user = await this.users.byEmail(parsed.data.email);
    if (user) {
      await this.mailLink({ kind: "password_reset", userId: user.id, ttlMs: RESET_LINK_MINUTES * 60_000 }, (token) => ({
        to: user.email,
        subject: t("mail.reset.subject"),
        body: t("mail.reset.body", {
          name: user.name,
          link: `${this.baseUrl}/password/reset/${token}`,
          minutes: RESET_LINK_MINUTES,
        }),
      }));
    }
    return ok(true);
  }

  /** Every piece of personal data Samverk holds about the account's owner. */
  async myData(userId: number) {
    const [account] = await this.db
      .select({ id: users.id, email: users.email, name: users.name, isAdmin: users.isAdmin, createdAt: users.createdAt })
      .from(users)
      .where(eq(users.id, userId));
    if (!account) throw new NotFoundError();
    const [sessionList, invitationList, directoryEntries, networkAccess, changes] = await Promise.all([
      this.sessions.listFor(userId),
      this.db
        .select({
          id: invitations.id,
          email: invitations.email,
          name: invitations.name,
          createdAt: invitations.createdAt,
          acceptedAt: invitations.acceptedAt,
        })
        .from(invitations)
        .where(or(eq(invitations.userId, userId), eq(invitations.invitedById, userId))),
      this.related.directoryEntriesFor(account.email),
      this.related.networkAccessOf(userId),
      this.db
        .select({ at: auditLog.at, action: auditLog.action, entity: auditLog.entity, entityId: auditLog.entityId })
        .from(auditLog)
        .where(eq(auditLog.actorUserId, userId))
        .orderBy(desc(auditLog.id))
        .limit(1000),
    ]);
    return {
      account,
      sessions: sessionList.map(({ idHash: _id, ...rest }) => rest),
      invitations: invitationList,
      directoryEntries,
      networkAccess,
      changesMade: changes,
    };
  }

  /**
   * Deletion on request: the account is anonymised (name, e-mail and password removed, every session
   * ended). It is not removed, so the audit trail keeps pointing at it and shows "deleted user".
   */
  async deleteAccount(userId: number, input: unknown): Promise<Result<true>> {
    const parsed = deleteInput.safeParse(input);
    const [account] = await this.db.select({ email: users.email }).from(users).where(eq(users.id, userId));
    if (!account) throw new NotFoundError();
    if (!parsed.success || parsed.data.confirmEmail !== account.email)
      return invalid([{ field: "confirmEmail", key: "errors.confirmEmail" }]);
    // The entry names no personal data: only that the account was anonymised.
    await audited(this.db, { userId, label: "-", isAdmin: false }, async (tx, audit) => {
      await tx
        .update(users)
        .set({ name: "", email: `deleted-${userId}@deleted.invalid`, passwordHash: null, isAdmin: false, deletedAt: new Date() })
        .where(eq(users.id, userId));
      await this.sessions.destroyAllOf(tx, userId);
      await tx.delete(authTokens).where(eq(authTokens.userId, userId));
      await this.related.removeNetworkAccess(tx, userId);
      await audit({ action: "delete", entity: "user", entityId: userId, after: { anonymised: true } });
    });
    return ok(true);
  }

  /**
   * Starts an e-mail change: the new address must confirm it through a link. Whether the new address
   * already has an account is never said; such a change simply never completes.
   */
  async requestEmailChange(userId: number, input: unknown, t: Translate): Promise<Result<true>> {
    const parsed = emailChangeInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const [account] = await this.db.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, userId));
    if (!account) throw new NotFoundError();
    if ((await this.users.authenticate(account.email, parsed.data.password)) !== userId) {
      return invalid([{ field: "password", key: "auth.wrongPassword" }]);
    }
    const taken = await this.users.byEmail(parsed.data.email);
    if (!taken) {
      const link = { kind: "email_change" as const, userId, ttlMs: EMAIL_CHANGE_HOURS * 3600_000, payload: parsed.data.email };
      await this.mailLink(link, (token) => ({
        to: parsed.data.email,
        subject: t("mail.emailChange.subject"),
        body: t("mail.emailChange.body", {
          name: account.name,
          link: `${this.baseUrl}/account/email/confirm/${token}`,
          hours: EMAIL_CHANGE_HOURS,
        }),
      }));
    }
    return ok(true);
  }

  emailChangeState(token: string): Promise<TokenState> {
    return inspectToken(this.db, "email_change", token);
  }

  /** Confirms the new address: the account takes it, and the old address is told. */
  async confirmEmailChange(token: string, t: Translate): Promise<TokenState | { ok: false; reason: "taken" }> {
    return this.db.transaction(async (tx) => {
      const used = await consumeToken(tx, "email_change", token);
      if (!used.ok || !used.payload) return used.ok ? { ok: false as const, reason: "unknown" as const } : used;
      const [account] = await tx.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, used.userId));
      const [holder] = await tx.select({ id: users.id }).from(users).where(eq(users.email, used.payload));
      if (!account || holder) return { ok: false as const, reason: "taken" as const };
      await tx.update(users).set({ email: used.payload }).where(eq(users.id, used.userId));
      await recordAudit(
        tx,
        { userId: used.userId, label: account.name || used.payload, isAdmin: false },
        {
          action: "update",
          entity: "user",
          entityId: used.userId,
          after: { email: "changed after confirmation from the new address" },
        },
      );
      await queueMail(tx, {
        to: account.email,
        subject: t("mail.emailChanged.subject"),
        body: t("mail.emailChanged.body", { name: account.name }),
      });
      return used;
    });
  }

  resetLinkState(token: string): Promise<TokenState> {
    return inspectToken(this.db, "password_reset", token);
  }

  /** Sets the new password, uses up the link and signs the user out everywhere, in one transaction. */
  async resetPassword(token: string, input: unknown): Promise<Result<true> | { ok: false; link: TokenState }> {
    const state = await this.resetLinkState(token);
    if (!state.ok) return { ok: false, link: state };
    const parsed = resetInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    return this.db.transaction(async (tx) => {
      const used = await consumeToken(tx, "password_reset", token);
      if (!used.ok) return { ok: false as const, link: used };
      await this.users.setPassword(tx, used.userId, parsed.data.password);
      await this.sessions.destroyAllOf(tx, used.userId);
      await recordAudit(
        tx,
        { userId: used.userId, label: "password reset", isAdmin: false },
        {
          action: "update",
          entity: "user",
          entityId: used.userId,
          after: { password: "changed by reset link" },
        },
      );
      return ok(true as const);
    });
  }
}
