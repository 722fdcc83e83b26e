import type { FastifyInstance } from "fastify";
import { authorized } from "../../../platform/access/page-access.ts";
import { formRoute } from "../../../platform/http/form-route.ts";
import { idParam, parseOrBadRequest } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { Notice } from "../../../platform/ui/components.tsx";
import { EditorsPage } from "./editors.views.tsx";

/** The national editors: people an administrator lets keep the national catalogue and its milestones. */
export function editorRoutes(app: FastifyInstance, { services }: AppContext) {
  const { users } = services;

  formRoute(app, {
    path: "/roadmap/editors",
    policy: "roadmap.editors",
    show: async (req, reply, form) => {
      const { t } = req.i18n;
      const saved = (req.query as Record<string, unknown>).saved !== undefined;
      return reply.page(
        <>
          {saved ? <Notice kind="success">{t("form.saved")}</Notice> : null}
          <EditorsPage ctx={req.pageContext()} editors={await users.withRole("national_editor")} form={form} />
        </>,
        {
          title: t("editors.title"),
          forms: [form],
          crumbs: [{ href: "/roadmap", label: t("roadmap.catalogueTitle") }, { label: t("editors.title") }],
        },
      );
    },
    submit: (actor, _, body) => users.grantRole(actor, body, "national_editor"),
    done: () => "/roadmap/editors?saved",
  });

  app.post("/roadmap/editors/:id/revoke", { config: { policy: "roadmap.editors" } }, async (req, reply) => {
    const { actor } = authorized(req);
    const { id } = parseOrBadRequest(idParam, req.params);
    await users.revokeRole(actor, id, "national_editor");
    return reply.redirect("/roadmap/editors?saved", 303);
  });
}
