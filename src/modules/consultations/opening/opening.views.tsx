import { ALLOWED_EXTENSIONS } from "../../../platform/files/files.ts";
import {
  FileField,
  FormPage,
  type FormState,
  NumberField,
  type Option,
  optionsOf,
  SelectField,
  TextArea,
  TextField,
} from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import { InstantFields } from "../parts.tsx";
import { AUDIENCES } from "../schema.ts";
import { SUBJECTS } from "./opening.service.ts";

/**
 * The secretariat's form for a new consultation: on a strategy draft (whose text becomes the
 * sections), or from the network on a project or an uploaded document.
 */
export function ConsultationFormPage(props: {
  ctx: PageContext;
  intro: string;
  action: string;
  cancelHref: string;
  form: FormState;
  /** For a consultation opened from the network: what it is about. */
  subject?: { projects: Option[]; maxUploadMb: number };
}) {
  const { ctx, form, subject } = props;
  const { t } = ctx.i18n;
  return (
    <FormPage
      ctx={ctx}
      form={form}
      title={t("consultation.new")}
      intro={<p class="ds-paragraph">{props.intro}</p>}
      action={props.action}
      submitLabel={t("consultation.open")}
      cancelHref={props.cancelHref}
      multipart={subject !== undefined}
    >
      {subject ? <SubjectFields ctx={ctx} subject={subject} /> : null}
      <TextField name="title" label={t("consultation.title")} required />
      <TextArea name="intro" label={t("consultation.intro")} description={t("consultation.introHint")} rows={4} />
      <InstantFields t={t} name="opens" />
      <InstantFields t={t} name="closes" />
      <SelectField
        name="audience"
        label={t("consultation.audience")}
        options={optionsOf(t, AUDIENCES, "consultation.audience")}
      />
      <NumberField
        name="personalDataDays"
        label={t("consultation.personalDataDays")}
        description={t("consultation.personalDataDaysHint")}
        required
      />
    </FormPage>
  );
}

/** What a consultation opened from the network is about: one of its projects, or an uploaded document. */
function SubjectFields(props: { ctx: PageContext; subject: { projects: Option[]; maxUploadMb: number } }) {
  const { subject } = props;
  const { t } = props.ctx.i18n;
  return (
    <>
      <SelectField
        name="subject"
        label={t("consultation.subject")}
        required
        options={optionsOf(t, SUBJECTS, "consultation.subject")}
      />
      <SelectField
        name="projectId"
        label={t("consultation.project")}
        description={t("consultation.projectHint")}
        placeholder=""
        options={subject.projects}
      />
      <FileField
        name="file"
        label={t("consultation.document")}
        description={t("consultation.documentHint", { mb: subject.maxUploadMb })}
        accept={ALLOWED_EXTENSIONS.map((e) => `.${e}`).join(",")}
      />
    </>
  );
}
