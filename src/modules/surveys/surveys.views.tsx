import type { ComponentChildren } from "preact";
import { labelFor, type Translate } from "../../platform/i18n/i18n.ts";
import { BarChart } from "../../platform/ui/charts.tsx";
import {
  ButtonLink,
  CheckboxGroup,
  DemoTag,
  Facts,
  Form,
  FormPage,
  type FormPageProps,
  type FormState,
  Link,
  Notice,
  type Option,
  optionsOf,
  PostButton,
  RadioGroup,
  Section,
  SelectField,
  TableScroll,
  TextArea,
  TextField,
} from "../../platform/ui/components.tsx";
import type { PageContext } from "../../platform/ui/context.ts";
import { ListTable } from "../../platform/ui/list-page.tsx";
import { hiddenKey, type QuestionResult } from "./results.ts";
import { QUESTION_KINDS, type SurveyStatus } from "./schema.ts";
import type { Question, Recipient, Survey } from "./surveys.repo.ts";
import { type FullResults, REMINDER_DAYS } from "./surveys.service.ts";

const statusLabel = (t: Translate, s: SurveyStatus) => labelFor(t, "survey.status", s);

/** A mean with one decimal in the reader's language; a dash when there is none. */
const hiddenText = (t: Translate, g: { responses: number }) => t(hiddenKey(g));
const meanText = (ctx: PageContext, v: number | null) =>
  v === null ? "–" : ctx.i18n.number(v, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const percent = (ctx: PageContext, v: number | null) => (v === null ? "–" : ctx.i18n.number(v, { style: "percent" }));

export interface SurveyRow {
  id: number;
  title: string;
  year: number;
  status: SurveyStatus;
  anonymous: boolean;
  recipients: number;
  responses: number;
  isDemo: boolean;
}

/** A network's surveys as a table: each links to its page (for those who run it) or its results. */
export function SurveyTable(props: { ctx: PageContext; rows: readonly SurveyRow[]; label: string; manages: boolean }) {
  const { ctx } = props;
  const { t } = ctx.i18n;
  return (
    <ListTable
      ctx={ctx}
      label={props.label}
      rows={props.rows}
      rowKey={(r) => r.id}
      empty={t("survey.none")}
      columns={[
        {
          label: t("survey.title"),
          cell: (r) => (
            <>
              <Link href={props.manages ? `/surveys/${r.id}` : `/surveys/${r.id}/results`}>{r.title}</Link>
              {r.isDemo ? (
                <>
                  {" "}
                  <DemoTag t={t} />
                </>
              ) : null}
            </>
          ),
        },
        { label: t("survey.year"), numeric: true, cell: (r) => r.year },
        { label: t("survey.statusLabel"), cell: (r) => statusLabel(t, r.status) },
        { label: t("survey.anonymousLabel"), cell: (r) => t(r.anonymous ? "common.yes" : "common.no") },
        { label: t("survey.recipientsCount"), numeric: true, cell: (r) => r.recipients },
        { label: t("survey.responsesCount"), numeric: true, cell: (r) => r.responses },
        {
          label: t("survey.responseRate"),
          numeric: true,
          cell: (r) => percent(ctx, r.recipients ? r.responses / r.recipients : null),
        },
      ]}
    />
  );
}

export function SurveyListPage(props: {
  ctx: PageContext;
  title: string;
  rows: readonly SurveyRow[];
  newHref: string | null;
  manages: boolean;
}) {
  const { t } = props.ctx.i18n;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {props.title}
      </h1>
      <p class="ds-paragraph">{t("survey.listIntro")}</p>
      {props.newHref ? (
        <p>
          <ButtonLink href={props.newHref} variant="primary">
            {t("survey.new")}
          </ButtonLink>
        </p>
      ) : null}
      <SurveyTable ctx={props.ctx} rows={props.rows} label={props.title} manages={props.manages} />
    </>
  );
}

