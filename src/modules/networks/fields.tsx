import type { Visibility } from "../../platform/access/visibility.ts";
import type { Translate } from "../../platform/i18n/i18n.ts";
import { type FormState, TextField } from "../../platform/ui/components.tsx";

/**
 * From and to dates of a membership or a seat: plain text fields with the format stated, as GOV.UK
 * advises, because native date pickers show a format that depends on the browser, not the page's language.
 */
export function DateRangeFields({ t, form }: { t: Translate; form: FormState }) {
  return (
    <>
      {(
        [
          ["fromDate", "membership.since"],
          ["toDate", "membership.to"],
        ] as const
      ).map(([name, label]) => (
        <TextField
          key={name}
          t={t}
          form={form}
          name={name}
          label={t(label)}
          width="short"
          inputMode="numeric"
          autocomplete="off"
          description={t("form.dateHint")}
        />
      ))}
    </>
  );
}

/** Marks what is not public, so nobody shares a members-only record by mistake. */
export function VisibilityTag({ t, visibility }: { t: Translate; visibility: Visibility }) {
  if (visibility === "public") return null;
  return (
    <span class="ds-tag" data-color="warning" data-size="sm">
      {t("visibility.restricted")}: {t(`visibility.${visibility}`)}
    </span>
  );
}
