import { Form, type FormState, PostButton, TextField } from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import { ListTable } from "../../../platform/ui/list-page.tsx";

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
      <ListTable
        ctx={ctx}
        label={t("editors.title")}
        rows={editors}
        rowKey={(e) => e.id}
        empty={t("editors.none")}
        columns={[
          { label: t("people.name"), cell: (e) => e.name },
          { label: t("people.email"), cell: (e) => e.email },
          {
            label: t("common.actions"),
            cell: (e) => (
              <PostButton
                ctx={ctx}
                action={`/roadmap/editors/${e.id}/revoke`}
                label={t("editors.revoke")}
                hiddenText={e.name}
                size="sm"
                danger
              />
            ),
          },
        ]}
      />
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
