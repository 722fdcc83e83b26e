import type { ComponentChildren } from "preact";
import { ALLOWED_EXTENSIONS } from "../../platform/files/files.ts";
import type { Translate } from "../../platform/i18n/i18n.ts";
import {
  CheckboxGroup,
  DemoTag,
  FileField,
  FilterForm,
  Form,
  type FormState,
  LinkList,
  Notice,
  type Option,
  PostButton,
  SelectField,
  TableScroll,
  Tag,
  TextArea,
  TextField,
} from "../../platform/ui/components.tsx";
import type { PageContext } from "../../platform/ui/context.ts";
import type { AnswerTemplate, Consultation, Input, Question, Section } from "./consultations.repo.ts";
import { type ConsultationService, type ConsultationState, SUBJECTS } from "./consultations.service.ts";
import { AUDIENCES, INPUT_STATUSES, QUESTION_KINDS, RESPONDENT_KINDS } from "./schema.ts";

const STATE_COLOURS: Record<ConsultationState, string> = { upcoming: "info", open: "success", closed: "neutral" };
const stateLabel = (t: Translate, s: ConsultationState) => t(`consultation.state.${s}` as "consultation.state.open");

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
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("consultation.new")}
      </h1>
      <p class="ds-paragraph">{props.intro}</p>
      <Form
        ctx={ctx}
        form={form}
        action={props.action}
        submitLabel={t("consultation.open")}
        cancelHref={props.cancelHref}
        multipart={subject !== undefined}
      >
        {subject ? (
          <>
            <SelectField
              t={t}
              form={form}
              name="subject"
              label={t("consultation.subject")}
              required
              options={SUBJECTS.map((s) => ({
                value: s,
                label: t(`consultation.subject.${s}` as "consultation.subject.project"),
              }))}
            />
            <SelectField
              t={t}
              form={form}
              name="projectId"
              label={t("consultation.project")}
              description={t("consultation.projectHint")}
              placeholder=""
              options={subject.projects}
            />
            <FileField
              t={t}
              form={form}
              name="file"
              label={t("consultation.document")}
              description={t("consultation.documentHint", { mb: subject.maxUploadMb })}
              accept={ALLOWED_EXTENSIONS.map((e) => `.${e}`).join(",")}
            />
          </>
        ) : null}
        <TextField t={t} form={form} name="title" label={t("consultation.title")} required />
        <TextArea
          t={t}
          form={form}
          name="intro"
          label={t("consultation.intro")}
          description={t("consultation.introHint")}
          rows={4}
        />
        <InstantFields t={t} form={form} name="opens" />
        <InstantFields t={t} form={form} name="closes" />
        <SelectField
          t={t}
          form={form}
          name="audience"
          label={t("consultation.audience")}
          options={AUDIENCES.map((a) => ({ value: a, label: t(`consultation.audience.${a}` as "consultation.audience.anyone") }))}
        />
        <TextField
          t={t}
          form={form}
          name="personalDataDays"
          label={t("consultation.personalDataDays")}
          description={t("consultation.personalDataDaysHint")}
          inputMode="numeric"
          width="short"
          required
        />
      </Form>
    </>
  );
}

/** A day and a time of day in Norway's time, as two fields: `<name>Date` and `<name>Time`. */
function InstantFields({ t, form, name }: { t: Translate; form: FormState; name: "opens" | "closes" }) {
  return (
    <div class="field-pair">
      <TextField
        t={t}
        form={form}
        name={`${name}Date`}
        label={t(`consultation.${name}Date`)}
        type="date"
        width="short"
        required
      />
      <TextField
        t={t}
        form={form}
        name={`${name}Time`}
        label={t(`consultation.${name}Time`)}
        description={t("consultation.timeHint")}
        width="short"
        required
      />
    </div>
  );
}