/** The survey's own fields; whether it is anonymous and its year are fixed once it is sent. */
export function SurveyFormPage(props: FormPageProps & { sent: boolean }) {
  const { t } = props.ctx.i18n;
  return (
    <FormPage {...props}>
      <TextField name="title" label={t("survey.title")} required />
      <TextArea name="intro" label={t("survey.intro")} description={t("survey.introHint")} rows={4} />
      <TextField
        name="year"
        label={t("survey.year")}
        description={t("survey.yearHint")}
        inputMode="numeric"
        width="short"
        required
      />
      <TextField
        name="closesOn"
        label={t("survey.closesOn")}
        description={t("survey.closesOnHint")}
        type="date"
        width="short"
        required
      />
      <SelectField
        name="visibility"
        label={t("survey.visibility")}
        options={optionsOf(t, ["network", "public"] as const, "survey.visibility")}
        required
      />
      {props.sent ? (
        <input type="hidden" name="anonymous" value={props.form.values.anonymous ? "1" : ""} />
      ) : (
        <CheckboxGroup
          name="anonymous"
          label={t("survey.anonymousLabel")}
          options={[{ value: "1", label: t("survey.anonymous") }]}
        />
      )}
    </FormPage>
  );
}

/** How a question asks, in a line: its kind, its scale or choices, "don't know", required. */
function questionSummary(t: Translate, q: Question): string {
  const parts = [labelFor(t, "survey.kind", q.kind)];
  if (q.kind === "scale")
    parts.push(
      `${q.scaleMin}${q.scaleMinLabel ? ` (${q.scaleMinLabel})` : ""} – ${q.scaleMax}${q.scaleMaxLabel ? ` (${q.scaleMaxLabel})` : ""}`,
    );
  if (q.kind === "choice") parts.push(q.choices.join(" / "));
  if (q.allowDontKnow) parts.push(t("survey.dontKnow"));
  if (q.required) parts.push(t("survey.required"));
  return parts.join(" · ");
}

