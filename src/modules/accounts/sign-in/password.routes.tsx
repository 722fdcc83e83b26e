import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { TokenState } from "../../../platform/auth/tokens.ts";
import { RESET_REQUEST } from "../../../platform/http/throttle.ts";
import { parseOrBadRequest } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { emptyForm, type FormState, submittedForm } from "../../../platform/ui/components.tsx";
import { MessagePage } from "../../../platform/ui/message-page.tsx";
import { RESET_LINK_MINUTES } from "../accounts.service.ts";
import { linkProblem, tokenParam } from "../links.tsx";
import { ForgotPage, ResetPage } from "./sign-in.views.tsx";

/** Password reset through a link sent by mail. */
export function passwordRoutes(app: FastifyInstance, { services }: AppContext) {
  /** The form asking for a reset link; `status` where it is not the form's own (a 429 when throttled). */
  const renderForgot = (req: FastifyRequest, reply: FastifyReply, form: FormState, status?: number) =>
    reply.page(<ForgotPage ctx={req.pageContext()} form={form} />, {
      title: req.i18n.t("auth.forgotTitle"),
      forms: [form],
      ...(status ? { status } : {}),
    });

  app.get("/password/forgot", { config: { policy: "public" } }, async (req, reply) => renderForgot(req, reply, emptyForm()));

  app.post("/password/forgot", { config: { policy: "public" } }, async (req, reply) => {
    // Every request counts against the IP, so nobody can flood an inbox or probe addresses quickly.
    const ipKey = `reset-ip:${req.ipKey()}`;
    const state = await services.throttle.attempt(ipKey, RESET_REQUEST);
    if (state.blocked) {
      reply.header("retry-after", String(state.retryAfterSeconds));
      const errors = [
        { field: "email", key: "auth.throttled" as const, params: { minutes: Math.ceil(state.retryAfterSeconds / 60) } },
      ];
      return renderForgot(req, reply, submittedForm(req.body, errors), 429);
    }
    const result = await services.accounts.requestPasswordReset(req.body, req.i18n.t);
    if (!result.ok) return renderForgot(req, reply, submittedForm(req.body, result.errors));
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

  /** The new-password form; the link must not leak through the Referer header to any site the page links to. */
  const renderReset = (req: FastifyRequest, reply: FastifyReply, token: string, form: FormState) => {
    // "same-origin" rather than "no-referrer", under which a browser sends the form's Origin as "null" (see origin.ts).
    reply.header("referrer-policy", "same-origin");
    return reply.page(<ResetPage ctx={req.pageContext()} form={form} action={`/password/reset/${token}`} />, {
      title: req.i18n.t("auth.resetTitle"),
      forms: [form],
    });
  };

  app.get("/password/reset/:token", { config: { policy: "public" } }, async (req, reply) => {
    const { token } = parseOrBadRequest(tokenParam, req.params);
    const state = await services.accounts.resetLinkState(token);
    if (!state.ok) return linkProblem(req, reply, state);
    return renderReset(req, reply, token, emptyForm());
  });

  app.post("/password/reset/:token", { config: { policy: "public" } }, async (req, reply) => {
    const { token } = parseOrBadRequest(tokenParam, req.params);
    const result = await services.accounts.resetPassword(token, req.body);
    if (result.ok) return reply.redirect("/login?reset=1", 303);
    if ("link" in result) return linkProblem(req, reply, result.link as Exclude<TokenState, { ok: true }>);
    // Passwords are never sent back into the form.
    return renderReset(req, reply, token, submittedForm({}, result.errors));
  });
}
