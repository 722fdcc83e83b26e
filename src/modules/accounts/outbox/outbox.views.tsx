import { type KeySuffix, labelFor } from "../../../platform/i18n/i18n.ts";
import { Facts, Link, Pagination } from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import { ListTable } from "../../../platform/ui/list-page.tsx";

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
      <ListTable
        ctx={ctx}
        label={t("outbox.title")}
        rows={items}
        rowKey={(m) => m.id}
        empty={t("outbox.empty")}
        columns={[
          {
            label: t("outbox.subject"),
            cell: (m) => <Link href={`/admin/outbox/${m.id}`}>{m.subject}</Link>,
          },
          { label: t("outbox.to"), cell: (m) => m.to },
          { label: t("outbox.created"), cell: (m) => dateTime(m.createdAt) },
          { label: t("outbox.status"), cell: (m) => labelFor(t, "outbox.status", m.status) },
        ]}
      />
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
      <Facts
        facts={[
          [t("outbox.to"), mail.to],
          [t("outbox.created"), dateTime(mail.createdAt)],
          [
            t("outbox.status"),
            <>
              {labelFor(t, "outbox.status", mail.status)}
              {mail.sentAt ? ` (${dateTime(mail.sentAt)})` : ""}
              {mail.lastError ? ` – ${mail.lastError}` : ""}
            </>,
          ],
        ]}
      />
      <pre class="mail-body">{mail.body}</pre>
    </>
  );
}