/** The secretariat's page of one survey: its facts, questions, recipients and what can be done now. */
export function SurveyPage(props: {
  ctx: PageContext;
  survey: Survey;
  status: SurveyStatus;
  network: { slug: string; name: string };
  repeats: { id: number; title: string; year: number } | null;
  questions: Question[];
  earlierQuestions: Question[];
  recipients: { recipient: Recipient; organisationName: string }[];
  contacts: Option[];
  members: Option[];
  questionForm: FormState;
  recipientForm: FormState;
  actionForm: FormState;
  notice: ComponentChildren;
}) {
  const { ctx, survey: s, status } = props;
  const { t, date } = ctx.i18n;
  const draft = status === "draft";
  const answered = props.recipients.filter((r) => r.recipient.answeredAt).length;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {s.title}
      </h1>
      {props.notice}
      {props.actionForm.errors.length ? (
        <Notice kind="danger">
          {props.actionForm.errors.map((e) => (
            <p class="ds-paragraph" key={e.key}>
              {t(e.key, e.params)}
            </p>
          ))}
        </Notice>
      ) : null}
      <Facts
        facts={[
          [t("survey.statusLabel"), statusLabel(t, status)],
          [t("survey.year"), s.year],
          [t("survey.closesOn"), date(s.closesOn)],
          [t("survey.anonymousLabel"), t(s.anonymous ? "common.yes" : "common.no")],
          [t("survey.visibility"), labelFor(t, "survey.visibility", s.visibility === "public" ? "public" : "network")],
          props.repeats && [
            t("survey.repeats"),
            <Link href={`/surveys/${props.repeats.id}`}>{`${props.repeats.title} (${props.repeats.year})`}</Link>,
          ],
          [t("survey.responsesCount"), `${answered} / ${props.recipients.length}`],
          s.intro !== "" && [t("survey.intro"), <span class="prewrap">{s.intro}</span>],
        ]}
      />
      <div class="button-row">
        <ButtonLink href={`/surveys/${s.id}/edit`}>{t("survey.edit")}</ButtonLink>
        {!draft ? <ButtonLink href={`/surveys/${s.id}/results`}>{t("survey.toResults")}</ButtonLink> : null}
      </div>

      <Section id="actions-heading" title={t("survey.actions")}>
        {draft ? (
          <>
            <p class="ds-paragraph">{t("survey.openHint")}</p>
            <PostButton ctx={ctx} action={`/surveys/${s.id}/open`} label={t("survey.open")} variant="primary" />
          </>
        ) : null}
        {status === "open" ? (
          <>
            <p class="ds-paragraph">{t("survey.remindHint", { days: REMINDER_DAYS })}</p>
            <div class="button-row">
              <PostButton ctx={ctx} action={`/surveys/${s.id}/remind`} label={t("survey.remindNow")} variant="primary" />
              <PostButton ctx={ctx} action={`/surveys/${s.id}/close`} label={t("survey.closeNow")} />
            </div>
          </>
        ) : null}
        <form method="post" action={`/surveys/${s.id}/repeat`} class="stack">
          <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
          <p class="ds-paragraph">{t("survey.repeatHint")}</p>
          <CheckboxGroup
            t={t}
            form={{ values: { withRecipients: "1" }, errors: [], idPrefix: "repeat-" }}
            name="withRecipients"
            label={t("survey.recipients")}
            options={[{ value: "1", label: t("survey.withRecipients") }]}
          />
          <div class="button-row">
            <button class="ds-button" data-variant="secondary" type="submit">
              {t("survey.repeat")}
            </button>
          </div>
        </form>
      </Section>

      <Section id="questions-heading" title={t("survey.questions")}>
        {props.questions.length === 0 ? (
          <p class="ds-paragraph">{t("survey.noQuestions")}</p>
        ) : (
          <ol class="ds-list">
            {props.questions.map((q, i) => (
              <li key={q.id}>
                <strong>{q.text}</strong>
                <br />
                <span class="ds-paragraph" data-size="sm">
                  {questionSummary(t, q)}
                </span>
                {draft ? (
                  <div class="button-row">
                    {i > 0 ? (
                      <PostButton
                        ctx={ctx}
                        size="sm"
                        variant="tertiary"
                        action={`/surveys/${s.id}/questions/${q.id}/up`}
                        label={t("survey.moveUp")}
                        hiddenText={q.text}
                      />
                    ) : null}
                    {i < props.questions.length - 1 ? (
                      <PostButton
                        ctx={ctx}
                        size="sm"
                        variant="tertiary"
                        action={`/surveys/${s.id}/questions/${q.id}/down`}
                        label={t("survey.moveDown")}
                        hiddenText={q.text}
                      />
                    ) : null}
                    <PostButton
                      ctx={ctx}
                      size="sm"
                      variant="tertiary"
                      danger
                      action={`/surveys/${s.id}/questions/${q.id}/delete`}
                      label={t("survey.remove")}
                      hiddenText={q.text}
                    />
                  </div>
                ) : null}
              </li>
            ))}
          </ol>
        )}
        {draft ? (
          <>
            <h3 class="ds-heading" data-size="sm">
              {t("survey.addQuestion")}
            </h3>
            <Form ctx={ctx} form={props.questionForm} action={`/surveys/${s.id}/questions`} submitLabel={t("survey.addQuestion")}>
              <SelectField
                name="kind"
                label={t("survey.kindLabel")}
                options={optionsOf(t, QUESTION_KINDS, "survey.kind")}
                required
              />
              <TextField name="text" label={t("survey.questionText")} required />
              <TextField name="help" label={t("survey.questionHelp")} />
              <div class="field-pair">
                <TextField name="scaleMin" label={t("survey.scaleMin")} inputMode="numeric" width="short" />
                <TextField name="scaleMax" label={t("survey.scaleMax")} inputMode="numeric" width="short" />
              </div>
              <div class="field-pair">
                <TextField name="scaleMinLabel" label={t("survey.scaleMinLabel")} />
                <TextField name="scaleMaxLabel" label={t("survey.scaleMaxLabel")} />
              </div>
              <TextArea name="choices" label={t("survey.choices")} rows={4} />
              <CheckboxGroup
                name="allowDontKnow"
                label={t("survey.dontKnow")}
                options={[{ value: "1", label: t("survey.allowDontKnow") }]}
              />
              <CheckboxGroup
                name="required"
                label={t("survey.required")}
                options={[{ value: "1", label: t("survey.requiredOption") }]}
              />
              {props.earlierQuestions.length ? (
                <SelectField
                  name="repeatsQuestionId"
                  label={t("survey.repeatsQuestion")}
                  placeholder={t("survey.repeatsQuestionNone")}
                  options={props.earlierQuestions.map((q) => ({ value: q.id, label: q.text }))}
                />
              ) : null}
            </Form>
          </>
        ) : null}
      </Section>

      <Section id="recipients-heading" title={t("survey.recipients")}>
        <ListTable
          ctx={ctx}
          label={t("survey.recipients")}
          rows={props.recipients}
          rowKey={(r) => r.recipient.id}
          empty={t("survey.noRecipients")}
          columns={[
            {
              label: t("survey.name"),
              cell: (r) => (
                <>
                  {r.recipient.name || r.recipient.email || t("survey.personalDataRemoved")}
                  {r.recipient.name ? (
                    <>
                      <br />
                      <span class="ds-paragraph" data-size="sm">
                        {r.recipient.email}
                      </span>
                    </>
                  ) : null}
                </>
              ),
            },
            { label: t("survey.organisation"), cell: (r) => r.organisationName },
            { label: t("survey.sentAt"), cell: (r) => (r.recipient.sentAt ? date(r.recipient.sentAt) : "–") },
            { label: t("survey.remindedAt"), cell: (r) => (r.recipient.remindedAt ? date(r.recipient.remindedAt) : "–") },
            {
              label: t("survey.answered"),
              cell: (r) => t(r.recipient.answeredAt ? "survey.answered" : "survey.notAnswered"),
            },
            {
              label: t("common.actions"),
              cell: (r) =>
                r.recipient.answeredAt ? null : (
                  <PostButton
                    ctx={ctx}
                    size="sm"
                    variant="tertiary"
                    danger
                    action={`/surveys/${s.id}/recipients/${r.recipient.id}/delete`}
                    label={t("survey.remove")}
                    hiddenText={r.recipient.name || r.recipient.email || t("survey.personalDataRemoved")}
                  />
                ),
            },
          ]}
        />
        {status !== "closed" ? (
          <>
            <h3 class="ds-heading" data-size="sm">
              {t("survey.addRecipient")}
            </h3>
            <p class="ds-paragraph">{t("survey.addRecipientHint")}</p>
            <Form
              ctx={ctx}
              form={props.recipientForm}
              action={`/surveys/${s.id}/recipients`}
              submitLabel={t("survey.addRecipient")}
            >
              <SelectField name="personId" label={t("survey.person")} placeholder={t("form.choose")} options={props.contacts} />
              <SelectField
                name="organisationId"
                label={t("survey.organisation")}
                placeholder={t("form.choose")}
                options={props.members}
              />
              <TextField name="name" label={t("survey.name")} autocomplete="off" />
              <TextField name="email" label={t("survey.email")} type="email" autocomplete="off" />
            </Form>
          </>
        ) : null}
      </Section>
    </>
  );
}

