import type { PageContext } from "../../../platform/ui/context.ts";

/** Whether the daily e-mail about one's needs is on, and the one button that turns it the other way. */
export function DigestPage(props: { ctx: PageContext; optedOut: boolean }) {
  const { ctx } = props;
  const { t } = ctx.i18n;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("need.digestTitle")}
      </h1>
      <p class="ds-paragraph">{t("need.digestIntro")}</p>
      <p class="ds-paragraph">
        <strong>{props.optedOut ? t("need.digestOff") : t("need.digestOn")}</strong>
      </p>
      <form method="post" action="/needs/digest" class="inline-form">
        <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
        <input type="hidden" name="optedOut" value={props.optedOut ? "0" : "1"} />
        <button class="ds-button" data-variant="secondary" type="submit">
          {props.optedOut ? t("need.digestTurnOn") : t("need.digestTurnOff")}
        </button>
      </form>
    </>
  );
}
