import type { MessageKey } from "../../../platform/i18n/i18n.ts";
import { ButtonLink, Form, type FormState, Link, Notice, TextField } from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import { NewPasswordFields } from "../new-password-fields.tsx";

export function LoginPage({
  ctx,
  form,
  returnTo,
  notice,
  oidc,
}: {
  ctx: PageContext;
  form: FormState;
  returnTo: string;
  notice?: MessageKey;
  /** The OpenID Connect provider's name, when one is configured. */
  oidc?: string | undefined;
}) {
  const { t } = ctx.i18n;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("auth.login")}
      </h1>
      {notice ? <Notice kind="success">{t(notice)}</Notice> : null}
      <p class="ds-paragraph">{t("auth.loginIntro")}</p>
      {oidc ? (
        <>
          <p>
            <ButtonLink href={`/login/oidc?returnTo=${encodeURIComponent(returnTo)}`} variant="primary">
              {t("auth.loginWith", { label: oidc })}
            </ButtonLink>
          </p>
          <h2 class="ds-heading" data-size="xs">
            {t("auth.orPassword")}
          </h2>
        </>
      ) : null}
      <Form ctx={ctx} form={form} action={`/login?returnTo=${encodeURIComponent(returnTo)}`} submitLabel={t("auth.login")}>
        <TextField name="email" label={t("auth.email")} type="email" autocomplete="username" required />
        <TextField name="password" label={t("auth.password")} type="password" autocomplete="current-password" required />
      </Form>
      <p class="ds-paragraph">
        <Link href="/password/forgot">{t("auth.forgot")}</Link>
      </p>
    </>
  );
}

export function ForgotPage({ ctx, form }: { ctx: PageContext; form: FormState }) {
  const { t } = ctx.i18n;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("auth.forgotTitle")}
      </h1>
      <p class="ds-paragraph">{t("auth.forgotIntro")}</p>
      <Form ctx={ctx} form={form} action="/password/forgot" submitLabel={t("auth.sendLink")}>
        <TextField name="email" label={t("auth.email")} type="email" autocomplete="email" required />
      </Form>
    </>
  );
}

export function ResetPage({ ctx, form, action }: { ctx: PageContext; form: FormState; action: string }) {
  const { t } = ctx.i18n;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("auth.resetTitle")}
      </h1>
      <Form ctx={ctx} form={form} action={action} submitLabel={t("auth.setPassword")}>
        <NewPasswordFields t={t} form={form} />
      </Form>
    </>
  );
}
