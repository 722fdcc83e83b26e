import {
  Form,
  type FormState,
  Section as HeadedSection,
  Link,
  Notice,
  type Option,
  optionsOf,
  PostButton,
  SelectField,
  TextArea,
  TextField,
} from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import type { Consultation, Question, Section } from "../consultations.repo.ts";
import { respondentLabel } from "../labels.ts";
import { NotOpenNotice } from "../parts.tsx";
import { RESPONDENT_KINDS } from "../schema.ts";
import type { ConsultationState } from "../state.ts";

/**
 * The input form: works without an account and without JavaScript. The honeypot field is hidden
 * from sight and from assistive technology, and labelled for anyone who reaches it anyway.
 */
export function InputFormPage(props: {
  ctx: PageContext;
  consultation: Consultation;
  sections: Section[];
  questions: Question[];
  form: FormState;
  formToken: string;
  state: ConsultationState;
}) {
  const { ctx, consultation: c, form } = props;
  const { t, dateTime } = ctx.i18n;
  const sectionOptions: Option[] = props.sections.map((s) => ({ value: String(s.id), label: s.heading }));
  // A form that came back with errors is shown even if the consultation closed meanwhile: what was typed stays.
  if (props.state !== "open" && form.errors.length === 0)
    return (
      <>
        <h1 class="ds-heading" data-size="lg">
          {t("consultation.inputTitle", { title: c.title })}
        </h1>
        <NotOpenNotice t={t} state={props.state} />
        <p class="ds-paragraph">
          <Link href={`/consultations/${c.id}`}>{t("consultation.back")}</Link>
        </p>
      </>
    );
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("consultation.inputTitle", { title: c.title })}
      </h1>
      <p class="ds-paragraph">{t("consultation.inputIntro", { closes: dateTime(c.closesAt) })}</p>
      <p class="ds-paragraph">{t("consultation.privacyNote", { days: c.personalDataDays })}</p>
      <Form ctx={ctx} form={form} action={`/consultations/${c.id}/input`} submitLabel={t("consultation.send")} keepsDrafts>
        <input type="hidden" name="formToken" value={props.formToken} />
        <SelectField
          name="sectionId"
          label={t("consultation.about")}
          placeholder={t("consultation.wholeDraft")}
          options={sectionOptions}
        />
        <TextArea name="body" label={t("consultation.body")} description={t("consultation.bodyHint")} rows={8} required />
        {props.questions.map((q) =>
          q.kind === "choice" ? (
            <SelectField
              key={q.id}
              name={`q${q.id}`}
              label={q.text}
              placeholder=""
              options={q.options.map((o) => ({ value: o, label: o }))}
            />
          ) : (
            <TextArea key={q.id} name={`q${q.id}`} label={q.text} rows={3} />
          ),
        )}
        <SelectField
          name="respondentKind"
          label={t("consultation.respondentKind")}
          options={optionsOf(t, RESPONDENT_KINDS, respondentLabel)}
        />
        <TextField name="name" label={t("consultation.name")} autocomplete="name" />
        <TextField name="organisation" label={t("consultation.organisation")} autocomplete="organization" />
        <TextField
          name="email"
          label={t("consultation.email")}
          description={t("consultation.emailHint", { days: c.personalDataDays })}
          type="email"
          autocomplete="email"
        />
        <div class="honeypot" aria-hidden="true">
          <label for="field-website">{t("consultation.honeypot")}</label>
          <input id="field-website" name="website" type="text" tabindex={-1} autocomplete="off" value="" />
        </div>
      </Form>
    </>
  );
}

/** After sending: the reference, and the link that removes the personal data at once. */
export function ReceiptPage(props: {
  ctx: PageContext;
  consultation: Consultation;
  input: {
    reference: string;
    email: string | null;
    name: string | null;
    organisation: string | null;
    personalDataRemovedAt: Date | null;
  };
  receipt: string;
}) {
  const { ctx, consultation: c, input } = props;
  const { t, dateTime } = ctx.i18n;
  const hasPersonalData = !input.personalDataRemovedAt && (input.email || input.name || input.organisation);
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("consultation.receiptTitle")}
      </h1>
      <Notice kind="success">{t("consultation.receiptReference", { reference: input.reference })}</Notice>
      <p class="ds-paragraph">{t("consultation.receiptText", { title: c.title, closes: dateTime(c.closesAt) })}</p>
      {input.email && !input.personalDataRemovedAt ? <p class="ds-paragraph">{t("consultation.receiptMailed")}</p> : null}
      {hasPersonalData ? (
        <HeadedSection id="personal-heading" title={t("consultation.personalData")}>
          <p class="ds-paragraph">{t("consultation.personalDataText", { days: c.personalDataDays })}</p>
          <PostButton
            ctx={ctx}
            action={`/consultations/${c.id}/receipt/${props.receipt}/remove-personal-data`}
            label={t("consultation.removePersonalData")}
            variant="secondary"
          />
        </HeadedSection>
      ) : input.personalDataRemovedAt ? (
        <p class="ds-paragraph">{t("consultation.personalDataRemoved")}</p>
      ) : null}
      <p class="ds-paragraph">
        <Link href={`/consultations/${c.id}`}>{t("consultation.back")}</Link>
      </p>
      <p class="ds-paragraph" data-size="sm">
        {t("consultation.keepLink")}
      </p>
    </>
  );
}