/** The form a recipient answers through their personal link: plain fields, no script. */
export function AnswerPage(props: {
  ctx: PageContext;
  survey: Survey;
  organisationName: string;
  networkName: string;
  questions: Question[];
  form: FormState;
  action: string;
}) {
  const { ctx, survey: s } = props;
  const { t, date } = ctx.i18n;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {s.title}
      </h1>
      <p class="ds-paragraph">
        {t("survey.answerIntro", { organisation: props.organisationName, network: props.networkName, closes: date(s.closesOn) })}
      </p>
      {s.intro ? <p class="ds-paragraph prewrap">{s.intro}</p> : null}
      <Notice>{t(s.anonymous ? "survey.anonymousAnswerNote" : "survey.namedAnswerNote")}</Notice>
      <Form ctx={ctx} form={props.form} action={props.action} submitLabel={t("survey.send")} keepsDrafts>
        {props.questions.map((q, i) => {
          const label = `${i + 1}. ${q.text}`;
          const dk = q.allowDontKnow ? [{ value: "dk", label: t("survey.dontKnow") }] : [];
          if (q.kind === "text")
            return (
              <TextArea
                key={q.id}
                name={`q${q.id}`}
                label={label}
                description={q.help || undefined}
                required={q.required}
                rows={4}
              />
            );
          const options: Option[] =
            q.kind === "scale"
              ? Array.from({ length: q.scaleMax - q.scaleMin + 1 }, (_, k) => {
                  const p = q.scaleMin + k;
                  const word = p === q.scaleMin ? q.scaleMinLabel : p === q.scaleMax ? q.scaleMaxLabel : "";
                  return { value: p, label: word ? `${p} – ${word}` : String(p) };
                })
              : q.choices.map((c, k) => ({ value: k, label: c }));
          return (
            <RadioGroup
              key={q.id}
              name={`q${q.id}`}
              label={label}
              description={q.help || undefined}
              required={q.required}
              options={[...options, ...dk]}
              inline={q.kind === "scale"}
            />
          );
        })}
      </Form>
    </>
  );
}

