import type { FastifyInstance } from "fastify";
import { authorized } from "../../../platform/access/page-access.ts";
import type { AppContext } from "../../../platform/module.ts";
import { savedNotice } from "../../../platform/ui/saved-notice.tsx";
import { DigestPage } from "./digests.views.tsx";

/** The e-mail digest: each person turns it off or on for themselves. */
export function digestRoutes(app: FastifyInstance, { services }: AppContext) {
  const { needs } = services;

  app.get("/needs/digest", { config: { policy: "account.own" } }, async (req, reply) => {
    const { actor } = authorized(req);
    const setting = await needs.digestSetting(actor.userId!);
    const { t } = req.i18n;
    return reply.page(
      <>
        {savedNotice(req)}
        <DigestPage ctx={req.pageContext()} optedOut={setting.optedOut} />
      </>,
      {
        title: t("need.digestTitle"),
        crumbs: [{ href: "/needs", label: t("need.listTitle") }, { label: t("need.digestTitle") }],
      },
    );
  });

  app.post("/needs/digest", { config: { policy: "account.own" } }, async (req, reply) => {
    const { actor } = authorized(req);
    const optedOut = (req.body as Record<string, unknown> | undefined)?.optedOut === "1";
    await needs.setDigestOptOut(actor, optedOut, req.i18n.locale);
    return reply.redirect("/needs/digest?saved=1", 303);
  });
}
