import { createHash } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { SESSION_COOKIE } from "../../../platform/auth/sessions.ts";
import { LOGIN_ACCOUNT, LOGIN_IP } from "../../../platform/http/throttle.ts";
import { toFieldErrors } from "../../../platform/http/validation.ts";
import type { MessageKey } from "../../../platform/i18n/i18n.ts";
import type { AppContext } from "../../../platform/module.ts";
import { emptyForm } from "../../../platform/ui/components.tsx";
import { safeReturnTo } from "../links.tsx";
import { LoginPage } from "./sign-in.views.tsx";
import { startSession } from "./start-session.ts";

const loginInput = z.object({
  email: z.string().trim().min(1, "errors.required").max(254),
  password: z.string().min(1, "errors.required").max(1000),
});

/** Signing in with a password and signing out. */
export function signInRoutes(app: FastifyInstance, ctx: AppContext) {
  const { services, config } = ctx;
  const oidcButton = services.oidc.enabled ? services.oidc.label : undefined;

  const loginNotice = (req: FastifyRequest): MessageKey | undefined =>
    (req.query as Record<string, unknown>).reset === "1" ? "auth.resetDone" : undefined;

  app.get("/login", { config: { policy: "public" } }, async (req, reply) => {
    const returnTo = safeReturnTo((req.query as Record<string, unknown>).returnTo);
    if (req.actor) return reply.redirect(returnTo, 303);
    const notice = loginNotice(req);
    return reply.page(
      <LoginPage
        ctx={req.pageContext()}
        form={emptyForm()}
        returnTo={returnTo}
        oidc={oidcButton}
        {...(notice ? { notice } : {})}
      />,
      {
        title: req.i18n.t("auth.login"),
      },
    );
  });

  /** Set at every sign-in: a browser that has signed in to an account before is not slowed by attacks on it. */
  const DEVICE_COOKIE = "samverk_device";
  const deviceMark = (email: string) => createHash("sha256").update(email.trim().toLowerCase()).digest("base64url").slice(0, 22);
  const knownDevice = (req: FastifyRequest, email: string) => {
    const raw = req.cookies[DEVICE_COOKIE];
    if (!raw) return false;
    const cookie = req.unsignCookie(raw);
    return cookie.valid && cookie.value === deviceMark(email);
  };

  app.post("/login", { config: { policy: "public" } }, async (req, reply) => {
    const returnTo = safeReturnTo((req.query as Record<string, unknown>).returnTo);
    const parsed = loginInput.safeParse(req.body ?? {});
    // The e-mail typed is kept; the password never comes back.
    const values = { email: (req.body as Record<string, unknown> | undefined)?.email ?? "" };
    const fail = (key: MessageKey, status: number, params?: Record<string, number>, field = "email") =>
      reply.page(
        <LoginPage
          ctx={req.pageContext()}
          form={{ values, errors: [{ field, key, ...(params ? { params } : {}) }] }}
          returnTo={returnTo}
          oidc={oidcButton}
        />,
        {
          title: req.i18n.t("auth.login"),
          status,
        },
      );
    if (!parsed.success)
      // Each field says what is wrong with it: an over-long address is "at most 254 characters", not "fill in".
      return reply.page(
        <LoginPage
          ctx={req.pageContext()}
          form={{ values, errors: toFieldErrors(parsed.error) }}
          returnTo={returnTo}
          oidc={oidcButton}
        />,
        { title: req.i18n.t("auth.login"), status: 422 },
      );

    // Every attempt is counted before the password is checked, and a throttled one is refused
    // without checking it: guesses cost little, and guesses sent at once are held like guesses in
    // turn. The owner's own browser is not held by attacks on the address, only by its IP's.
    const ipKey = `login-ip:${req.ipKey()}`;
    const accountKey = `login-account:${parsed.data.email.toLowerCase()}`;
    const trusted = knownDevice(req, parsed.data.email);
    const state = await services.throttle.attemptAll([
      ...(trusted ? [] : [[accountKey, LOGIN_ACCOUNT] as const]),
      [ipKey, LOGIN_IP],
    ]);
    if (state.blocked) {
      reply.header("retry-after", String(state.retryAfterSeconds));
      return fail("auth.throttled", 429, { minutes: Math.ceil(state.retryAfterSeconds / 60) });
    }
    const userId = await services.users.authenticate(parsed.data.email, parsed.data.password);
    if (userId === null) return fail("auth.failed", 401);
    // The right password is no failure: the address starts afresh, the IP gets its attempt back.
    if (!trusted) await services.throttle.reset(accountKey);
    await services.throttle.forgive(ipKey, LOGIN_IP);
    await startSession(ctx, req, reply, userId);
    reply.setCookie(DEVICE_COOKIE, deviceMark(parsed.data.email), {
      path: "/",
      httpOnly: true,
      sameSite: "lax",
      secure: config.secure,
      signed: true,
      maxAge: 365 * 24 * 3600,
    });
    return reply.redirect(returnTo, 303);
  });

  app.post("/logout", { config: { policy: "public", leavesSite: true } }, async (req, reply) => {
    const idToken = await services.sessions.destroy(req.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    // Signed in through OpenID Connect: sign out at the provider too, which then sends the person back.
    const providerLogout = idToken && services.oidc.enabled ? await services.oidc.logoutUrl(idToken).catch(() => null) : null;
    return reply.redirect(providerLogout ?? "/", 303);
  });
}
