import { Form, type FormState, optionsOf, SelectField, TextArea, TextField } from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import type { Question } from "../consultations.repo.ts";
import { QUESTION_KINDS } from "../schema.ts";

/** On a consultation's page, for its secretariat: the questions asked, and the form for another. */
export function QuestionsSection(props: { ctx: PageContext; base: string; questions: Question[]; form: FormState }) {
  const { ctx, form } = props;
  const { t } = ctx.i18n;
  return (
    <section aria-labelledby="questions-heading" class="no-print">
      <h2 class="ds-heading" data-size="md" id="questions-heading">
        {t("consultation.questions")}
      </h2>
      {props.questions.length ? (
        <ol>
          {props.questions.map((q) => (
            <li key={q.id}>
              {q.text}
              {q.options.length ? <span class="row-detail">{q.options.join(" · ")}</span> : null}
            </li>
          ))}
        </ol>
      ) : (
        <p class="ds-paragraph">{t("consultation.noQuestions")}</p>
      )}
      <details open={form.errors.length > 0}>
        <summary>{t("consultation.addQuestion")}</summary>
        <Form ctx={ctx} form={form} action={`${props.base}/questions`} submitLabel={t("consultation.addQuestion")}>
          <TextField name="text" label={t("consultation.questionText")} required />
          <SelectField
            name="kind"
            label={t("consultation.questionKind")}
            options={optionsOf(t, QUESTION_KINDS, "consultation.kind")}
          />
          <TextArea name="options" label={t("consultation.options")} description={t("consultation.optionsHint")} rows={3} />
        </Form>
      </details>
    </section>
  );
}
