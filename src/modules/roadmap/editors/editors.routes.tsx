import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { authorized } from "../../platform/access/page-access.ts";
import { idParam, parseOrBadRequest } from "../../platform/http/validation.ts";
import type { AppContext } from "../../platform/module.ts";
import {
  emptyForm,
  Form,
  type FormState,
  Notice,
  PostButton,
  submittedForm,
  TableScroll,
  TextField,
} from "../../platform/ui/components.tsx";
import type { PageContext } from "../../platform/ui/context.ts";

interface Editor {
  id: number;
  email: string;
  name: string;
}

function EditorsPage(props: { ctx: PageContext; editors: Editor[]; form: FormState }) {
  const { ctx, editors } = props;
  const { t } = ctx.i18n;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("editors.title")}
      </h1>
      <p class="ds-paragraph">{t("editors.intro")}</p>
      {editors.length === 0 ? (
        <Notice>{t("editors.none")}</Notice>
      ) : (
        <TableScroll label={t("editors.title")}>
          <table class="ds-table" data-border>
            <thead>
              <tr>
                <th scope="col">{t("people.name")}</th>
                <th scope="col">{t("people.email")}</th>
                <th scope="col">
                  <span class="ds-sr-only">{t("common.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {editors.map((e) => (
                <tr key={e.id}>
                  <th scope="row">{e.name}</th>
                  <td>{e.email}</td>
                  <td>
                    <PostButton
                      ctx={ctx}
                      action={`/roadmap/editors/${e.id}/revoke`}
                      label={t("editors.revoke")}
                      hiddenText={e.name}
                      size="sm"
                      danger
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <h2 class="ds-heading" data-size="sm" id="grant-heading">
        {t("editors.grant")}
      </h2>
      <Form ctx={ctx} form={props.form} action="/roadmap/editors" submitLabel={t("editors.grant")}>
        <TextField
          t={t}
          form={props.form}
          name="email"
          label={t("people.email")}
          description={t("editors.emailHint")}
          type="email"
          autocomplete="off"
          required
        />
      </Form>
    </>
  );
}

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
