import { Form, type FormState, PostButton, TextField } from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";

export function EmailChangePage({ ctx, form, current }: { ctx: PageContext; form: FormState; current: string }) {
  const { t } = ctx.i18n;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("emailChange.title")}
      </h1>
      <p class="ds-paragraph">{t("emailChange.intro", { email: current })}</p>
      <Form ctx={ctx} form={form} action="/account/email" submitLabel={t("emailChange.send")}>
        <TextField name="email" label={t("emailChange.newEmail")} type="email" autocomplete="email" required />
        <TextField name="password" label={t("auth.password")} type="password" autocomplete="current-password" required />
      </Form>
    </>
  );
}

export function ConfirmEmailPage({ ctx, action, email }: { ctx: PageContext; action: string; email: string }) {
  const { t } = ctx.i18n;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("emailChange.confirmTitle")}
      </h1>
      <p class="ds-paragraph">{t("emailChange.confirmIntro", { email })}</p>
      <PostButton ctx={ctx} action={action} label={t("emailChange.confirm")} variant="primary" />
    </>
  );
}