/** The consultation's public page: the draft section by section, when it closes, and where to give input. */
export function ConsultationPage(props: {
  ctx: PageContext;
  consultation: Consultation;
  sections: Section[];
  questions: Question[];
  state: ConsultationState;
  inputCount: number;
  canManage: boolean;
  questionForm: FormState;
  published: Published;
  /** The internal review rounds that followed, and for a review round the consultation it follows. */
  reviews: Consultation[];
  reviewOf: Consultation | null;
  bodies: Option[];
  reviewForm: FormState;
  sectionForm: FormState;
}) {
  const { ctx, consultation: c, sections, state } = props;
  const { t, dateTime, number } = ctx.i18n;
  const base = `/consultations/${c.id}`;
  const questionForm = { ...props.questionForm, idPrefix: "question-" };
  const reviewForm = { ...props.reviewForm, idPrefix: "review-" };
  const sectionForm = { ...props.sectionForm, idPrefix: "section-" };
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {c.title} {c.isDemo ? <DemoTag t={t} /> : null}
      </h1>
      <dl class="facts">
        <dt>{t("consultation.stateLabel")}</dt>
        <dd>
          <Tag color={STATE_COLOURS[state]}>{stateLabel(t, state)}</Tag>
        </dd>
        <dt>{t("consultation.opens")}</dt>
        <dd>{dateTime(c.opensAt)}</dd>
        <dt>{t("consultation.closes")}</dt>
        <dd>{dateTime(c.closesAt)}</dd>
        <dt>{t("consultation.audience")}</dt>
        <dd>{t(`consultation.audience.${c.audience}` as "consultation.audience.anyone")}</dd>
        {c.strategyId ? (
          <>
            <dt>{t("consultation.draft")}</dt>
            <dd>
              <a class="ds-link" href={`/strategies/${c.strategyId}`}>
                {t("consultation.draftLink")}
              </a>
            </dd>
          </>
        ) : null}
        {c.projectId ? (
          <>
            <dt>{t("consultation.project")}</dt>
            <dd>
              <a class="ds-link" href={`/projects/${c.projectId}`}>
                {t("consultation.projectLink")}
              </a>
            </dd>
          </>
        ) : null}
        {c.documentFileId ? (
          <>
            <dt>{t("consultation.document")}</dt>
            <dd>
              <a class="ds-link" href={`${base}/document`} download>
                {t("consultation.documentLink")}
              </a>
            </dd>
          </>
        ) : null}
        {props.canManage ? (
          <>
            <dt>{t("consultation.inputs")}</dt>
            <dd>
              {number(props.inputCount)} ·{" "}
              <a class="ds-link" href={`${base}/inputs`}>
                {t("consultation.handleInputs")}
              </a>
            </dd>
          </>
        ) : null}
      </dl>
      {props.reviewOf ? (
        <Notice>
          {t("consultation.reviewNotice")}{" "}
          <a class="ds-link" href={`/consultations/${props.reviewOf.id}`}>
            {props.reviewOf.title}
          </a>
        </Notice>
      ) : null}
      {c.intro ? <p class="ds-paragraph prewrap">{c.intro}</p> : null}
      {state === "open" ? (
        <p class="ds-paragraph">
          <a class="ds-button" data-variant="primary" href={`${base}/input`}>
            {t("consultation.giveInput")}
          </a>
        </p>
      ) : (
        <Notice>{state === "closed" ? t("errors.consultationClosed") : t("errors.consultationNotOpen")}</Notice>
      )}
      <section aria-labelledby="draft-heading">
        <h2 class="ds-heading" data-size="md" id="draft-heading">
          {t("consultation.draftText")}
        </h2>
        {sections.map((s) => (
          <section key={s.id} aria-labelledby={`section-${s.id}`} class="stack">
            <h3 class="ds-heading" data-size="sm" id={`section-${s.id}`}>
              {s.heading}
            </h3>
            {s.body ? <p class="ds-paragraph prewrap">{s.body}</p> : null}
            {state === "open" ? (
              <p class="ds-paragraph no-print">
                <a class="ds-link" href={`${base}/input?section=${s.id}`}>
                  {t("consultation.inputOnSection")}
                  <span class="ds-sr-only"> {s.heading}</span>
                </a>
              </p>
            ) : null}
          </section>
        ))}
      </section>
      {props.published.length ? <PublishedInputs ctx={ctx} inputs={props.published} sections={sections} /> : null}
      {props.canManage && !props.reviewOf ? (
        <section aria-labelledby="reviews-heading" class="no-print">
          <h2 class="ds-heading" data-size="md" id="reviews-heading">
            {t("consultation.reviews")}
          </h2>
          <p class="ds-paragraph">{t("consultation.reviewsIntro")}</p>
          {props.reviews.length ? (
            <ul>
              {props.reviews.map((r) => (
                <li key={r.id}>
                  <a class="ds-link" href={`/consultations/${r.id}`}>
                    {r.title}
                  </a>{" "}
                  ({t("consultation.closes").toLowerCase()} {dateTime(r.closesAt)})
                </li>
              ))}
            </ul>
          ) : null}
          <details open={reviewForm.errors.length > 0}>
            <summary>{t("consultation.openReview")}</summary>
            <Form ctx={ctx} form={reviewForm} action={`${base}/reviews`} submitLabel={t("consultation.openReview")}>
              <CheckboxGroup
                t={t}
                form={reviewForm}
                name="bodyIds"
                label={t("consultation.reviewBodies")}
                options={props.bodies}
              />
              <InstantFields t={t} form={reviewForm} name="closes" />
            </Form>
          </details>
        </section>
      ) : null}
      {props.canManage ? (
        <details class="no-print" open={sectionForm.errors.length > 0}>
          <summary>{t("consultation.addSection")}</summary>
          <Form ctx={ctx} form={sectionForm} action={`${base}/sections`} submitLabel={t("consultation.addSection")}>
            <TextField t={t} form={sectionForm} name="heading" label={t("consultation.sectionHeading")} required />
            <TextArea t={t} form={sectionForm} name="body" label={t("consultation.sectionBody")} rows={6} />
          </Form>
        </details>
      ) : null}
      {props.canManage ? (
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
          <details open={questionForm.errors.length > 0}>
            <summary>{t("consultation.addQuestion")}</summary>
            <Form ctx={ctx} form={questionForm} action={`${base}/questions`} submitLabel={t("consultation.addQuestion")}>
              <TextField t={t} form={questionForm} name="text" label={t("consultation.questionText")} required />
              <SelectField
                t={t}
                form={questionForm}
                name="kind"
                label={t("consultation.questionKind")}
                options={QUESTION_KINDS.map((k) => ({
                  value: k,
                  label: t(`consultation.kind.${k}` as "consultation.kind.text"),
                }))}
              />
              <TextArea
                t={t}
                form={questionForm}
                name="options"
                label={t("consultation.options")}
                description={t("consultation.optionsHint")}
                rows={3}
              />
            </Form>
          </details>
        </section>
      ) : null}
    </>
  );
}

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
        <Notice>{props.state === "closed" ? t("errors.consultationClosed") : t("errors.consultationNotOpen")}</Notice>
        <p class="ds-paragraph">
          <a class="ds-link" href={`/consultations/${c.id}`}>
            {t("consultation.back")}
          </a>
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
          t={t}
          form={form}
          name="sectionId"
          label={t("consultation.about")}
          placeholder={t("consultation.wholeDraft")}
          options={sectionOptions}
        />
        <TextArea
          t={t}
          form={form}
          name="body"
          label={t("consultation.body")}
          description={t("consultation.bodyHint")}
          rows={8}
          required
        />
        {props.questions.map((q) =>
          q.kind === "choice" ? (
            <SelectField
              key={q.id}
              t={t}
              form={form}
              name={`q${q.id}`}
              label={q.text}
              placeholder=""
              options={q.options.map((o) => ({ value: o, label: o }))}
            />
          ) : (
            <TextArea key={q.id} t={t} form={form} name={`q${q.id}`} label={q.text} rows={3} />
          ),
        )}
        <SelectField
          t={t}
          form={form}
          name="respondentKind"
          label={t("consultation.respondentKind")}
          options={RESPONDENT_KINDS.map((k) => ({
            value: k,
            label: t(`consultation.respondent.${k}` as "consultation.respondent.other"),
          }))}
        />
        <TextField t={t} form={form} name="name" label={t("consultation.name")} autocomplete="name" />
        <TextField t={t} form={form} name="organisation" label={t("consultation.organisation")} autocomplete="organization" />
        <TextField
          t={t}
          form={form}
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
        <section aria-labelledby="personal-heading">
          <h2 class="ds-heading" data-size="md" id="personal-heading">
            {t("consultation.personalData")}
          </h2>
          <p class="ds-paragraph">{t("consultation.personalDataText", { days: c.personalDataDays })}</p>
          <PostButton
            ctx={ctx}
            action={`/consultations/${c.id}/receipt/${props.receipt}/remove-personal-data`}
            label={t("consultation.removePersonalData")}
            variant="secondary"
          />
        </section>
      ) : input.personalDataRemovedAt ? (
        <p class="ds-paragraph">{t("consultation.personalDataRemoved")}</p>
      ) : null}
      <p class="ds-paragraph">
        <a class="ds-link" href={`/consultations/${c.id}`}>
          {t("consultation.back")}
        </a>
      </p>
      <p class="ds-paragraph" data-size="sm">
        {t("consultation.keepLink")}
      </p>
    </>
  );
}

