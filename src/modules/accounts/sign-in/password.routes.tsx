import type { FastifyInstance } from "fastify";
import type { TokenState } from "../../../platform/auth/tokens.ts";
import { RESET_REQUEST } from "../../../platform/http/throttle.ts";
import { parseOrBadRequest } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { emptyForm, submittedForm } from "../../../platform/ui/components.tsx";
import { MessagePage } from "../../../platform/ui/message-page.tsx";
import { RESET_LINK_MINUTES } from "../accounts.service.ts";
import { linkProblem, tokenParam } from "../links.tsx";
import { ForgotPage, ResetPage } from "./sign-in.views.tsx";

/** Password reset through a link sent by mail. */
export function passwordRoutes(app: FastifyInstance, { services }: AppContext) {
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
}
