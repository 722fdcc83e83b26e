import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { authorized } from "../../../platform/access/page-access.ts";
import { idParam, parseOrBadRequest } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { emptyForm, type FormState, Notice, submittedForm } from "../../../platform/ui/components.tsx";
import { EditorsPage } from "./editors.views.tsx";

/** The national editors: people an administrator lets keep the national catalogue and its milestones. */
export function editorRoutes(app: FastifyInstance, { services }: AppContext) {
  const { users } = services;

  const render = async (req: FastifyRequest, reply: FastifyReply, form: FormState = emptyForm()) => {
    const { t } = req.i18n;
    const saved = (req.query as Record<string, unknown>).saved !== undefined;
    return reply.page(
      <>
        {saved ? <Notice kind="success">{t("form.saved")}</Notice> : null}
        <EditorsPage ctx={req.pageContext()} editors={await users.withRole("national_editor")} form={form} />
      </>,
      {
        title: t("editors.title"),
        status: form.errors.length ? 422 : 200,
        crumbs: [{ href: "/roadmap", label: t("roadmap.catalogueTitle") }, { label: t("editors.title") }],
      },
    );
  };

  app.get("/roadmap/editors", { config: { policy: "roadmap.editors" } }, (req, reply) => render(req, reply));

  app.post("/roadmap/editors", { config: { policy: "roadmap.editors" } }, async (req, reply) => {
    const { actor } = authorized(req);
    const result = await users.grantRole(actor, req.body, "national_editor");
    if (!result.ok) return render(req, reply, submittedForm(req.body, result.errors));
    return reply.redirect("/roadmap/editors?saved", 303);
  });

  app.post("/roadmap/editors/:id/revoke", { config: { policy: "roadmap.editors" } }, async (req, reply) => {
    const { actor } = authorized(req);
    const { id } = parseOrBadRequest(idParam, req.params);
    await users.revokeRole(actor, id, "national_editor");
    return reply.redirect("/roadmap/editors?saved", 303);
  });
}
