import { createHash } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { authorized } from "../../platform/access/page-access.ts";
import { SESSION_COOKIE } from "../../platform/auth/sessions.ts";
import type { TokenState } from "../../platform/auth/tokens.ts";
import { sendCsv } from "../../platform/http/csv.ts";
import { NotFoundError } from "../../platform/http/errors.ts";
import { sameSitePath } from "../../platform/http/redirect.ts";
import { LOGIN_ACCOUNT, LOGIN_IP, RESET_REQUEST } from "../../platform/http/throttle.ts";
import {
  idParam,
  isoDate,
  PAGE_SIZE,
  pageParam,
  parseOrBadRequest,
  query,
  toFieldErrors,
} from "../../platform/http/validation.ts";
import type { MessageKey } from "../../platform/i18n/i18n.ts";
import type { AppContext } from "../../platform/module.ts";
import { emptyForm, type FormState, submittedForm } from "../../platform/ui/components.tsx";
import { MessagePage } from "../../platform/ui/message-page.tsx";
import { EMAIL_CHANGE_HOURS, RESET_LINK_MINUTES } from "./accounts.service.ts";
import {
  AcceptInvitationPage,
  AUDIT_ACTIONS,
  AUDIT_ENTITIES,
  AuditPage,
  ConfirmEmailPage,
  EmailChangePage,
  ForgotPage,
  InvitationsPage,
  LoginPage,
  MyDataPage,
  OutboxMessagePage,
  OutboxPage,
  ResetPage,
  SessionsPage,
  TokensPage,
} from "./accounts.views.tsx";

/** Only paths on this site (and not back to sign-in): a login link must never send anyone elsewhere. */
export const safeReturnTo = (value: unknown): string => {
  const path = sameSitePath(value);
  return path.startsWith("/login") ? "/" : path;
};

const loginInput = z.object({
  email: z.string().trim().min(1, "errors.required").max(254),
  password: z.string().min(1, "errors.required").max(1000),
});
const tokenParam = z.object({ token: z.string().max(200) });

const LINK_PROBLEM: Record<Exclude<TokenState, { ok: true }>["reason"], MessageKey> = {
  unknown: "auth.linkUnknown",
  expired: "auth.linkExpired",
  used: "auth.linkUsed",
};

