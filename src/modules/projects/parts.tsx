import { Notice } from "../../platform/ui/components.tsx";
import type { PageContext } from "../../platform/ui/context.ts";

/**
 * The top of a page where a network's secretariat sets how its portfolio works (its checklists, its
 * sectors): the notice after a save, the heading and what the page is for.
 */
export function NetworkSettingsHeading(props: { ctx: PageContext; title: string; intro: string }) {
  const { t } = props.ctx.i18n;
  const saved = new URL(props.ctx.url, "http://x").searchParams.get("saved") === "1";
  return (
    <>
      {saved ? <Notice kind="success">{t("form.saved")}</Notice> : null}
      <h1 class="ds-heading" data-size="lg">
        {props.title}
      </h1>
      <p class="ds-paragraph">{props.intro}</p>
    </>
  );
}
