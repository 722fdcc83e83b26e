import { type KeySuffix, labelFor } from "../../../platform/i18n/i18n.ts";
import { Notice, Pagination, TableScroll } from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";

type OutboxRow = {
  id: number;
  to: string;
  subject: string;
  status: KeySuffix<"outbox.status">;
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
                  <td>{labelFor(t, "outbox.status", m.status)}</td>
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
          {labelFor(t, "outbox.status", mail.status)}
          {mail.sentAt ? ` (${dateTime(mail.sentAt)})` : ""}
          {mail.lastError ? ` – ${mail.lastError}` : ""}
        </dd>
      </dl>
      <pre class="mail-body">{mail.body}</pre>
    </>
  );
}
