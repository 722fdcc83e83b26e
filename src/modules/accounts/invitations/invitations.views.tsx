import type { MessageKey } from "../../../platform/i18n/i18n.ts";
import {
  Form,
  type FormState,
  Link,
  Notice,
  Pagination,
  PostButton,
  Section,
  SelectField,
  TextField,
} from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import { type InvitationRow, InvitationTable } from "../../networks/index.ts";
import { NewPasswordFields } from "../new-password-fields.tsx";

export function InvitationsPage(props: {
  ctx: PageContext;
  form: FormState;
  networks: { value: number; label: string }[];
  items: InvitationRow[];
  total: number;
  page: number;
  limit: number;
  notice?: MessageKey | undefined;
}) {
  const { ctx, form } = props;
  const { t } = ctx.i18n;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("invitations.title")}
      </h1>
      {props.notice ? <Notice kind="success">{t(props.notice)}</Notice> : null}
      <Section id="invite-heading" title={t("invitations.invite")}>
        <p class="ds-paragraph">{t("invitations.intro", { days: 7 })}</p>
        <Form ctx={ctx} form={form} action="/admin/invitations" submitLabel={t("invitations.send")}>
          <TextField name="email" label={t("auth.email")} type="email" autocomplete="off" required />
          <TextField name="name" label={t("people.name")} autocomplete="off" />
          <SelectField name="networkId" label={t("network.network")} placeholder={t("form.none")} options={props.networks} />
        </Form>
      </Section>
      <Section id="sent-heading" title={t("invitations.sent")}>
        <InvitationTable
          ctx={ctx}
          items={props.items}
          actionBase="/admin/invitations"
          showNetwork={new Map(props.networks.map((n) => [n.value, n.label]))}
        />
        <Pagination t={t} url={ctx.url} total={props.total} limit={props.limit} offset={(props.page - 1) * props.limit} />
      </Section>
    </>
  );
}

/**
 * The invitation link's page: signed in, the person accepts with their account; otherwise they make
 * an account here, or sign in (with a password or OpenID Connect) and come back to accept.
 */
export function AcceptInvitationPage({
  ctx,
  form,
  token,
  email,
  networkName,
}: {
  ctx: PageContext;
  form: FormState;
  token: string;
  email: string;
  networkName?: string | undefined;
}) {
  const { t } = ctx.i18n;
  if (ctx.actor && networkName)
    return (
      <>
        <h1 class="ds-heading" data-size="lg">
          {t("invitations.acceptAs")}
        </h1>
        <p class="ds-paragraph">{t("invitations.acceptAsIntro", { name: ctx.actor.label, network: networkName })}</p>
        <PostButton ctx={ctx} action={`/invitation/${token}/accept`} label={t("invitations.acceptAs")} variant="primary" />
      </>
    );
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("invitations.acceptTitle")}
      </h1>
      <p class="ds-paragraph">{t("invitations.acceptIntro", { email })}</p>
      {networkName ? (
        <p class="ds-paragraph">
          <Link href={`/login?returnTo=${encodeURIComponent(`/invitation/${token}`)}`}>{t("invitations.haveAccount")}</Link>
        </p>
      ) : null}
      <Form ctx={ctx} form={form} action={`/invitation/${token}`} submitLabel={t("invitations.create")}>
        <TextField name="name" label={t("people.name")} autocomplete="name" required />
        <NewPasswordFields t={t} form={form} />
      </Form>
    </>
  );
}
