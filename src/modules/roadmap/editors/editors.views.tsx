import { Form, type FormState, Notice, PostButton, TableScroll, TextField } from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";

interface Editor {
  id: number;
  email: string;
  name: string;
}

/** The national editors, each with a button to take the role back, and the form that grants it. */
export function EditorsPage(props: { ctx: PageContext; editors: Editor[]; form: FormState }) {
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
