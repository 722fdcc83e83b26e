import { Form, type FormState, Link, Notice, PostButton, TextField } from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import type { ProjectService } from "../projects.service.ts";

export type SavedView = NonNullable<Awaited<ReturnType<ProjectService["savedViewsFor"]>>>[number];

/** The user's own saved views of this page, and a form to save the one shown. */
export function SavedViews(props: { ctx: PageContext; kind: "projects" | "timeline"; views: SavedView[]; form: FormState }) {
  const { ctx, kind, views } = props;
  const { t } = ctx.i18n;
  const current = new URL(ctx.url, "http://x").searchParams;
  current.delete("page");
  current.delete("lang");
  current.delete("viewSaved");
  const base = kind === "projects" ? "/projects" : "/projects/timeline";
  const form: FormState = { ...props.form, idPrefix: "view-" };
  const justSaved = new URL(ctx.url, "http://x").searchParams.get("viewSaved") === "1";
  return (
    <details class="ds-details saved-views" open={views.length > 0 || props.form.errors.length > 0}>
      {justSaved ? <Notice kind="success">{t("savedViews.saved")}</Notice> : null}
      <summary>{t("savedViews.title", { n: views.length })}</summary>
      <div>
        {views.length ? (
          <ul class="ds-list">
            {views.map((v) => (
              <li key={v.id}>
                <Link href={`${base}${v.query ? `?${v.query}` : ""}`}>{v.name}</Link>{" "}
                <PostButton
                  ctx={ctx}
                  action={`/projects/saved-views/${v.id}/delete`}
                  label={t("savedViews.delete")}
                  hiddenText={v.name}
                  size="sm"
                  variant="tertiary"
                  danger
                />
              </li>
            ))}
          </ul>
        ) : (
          <p class="ds-paragraph">{t("savedViews.none")}</p>
        )}
        <Form ctx={ctx} form={form} action="/projects/saved-views" submitLabel={t("savedViews.save")}>
          <input type="hidden" name="kind" value={kind} />
          <input type="hidden" name="query" value={current.toString()} />
          <TextField name="name" label={t("savedViews.name")} description={t("savedViews.hint")} required />
        </Form>
      </div>
    </details>
  );
}
