import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { TokenState } from "../../platform/auth/tokens.ts";
import { sameSitePath } from "../../platform/http/redirect.ts";
import type { MessageKey } from "../../platform/i18n/i18n.ts";
import { MessagePage } from "../../platform/ui/message-page.tsx";

/** Only paths on this site (and not back to sign-in): a login link must never send anyone elsewhere. */
export const safeReturnTo = (value: unknown): string => {
  const path = sameSitePath(value);
  return path.startsWith("/login") ? "/" : path;
};

/** The token of a link sent by mail, in the path. */
export const tokenParam = z.object({ token: z.string().max(200) });

export const LINK_PROBLEM: Record<Exclude<TokenState, { ok: true }>["reason"], MessageKey> = {
  unknown: "auth.linkUnknown",
  expired: "auth.linkExpired",
  used: "auth.linkUsed",
};

/** A password-reset or e-mail link that no longer works: why, and where to ask for a new one. */
export function linkProblem(req: FastifyRequest, reply: FastifyReply, state: Exclude<TokenState, { ok: true }>) {
  const { t } = req.i18n;
  return reply.page(
    <MessagePage
      title={t("auth.linkProblemTitle")}
      text={t(LINK_PROBLEM[state.reason])}
      link={{ href: "/password/forgot", label: t("auth.askNewLink") }}
    />,
    { title: t("auth.linkProblemTitle"), status: state.reason === "unknown" ? 404 : 410 },
  );
}
