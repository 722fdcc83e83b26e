import type { FollowState } from "../activity/activity.ts";
import { PostButton } from "./components.tsx";
import type { PageContext } from "./context.ts";

/**
 * Follow or stop following a record, on its page (decision 0035): one button that works without
 * JavaScript, posting to /follow/{kind}/{id} and coming back to the page. Nothing for a reader not
 * signed in, who has nothing to follow with.
 */
export function FollowButton(props: { ctx: PageContext; kind: string; id: number; state: FollowState | null; back: string }) {
  const { ctx, state } = props;
  const { t } = ctx.i18n;
  if (!ctx.actor?.userId || state === null) return null;
  const action = `/follow/${props.kind}/${props.id}`;
  const following = state === "following" || state === "automatic";
  return (
    <div class="follow">
      {following ? (
        <p class="ds-paragraph" data-size="sm">
          {state === "automatic" ? t("follow.youTakePart") : t("follow.youFollow")}
        </p>
      ) : null}
      <PostButton
        ctx={ctx}
        action={following ? `${action}/stop` : action}
        label={following ? t("follow.stop") : t("follow.follow")}
        variant={following ? "tertiary" : "secondary"}
        size="sm"
        fields={{ back: props.back }}
      />
    </div>
  );
}
