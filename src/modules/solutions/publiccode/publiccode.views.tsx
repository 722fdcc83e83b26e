import { FileField, FormPage, type FormState, type Option, SelectField, TextArea } from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";

/** Importing a publiccode.yml file, pasted or uploaded, as a solution of an organisation the user acts for. */
export function ImportPage(props: { ctx: PageContext; form: FormState; owners: Option[] }) {
  const { ctx, form } = props;
  const { t } = ctx.i18n;
  return (
    <FormPage
      ctx={ctx}
      form={form}
      title={t("solution.import")}
      intro={<p class="ds-paragraph">{t("solution.importIntro")}</p>}
      action="/solutions/import"
      submitLabel={t("solution.importSubmit")}
      cancelHref="/solutions"
      multipart
    >
      <SelectField
        name="ownerOrganisationId"
        label={t("solution.owner")}
        required
        placeholder={t("form.choose")}
        options={props.owners}
      />
      <FileField name="file" label={t("solution.importFile")} accept=".yml,.yaml" />
      <TextArea name="publiccode" label={t("solution.importText")} rows={12} />
    </FormPage>
  );
}