/** A question's distribution as a chart and the same numbers as a table, with last time's beside. */
function QuestionBlock(props: { ctx: PageContext; q: QuestionResult; results: FullResults; index: number }) {
  const { ctx, q, results } = props;
  const { t } = ctx.i18n;
  const previous = results.previous.get(q.id);
  const heading = `${props.index + 1}. ${q.text}`;
  const id = `question-${q.id}`;
  return (
    <section aria-labelledby={`${id}-heading`} class="stack survey-question">
      <h3 class="ds-heading" data-size="sm" id={`${id}-heading`}>
        {heading}
      </h3>
      <p class="ds-paragraph">
        {t("survey.answeredCount", { n: q.answered })}
        {q.hidden && !results.withheld ? ` · ${t("survey.fewerThanFive")}` : ""}
        {!q.hidden && q.mean !== null ? ` · ${t("survey.mean")} ${meanText(ctx, q.mean)}` : ""}
        {!q.hidden && q.kind !== "text" ? ` · ${t("survey.dontKnow")}: ${q.dontKnow}` : ""}
      </p>
      {!q.hidden && q.distribution.length && q.answered > 0 ? (
        <>
          <BarChart
            id={`chart-${q.id}`}
            title={t("survey.chartTitle", { text: q.text })}
            description={t("survey.chartDescription")}
            bars={[...q.distribution, ...(q.dontKnow ? [{ label: t("survey.dontKnow"), count: q.dontKnow }] : [])].map(
              (b, i) => ({
                id: i,
                label: b.label,
                value: b.count,
                text: String(b.count),
              }),
            )}
          />
          <TableScroll label={t("survey.distributionOf", { text: q.text })}>
            <table class="ds-table" data-border data-size="sm">
              <caption>{t("survey.distributionOf", { text: q.text })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("survey.value")}</th>
                  <th scope="col" class="numeric">
                    {results.previousSurvey ? t("survey.thisTime", { year: results.survey.year }) : t("survey.count")}
                  </th>
                  {previous && results.previousSurvey ? (
                    <th scope="col" class="numeric">
                      {t("survey.lastTime", { year: results.previousSurvey.year })}
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {q.distribution.map((b, i) => (
                  <tr key={b.label}>
                    <th scope="row">{b.label}</th>
                    <td class="numeric">{b.count}</td>
                    {previous && results.previousSurvey ? (
                      <td class="numeric">{previous.hidden ? "–" : (previous.distribution[i]?.count ?? "–")}</td>
                    ) : null}
                  </tr>
                ))}
                {q.kind !== "text" ? (
                  <tr>
                    <th scope="row">{t("survey.dontKnow")}</th>
                    <td class="numeric">{q.dontKnow}</td>
                    {previous && results.previousSurvey ? (
                      <td class="numeric">{previous.hidden ? "–" : previous.dontKnow}</td>
                    ) : null}
                  </tr>
                ) : null}
                {q.kind === "scale" ? (
                  <tr>
                    <th scope="row">{t("survey.mean")}</th>
                    <td class="numeric">{meanText(ctx, q.mean)}</td>
                    {previous && results.previousSurvey ? (
                      <td class="numeric">{previous.hidden ? t("survey.fewerThanFive") : meanText(ctx, previous.mean)}</td>
                    ) : null}
                  </tr>
                ) : null}
              </tbody>
            </table>
          </TableScroll>
        </>
      ) : null}
      {q.kind === "text" ? <FreeText ctx={ctx} results={results} questionId={q.id} /> : null}
    </section>
  );
}

function FreeText(props: { ctx: PageContext; results: FullResults; questionId: number }) {
  const { t } = props.ctx.i18n;
  const { results } = props;
  if (!results.texts)
    return (
      <p class="ds-paragraph">
        {t(
          results.textsWithheld === "fewerThanFive"
            ? "survey.freeTextFewerThanFive"
            : results.textsWithheld === "open"
              ? "survey.freeTextOpen"
              : "survey.freeTextHidden",
        )}
      </p>
    );
  const texts = results.texts.get(props.questionId);
  // Kept back: an anonymous survey's question that fewer than five answered.
  if (!texts) return <p class="ds-paragraph">{t("survey.freeTextQuestionFewerThanFive")}</p>;
  if (texts.length === 0) return <p class="ds-paragraph">{t("survey.noFreeText")}</p>;
  return (
    <ul class="ds-list">
      {texts.map((x, i) => (
        <li key={i}>
          <span class="prewrap">{x.text}</span>
          {x.by ? <em> – {x.by}</em> : null}
        </li>
      ))}
    </ul>
  );
}

/** A survey's results: per question (chart and table), per member, per size class, the response rate. */
export function ResultsPage(props: { ctx: PageContext; results: FullResults; title: string; mayManage: boolean }) {
  const { ctx, results: r } = props;
  const { t } = ctx.i18n;
  const scaleQuestions = r.questions.filter((q) => q.kind === "scale");
  const groupColumns = (
    cell: (q: QuestionResult) => (g: { means: Record<number, number | null>; hidden: boolean }) => ComponentChildren,
  ) => scaleQuestions.map((q) => ({ label: q.text, numeric: true, cell: cell(q) }));
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {props.title}
      </h1>
      <Facts
        facts={[
          [t("survey.statusLabel"), statusLabel(t, r.status)],
          [t("survey.year"), r.survey.year],
          [t("survey.recipientsCount"), r.recipients],
          [t("survey.responsesCount"), r.responses],
          [t("survey.responseRate"), percent(ctx, r.rate)],
          r.previousSurvey && [
            t("survey.repeats"),
            <Link
              href={`/surveys/${r.previousSurvey.id}/results`}
            >{`${r.previousSurvey.title} (${r.previousSurvey.year})`}</Link>,
          ],
        ]}
      />
      {r.withheld ? (
        <Notice>{t("survey.anonymousOpenNotice")}</Notice>
      ) : r.survey.anonymous ? (
        <Notice>{`${t("survey.anonymousNotice")} ${t("survey.suppressedNotice")}`}</Notice>
      ) : r.guarded ? (
        <Notice>{`${t("survey.guardedNotice")} ${t("survey.suppressedNotice")}`}</Notice>
      ) : null}
      <div class="button-row">
        <ButtonLink href={`/surveys/${r.survey.id}/results.csv`}>{t("survey.downloadCsv")}</ButtonLink>
        <ButtonLink href={`/surveys/${r.survey.id}/results.xlsx`}>{t("survey.downloadXlsx")}</ButtonLink>
        {props.mayManage ? <ButtonLink href={`/surveys/${r.survey.id}`}>{t("survey.edit")}</ButtonLink> : null}
      </div>
      <Section id="per-question-heading" title={t("survey.perQuestion")}>
        {r.responses === 0 ? <p class="ds-paragraph">{t("survey.noAnswersYet")}</p> : null}
        {r.questions.map((q, i) => (
          <QuestionBlock key={q.id} ctx={ctx} q={q} results={r} index={i} />
        ))}
      </Section>
      <Section id="per-size-heading" title={t("survey.perSizeClass")}>
        <ListTable
          ctx={ctx}
          label={t("survey.sizeTable")}
          rows={r.sizeClasses}
          rowKey={(c) => c.sizeClass}
          columns={[
            { label: t("survey.sizeClass"), cell: (c) => labelFor(t, "roadmap.size", c.sizeClass) },
            { label: t("survey.responsesCount"), numeric: true, cell: (c) => `${c.responses} / ${c.recipients}` },
            {
              label: t("survey.scaleMean"),
              numeric: true,
              cell: (c) => (c.hidden ? hiddenText(t, c) : meanText(ctx, c.scaleMean)),
            },
            ...groupColumns((q) => (c) => (c.hidden ? "–" : meanText(ctx, c.means[q.id] ?? null))),
          ]}
        />
      </Section>
      <Section id="per-member-heading" title={t("survey.perMember")}>
        <ListTable
          ctx={ctx}
          label={t("survey.membersTable")}
          rows={r.members}
          rowKey={(m) => m.organisationId}
          columns={[
            { label: t("survey.member"), cell: (m) => m.name },
            { label: t("survey.responsesCount"), numeric: true, cell: (m) => `${m.responses} / ${m.recipients}` },
            {
              label: t("survey.scaleMean"),
              numeric: true,
              cell: (m) => (m.hidden ? hiddenText(t, m) : meanText(ctx, m.scaleMean)),
            },
            ...groupColumns((q) => (m) => (m.hidden ? "–" : meanText(ctx, m.means[q.id] ?? null))),
          ]}
        />
      </Section>
    </>
  );
}
