import type { ComponentChildren } from "preact";
import { labelFor } from "../../../platform/i18n/i18n.ts";
import {
  CheckboxGroup,
  DemoTag,
  FilterForm,
  FilterSelect,
  Form,
  type FormState,
  Section as HeadedSection,
  LinkList,
  optionsOf,
  PostButton,
  SelectField,
  Tag,
  TextArea,
  TextField,
} from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import type { AnswerTemplate, Consultation, Input, Question, Section } from "../consultations.repo.ts";
import { inputStatusLabel, respondentLabel } from "../labels.ts";
import { InputAnswer, QuestionAnswers, sectionNames } from "../parts.tsx";
import { INPUT_STATUSES, type InputStatus } from "../schema.ts";
import { type HANDLING_ACTIONS, type PublishedInput, SETTABLE_STATUSES } from "./handling.service.ts";

const INPUT_STATUS_COLOURS: Record<InputStatus, string> = {
  received: "info",
  handled: "success",
  spam: "danger",
  merged: "neutral",
};

/** The inputs the secretariat has published, with their published answers, and no personal data. */
export function PublishedInputs(props: { ctx: PageContext; inputs: PublishedInput[]; sections: Section[] }) {
  const { t, dateTime } = props.ctx.i18n;
  const sectionName = sectionNames(props.sections, t);
  return (
    <HeadedSection id="published-heading" title={t("consultation.publishedInputs", { n: props.inputs.length })}>
      {props.inputs.map((i) => (
        <article key={i.reference} class="stack input-card" aria-labelledby={`input-${i.reference}`}>
          <h3 class="ds-heading" data-size="xs" id={`input-${i.reference}`}>
            {i.reference} · {sectionName(i.sectionId)} · {respondentLabel(t, i.respondentKind)} · {dateTime(i.submittedAt)}
          </h3>
          <p class="ds-paragraph prewrap">{i.body}</p>
          <InputAnswer t={t} answer={i.answer} />
        </article>
      ))}
    </HeadedSection>
  );
}

