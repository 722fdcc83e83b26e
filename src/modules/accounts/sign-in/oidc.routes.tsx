import type { FastifyInstance } from "fastify";
import { NotFoundError } from "../../../platform/http/errors.ts";
import type { MessageKey } from "../../../platform/i18n/i18n.ts";
import type { AppContext } from "../../../platform/module.ts";
import { MessagePage } from "../../../platform/ui/message-page.tsx";
import { safeReturnTo } from "../links.tsx";
import { startSession } from "./start-session.ts";

/** Signing in through OpenID Connect. */
export function oidcRoutes(app: FastifyInstance, ctx: AppContext) {
  const { services, config } = ctx;
  const OIDC_COOKIE = "samverk_oidc";

  app.get("/login/oidc", { config: { policy: "public", leavesSite: true } }, async (req, reply) => {
    if (!services.oidc.enabled) throw new NotFoundError();
    const returnTo = safeReturnTo((req.query as Record<string, unknown>).returnTo);
    const { url, checks } = await services.oidc.start();
    // State, nonce and PKCE verifier wait in a short-lived signed cookie for the provider's answer.
    reply.setCookie(OIDC_COOKIE, JSON.stringify({ ...checks, returnTo }), {
      path: "/login/oidc",
      httpOnly: true,
      sameSite: "lax",
      secure: config.secure,
      signed: true,
      maxAge: 600,
    });
    return reply.redirect(url, 303);
  });

  app.get("/login/oidc/callback", { config: { policy: "public" } }, async (req, reply) => {
    if (!services.oidc.enabled) throw new NotFoundError();
    const { t } = req.i18n;
    const problem = (key: MessageKey, status = 400) =>
      reply.page(
        <MessagePage
          title={t("auth.oidcFailedTitle")}
          text={t(key, { label: services.oidc.label })}
          link={{ href: "/login", label: t("auth.login") }}
        />,
        {
          title: t("auth.oidcFailedTitle"),
          status,
        },
      );
    const raw = req.cookies[OIDC_COOKIE];
    const cookie = raw ? req.unsignCookie(raw) : null;
    reply.clearCookie(OIDC_COOKIE, { path: "/login/oidc" });
    if (!cookie?.valid || !cookie.value) return problem("auth.oidcExpired");
    const saved = JSON.parse(cookie.value) as { state: string; nonce: string; verifier: string; returnTo: string };
    let identity: Awaited<ReturnType<typeof services.oidc.finish>>;
    try {
      identity = await services.oidc.finish(new URL(req.url, services.oidc.redirectUri), saved);
    } catch (error) {
      req.log.warn({ err: error }, "OpenID Connect sign-in refused");
      return problem("auth.oidcFailed");
    }
    const account = await services.users.forOidcIdentity(identity);
    if (!account.ok) return problem(account.key, 409);
    await startSession(ctx, req, reply, account.userId, identity.idToken);
    return reply.redirect(safeReturnTo(saved.returnTo), 303);
  });
}
