import { API_SCOPES, type ApiScope, TOKEN_DAYS } from "../../../platform/auth/api-tokens.ts";
import { labelFor } from "../../../platform/i18n/i18n.ts";
import {
  CheckboxGroup,
  Form,
  type FormState,
  Notice,
  optionsOf,
  PostButton,
  Section,
  SelectField,
  TextField,
} from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import { ListTable } from "../../../platform/ui/list-page.tsx";

type TokenRow = {
  id: number;
  name: string;
  scopes: ApiScope[];
  networkId: number | null;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
};

export function TokensPage(props: {
  ctx: PageContext;
  form: FormState;
  tokens: TokenRow[];
  networks: { value: number; label: string }[];
  /** The new token, shown this once. */
  created?: string | undefined;
}) {
  const { ctx, form } = props;
  const { t, dateTime } = ctx.i18n;
  const networkName = new Map(props.networks.map((n) => [n.value, n.label]));
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("tokens.title")}
      </h1>
      <p class="ds-paragraph">{t("tokens.intro")}</p>
      {props.created ? (
        <Notice kind="success">
          <p class="ds-paragraph">{t("tokens.createdOnce")}</p>
          <p class="ds-paragraph">
            <code class="token-value">{props.created}</code>
          </p>
        </Notice>
      ) : null}
      <ListTable
        ctx={ctx}
        label={t("tokens.title")}
        rows={props.tokens}
        rowKey={(k) => k.id}
        empty={false}
        columns={[
          { label: t("tokens.name"), cell: (k) => k.name },
          { label: t("tokens.scopes"), cell: (k) => k.scopes.map((sc) => labelFor(t, "tokens.scope", sc)).join(", ") },
          {
            label: t("network.network"),
            cell: (k) => (k.networkId ? (networkName.get(k.networkId) ?? k.networkId) : t("tokens.allNetworks")),
          },
          { label: t("invitations.expires"), cell: (k) => dateTime(k.expiresAt) },
          { label: t("tokens.lastUsed"), cell: (k) => (k.lastUsedAt ? dateTime(k.lastUsedAt) : t("tokens.neverUsed")) },
          {
            label: t("common.actions"),
            cell: (k) =>
              k.revokedAt ? (
                t("tokens.revoked")
              ) : (
                <PostButton
                  ctx={ctx}
                  action={`/account/tokens/${k.id}/revoke`}
                  label={t("tokens.revoke")}
                  hiddenText={k.name}
                  variant="tertiary"
                  size="sm"
                  danger
                />
              ),
          },
        ]}
      />
      <Section id="new-token-heading" title={t("tokens.new")}>
        <Form ctx={ctx} form={form} action="/account/tokens" submitLabel={t("tokens.create")}>
          <TextField name="name" label={t("tokens.name")} description={t("tokens.nameHint")} required />
          <CheckboxGroup name="scopes" label={t("tokens.scopes")} options={optionsOf(t, API_SCOPES, "tokens.scope")} />
          <SelectField
            name="networkId"
            label={t("tokens.limitToNetwork")}
            placeholder={t("tokens.allNetworks")}
            options={props.networks}
          />
          <SelectField
            name="days"
            label={t("tokens.validFor")}
            required
            options={TOKEN_DAYS.map((d) => ({ value: d, label: t("tokens.days", { n: d }) }))}
          />
        </Form>
      </Section>
    </>
  );
}
