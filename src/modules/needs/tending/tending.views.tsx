import {
  Form,
  type FormState,
  type Option,
  Section,
  SelectField,
  TextArea,
  TextField,
} from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import type { NeedService } from "../needs.service.ts";

type Detail = Awaited<ReturnType<NeedService["get"]>>;

/** The secretariat's tools on an open need: merge it into another, move it to another network, split a part off. */
export function TendingSection(props: {
  ctx: PageContext;
  need: Detail["need"];
  supporters: Detail["supporters"];
  mergeForm: FormState;
  moveForm: FormState;
  splitForm: FormState;
  networks: Option[];
  /** The network's other open needs, to merge this one into. */
  mergeOptions: Option[];
}) {
  const { ctx, need, supporters } = props;
  const { t } = ctx.i18n;
  return (
    <Section id="manage-heading" title={t("need.manage")}>
      <p class="ds-paragraph">{t("need.manageIntro")}</p>
      <h3 class="ds-heading" data-size="sm">
        {t("need.merge")}
      </h3>
      <Form ctx={ctx} form={props.mergeForm} action={`/needs/${need.id}/merge`} submitLabel={t("need.merge")}>
        <SelectField
          name="intoId"
          label={t("need.mergeInto")}
          description={t("need.mergeIntoHint")}
          required
          placeholder={t("form.choose")}
          options={props.mergeOptions}
        />
        <TextField name="note" label={t("need.eventNote")} />
      </Form>
      <h3 class="ds-heading" data-size="sm">
        {t("need.move")}
      </h3>
      <Form ctx={ctx} form={props.moveForm} action={`/needs/${need.id}/move`} submitLabel={t("need.move")}>
        <SelectField
          name="networkId"
          label={t("need.moveTo")}
          description={t("need.moveHint")}
          required
          placeholder={t("form.choose")}
          options={props.networks}
        />
        <TextField name="note" label={t("need.eventNote")} />
      </Form>
      <h3 class="ds-heading" data-size="sm">
        {t("need.split")}
      </h3>
      <Form ctx={ctx} form={props.splitForm} action={`/needs/${need.id}/split`} submitLabel={t("need.split")}>
        <TextField name="title" label={t("need.splitTitle")} required />
        <TextArea name="problem" label={t("need.problem")} required />
        {supporters.length ? (
          <fieldset class="ds-fieldset">
            <legend class="ds-label">{t("need.splitSupporters")}</legend>
            {supporters.map((s) => (
              <div class="ds-field" key={s.organisationId}>
                <input
                  class="ds-input"
                  type="checkbox"
                  id={`field-split-supporter-${s.organisationId}`}
                  name="supporterIds"
                  value={String(s.organisationId)}
                  checked
                />
                <label class="ds-label" for={`field-split-supporter-${s.organisationId}`}>
                  {s.organisationName}
                </label>
              </div>
            ))}
          </fieldset>
        ) : null}
      </Form>
    </Section>
  );
}
