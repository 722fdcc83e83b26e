import { h } from "preact";
import { PostButton } from "./components.tsx";
import type { PageContext } from "./context.ts";
import { OWN_PART_MARKS } from "./own-parts.ts";

/**
 * Follow or stop following the record a page is of (its `follow` in the page's meta, decision 0035):
 * one button that works without JavaScript, posting to /follow/{kind}/{id} and coming back to the
 * page. Nothing for a reader not signed in, who has nothing to follow with.
 */
export function FollowButton(props: { ctx: PageContext }) {
  const { ctx } = props;
  const { t } = ctx.i18n;
  // Each reader's own: a mark in a body that may be kept for others, filled in when it is sent.
  if (ctx.markingOwnParts) return ctx.actor && ctx.followable ? h(OWN_PART_MARKS.follow, null) : null;
  if (!ctx.actor?.userId || !ctx.follow) return null;
  const { kind, id, state } = ctx.follow;
  const action = `/follow/${kind}/${id}`;
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
        fields={{ back: ctx.url }}
      />
    </div>
  );
}
