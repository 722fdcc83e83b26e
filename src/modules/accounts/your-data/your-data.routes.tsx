import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { authorized } from "../../../platform/access/page-access.ts";
import { SESSION_COOKIE } from "../../../platform/auth/sessions.ts";
import type { AppContext } from "../../../platform/module.ts";
import { emptyForm, type FormState, submittedForm } from "../../../platform/ui/components.tsx";
import { MessagePage } from "../../../platform/ui/message-page.tsx";
import { MyDataPage } from "./your-data.views.tsx";

/** My data: see it, download it, ask for deletion. */
export function yourDataRoutes(app: FastifyInstance, { services }: AppContext) {
  const renderMyData = async (req: FastifyRequest, reply: FastifyReply, form: FormState) => {
    const { actor } = authorized(req);
    const data = await services.accounts.myData(actor.userId!);
    return reply.page(<MyDataPage ctx={req.pageContext()} data={data} form={form} />, {
      title: req.i18n.t("mydata.title"),
      forms: [form],
    });
  };

  app.get("/account/data", { config: { policy: "account.own" } }, (req, reply) => renderMyData(req, reply, emptyForm()));

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
    if (!result.ok) return renderMyData(req, reply, submittedForm(req.body, result.errors));
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return reply.redirect("/account/deleted", 303);
  });

  app.get("/account/deleted", { config: { policy: "public" } }, async (req, reply) => {
    const { t } = req.i18n;
    return reply.page(<MessagePage title={t("mydata.deletedTitle")} text={t("mydata.deletedText")} />, {
      title: t("mydata.deletedTitle"),
    });
  });
}
