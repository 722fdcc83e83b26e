import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { authorized } from "../../../platform/access/page-access.ts";
import { parseOrBadRequest } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { emptyForm, type FormState, submittedForm } from "../../../platform/ui/components.tsx";
import { MessagePage } from "../../../platform/ui/message-page.tsx";
import { EMAIL_CHANGE_HOURS } from "../accounts.service.ts";
import { linkProblem, tokenParam } from "../links.tsx";
import { ConfirmEmailPage, EmailChangePage } from "./email.views.tsx";

/** Changing e-mail address, confirmed from the new address. */
export function emailChangeRoutes(app: FastifyInstance, { services }: AppContext) {
  const currentEmail = async (req: FastifyRequest) => (await services.accounts.myData(req.actor!.userId!)).account.email;

  const renderEmailChange = async (req: FastifyRequest, reply: FastifyReply, form: FormState) =>
    reply.page(<EmailChangePage ctx={req.pageContext()} form={form} current={await currentEmail(req)} />, {
      title: req.i18n.t("emailChange.title"),
      forms: [form],
    });

  app.get("/account/email", { config: { policy: "account.own" } }, (req, reply) => renderEmailChange(req, reply, emptyForm()));

  app.post("/account/email", { config: { policy: "account.own" } }, async (req, reply) => {
    const { actor } = authorized(req);
    const result = await services.accounts.requestEmailChange(actor.userId!, req.body, req.i18n.t);
    if (!result.ok) {
      const { email } = (req.body ?? {}) as Record<string, unknown>;
      return renderEmailChange(req, reply, submittedForm({ email }, result.errors));
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
}
