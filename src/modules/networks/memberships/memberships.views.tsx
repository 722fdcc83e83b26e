import {
  CheckboxGroup,
  FormPage,
  type FormPageProps,
  type Option,
  optionsOf,
  SelectField,
} from "../../../platform/ui/components.tsx";
import { DateRangeFields } from "../fields.tsx";
import { levelLabel } from "../labels.ts";
import { MEMBERSHIP_LEVELS } from "../schema.ts";

export function MembershipFormPage(
  props: FormPageProps & {
    /** Adding: organisations to choose among. Editing: null. */
    candidates: Option[] | null;
    others: Option[];
    cooperations: Option[];
    deleteAction?: string;
  },
) {
  const { ctx, form } = props;
  const { t } = ctx.i18n;
  return (
    <>
      <FormPage {...props}>
        {props.candidates ? (
          <>
            <CheckboxGroup name="organisationIds" label={t("membership.chooseFromCounties")} options={props.candidates} />
            <SelectField
              name="otherOrganisationId"
              label={t("membership.chooseOther")}
              placeholder={t("form.none")}
              options={props.others}
            />
          </>
        ) : null}
        <SelectField name="level" label={t("membership.level")} required options={optionsOf(t, MEMBERSHIP_LEVELS, levelLabel)} />
        <SelectField
          name="representedById"
          label={t("membership.representedBy")}
          description={t("membership.representedByHint")}
          placeholder={t("membership.representsItself")}
          options={props.cooperations}
        />
        <DateRangeFields t={t} form={form} />
      </FormPage>
      {props.deleteAction ? (
        <form method="post" action={props.deleteAction}>
          <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
          <p class="ds-paragraph">{t("membership.deleteHint")}</p>
          <button class="ds-button" data-variant="secondary" data-color="danger" type="submit">
            {t("membership.delete")}
          </button>
        </form>
      ) : null}
    </>
  );
}
