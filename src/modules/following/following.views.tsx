import type { Followed, SeenEvent } from "../../platform/activity/activity.ts";
import { clip, type Followable } from "../../platform/activity/followables.ts";
import { DIGEST_FREQUENCIES } from "../../platform/schema.ts";
import { Form, type FormState, Link, Notice, PostButton, SelectField } from "../../platform/ui/components.tsx";
import type { PageContext } from "../../platform/ui/context.ts";
import { OneButtonPage } from "../../platform/ui/message-page.tsx";

/** What the reader follows, by kind, each with how and a button to stop. */
export function FollowingPage(props: {
  ctx: PageContext;
  followed: Followed[];
  followables: readonly Followable[];
  mailForm: FormState;
}) {
  const { ctx } = props;
  const { t } = ctx.i18n;
  const kinds = props.followables.filter((f) => props.followed.some((r) => r.kind === f.kind));
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("following.title")}
      </h1>
      <p class="ds-paragraph">{t("following.intro")}</p>
      {kinds.length === 0 ? <Notice>{t("following.nothing")}</Notice> : null}
      {kinds.map((kind) => (
        <section key={kind.kind} aria-labelledby={`following-${kind.kind}`}>
          <h2 class="ds-heading" data-size="sm" id={`following-${kind.kind}`}>
            {t(kind.label)}
          </h2>
          <ul class="ds-list following-list">
            {props.followed
              .filter((r) => r.kind === kind.kind)
              .map((r) => (
                <li key={`${r.kind}-${r.id}`}>
                  <Link href={r.href}>{r.title}</Link>
                  {r.network && r.kind !== "network" ? ` · ${r.network.name}` : ""}
                  {" · "}
                  <span class="muted">{r.how === "automatic" ? t("following.automatic") : t("following.own")}</span>{" "}
                  <PostButton
                    ctx={ctx}
                    action={`/follow/${r.kind}/${r.id}/stop`}
                    label={t("follow.stop")}
                    hiddenText={r.title}
                    variant="tertiary"
                    size="sm"
                    fields={{ back: "/following" }}
                  />
                </li>
              ))}
          </ul>
        </section>
      ))}
      <section aria-labelledby="mail">
        <h2 class="ds-heading" data-size="sm" id="mail">
          {t("following.mailTitle")}
        </h2>
        <p class="ds-paragraph">{t("following.mailIntro")}</p>
        <Form ctx={ctx} form={props.mailForm} action="/following#mail" submitLabel={t("common.save")}>
          {props.followables.map((f) => (
            <SelectField
              key={f.kind}
              name={f.kind}
              label={t(f.label)}
              required
              width="short"
              options={DIGEST_FREQUENCIES.map((value) => ({ value, label: t(`following.frequency.${value}`) }))}
            />
          ))}
        </Form>
      </section>
    </>
  );
}

/** The page a digest's link opens: stop every mail of what one follows, with one button (or one click in the mail program). */
export function StopMailPage(props: { ctx: PageContext; action: string; done: boolean }) {
  const { t } = props.ctx.i18n;
  return (
    <OneButtonPage
      title={t("activity.stop.title")}
      intro={t("activity.stop.intro")}
      action={props.action}
      button={t("activity.stop.button")}
      done={props.done ? t("activity.stop.done") : null}
    >
      <p class="ds-paragraph">
        <Link href="/following#mail">{t("activity.stop.settings")}</Link>
      </p>
    </OneButtonPage>
  );
}

/** What happened lately to what the reader follows, newest first, the new ones marked. */
export function ActivityPage(props: { ctx: PageContext; events: SeenEvent[]; describe: (e: SeenEvent) => string }) {
  const { ctx } = props;
  const { t, dateTime } = ctx.i18n;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("activity.title")}
      </h1>
      <p class="ds-paragraph">
        {t("activity.intro")} <Link href="/following">{t("activity.manage")}</Link>
      </p>
      {props.events.length === 0 ? <Notice>{t("activity.nothing")}</Notice> : null}
      <ol class="activity-list">
        {props.events.map((e) => (
          <li key={e.id} class={e.isNew ? "activity-list__item activity-list__item--new" : "activity-list__item"}>
            {e.isNew ? <strong class="activity-list__new">{t("activity.new")}: </strong> : null}
            <Link href={e.record.href}>{e.record.title}</Link>
            {e.record.network && e.record.kind !== "network" ? ` · ${e.record.network.name}` : ""}
            <br />
            {props.describe(e)}
            {e.about ? (
              <>
                : <Link href={e.about.href}>{clip(e.about.title)}</Link>
              </>
            ) : null}{" "}
            · <time dateTime={e.at.toISOString()}>{dateTime(e.at)}</time>
          </li>
        ))}
      </ol>
    </>
  );
}
