import { z } from "zod";
import { recordAudit } from "../../platform/audit/audit.ts";
import { newPassword } from "../../platform/auth/password-policy.ts";
import type { SessionStore } from "../../platform/auth/sessions.ts";
import { consumeToken, inspectToken, issueToken, type TokenState } from "../../platform/auth/tokens.ts";
import type { UserService } from "../../platform/auth/users.ts";
import type { Db } from "../../platform/db/client.ts";
import { invalid, ok, type Result } from "../../platform/http/errors.ts";
import { toFieldErrors } from "../../platform/http/validation.ts";
import type { Translate } from "../../platform/i18n/i18n.ts";
import { type MailDelivery, queueMail } from "../../platform/mail/mail.ts";

export const RESET_LINK_MINUTES = 60;

export const forgotInput = z.object({ email: z.email("errors.email").max(254) });
export const resetInput = z
  .object({ password: newPassword, repeat: z.string().max(1000) })
  .refine((v) => v.password === v.repeat, { message: "errors.passwordRepeat", path: ["repeat"] });

/** Password reset by e-mail. Answers never reveal whether an address has an account. */
export class AccountService {
  constructor(
    private readonly db: Db,
    private readonly users: UserService,
    private readonly sessions: SessionStore,
    private readonly mail: MailDelivery,
    private readonly baseUrl: string,
  ) {}

  async requestPasswordReset(input: unknown, t: Translate): Promise<Result<true>> {
    const parsed = forgotInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const user = await this.users.byEmail(parsed.data.email);
    if (user) {
      await this.db.transaction(async (tx) => {
        const token = await issueToken(tx, "password_reset", user.id, RESET_LINK_MINUTES * 60_000);
        await queueMail(tx, {
          to: user.email,
          subject: t("mail.reset.subject"),
          body: t("mail.reset.body", {
            name: user.name,
            link: `${this.baseUrl}/password/reset/${token}`,
            minutes: RESET_LINK_MINUTES,
          }),
        });
      });
      void this.mail.deliverDue().catch(() => undefined);
    }
    return ok(true);
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