export function accountRoutes(app: FastifyInstance, { services, config }: AppContext) {
  /** Signs a user in: a fresh session id every time, so an id planted before sign-in is worth nothing after it. */
  async function startSession(req: FastifyRequest, reply: FastifyReply, userId: number, oidcIdToken?: string) {
    await services.sessions.destroy(req.cookies[SESSION_COOKIE]);
    const session = await services.sessions.create(userId, req.headers["user-agent"], oidcIdToken);
    reply.setCookie(SESSION_COOKIE, session.token, {
      path: "/",
      httpOnly: true,
      sameSite: "lax",
      secure: config.secure,
      expires: session.expiresAt,
    });
  }

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
    await startSession(req, reply, userId);
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

  // Sign-in through OpenID Connect

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
    await startSession(req, reply, account.userId, identity.idToken);
    return reply.redirect(safeReturnTo(saved.returnTo), 303);
  });

  // The user's own sessions

  app.get("/account/sessions", { config: { policy: "account.own" } }, async (req, reply) => {
    const { actor } = authorized(req);
    const list = await services.sessions.listFor(actor.userId!);
    return reply.page(
      <SessionsPage
        ctx={req.pageContext()}
        current={req.sessionId}
        sessions={list}
        ended={(req.query as Record<string, unknown>).ended === "1"}
      />,
      { title: req.i18n.t("sessions.title") },
    );
  });

  app.post("/account/sessions/end", { config: { policy: "account.own" } }, async (req, reply) => {
    const { actor } = authorized(req);
    const { session } = parseOrBadRequest(z.object({ session: z.string().max(100) }), req.body);
    if (!(await services.sessions.end(actor.userId!, session))) throw new NotFoundError();
    if (session === req.sessionId) {
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return reply.redirect("/", 303);
    }
    return reply.redirect("/account/sessions?ended=1", 303);
  });

  app.post("/account/sessions/end-others", { config: { policy: "account.own" } }, async (req, reply) => {
    const { actor } = authorized(req);
    await services.sessions.endAllOf(actor.userId!, req.sessionId ?? undefined);
    return reply.redirect("/account/sessions?ended=1", 303);
  });

  // Changing e-mail address, confirmed from the new address

  const currentEmail = async (req: FastifyRequest) => (await services.accounts.myData(req.actor!.userId!)).account.email;

  app.get("/account/email", { config: { policy: "account.own" } }, async (req, reply) => {
    return reply.page(<EmailChangePage ctx={req.pageContext()} form={emptyForm()} current={await currentEmail(req)} />, {
      title: req.i18n.t("emailChange.title"),
    });
  });

  app.post("/account/email", { config: { policy: "account.own" } }, async (req, reply) => {
    const { actor } = authorized(req);
    const result = await services.accounts.requestEmailChange(actor.userId!, req.body, req.i18n.t);
    if (!result.ok) {
      const { email } = (req.body ?? {}) as Record<string, unknown>;
      return reply.page(
        <EmailChangePage
          ctx={req.pageContext()}
          form={submittedForm({ email }, result.errors)}
          current={await currentEmail(req)}
        />,
        {
          title: req.i18n.t("emailChange.title"),
          status: 422,
        },
      );
    }
    const { t } = req.i18n;
    return reply.page(
      <MessagePage title={t("auth.checkMailTitle")} text={t("emailChange.sent", { hours: EMAIL_CHANGE_HOURS })} />,
      {
        title: t("auth.checkMailTitle"),
      },
    );
  });

  app.get("/account/email/confirm/:token", { config: { policy: "public" } }, async (req, reply) => {
    const { token } = parseOrBadRequest(tokenParam, req.params);
    const state = await services.accounts.emailChangeState(token);
    if (!state.ok) return linkProblem(req, reply, state);
    reply.header("referrer-policy", "same-origin");
    const { t } = req.i18n;
    // Confirming is a change, so it takes a POST: a link scanner that follows links changes nothing.
    return reply.page(
      <ConfirmEmailPage ctx={req.pageContext()} action={`/account/email/confirm/${token}`} email={state.payload ?? ""} />,
      {
        title: t("emailChange.confirmTitle"),
      },
    );
  });

  app.post("/account/email/confirm/:token", { config: { policy: "public" } }, async (req, reply) => {
    const { token } = parseOrBadRequest(tokenParam, req.params);
    const result = await services.accounts.confirmEmailChange(token, req.i18n.t);
    const { t } = req.i18n;
    if (!result.ok) {
      if (result.reason === "taken") {
        return reply.page(<MessagePage title={t("auth.linkProblemTitle")} text={t("emailChange.taken")} />, {
          title: t("auth.linkProblemTitle"),
          status: 409,
        });
      }
      return linkProblem(req, reply, result);
    }
    return reply.page(
      <MessagePage
        title={t("emailChange.doneTitle")}
        text={t("emailChange.done")}
        link={{ href: "/login", label: t("auth.login") }}
      />,
      {
        title: t("emailChange.doneTitle"),
      },
    );
  });

  // Personal access tokens for the API

  const renderTokens = async (req: FastifyRequest, reply: FastifyReply, form: FormState, created?: string) => {
    const [tokens, networkList] = await Promise.all([
      services.apiTokens.listFor(req.actor!.userId!),
      services.networks.repo.list(),
    ]);
    // A page showing a token must not be cached anywhere.
    reply.header("cache-control", "no-store");
    return reply.page(
      <TokensPage
        ctx={req.pageContext()}
        form={form}
        tokens={tokens}
        networks={networkList.items.map((n) => ({ value: n.id, label: n.name }))}
        created={created}
      />,
      { title: req.i18n.t("tokens.title"), status: form.errors.length ? 422 : created ? 201 : 200 },
    );
  };

  app.get("/account/tokens", { config: { policy: "account.own" } }, async (req, reply) => {
    return renderTokens(req, reply, emptyForm({ scopes: ["read"], days: 90 }));
  });

  app.post("/account/tokens", { config: { policy: "account.own" } }, async (req, reply) => {
    const { actor } = authorized(req);
    const result = await services.apiTokens.create(actor, req.body);
    if (!result.ok) return renderTokens(req, reply, submittedForm(req.body, result.errors));
    // Shown in the answer to the POST itself, never again and never in a URL.
    return renderTokens(req, reply, emptyForm({ scopes: ["read"], days: 90 }), result.value);
  });

  app.post("/account/tokens/:id/revoke", { config: { policy: "account.own" } }, async (req, reply) => {
    const { actor } = authorized(req);
    const { id } = parseOrBadRequest(idParam, req.params);
    await services.apiTokens.revoke(actor, id);
    return reply.redirect("/account/tokens", 303);
  });

  // My data: see it, download it, ask for deletion

  app.get("/account/data", { config: { policy: "account.own" } }, async (req, reply) => {
    const { actor } = authorized(req);
    const data = await services.accounts.myData(actor.userId!);
    return reply.page(<MyDataPage ctx={req.pageContext()} data={data} form={emptyForm()} />, {
      title: req.i18n.t("mydata.title"),
    });
  });

  app.get("/account/data.json", { config: { policy: "account.own" } }, async (req, reply) => {
    const { actor } = authorized(req);
    const data = await services.accounts.myData(actor.userId!);
    return reply
      .type("application/json; charset=utf-8")
      .header("content-disposition", 'attachment; filename="samverk-my-data.json"')
      .header("cache-control", "no-store")
      .send(JSON.stringify({ exportedAt: new Date().toISOString(), ...data }, null, 2));
  });

  app.post("/account/delete", { config: { policy: "account.own" } }, async (req, reply) => {
    const { actor } = authorized(req);
    const result = await services.accounts.deleteAccount(actor.userId!, req.body);
    if (!result.ok) {
      const data = await services.accounts.myData(actor.userId!);
      return reply.page(<MyDataPage ctx={req.pageContext()} data={data} form={submittedForm(req.body, result.errors)} />, {
        title: req.i18n.t("mydata.title"),
        status: 422,
      });
    }
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return reply.redirect("/account/deleted", 303);
  });

  app.get("/account/deleted", { config: { policy: "public" } }, async (req, reply) => {
    const { t } = req.i18n;
    return reply.page(<MessagePage title={t("mydata.deletedTitle")} text={t("mydata.deletedText")} />, {
      title: t("mydata.deletedTitle"),
    });
  });

  // Password reset

  app.get("/password/forgot", { config: { policy: "public" } }, async (req, reply) =>
    reply.page(<ForgotPage ctx={req.pageContext()} form={emptyForm()} />, { title: req.i18n.t("auth.forgotTitle") }),
  );

  app.post("/password/forgot", { config: { policy: "public" } }, async (req, reply) => {
    // Every request counts against the IP, so nobody can flood an inbox or probe addresses quickly.
    const ipKey = `reset-ip:${req.ipKey()}`;
    const state = await services.throttle.attempt(ipKey, RESET_REQUEST);
    if (state.blocked) {
      reply.header("retry-after", String(state.retryAfterSeconds));
      const errors = [
        { field: "email", key: "auth.throttled" as const, params: { minutes: Math.ceil(state.retryAfterSeconds / 60) } },
      ];
      return reply.page(<ForgotPage ctx={req.pageContext()} form={submittedForm(req.body, errors)} />, {
        title: req.i18n.t("auth.forgotTitle"),
        status: 429,
      });
    }
    const result = await services.accounts.requestPasswordReset(req.body, req.i18n.t);
    if (!result.ok) {
      return reply.page(<ForgotPage ctx={req.pageContext()} form={submittedForm(req.body, result.errors)} />, {
        title: req.i18n.t("auth.forgotTitle"),
        status: 422,
      });
    }
    return reply.redirect("/password/forgot/sent", 303);
  });

  app.get("/password/forgot/sent", { config: { policy: "public" } }, async (req, reply) => {
    const { t } = req.i18n;
    return reply.page(
      <MessagePage title={t("auth.checkMailTitle")} text={t("auth.checkMail", { minutes: RESET_LINK_MINUTES })} />,
      {
        title: t("auth.checkMailTitle"),
      },
    );
  });

  const linkProblem = (req: FastifyRequest, reply: FastifyReply, state: Exclude<TokenState, { ok: true }>) => {
    const { t } = req.i18n;
    return reply.page(
      <MessagePage
        title={t("auth.linkProblemTitle")}
        text={t(LINK_PROBLEM[state.reason])}
        link={{ href: "/password/forgot", label: t("auth.askNewLink") }}
      />,
      { title: t("auth.linkProblemTitle"), status: state.reason === "unknown" ? 404 : 410 },
    );
  };

  app.get("/password/reset/:token", { config: { policy: "public" } }, async (req, reply) => {
    const { token } = parseOrBadRequest(tokenParam, req.params);
    const state = await services.accounts.resetLinkState(token);
    if (!state.ok) return linkProblem(req, reply, state);
    // The link must not leak through the Referer header to any site the page links to; "same-origin"
    // rather than "no-referrer", under which a browser sends the form's Origin as "null" (see origin.ts).
    reply.header("referrer-policy", "same-origin");
    return reply.page(<ResetPage ctx={req.pageContext()} form={emptyForm()} action={`/password/reset/${token}`} />, {
      title: req.i18n.t("auth.resetTitle"),
    });
  });

  app.post("/password/reset/:token", { config: { policy: "public" } }, async (req, reply) => {
    const { token } = parseOrBadRequest(tokenParam, req.params);
    const result = await services.accounts.resetPassword(token, req.body);
    if (result.ok) return reply.redirect("/login?reset=1", 303);
    if ("link" in result) return linkProblem(req, reply, result.link as Exclude<TokenState, { ok: true }>);
    reply.header("referrer-policy", "same-origin");
    // Passwords are never sent back into the form.
    return reply.page(
      <ResetPage ctx={req.pageContext()} form={submittedForm({}, result.errors)} action={`/password/reset/${token}`} />,
      {
        title: req.i18n.t("auth.resetTitle"),
        status: 422,
      },
    );
  });

  // Invitations

  /** These pages invite to no network, which the policy leaves to administrators. */
  const noNetwork = async () => ({ networkId: null });

  const renderInvitations = async (req: FastifyRequest, reply: FastifyReply, form: FormState, notice?: MessageKey) => {
    const { page } = parseOrBadRequest(query({ page: pageParam }), req.query);
    const [{ items, total }, networkList] = await Promise.all([
      services.invitations.list(null, PAGE_SIZE, (page - 1) * PAGE_SIZE),
      services.networks.repo.list(),
    ]);
    return reply.page(
      <InvitationsPage
        ctx={req.pageContext()}
        form={form}
        networks={networkList.items.map((n) => ({ value: n.id, label: n.name }))}
        items={items}
        total={total}
        page={page}
        limit={PAGE_SIZE}
        notice={notice}
      />,
      { title: req.i18n.t("invitations.title"), status: form.errors.length ? 422 : 200 },
    );
  };

  app.get("/admin/invitations", { config: { policy: "invitation.manage", resource: noNetwork } }, async (req, reply) => {
    const done = (req.query as Record<string, unknown>).done;
    const notice = done === "sent" ? "invitations.sentNotice" : done === "withdrawn" ? "invitations.withdrawnNotice" : undefined;
    return renderInvitations(req, reply, emptyForm(), notice);
  });

  app.post(
    "/admin/invitations",
    { config: { storedOnce: true, policy: "invitation.manage", resource: noNetwork } },
    async (req, reply) => {
      const { actor } = authorized(req, noNetwork);
      const result = await services.invitations.invite(actor, req.body, req.i18n.t);
      if (!result.ok) return renderInvitations(req, reply, submittedForm(req.body, result.errors));
      return reply.redirect("/admin/invitations?done=sent", 303);
    },
  );

  app.post(
    "/admin/invitations/:id/resend",
    { config: { policy: "invitation.manage", resource: noNetwork } },
    async (req, reply) => {
      const { actor } = authorized(req, noNetwork);
      const { id } = parseOrBadRequest(idParam, req.params);
      await services.invitations.resend(actor, id, null, req.i18n.t);
      return reply.redirect("/admin/invitations?done=sent", 303);
    },
  );

  app.post(
    "/admin/invitations/:id/withdraw",
    { config: { policy: "invitation.manage", resource: noNetwork } },
    async (req, reply) => {
      const { actor } = authorized(req, noNetwork);
      const { id } = parseOrBadRequest(idParam, req.params);
      await services.invitations.withdraw(actor, id, null);
      return reply.redirect("/admin/invitations?done=withdrawn", 303);
    },
  );

  const invitationProblem = (req: FastifyRequest, reply: FastifyReply, reason: "unknown" | "expired" | "used" | "withdrawn") => {
    const { t } = req.i18n;
    const text: Record<typeof reason, MessageKey> = {
      unknown: "auth.linkUnknown",
      expired: "invitations.linkExpired",
      used: "auth.linkUsed",
      withdrawn: "invitations.linkWithdrawn",
    };
    return reply.page(<MessagePage title={t("auth.linkProblemTitle")} text={t(text[reason])} />, {
      title: t("auth.linkProblemTitle"),
      status: reason === "unknown" ? 404 : 410,
    });
  };

  app.get("/invitation/:token", { config: { policy: "public" } }, async (req, reply) => {
    const { token } = parseOrBadRequest(tokenParam, req.params);
    const found = await services.invitations.byToken(token);
    if (!found.ok) return invitationProblem(req, reply, found.reason);
    reply.header("referrer-policy", "same-origin");
    const network = found.invitation.networkId ? await services.networks.repo.byId(found.invitation.networkId) : undefined;
    return reply.page(
      <AcceptInvitationPage
        ctx={req.pageContext()}
        form={emptyForm({ name: found.invitation.name })}
        token={token}
        email={found.invitation.email}
        networkName={network?.name}
      />,
      { title: req.i18n.t("invitations.acceptTitle") },
    );
  });

  // Someone with an account accepts while signed in (after password or OpenID Connect sign-in).
  app.post("/invitation/:token/accept", { config: { policy: "account.own" } }, async (req, reply) => {
    const { actor } = authorized(req);
    const { token } = parseOrBadRequest(tokenParam, req.params);
    const result = await services.invitations.acceptAs(token, actor);
    if ("link" in result) return invitationProblem(req, reply, result.link);
    if (!result.ok) throw new NotFoundError();
    const network = result.value ? await services.networks.repo.byId(result.value) : undefined;
    return reply.redirect(network ? `/n/${network.slug}?joined=1` : "/", 303);
  });

  app.post("/invitation/:token", { config: { policy: "public" } }, async (req, reply) => {
    const { token } = parseOrBadRequest(tokenParam, req.params);
    const result = await services.invitations.accept(token, req.body);
    if ("link" in result) return invitationProblem(req, reply, result.link);
    if (!result.ok) {
      const found = await services.invitations.byToken(token);
      reply.header("referrer-policy", "same-origin");
      const name = (req.body as Record<string, unknown> | undefined)?.name ?? "";
      return reply.page(
        <AcceptInvitationPage
          ctx={req.pageContext()}
          form={submittedForm({ name }, result.errors)}
          token={token}
          email={found.ok ? found.invitation.email : ""}
        />,
        { title: req.i18n.t("invitations.acceptTitle"), status: 422 },
      );
    }
    // The new account is signed in at once, with a fresh session.
    await startSession(req, reply, result.value);
    return reply.redirect("/?welcome=1", 303);
  });

  // The whole audit trail, for administrators

  const auditQuery = query({
    entity: z.enum(AUDIT_ENTITIES).optional(),
    action: z.enum(AUDIT_ACTIONS).optional(),
    actor: z.string().trim().max(100).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    page: pageParam,
  });

  app.get("/admin/audit", { config: { policy: "audit.search" } }, async (req, reply) => {
    const filter = parseOrBadRequest(auditQuery, req.query);
    const { items, total } = await services.audit.search({ ...filter, limit: PAGE_SIZE, offset: (filter.page - 1) * PAGE_SIZE });
    const csv = new URL(req.url, "http://x");
    csv.pathname = "/admin/audit.csv";
    csv.searchParams.delete("page");
    return reply.page(
      <AuditPage
        ctx={req.pageContext()}
        filter={filter}
        items={items}
        total={total}
        page={filter.page}
        limit={PAGE_SIZE}
        csvHref={`${csv.pathname}${csv.search}`}
      />,
      { title: req.i18n.t("audit.title") },
    );
  });

  app.get("/admin/audit.csv", { config: { policy: "audit.search" } }, async (req, reply) => {
    const filter = parseOrBadRequest(auditQuery, req.query);
    const { items } = await services.audit.search({ ...filter, limit: 100_000, offset: 0 });
    const { t } = req.i18n;
    return sendCsv(
      reply,
      "audit.csv",
      [t("history.when"), t("history.who"), t("history.what"), t("audit.entity"), "id", "before", "after", "request"],
      items.map((e) => [
        e.at.toISOString(),
        e.actorDeleted ? t("audit.deletedUser") : e.actorLabel,
        e.action,
        e.entity,
        e.entityId,
        JSON.stringify(e.before),
        JSON.stringify(e.after),
        e.requestId,
      ]),
    );
  });

  // The administrator's outbox

  app.get("/admin/outbox", { config: { policy: "mail.readOutbox" } }, async (req, reply) => {
    const { page } = parseOrBadRequest(query({ page: pageParam }), req.query);
    const { items, total } = await services.mail.outbox.list(PAGE_SIZE, (page - 1) * PAGE_SIZE);
    return reply.page(
      <OutboxPage
        ctx={req.pageContext()}
        items={items}
        total={total}
        page={page}
        limit={PAGE_SIZE}
        smtp={services.mail.delivery.enabled}
      />,
      { title: req.i18n.t("outbox.title") },
    );
  });

  app.get("/admin/outbox/:id", { config: { policy: "mail.readOutbox" } }, async (req, reply) => {
    const { id } = parseOrBadRequest(idParam, req.params);
    const mail = await services.mail.outbox.byId(id);
    if (!mail) throw new NotFoundError();
    return reply.page(<OutboxMessagePage ctx={req.pageContext()} mail={mail} />, {
      title: mail.subject,
      crumbs: [{ href: "/admin/outbox", label: req.i18n.t("outbox.title") }, { label: mail.subject }],
    });
  });
}
