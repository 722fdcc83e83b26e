import { Notice, PostButton } from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";

/** The person's own calendar feed: its link to subscribe to, and a new link when the old one has been shared. */
export function CalendarFeedPage(props: { ctx: PageContext; url: string; renewed: boolean }) {
  const { ctx } = props;
  const { t } = ctx.i18n;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("calendarFeed.title")}
      </h1>
      {props.renewed ? <Notice kind="success">{t("calendarFeed.renewed")}</Notice> : null}
      <p class="ds-paragraph">{t("calendarFeed.intro")}</p>
      <div class="ds-field">
        <label class="ds-label" for="calendar-url">
          {t("calendarFeed.link")}
        </label>
        <input class="ds-input" id="calendar-url" type="text" readOnly value={props.url} />
      </div>
      <Notice kind="warning">{t("calendarFeed.secret")}</Notice>
      <PostButton ctx={ctx} action="/account/calendar/renew" label={t("calendarFeed.renew")} />
    </>
  );
}
