import { API_SCOPES, TOKEN_DAYS } from "../../platform/auth/api-tokens.ts";
import type { MessageKey, Translate } from "../../platform/i18n/i18n.ts";
import {
  CheckboxGroup,
  FilterForm,
  Form,
  type FormState,
  Notice,
  Pagination,
  PostButton,
  SelectField,
  TableScroll,
  TextField,
} from "../../platform/ui/components.tsx";
import type { PageContext } from "../../platform/ui/context.ts";
import { type InvitationRow, InvitationTable } from "../networks/index.ts";
import type { NetworkAccessEntry } from "./accounts.service.ts";

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
            <a class="ds-button" data-variant="primary" href={`/login/oidc?returnTo=${encodeURIComponent(returnTo)}`}>
              {t("auth.loginWith", { label: oidc })}
            </a>
          </p>
          <h2 class="ds-heading" data-size="xs">
            {t("auth.orPassword")}
          </h2>
        </>
      ) : null}
      <Form ctx={ctx} form={form} action={`/login?returnTo=${encodeURIComponent(returnTo)}`} submitLabel={t("auth.login")}>
        <TextField t={t} form={form} name="email" label={t("auth.email")} type="email" autocomplete="username" required />
        <TextField
          t={t}
          form={form}
          name="password"
          label={t("auth.password")}
          type="password"
          autocomplete="current-password"
          required
        />
      </Form>
      <p class="ds-paragraph">
        <a class="ds-link" href="/password/forgot">
          {t("auth.forgot")}
        </a>
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
        <TextField t={t} form={form} name="email" label={t("auth.email")} type="email" autocomplete="email" required />
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

type OutboxRow = {
  id: number;
  to: string;
  subject: string;
  status: string;
  attempts: number;
  createdAt: Date;
  sentAt: Date | null;
};

