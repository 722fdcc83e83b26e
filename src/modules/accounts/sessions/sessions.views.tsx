import { Link, Notice, PostButton } from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import { ListTable } from "../../../platform/ui/list-page.tsx";

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
        <Link href="/account/data">{t("mydata.title")}</Link> · <Link href="/account/tokens">{t("tokens.title")}</Link> ·{" "}
        <Link href="/account/email">{t("emailChange.title")}</Link> ·{" "}
        <Link href="/account/calendar">{t("calendarFeed.title")}</Link>
      </p>
      {props.ended ? <Notice kind="success">{t("sessions.ended")}</Notice> : null}
      <p class="ds-paragraph">{t("sessions.intro")}</p>
      <ListTable
        ctx={ctx}
        label={t("sessions.title")}
        rows={props.sessions}
        rowKey={(s) => s.idHash}
        empty={false}
        columns={[
          {
            label: t("sessions.browser"),
            cell: (s) =>
              `${s.userAgent || t("sessions.unknownBrowser")}${s.idHash === props.current ? ` (${t("sessions.thisOne")})` : ""}`,
          },
          { label: t("sessions.started"), cell: (s) => dateTime(s.createdAt) },
          { label: t("sessions.lastUsed"), cell: (s) => dateTime(s.lastSeenAt) },
          {
            label: t("common.actions"),
            cell: (s) => (
              <form method="post" action="/account/sessions/end" class="inline-form">
                <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
                <input type="hidden" name="session" value={s.idHash} />
                <button class="ds-button" data-variant="tertiary" data-size="sm" type="submit">
                  {s.idHash === props.current ? t("auth.logout") : t("sessions.end")}
                  <span class="ds-sr-only"> {dateTime(s.createdAt)}</span>
                </button>
              </form>
            ),
          },
        ]}
      />
      {others > 0 ? (
        <PostButton ctx={ctx} action="/account/sessions/end-others" label={t("sessions.endOthers", { n: others })} />
      ) : null}
    </>
  );
}
