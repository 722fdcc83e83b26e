import type { AppError } from "../http/errors.ts";
import type { PageContext } from "./context.ts";

/** 403, 404, 500 and the rest: what happened, in the user's language, and where to go next. No stack trace. */
export function ErrorPage({ ctx, error }: { ctx: PageContext; error: AppError | null }) {
  const { t } = ctx.i18n;
  const status = error?.status ?? 500;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t(error?.messageKey ?? "errors.internal")}
      </h1>
      <p class="ds-paragraph">
        {status === 404
          ? t("errors.notFoundHelp")
          : status === 413
            ? t("errors.tooLargeHelp")
            : status >= 500
              ? t("errors.internalHelp")
              : t("errors.genericHelp")}
      </p>
      {error?.fields.length ? (
        <ul class="ds-list">
          {error.fields.map((f) => (
            <li key={f.field}>
              <strong>{f.field}</strong>: {t(f.key, f.params)}
            </li>
          ))}
        </ul>
      ) : null}
      <p class="ds-paragraph">
        <a class="ds-link" href="/">
          {t("errors.backHome")}
        </a>
      </p>
    </>
  );
}