export function OutboxPage(props: {
  ctx: PageContext;
  items: OutboxRow[];
  total: number;
  page: number;
  limit: number;
  smtp: boolean;
}) {
  const { ctx, items } = props;
  const { t, dateTime } = ctx.i18n;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("outbox.title")}
      </h1>
      <p class="ds-paragraph">{props.smtp ? t("outbox.introSmtp") : t("outbox.introNoSmtp")}</p>
      {items.length === 0 ? (
        <Notice>{t("outbox.empty")}</Notice>
      ) : (
        <TableScroll label={t("outbox.title")}>
          <table class="ds-table" data-border>
            <thead>
              <tr>
                <th scope="col">{t("outbox.created")}</th>
                <th scope="col">{t("outbox.to")}</th>
                <th scope="col">{t("outbox.subject")}</th>
                <th scope="col">{t("outbox.status")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((m) => (
                <tr key={m.id}>
                  <td>{dateTime(m.createdAt)}</td>
                  <td>{m.to}</td>
                  <th scope="row">
                    <a class="ds-link" href={`/admin/outbox/${m.id}`}>
                      {m.subject}
                    </a>
                  </th>
                  <td>{t(`outbox.status.${m.status}` as "outbox.status.sent")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <Pagination t={t} url={ctx.url} total={props.total} limit={props.limit} offset={(props.page - 1) * props.limit} />
    </>
  );
}

export function OutboxMessagePage(props: { ctx: PageContext; mail: OutboxRow & { body: string; lastError: string | null } }) {
  const { t, dateTime } = props.ctx.i18n;
  const { mail } = props;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {mail.subject}
      </h1>
      <dl class="facts">
        <dt>{t("outbox.to")}</dt>
        <dd>{mail.to}</dd>
        <dt>{t("outbox.created")}</dt>
        <dd>{dateTime(mail.createdAt)}</dd>
        <dt>{t("outbox.status")}</dt>
        <dd>
          {t(`outbox.status.${mail.status}` as "outbox.status.sent")}
          {mail.sentAt ? ` (${dateTime(mail.sentAt)})` : ""}
          {mail.lastError ? ` – ${mail.lastError}` : ""}
        </dd>
      </dl>
      <pre class="mail-body">{mail.body}</pre>
    </>
  );
}

export function SessionsPage(props: {
  ctx: PageContext;
  current: string | null;
  sessions: { idHash: string; createdAt: Date; lastSeenAt: Date; userAgent: string }[];
  ended: boolean;
}) {
  const { ctx } = props;
  const { t, dateTime } = ctx.i18n;
  const others = props.sessions.filter((s) => s.idHash !== props.current).length;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("sessions.title")}
      </h1>
      <p class="ds-paragraph">
        <a class="ds-link" href="/account/data">
          {t("mydata.title")}
        </a>{" "}
        ·{" "}
        <a class="ds-link" href="/account/tokens">
          {t("tokens.title")}
        </a>{" "}
        ·{" "}
        <a class="ds-link" href="/account/email">
          {t("emailChange.title")}
        </a>
      </p>
      {props.ended ? <Notice kind="success">{t("sessions.ended")}</Notice> : null}
      <p class="ds-paragraph">{t("sessions.intro")}</p>
      <TableScroll label={t("sessions.title")}>
        <table class="ds-table" data-border>
          <thead>
            <tr>
              <th scope="col">{t("sessions.browser")}</th>
              <th scope="col">{t("sessions.started")}</th>
              <th scope="col">{t("sessions.lastUsed")}</th>
              <th scope="col">{t("common.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {props.sessions.map((s) => (
              <tr key={s.idHash}>
                <th scope="row">
                  {s.userAgent || t("sessions.unknownBrowser")}
                  {s.idHash === props.current ? ` (${t("sessions.thisOne")})` : ""}
                </th>
                <td>{dateTime(s.createdAt)}</td>
                <td>{dateTime(s.lastSeenAt)}</td>
                <td>
                  <form method="post" action="/account/sessions/end" class="inline-form">
                    <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
                    <input type="hidden" name="session" value={s.idHash} />
                    <button class="ds-button" data-variant="tertiary" data-size="sm" type="submit">
                      {s.idHash === props.current ? t("auth.logout") : t("sessions.end")}
                      <span class="ds-sr-only"> {dateTime(s.createdAt)}</span>
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {others > 0 ? (
        <PostButton ctx={ctx} action="/account/sessions/end-others" label={t("sessions.endOthers", { n: others })} />
      ) : null}
    </>
  );
}

export const AUDIT_ENTITIES = [
  "organisation",
  "person",
  "network",
  "membership",
  "body",
  "body_member",
  "user",
  "invitation",
  "network_access",
  "person_link_request",
  "body_document",
  "project",
  "project_participant",
  "status_report",
  "benefit",
  "benefit_measurement",
  "network_sector",
  "solution",
  "solution_user",
  "solution_project",
  "join_request",
  "project_funding",
  "project_link",
  "project_relation",
  "project_document",
  "saved_view",
  "checklist_item",
] as const;
export const AUDIT_ACTIONS = ["create", "update", "delete", "end"] as const;

type AuditRow = {
  id: number;
  at: Date;
  actorLabel: string;
  actorDeleted: boolean;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
};

export function AuditPage(props: {
  ctx: PageContext;
  filter: Record<string, unknown>;
  items: AuditRow[];
  total: number;
  page: number;
  limit: number;
  csvHref: string;
}) {
  const { ctx, items, filter } = props;
  const { t, dateTime, number } = ctx.i18n;
  const form: FormState = { values: filter, errors: [] };
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("audit.title")}
      </h1>
      <FilterForm t={t} action="/admin/audit" resetHref="/admin/audit">
        <SelectField
          t={t}
          form={form}
          name="entity"
          label={t("audit.entity")}
          placeholder={t("list.all")}
          options={AUDIT_ENTITIES.map((e) => ({ value: e, label: t(`audit.entity.${e}`) }))}
        />
        <SelectField
          t={t}
          form={form}
          name="action"
          label={t("history.what")}
          placeholder={t("list.all")}
          options={AUDIT_ACTIONS.map((a) => ({ value: a, label: t(`history.action.${a}`) }))}
        />
        <TextField t={t} form={form} name="actor" label={t("history.who")} />
        <TextField t={t} form={form} name="from" label={t("audit.from")} description={t("form.dateHint")} inputMode="numeric" />
        <TextField t={t} form={form} name="to" label={t("audit.to")} description={t("form.dateHint")} inputMode="numeric" />
      </FilterForm>
      <p class="ds-paragraph" role="status">
        {t("list.count", { total: number(props.total) })}{" "}
        <a class="ds-link" href={props.csvHref} download>
          {t("list.downloadCsv", { n: number(props.total) })}
        </a>
      </p>
      {items.length === 0 ? (
        <Notice>{t("list.empty")}</Notice>
      ) : (
        <TableScroll label={t("audit.title")}>
          <table class="ds-table" data-border data-size="sm">
            <thead>
              <tr>
                <th scope="col">{t("history.when")}</th>
                <th scope="col">{t("history.who")}</th>
                <th scope="col">{t("history.what")}</th>
                <th scope="col">{t("audit.entity")}</th>
                <th scope="col">{t("history.changes")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr key={e.id}>
                  <td>{dateTime(e.at)}</td>
                  <td>{e.actorDeleted ? t("audit.deletedUser") : e.actorLabel}</td>
                  <td>{t(`history.action.${e.action}` as "history.action.update")}</td>
                  <td>
                    {t(`audit.entity.${e.entity}` as "audit.entity.person")} {e.entityId}
                  </td>
                  <td>
                    <code class="history-diff">{JSON.stringify(e.after ?? e.before).slice(0, 200)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <Pagination t={t} url={ctx.url} total={props.total} limit={props.limit} offset={(props.page - 1) * props.limit} />
    </>
  );
}

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
      <section aria-labelledby="invite-heading">
        <h2 class="ds-heading" data-size="md" id="invite-heading">
          {t("invitations.invite")}
        </h2>
        <p class="ds-paragraph">{t("invitations.intro", { days: 7 })}</p>
        <Form ctx={ctx} form={form} action="/admin/invitations" submitLabel={t("invitations.send")}>
          <TextField t={t} form={form} name="email" label={t("auth.email")} type="email" autocomplete="off" required />
          <TextField t={t} form={form} name="name" label={t("people.name")} autocomplete="off" />
          <SelectField
            t={t}
            form={form}
            name="networkId"
            label={t("network.network")}
            placeholder={t("form.none")}
            options={props.networks}
          />
        </Form>
      </section>
      <section aria-labelledby="sent-heading">
        <h2 class="ds-heading" data-size="md" id="sent-heading">
          {t("invitations.sent")}
        </h2>
        <InvitationTable
          ctx={ctx}
          items={props.items}
          actionBase="/admin/invitations"
          showNetwork={new Map(props.networks.map((n) => [n.value, n.label]))}
        />
        <Pagination t={t} url={ctx.url} total={props.total} limit={props.limit} offset={(props.page - 1) * props.limit} />
      </section>
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
          <a class="ds-link" href={`/login?returnTo=${encodeURIComponent(`/invitation/${token}`)}`}>
            {t("invitations.haveAccount")}
          </a>
        </p>
      ) : null}
      <Form ctx={ctx} form={form} action={`/invitation/${token}`} submitLabel={t("invitations.create")}>
        <TextField t={t} form={form} name="name" label={t("people.name")} autocomplete="name" required />
        <NewPasswordFields t={t} form={form} />
      </Form>
    </>
  );
}

export function MyDataPage(props: {
  ctx: PageContext;
  data: {
    account: { email: string; name: string; createdAt: Date };
    sessions: unknown[];
    invitations: unknown[];
    directoryEntries: unknown[];
    networkAccess: NetworkAccessEntry[];
    changesMade: unknown[];
  };
  form: FormState;
}) {
  const { ctx, data, form } = props;
  const { t, dateTime, number } = ctx.i18n;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("mydata.title")}
      </h1>
      <p class="ds-paragraph">{t("mydata.intro")}</p>
      <dl class="facts">
        <dt>{t("people.name")}</dt>
        <dd>{data.account.name}</dd>
        <dt>{t("auth.email")}</dt>
        <dd>{data.account.email}</dd>
        <dt>{t("mydata.created")}</dt>
        <dd>{dateTime(data.account.createdAt)}</dd>
        <dt>{t("sessions.title")}</dt>
        <dd>
          <a class="ds-link" href="/account/sessions">
            {number(data.sessions.length)}
          </a>
        </dd>
        <dt>{t("mydata.directoryEntries")}</dt>
        <dd>{number(data.directoryEntries.length)}</dd>
        <dt>{t("invitations.title")}</dt>
        <dd>{number(data.invitations.length)}</dd>
        <dt>{t("mydata.changesMade")}</dt>
        <dd>{number(data.changesMade.length)}</dd>
      </dl>
      <section aria-labelledby="access-heading">
        <h2 class="ds-heading" data-size="md" id="access-heading">
          {t("mydata.networkAccess")}
        </h2>
        {data.networkAccess.length === 0 ? (
          <p class="ds-paragraph">{t("mydata.noNetworkAccess")}</p>
        ) : (
          <ul class="ds-list">
            {data.networkAccess.map((a) => (
              <li key={a.slug}>
                <a class="ds-link" href={`/n/${a.slug}`}>
                  {a.network}
                </a>
                : {t(`access.role.${a.role}`)}
                {a.represents.length ? ` · ${t("access.represents")} ${a.represents.join(", ")}` : ""}
              </li>
            ))}
          </ul>
        )}
      </section>
      <p class="ds-paragraph">
        <a class="ds-button" data-variant="secondary" href="/account/data.json" download>
          {t("mydata.download")}
        </a>
      </p>
      <section aria-labelledby="delete-heading">
        <h2 class="ds-heading" data-size="md" id="delete-heading">
          {t("mydata.deleteTitle")}
        </h2>
        <p class="ds-paragraph">{t("mydata.deleteIntro")}</p>
        <Form ctx={ctx} form={form} action="/account/delete" submitLabel={t("mydata.deleteButton")}>
          <TextField
            t={t}
            form={form}
            name="confirmEmail"
            label={t("mydata.confirmEmail")}
            type="email"
            autocomplete="off"
            required
          />
        </Form>
      </section>
    </>
  );
}

