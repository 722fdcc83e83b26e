import type { Translate } from "../../platform/i18n/i18n.ts";
import { type FormState, TextField } from "../../platform/ui/components.tsx";

/** A new password and its repetition; the rules are said beside the field. */
export function NewPasswordFields({ t, form }: { t: Translate; form: FormState }) {
  return (
    <>
      <TextField
        t={t}
        form={form}
        name="password"
        label={t("auth.newPassword")}
        description={t("auth.passwordRules")}
        type="password"
        autocomplete="new-password"
        required
      />
      <TextField
        t={t}
        form={form}
        name="repeat"
        label={t("auth.repeatPassword")}
        type="password"
        autocomplete="new-password"
        required
      />
    </>
  );
}
