import { randomBytes } from "node:crypto";
import { and, count, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../../../platform/access/actor.ts";
import { can } from "../../../platform/access/authorize.ts";
import { recordAudit } from "../../../platform/audit/audit.ts";
import { audited } from "../../../platform/audit/audited.ts";
import { hashPassword } from "../../../platform/auth/password.ts";
import { newPassword } from "../../../platform/auth/password-policy.ts";
import { hashToken } from "../../../platform/auth/tokens.ts";
import type { Db, DbOrTx } from "../../../platform/db/client.ts";
import { invalid, NotFoundError, ok, type Result } from "../../../platform/http/errors.ts";
import { idList, optionalId, optionalText, requiredText, toFieldErrors } from "../../../platform/http/validation.ts";
import { i18nFor, type Locale, type Translate } from "../../../platform/i18n/i18n.ts";
import { type MailDelivery, queueMail } from "../../../platform/mail/mail.ts";
import { invitations, users } from "../../../platform/schema.ts";
import { ACCESS_ROLES, type AccessRole } from "../schema.ts";
import type { AccessGrant, AccessService } from "./access.service.ts";

export const INVITATION_DAYS = 7;

export const inviteInput = z.object({
  email: z.preprocess((v) => (typeof v === "string" ? v.trim().toLowerCase() : v), z.email("errors.email").max(254)),
  name: optionalText(200),
  networkId: optionalId,
  /** What accepting gives in the network; ignored without one. */
  role: z.enum(ACCESS_ROLES, "errors.choice").default("member"),
  organisationIds: idList,
  personId: optionalId,
});
export const acceptInput = z
  .object({ name: requiredText(200), password: newPassword, repeat: z.string().max(1000) })
  .refine((v) => v.password === v.repeat, { message: "errors.passwordRepeat", path: ["repeat"] });

export type InvitationStatus = "pending" | "expired" | "accepted" | "withdrawn";
type LinkProblem = "unknown" | "expired" | "used" | "withdrawn";

const newToken = () => randomBytes(32).toString("base64url");
const expiry = () => new Date(Date.now() + INVITATION_DAYS * 24 * 3600_000);

export function statusOf(i: { acceptedAt: Date | null; withdrawnAt: Date | null; expiresAt: Date }): InvitationStatus {
  if (i.acceptedAt) return "accepted";
  if (i.withdrawnAt) return "withdrawn";
  return i.expiresAt <= new Date() ? "expired" : "pending";
}

/**
 * Invitations: a network's secretariat invites a person into its network with a role, organisations
 * to represent and a person record to become; an administrator may also invite to no network. A new
 * person makes an account through the link; someone with an account signs in and accepts.
 */
export class InvitationService {
  constructor(
    private readonly db: Db,
    private readonly mail: MailDelivery,
    private readonly baseUrl: string,
    private readonly access: AccessService,
    /** Invitations one person may send in an hour. */
    private readonly perHour: number,
    /** The language an existing account reads its mail in, where it is known. */
    private readonly localeOf: (userId: number) => Promise<Locale | undefined> = async () => undefined,
  ) {}

  /** One network's invitations, or (for the administrator) every invitation. */
  async list(networkId: number | null, limit: number, offset: number) {
    const where = networkId === null ? undefined : eq(invitations.networkId, networkId);
    const items = await this.db.select().from(invitations).where(where).orderBy(desc(invitations.id)).limit(limit).offset(offset);
    const [total] = await this.db.select({ n: count() }).from(invitations).where(where);
    return { items: items.map((i) => ({ ...i, status: statusOf(i) })), total: total?.n ?? 0 };
  }

  async invite(actor: Actor, input: unknown, t: Translate): Promise<Result<number>> {
    const parsed = inviteInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const { email, name, networkId, role, organisationIds, personId } = parsed.data;
    if (!can(actor, "invitation.manage", { networkId })) return invalid([{ field: "networkId", key: "errors.choice" }]);
    const [sent] = await this.db
      .select({ n: count() })
      .from(invitations)
      .where(and(eq(invitations.invitedById, actor.userId ?? -1), gt(invitations.createdAt, sql`now() - interval '1 hour'`)));
    if ((sent?.n ?? 0) >= this.perHour) return invalid([{ field: "email", key: "errors.tooManyInvitations" }]);
    const [account] = await this.db.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (account && networkId === null) return invalid([{ field: "email", key: "errors.accountExists" }]);
    if (account && networkId !== null && (await this.access.repo.access(networkId, account.id)))
      return invalid([{ field: "email", key: "errors.alreadyHasAccess" }]);
    if (networkId !== null) {
      // Accepting proves the invitee reads this address: if it is the person's own, the person confirms the link.
      const { errors } = await this.access.check(networkId, { role, organisationIds, personId }, account?.id ?? null, {
        decider: actor,
        confirmedEmail: email,
      });
      // An account's existing person link is kept when it accepts (see grantFrom), so it is no reason to refuse.
      const problems = errors.filter((e) => e.key !== "errors.personLinkElsewhere");
      if (problems.length) return invalid(problems);
    }
    const [pending] = await this.db
      .select({ id: invitations.id })
      .from(invitations)
      .where(
        and(
          eq(invitations.email, email),
          networkId === null ? isNull(invitations.networkId) : eq(invitations.networkId, networkId),
          isNull(invitations.acceptedAt),
          isNull(invitations.withdrawnAt),
          gt(invitations.expiresAt, new Date()),
        ),
      );
    if (pending) return invalid([{ field: "email", key: "errors.alreadyInvited" }]);
    const grant = networkId === null ? { role: null, organisationIds: [], personId: null } : { role, organisationIds, personId };
    const token = newToken();
    // Written before the transaction: on the embedded database a read outside it would wait for it.
    const mail = await this.message(email, name, actor.label, token, t, { networkId, role: grant.role }, account?.id);
    const id = await audited(this.db, actor, async (tx, audit) => {
      const [row] = await tx
        .insert(invitations)
        .values({ email, name, networkId, ...grant, invitedById: actor.userId, tokenHash: hashToken(token), expiresAt: expiry() })
        .returning();
      await audit({
        action: "create",
        entity: "invitation",
        entityId: row!.id,
        after: { email, name, networkId, ...grant },
      });
      await queueMail(tx, mail);
      return row!.id;
    });
    void this.mail.deliverDue().catch(() => undefined);
    return ok(id);
  }

  /**
   * The invitation mail: which network and what role accepting gives, in the language of the
   * account the address already has where it is known, else in the inviter's.
   */
  private async message(
    email: string,
    name: string,
    inviter: string,
    token: string,
    inviterT: Translate,
    grant: { networkId: number | null; role: AccessRole | null },
    userId?: number,
  ) {
    const locale = userId === undefined ? undefined : await this.localeOf(userId);
    const t = locale ? i18nFor(locale).t : inviterT;
    const params = { name: name || email, inviter, link: `${this.baseUrl}/invitation/${token}`, days: INVITATION_DAYS };
    const network = grant.networkId === null ? undefined : await this.access.networkName(grant.networkId);
    if (network === undefined || grant.role === null)
      return { to: email, subject: t("mail.invite.subject"), body: t("mail.invite.body", params) };
    return {
      to: email,
      subject: t("mail.invite.subjectNetwork", { network }),
      body: t("mail.invite.bodyNetwork", { ...params, network, role: t(`access.role.${grant.role}`) }),
    };
  }

  /** A new link with a new week; the old link stops working. */
  async resend(actor: Actor, id: number, networkId: number | null, t: Translate): Promise<void> {
    const row = await this.open(id, networkId);
    const token = newToken();
    const mail = await this.message(
      row.email,
      row.name,
      actor.label,
      token,
      t,
      row,
      row.userId ?? (await this.accountOf(row.email)),
    );
    await audited(this.db, actor, async (tx, audit) => {
      await tx
        .update(invitations)
        .set({ tokenHash: hashToken(token), expiresAt: expiry() })
        .where(eq(invitations.id, id));
      await audit({ action: "update", entity: "invitation", entityId: id, after: { resent: true } });
      await queueMail(tx, mail);
    });
    void this.mail.deliverDue().catch(() => undefined);
  }

  private async accountOf(email: string): Promise<number | undefined> {
    const [account] = await this.db.select({ id: users.id }).from(users).where(eq(users.email, email));
    return account?.id;
  }

  async withdraw(actor: Actor, id: number, networkId: number | null): Promise<void> {
    await this.open(id, networkId);
    await audited(this.db, actor, async (tx, audit) => {
      await tx.update(invitations).set({ withdrawnAt: new Date() }).where(eq(invitations.id, id));
      await audit({ action: "update", entity: "invitation", entityId: id, after: { withdrawn: true } });
    });
  }

  /** An invitation not yet accepted or withdrawn; within one network when a secretariat asks. */
  private async open(id: number, networkId: number | null) {
    const [row] = await this.db
      .select()
      .from(invitations)
      .where(and(eq(invitations.id, id), networkId === null ? undefined : eq(invitations.networkId, networkId)));
    if (!row || row.acceptedAt || row.withdrawnAt) throw new NotFoundError();
    return row;
  }

  async byToken(
    token: string,
  ): Promise<{ ok: true; invitation: typeof invitations.$inferSelect } | { ok: false; reason: LinkProblem }> {
    if (!/^[\w-]{20,100}$/.test(token)) return { ok: false, reason: "unknown" };
    const [row] = await this.db
      .select()
      .from(invitations)
      .where(eq(invitations.tokenHash, hashToken(token)));
    if (!row) return { ok: false, reason: "unknown" };
    const status = statusOf(row);
    if (status === "accepted") return { ok: false, reason: "used" };
    if (status === "withdrawn") return { ok: false, reason: "withdrawn" };
    if (status === "expired") return { ok: false, reason: "expired" };
    return { ok: true, invitation: row };
  }

  /** Creates the account and uses up the link, once, in one transaction. */
  async accept(token: string, input: unknown, t?: Translate): Promise<Result<number> | { ok: false; link: LinkProblem }> {
    const found = await this.byToken(token);
    if (!found.ok) return { ok: false, link: found.reason };
    const parsed = acceptInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const passwordHash = await hashPassword(parsed.data.password);
    try {
      return await this.db.transaction(async (tx) => {
        const [claimed] = await tx
          .update(invitations)
          .set({ acceptedAt: new Date() })
          .where(
            and(
              eq(invitations.tokenHash, hashToken(token)),
              isNull(invitations.acceptedAt),
              isNull(invitations.withdrawnAt),
              gt(invitations.expiresAt, sql`now()`),
            ),
          )
          .returning();
        if (!claimed) return { ok: false as const, link: "used" as const };
        const [user] = await tx
          .insert(users)
          .values({ email: claimed.email, name: parsed.data.name, passwordHash })
          .onConflictDoNothing()
          .returning({ id: users.id });
        // Someone made an account with this address meanwhile: undo the claim too.
        if (!user) throw new AccountExists();
        await tx.update(invitations).set({ userId: user.id }).where(eq(invitations.id, claimed.id));
        const actor = { userId: user.id, label: parsed.data.name, isAdmin: false };
        await recordAudit(tx, actor, [
          {
            action: "create",
            entity: "user",
            entityId: user.id,
            after: { email: claimed.email, name: parsed.data.name, invitation: claimed.id },
          },
        ]);
        await this.grantFrom(tx, actor, claimed, user.id, t);
        return ok(user.id);
      });
    } catch (error) {
      if (error instanceof AccountExists) return invalid([{ field: "name", key: "errors.accountExists" }]);
      throw error;
    }
  }

  /**
   * Accepts the invitation for the account already signed in: the link's holder is the person it was
   * sent to, whatever address their account has. Gives the network role it carries.
   */
  async acceptAs(token: string, actor: Actor, t?: Translate): Promise<Result<number | null> | { ok: false; link: LinkProblem }> {
    const found = await this.byToken(token);
    if (!found.ok) return { ok: false, link: found.reason };
    return audited(this.db, actor, async (tx, audit) => {
      const [claimed] = await tx
        .update(invitations)
        .set({ acceptedAt: new Date(), userId: actor.userId })
        .where(and(eq(invitations.tokenHash, hashToken(token)), isNull(invitations.acceptedAt), isNull(invitations.withdrawnAt)))
        .returning();
      if (!claimed) return { ok: false as const, link: "used" as const };
      await audit({ action: "update", entity: "invitation", entityId: claimed.id, after: { accepted: true } });
      await this.grantFrom(tx, actor, claimed, actor.userId!, t);
      return ok(claimed.networkId);
    });
  }

  /**
   * The network access an accepted invitation carries; a person record taken meanwhile is left alone.
   * The person link is decided as the inviter's own (decision 0018): an administrator's counts
   * everywhere, a secretariat's only in its network or after the person's confirmation, unless the
   * invitation went to the person's own address.
   */
  private async grantFrom(
    tx: DbOrTx,
    actor: Actor,
    invitation: typeof invitations.$inferSelect,
    userId: number,
    t: Translate | undefined,
  ) {
    if (invitation.networkId === null || invitation.role === null) return;
    const repo = this.access.repo.with(tx);
    const current = await repo.access(invitation.networkId, userId);
    // An account already linked to a person record (perhaps through another network) keeps that link.
    const linked = await repo.personOf(userId);
    const grant: AccessGrant = {
      role: current?.role === "secretariat" ? "secretariat" : invitation.role,
      organisationIds: [...new Set([...(current?.organisationIds ?? []), ...invitation.organisationIds])],
      personId: linked ?? invitation.personId,
    };
    // No inviter: the invitation came from the command line or the system, which act as administrators.
    const [inviter] = invitation.invitedById
      ? await tx.select({ name: users.name, isAdmin: users.isAdmin }).from(users).where(eq(users.id, invitation.invitedById))
      : [{ name: "system", isAdmin: true }];
    const context = {
      decider: { userId: invitation.invitedById, label: inviter?.name ?? "", isAdmin: inviter?.isAdmin ?? false },
      confirmedEmail: invitation.email,
      t,
    };
    const { errors } = await this.access.check(invitation.networkId, grant, userId, context, tx);
    if (errors.some((p) => p.field === "personId")) grant.personId = linked;
    if (errors.some((p) => p.field === "organisationIds")) grant.organisationIds = current?.organisationIds ?? [];
    await this.access.apply(tx, actor, invitation.networkId, userId, grant, current ?? undefined, context);
  }
}

class AccountExists extends Error {}