/** A network's consultations. */
export function ConsultationListPage(props: {
  ctx: PageContext;
  network: { name: string };
  items: { consultation: Consultation; inputs: number; state: ConsultationState }[];
  /** Where the secretariat opens a new one on a project or document. */
  newHref: string | null;
}) {
  const { ctx, items } = props;
  const { t, dateTime, number } = ctx.i18n;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("consultation.listTitle", { network: props.network.name })}
      </h1>
      {props.newHref ? (
        <p class="ds-paragraph">
          <a class="ds-button" data-variant="secondary" href={props.newHref}>
            {t("consultation.newOnNetwork")}
          </a>
        </p>
      ) : null}
      {items.length === 0 ? (
        <Notice>{t("consultation.none")}</Notice>
      ) : (
        <TableScroll label={t("consultation.listTitle", { network: props.network.name })}>
          <table class="ds-table" data-border data-size="sm">
            <thead>
              <tr>
                <th scope="col">{t("consultation.title")}</th>
                <th scope="col">{t("consultation.stateLabel")}</th>
                <th scope="col">{t("consultation.closes")}</th>
                <th scope="col" class="numeric">
                  {t("consultation.inputs")}
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map(({ consultation: c, inputs, state }) => (
                <tr key={c.id}>
                  <th scope="row">
                    <a class="ds-link" href={`/consultations/${c.id}`}>
                      {c.title}
                    </a>{" "}
                    {c.isDemo ? <DemoTag t={t} /> : null}
                  </th>
                  <td>
                    <Tag color={STATE_COLOURS[state]}>{stateLabel(t, state)}</Tag>
                  </td>
                  <td>{dateTime(c.closesAt)}</td>
                  <td class="numeric">{number(inputs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}

type Summary = Awaited<ReturnType<ConsultationService["summary"]>>;
type Published = Awaited<ReturnType<ConsultationService["publishedInputs"]>>;

const inputStatusLabel = (t: Translate, s: string) => t(`consultation.inputStatus.${s}` as "consultation.inputStatus.received");
const respondentLabel = (t: Translate, k: string) => t(`consultation.respondent.${k}` as "consultation.respondent.other");
const INPUT_STATUS_COLOURS: Record<string, string> = { received: "info", handled: "success", spam: "danger", merged: "neutral" };

/** The inputs the secretariat has published, with their published answers, and no personal data. */
export function PublishedInputs(props: { ctx: PageContext; inputs: Published; sections: Section[] }) {
  const { t, dateTime } = props.ctx.i18n;
  const heading = new Map(props.sections.map((s) => [s.id, s.heading]));
  return (
    <section aria-labelledby="published-heading">
      <h2 class="ds-heading" data-size="md" id="published-heading">
        {t("consultation.publishedInputs", { n: props.inputs.length })}
      </h2>
      {props.inputs.map((i) => (
        <article key={i.reference} class="stack input-card" aria-labelledby={`input-${i.reference}`}>
          <h3 class="ds-heading" data-size="xs" id={`input-${i.reference}`}>
            {i.reference} · {i.sectionId ? heading.get(i.sectionId) : t("consultation.wholeDraft")} ·{" "}
            {respondentLabel(t, i.respondentKind)} · {dateTime(i.submittedAt)}
          </h3>
          <p class="ds-paragraph prewrap">{i.body}</p>
          {i.answer ? (
            <div class="answer">
              <strong>{t("consultation.answer")}:</strong>
              <p class="ds-paragraph prewrap">{i.answer}</p>
            </div>
          ) : null}
        </article>
      ))}
    </section>
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
  const heading = new Map(sections.map((s) => [s.id, s.heading]));
  const reference = new Map(inputs.map((i) => [i.id, i.reference]));
  const sectionOptions = sections.map((s) => ({ value: String(s.id), label: s.heading }));
  const templateForm = { ...props.templateForm, idPrefix: "template-" };
  const settingsForm: FormState = { values: { publishInputs: c.publishInputs ? "1" : "" }, errors: [], idPrefix: "settings-" };
  const formFor = (i: Input, values: Record<string, unknown>): FormState =>
    props.failed?.inputId === i.id
      ? { ...props.failed.form, idPrefix: `i${i.id}-` }
      : { values, errors: [], idPrefix: `i${i.id}-` };
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
          t={t}
          form={settingsForm}
          name="publishInputs"
          label={t("consultation.publishInputsLabel")}
          description={t("consultation.publishInputsHint")}
          options={[{ value: "1", label: t("consultation.publishInputs") }]}
        />
      </Form>
      <FilterForm t={t} action={`${base}/inputs`}>
        <SelectField
          t={t}
          form={{ values: props.filter, errors: [] }}
          name="status"
          label={t("consultation.inputStatus")}
          placeholder={t("list.all")}
          options={INPUT_STATUSES.map((s) => ({ value: s, label: inputStatusLabel(t, s) }))}
        />
        <SelectField
          t={t}
          form={{ values: props.filter, errors: [] }}
          name="section"
          label={t("consultation.section")}
          placeholder={t("list.all")}
          options={sectionOptions}
        />
        <SelectField
          t={t}
          form={{ values: props.filter, errors: [] }}
          name="category"
          label={t("consultation.category")}
          placeholder={t("list.all")}
          options={props.categories.map((x) => ({ value: x, label: x }))}
        />
      </FilterForm>
      <p class="ds-paragraph" role="status">
        {t("consultation.inputCount", { n: number(inputs.length) })}
      </p>
      {inputs.map((i) => (
        <article key={i.id} class="stack input-card" aria-labelledby={`input-${i.id}`} id={`i${i.id}`}>
          <h2 class="ds-heading" data-size="xs" id={`input-${i.id}`}>
            {i.reference} · {i.sectionId ? heading.get(i.sectionId) : t("consultation.wholeDraft")}{" "}
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
          {props.questions
            .filter((q) => i.answers[String(q.id)])
            .map((q) => (
              <p key={q.id} class="ds-paragraph" data-size="sm">
                <strong>{q.text}</strong> {i.answers[String(q.id)]}
              </p>
            ))}
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
          <details class="no-print" open={props.failed?.inputId === i.id}>
            <summary>
              {t("consultation.handle")}
              <span class="ds-sr-only"> {i.reference}</span>
            </summary>
            <div class="stack">
              <HandleForm ctx={ctx} action={`${base}/inputs/${i.id}`} verb="status" form={formFor(i, { status: i.status })}>
                <SelectField
                  t={t}
                  form={formFor(i, { status: i.status })}
                  name="status"
                  label={t("consultation.inputStatus")}
                  options={["received", "handled", "spam"].map((s) => ({ value: s, label: inputStatusLabel(t, s) }))}
                />
              </HandleForm>
              <HandleForm ctx={ctx} action={`${base}/inputs/${i.id}`} verb="category" form={formFor(i, { category: i.category })}>
                <TextField t={t} form={formFor(i, { category: i.category })} name="category" label={t("consultation.category")} />
              </HandleForm>
              <HandleForm ctx={ctx} action={`${base}/inputs/${i.id}`} verb="merge" form={formFor(i, { into: "" })}>
                <TextField
                  t={t}
                  form={formFor(i, { into: "" })}
                  name="into"
                  label={t("consultation.mergeInto")}
                  description={t("consultation.mergeHint")}
                  width="short"
                />
              </HandleForm>
              <HandleForm ctx={ctx} action={`${base}/inputs/${i.id}`} verb="answer" form={formFor(i, { answer: i.answer })}>
                <TextArea t={t} form={formFor(i, { answer: i.answer })} name="answer" label={t("consultation.answer")} rows={4} />
                {props.templates.length ? (
                  <SelectField
                    t={t}
                    form={formFor(i, { answer: i.answer })}
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
            <TextField t={t} form={templateForm} name="title" label={t("consultation.templateTitle")} required />
            <TextArea t={t} form={templateForm} name="body" label={t("consultation.answer")} rows={4} required />
          </Form>
        </details>
      </section>
    </>
  );
}

/** One handling step's small form: what it changes, and which step it is. */
function HandleForm(props: { ctx: PageContext; action: string; verb: string; form: FormState; children: ComponentChildren }) {
  const { t } = props.ctx.i18n;
  return (
    <Form
      ctx={props.ctx}
      form={props.form}
      action={props.action}
      submitLabel={t(`consultation.do.${props.verb}` as "consultation.do.status")}
    >
      <input type="hidden" name="action" value={props.verb} />
      {props.children}
    </Form>
  );
}

/** The summary for the steering group: counts, then every input with its answer. Prints cleanly. */
export function SummaryPage(props: { ctx: PageContext; summary: Summary }) {
  const { ctx, summary: s } = props;
  const { t, number, dateTime } = ctx.i18n;
  const heading = new Map(s.sections.map((x) => [x.id, x.heading]));
  const base = `/consultations/${s.consultation.id}`;
  const table = (id: string, caption: string, rows: [string, number][]) => (
    <TableScroll label={caption}>
      <table class="ds-table" data-border data-size="sm" id={id}>
        <caption>{caption}</caption>
        <tbody>
          {rows.map(([label, n]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td class="numeric">{number(n)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
  return (
    <article class="print-document">
      <h1 class="ds-heading" data-size="lg">
        {t("consultation.summaryTitle", { title: s.consultation.title })}
      </h1>
      <p class="ds-paragraph">
        {t("consultation.summaryIntro", {
          n: number(s.total),
          spam: number(s.spam),
          opens: dateTime(s.consultation.opensAt),
          closes: dateTime(s.consultation.closesAt),
        })}
      </p>
      <p class="ds-paragraph no-print">
        <LinkList
          links={[
            { href: `${base}/inputs.xlsx`, label: t("consultation.downloadXlsx"), download: true },
            { href: `${base}/inputs.csv`, label: t("consultation.downloadCsv"), download: true },
          ]}
        />
      </p>
      <div class="summary-tables">
        {table(
          "by-section",
          t("consultation.bySection"),
          s.bySection.map(([id, n]) => [id ? (heading.get(id) ?? "") : t("consultation.wholeDraft"), n]),
        )}
        {table(
          "by-category",
          t("consultation.byCategory"),
          s.byCategory.map(([c, n]) => [c || t("consultation.noCategory"), n]),
        )}
        {table(
          "by-respondent",
          t("consultation.byRespondent"),
          s.byRespondent.map(([k, n]) => [respondentLabel(t, k), n]),
        )}
        {table(
          "by-status",
          t("consultation.byStatus"),
          s.byStatus.map(([k, n]) => [inputStatusLabel(t, k), n]),
        )}
      </div>
      {s.byQuestion.length ? (
        <section aria-labelledby="choices-heading">
          <h2 class="ds-heading" data-size="md" id="choices-heading">
            {t("consultation.choiceAnswers")}
          </h2>
          <div class="summary-tables">
            {s.byQuestion.map((c) =>
              table(`question-${c.question.id}`, c.question.text, [
                ...c.options.map(({ option, count }) => [option, count] as [string, number]),
                [t("consultation.noAnswer"), c.unanswered],
              ]),
            )}
          </div>
        </section>
      ) : null}
      <h2 class="ds-heading" data-size="md">
        {t("consultation.inputs")}
      </h2>
      {s.inputs.map((i) => (
        <article key={i.id} class="stack input-card" aria-labelledby={`summary-${i.id}`}>
          <h3 class="ds-heading" data-size="xs" id={`summary-${i.id}`}>
            {i.reference} · {i.sectionId ? heading.get(i.sectionId) : t("consultation.wholeDraft")} ·{" "}
            {respondentLabel(t, i.respondentKind)}
            {i.category ? ` · ${i.category}` : ""}
          </h3>
          <p class="ds-paragraph prewrap">{i.body}</p>
          {s.questions
            .filter((q) => i.answers[String(q.id)])
            .map((q) => (
              <p key={q.id} class="ds-paragraph" data-size="sm">
                <strong>{q.text}</strong> {i.answers[String(q.id)]}
              </p>
            ))}
          {i.answer ? (
            <div class="answer">
              <strong>{t("consultation.answer")}:</strong>
              <p class="ds-paragraph prewrap">{i.answer}</p>
            </div>
          ) : null}
        </article>
      ))}
    </article>
  );
}