/** The secretariat's queue: filters, and each input with what can be done to it. */
export function QueuePage(props: {
  ctx: PageContext;
  consultation: Consultation;
  sections: Section[];
  questions: Question[];
  inputs: Input[];
  templates: AnswerTemplate[];
  categories: string[];
  filter: Record<string, unknown>;
  /** The form that came back with errors, by input. */
  failed?: { inputId: number; form: FormState };
  templateForm: FormState;
}) {
  const { ctx, consultation: c, sections, inputs } = props;
  const { t, dateTime, number } = ctx.i18n;
  const base = `/consultations/${c.id}`;
  const sectionName = sectionNames(sections, t);
  const reference = new Map(inputs.map((i) => [i.id, i.reference]));
  const sectionOptions = sections.map((s) => ({ value: String(s.id), label: s.heading }));
  const templateForm = { ...props.templateForm, idPrefix: "template-" };
  const settingsForm: FormState = { values: { publishInputs: c.publishInputs ? "1" : "" }, errors: [], idPrefix: "settings-" };
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("consultation.queueTitle", { title: c.title })}
      </h1>
      <p class="ds-paragraph">
        <LinkList
          links={[
            { href: base, label: t("consultation.back") },
            { href: `${base}/summary`, label: t("consultation.summary") },
            { href: `${base}/inputs.xlsx`, label: t("consultation.downloadXlsx"), download: true },
            { href: `${base}/inputs.csv`, label: t("consultation.downloadCsv"), download: true },
          ]}
        />
      </p>
      <div class="button-row">
        <PostButton ctx={ctx} action={`${base}/answers/publish`} label={t("consultation.publishAnswers")} />
        <PostButton ctx={ctx} action={`${base}/answers/mail`} label={t("consultation.mailAnswers")} variant="secondary" />
      </div>
      <Form ctx={ctx} form={settingsForm} action={`${base}/settings`} submitLabel={t("common.save")}>
        <CheckboxGroup
          name="publishInputs"
          label={t("consultation.publishInputsLabel")}
          description={t("consultation.publishInputsHint")}
          options={[{ value: "1", label: t("consultation.publishInputs") }]}
        />
      </Form>
      <FilterForm t={t} action={`${base}/inputs`} values={props.filter}>
        <FilterSelect
          name="status"
          label={t("consultation.inputStatus")}
          options={optionsOf(t, INPUT_STATUSES, inputStatusLabel)}
        />
        <FilterSelect name="section" label={t("consultation.section")} options={sectionOptions} />
        <FilterSelect
          name="category"
          label={t("consultation.category")}
          options={props.categories.map((x) => ({ value: x, label: x }))}
        />
      </FilterForm>
      <p class="ds-paragraph" role="status">
        {t("consultation.inputCount", { n: number(inputs.length) })}
      </p>
      {inputs.map((i) => (
        <article key={i.id} class="stack input-card" aria-labelledby={`input-${i.id}`} id={`i${i.id}`}>
          <h2 class="ds-heading" data-size="xs" id={`input-${i.id}`}>
            {i.reference} · {sectionName(i.sectionId)}{" "}
            <Tag color={INPUT_STATUS_COLOURS[i.status]!}>{inputStatusLabel(t, i.status)}</Tag>{" "}
            {i.isDemo ? <DemoTag t={t} /> : null}
          </h2>
          <p class="ds-paragraph" data-size="sm">
            {[
              dateTime(i.submittedAt),
              respondentLabel(t, i.respondentKind),
              i.name,
              i.organisation,
              i.email,
              i.personalDataRemovedAt ? t("consultation.personalDataGone") : null,
              i.category ? `${t("consultation.category")}: ${i.category}` : null,
              i.mergedIntoId ? t("consultation.mergedInto", { reference: reference.get(i.mergedIntoId) ?? "" }) : null,
            ]
              .filter(Boolean)
              .join(" · ")}
          </p>
          <p class="ds-paragraph prewrap">{i.body}</p>
          <QuestionAnswers questions={props.questions} answers={i.answers} />
          {i.answer ? (
            <div class="answer">
              <strong>
                {t("consultation.answer")} (
                {i.answerPublishedAt ? t("consultation.answerPublished") : t("consultation.answerNotPublished")}
                {i.answerMailedAt ? `, ${t("consultation.answerMailed")}` : ""})
              </strong>
              <p class="ds-paragraph prewrap">{i.answer}</p>
            </div>
          ) : null}
          <HandlingSteps
            ctx={ctx}
            action={`${base}/inputs/${i.id}`}
            input={i}
            templates={props.templates}
            failed={props.failed?.inputId === i.id ? props.failed.form : undefined}
          />
        </article>
      ))}
      <section aria-labelledby="templates-heading" class="no-print">
        <h2 class="ds-heading" data-size="md" id="templates-heading">
          {t("consultation.templates")}
        </h2>
        {props.templates.length ? (
          <ul>
            {props.templates.map((x) => (
              <li key={x.id}>
                <strong>{x.title}</strong>
                <span class="row-detail prewrap">{x.body}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p class="ds-paragraph">{t("consultation.noTemplates")}</p>
        )}
        <details open={templateForm.errors.length > 0}>
          <summary>{t("consultation.addTemplate")}</summary>
          <Form ctx={ctx} form={templateForm} action={`${base}/templates`} submitLabel={t("consultation.addTemplate")}>
            <TextField name="title" label={t("consultation.templateTitle")} required />
            <TextArea name="body" label={t("consultation.answer")} rows={4} required />
          </Form>
        </details>
      </section>
    </>
  );
}

/** The steps the secretariat takes on one input, each a small form; after a step sent with errors its form comes back, open. */
function HandlingSteps(props: {
  ctx: PageContext;
  action: string;
  input: Input;
  templates: AnswerTemplate[];
  failed: FormState | undefined;
}) {
  const { ctx, input: i } = props;
  const { t } = ctx.i18n;
  const formFor = (values: Record<string, unknown>): FormState =>
    props.failed ? { ...props.failed, idPrefix: `i${i.id}-` } : { values, errors: [], idPrefix: `i${i.id}-` };
  return (
    <details class="no-print" open={props.failed !== undefined}>
      <summary>
        {t("consultation.handle")}
        <span class="ds-sr-only"> {i.reference}</span>
      </summary>
      <div class="stack">
        <HandleForm ctx={ctx} action={props.action} verb="status" form={formFor({ status: i.status })}>
          <SelectField
            name="status"
            label={t("consultation.inputStatus")}
            options={optionsOf(t, SETTABLE_STATUSES, inputStatusLabel)}
          />
        </HandleForm>
        <HandleForm ctx={ctx} action={props.action} verb="category" form={formFor({ category: i.category })}>
          <TextField name="category" label={t("consultation.category")} />
        </HandleForm>
        <HandleForm ctx={ctx} action={props.action} verb="merge" form={formFor({ into: "" })}>
          <TextField name="into" label={t("consultation.mergeInto")} description={t("consultation.mergeHint")} width="short" />
        </HandleForm>
        <HandleForm ctx={ctx} action={props.action} verb="answer" form={formFor({ answer: i.answer })}>
          <TextArea name="answer" label={t("consultation.answer")} rows={4} />
          {props.templates.length ? (
            <SelectField
              name="templateId"
              label={t("consultation.fromTemplate")}
              description={t("consultation.fromTemplateHint")}
              placeholder=""
              options={props.templates.map((x) => ({ value: String(x.id), label: x.title }))}
            />
          ) : null}
        </HandleForm>
      </div>
    </details>
  );
}

/** One handling step's small form: what it changes, and which step it is. */
function HandleForm(props: {
  ctx: PageContext;
  action: string;
  verb: (typeof HANDLING_ACTIONS)[number];
  form: FormState;
  children: ComponentChildren;
}) {
  const { t } = props.ctx.i18n;
  return (
    <Form ctx={props.ctx} form={props.form} action={props.action} submitLabel={labelFor(t, "consultation.do", props.verb)}>
      <input type="hidden" name="action" value={props.verb} />
      {props.children}
    </Form>
  );
}