type TokenRow = {
  id: number;
  name: string;
  scopes: string[];
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
      {props.tokens.length ? (
        <TableScroll label={t("tokens.title")}>
          <table class="ds-table" data-border>
            <thead>
              <tr>
                <th scope="col">{t("tokens.name")}</th>
                <th scope="col">{t("tokens.scopes")}</th>
                <th scope="col">{t("network.network")}</th>
                <th scope="col">{t("invitations.expires")}</th>
                <th scope="col">{t("tokens.lastUsed")}</th>
                <th scope="col">{t("common.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {props.tokens.map((k) => (
                <tr key={k.id}>
                  <th scope="row">{k.name}</th>
                  <td>{k.scopes.map((sc) => t(`tokens.scope.${sc}` as "tokens.scope.read")).join(", ")}</td>
                  <td>{k.networkId ? (networkName.get(k.networkId) ?? k.networkId) : t("tokens.allNetworks")}</td>
                  <td>{dateTime(k.expiresAt)}</td>
                  <td>{k.lastUsedAt ? dateTime(k.lastUsedAt) : t("tokens.neverUsed")}</td>
                  <td>
                    {k.revokedAt ? (
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
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
      <section aria-labelledby="new-token-heading">
        <h2 class="ds-heading" data-size="md" id="new-token-heading">
          {t("tokens.new")}
        </h2>
        <Form ctx={ctx} form={form} action="/account/tokens" submitLabel={t("tokens.create")}>
          <TextField t={t} form={form} name="name" label={t("tokens.name")} description={t("tokens.nameHint")} required />
          <CheckboxGroup
            t={t}
            form={form}
            name="scopes"
            label={t("tokens.scopes")}
            options={API_SCOPES.map((sc) => ({ value: sc, label: t(`tokens.scope.${sc}`) }))}
          />
          <SelectField
            t={t}
            form={form}
            name="networkId"
            label={t("tokens.limitToNetwork")}
            placeholder={t("tokens.allNetworks")}
            options={props.networks}
          />
          <SelectField
            t={t}
            form={form}
            name="days"
            label={t("tokens.validFor")}
            required
            options={TOKEN_DAYS.map((d) => ({ value: d, label: t("tokens.days", { n: d }) }))}
          />
        </Form>
      </section>
    </>
  );
}

export function EmailChangePage({ ctx, form, current }: { ctx: PageContext; form: FormState; current: string }) {
  const { t } = ctx.i18n;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("emailChange.title")}
      </h1>
      <p class="ds-paragraph">{t("emailChange.intro", { email: current })}</p>
      <Form ctx={ctx} form={form} action="/account/email" submitLabel={t("emailChange.send")}>
        <TextField t={t} form={form} name="email" label={t("emailChange.newEmail")} type="email" autocomplete="email" required />
        <TextField
          t={t}
          form={form}
          name="password"
          label={t("auth.password")}
          type="password"
          autocomplete="current-password"
          required
        />
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

/** A new password and its repetition; the rules are said beside the field. */
function NewPasswordFields({ t, form }: { t: Translate; form: FormState }) {
  return (
    <>
      <TextField
        t={t}
        form={form}
        name="password"
        label={t("auth.newPassword")}
        description={t("auth.passwordRules")}
        type="password"
        autocomplete="new-password"
        required
      />
      <TextField
        t={t}
        form={form}
        name="repeat"
        label={t("auth.repeatPassword")}
        type="password"
        autocomplete="new-password"
        required
      />
    </>
  );
}
