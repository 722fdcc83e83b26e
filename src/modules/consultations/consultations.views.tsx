import type { Translate } from "../../platform/i18n/i18n.ts";
import {
  DemoTag,
  Form,
  type FormState,
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
import type { Consultation, Question, Section } from "./consultations.repo.ts";
import type { ConsultationState } from "./consultations.service.ts";
import { AUDIENCES, QUESTION_KINDS, RESPONDENT_KINDS } from "./schema.ts";

const STATE_COLOURS: Record<ConsultationState, string> = { upcoming: "info", open: "success", closed: "neutral" };
const stateLabel = (t: Translate, s: ConsultationState) => t(`consultation.state.${s}` as "consultation.state.open");

/** The secretariat's form for a new consultation on a strategy draft. */
export function ConsultationFormPage(props: { ctx: PageContext; strategy: { id: number; title: string }; form: FormState }) {
  const { ctx, strategy, form } = props;
  const { t } = ctx.i18n;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("consultation.new")}
      </h1>
      <p class="ds-paragraph">{t("consultation.newIntro", { title: strategy.title })}</p>
      <Form
        ctx={ctx}
        form={form}
        action={`/strategies/${strategy.id}/consultations`}
        submitLabel={t("consultation.open")}
        cancelHref={`/strategies/${strategy.id}`}
      >
        <TextField t={t} form={form} name="title" label={t("consultation.title")} required />
        <TextArea
          t={t}
          form={form}
          name="intro"
          label={t("consultation.intro")}
          description={t("consultation.introHint")}
          rows={4}
        />
        <div class="field-pair">
          <TextField t={t} form={form} name="opensDate" label={t("consultation.opensDate")} type="date" width="short" required />
          <TextField
            t={t}
            form={form}
            name="opensTime"
            label={t("consultation.opensTime")}
            description={t("consultation.timeHint")}
            width="short"
            required
          />
        </div>
        <div class="field-pair">
          <TextField
            t={t}
            form={form}
            name="closesDate"
            label={t("consultation.closesDate")}
            type="date"
            width="short"
            required
          />
          <TextField
            t={t}
            form={form}
            name="closesTime"
            label={t("consultation.closesTime")}
            description={t("consultation.timeHint")}
            width="short"
            required
          />
        </div>
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
}) {
  const { ctx, consultation: c, sections, state } = props;
  const { t, dateTime, number } = ctx.i18n;
  const base = `/consultations/${c.id}`;
  const questionForm = { ...props.questionForm, idPrefix: "question-" };
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
        {props.canManage ? (
          <>
            <dt>{t("consultation.inputs")}</dt>
            <dd>{number(props.inputCount)}</dd>
          </>
        ) : null}
      </dl>
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
}) {
  const { ctx, consultation: c, form } = props;
  const { t, dateTime } = ctx.i18n;
  const sectionOptions: Option[] = props.sections.map((s) => ({ value: String(s.id), label: s.heading }));
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("consultation.inputTitle", { title: c.title })}
      </h1>
      <p class="ds-paragraph">{t("consultation.inputIntro", { closes: dateTime(c.closesAt) })}</p>
      <p class="ds-paragraph">{t("consultation.privacyNote", { days: c.personalDataDays })}</p>
      <Form ctx={ctx} form={form} action={`/consultations/${c.id}/input`} submitLabel={t("consultation.send")}>
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
}) {
  const { ctx, items } = props;
  const { t, dateTime, number } = ctx.i18n;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("consultation.listTitle", { network: props.network.name })}
      </h1>
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
