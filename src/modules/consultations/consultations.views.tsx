import { labelFor, type Translate } from "../../platform/i18n/i18n.ts";
import {
  ButtonLink,
  DemoTag,
  Facts,
  Form,
  type FormState,
  Section as HeadedSection,
  Link,
  Notice,
  type Option,
  Tag,
  TextArea,
  TextField,
} from "../../platform/ui/components.tsx";
import type { PageContext } from "../../platform/ui/context.ts";
import { FollowButton } from "../../platform/ui/follow-button.tsx";
import { ListTable } from "../../platform/ui/list-page.tsx";
import type { Consultation, Question, Section } from "./consultations.repo.ts";
import type { PublishedInput } from "./handling/handling.service.ts";
import { PublishedInputs } from "./handling/handling.views.tsx";
import { NotOpenNotice } from "./parts.tsx";
import { QuestionsSection } from "./questions/questions.views.tsx";
import { ReviewsSection } from "./reviews/reviews.views.tsx";
import type { ConsultationState } from "./state.ts";

const STATE_COLOURS: Record<ConsultationState, string> = { upcoming: "info", open: "success", closed: "neutral" };

/** A consultation's state as a coloured tag. */
function StateTag({ t, state }: { t: Translate; state: ConsultationState }) {
  return <Tag color={STATE_COLOURS[state]}>{labelFor(t, "consultation.state", state)}</Tag>;
}

/** The consultation's public page: the draft section by section, when it closes, and where to give input. */
export function ConsultationPage(props: {
  ctx: PageContext;
  consultation: Consultation;
  sections: Section[];
  /** False when the sections are a project's text the reader may not see (any longer): they are left out. */
  projectTextShown: boolean;
  questions: Question[];
  state: ConsultationState;
  inputCount: number;
  canManage: boolean;
  questionForm: FormState;
  published: PublishedInput[];
  /** The internal review rounds that followed, and for a review round the consultation it follows. */
  reviews: Consultation[];
  reviewOf: Consultation | null;
  bodies: Option[];
  reviewForm: FormState;
  sectionForm: FormState;
}) {
  const { ctx, consultation: c, sections, state } = props;
  const { t } = ctx.i18n;
  const base = `/consultations/${c.id}`;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {c.title} {c.isDemo ? <DemoTag t={t} /> : null}
      </h1>
      <FollowButton ctx={ctx} />
      <ConsultationFacts
        ctx={ctx}
        consultation={c}
        state={state}
        inputCount={props.canManage ? props.inputCount : null}
        projectShown={props.projectTextShown}
      />
      {props.reviewOf ? (
        <Notice>
          {t("consultation.reviewNotice")} <Link href={`/consultations/${props.reviewOf.id}`}>{props.reviewOf.title}</Link>
        </Notice>
      ) : null}
      {c.intro ? <p class="ds-paragraph prewrap">{c.intro}</p> : null}
      {state === "open" ? (
        <p class="ds-paragraph">
          <ButtonLink href={`${base}/input`} variant="primary">
            {t("consultation.giveInput")}
          </ButtonLink>
        </p>
      ) : (
        <NotOpenNotice t={t} state={state} />
      )}
      {props.projectTextShown ? (
        <DraftText t={t} base={base} sections={sections} open={state === "open"} />
      ) : (
        <HeadedSection id="draft-heading" title={t("consultation.draftText")}>
          <Notice>{t("consultation.projectTextWithheld")}</Notice>
        </HeadedSection>
      )}
      {props.published.length ? <PublishedInputs ctx={ctx} inputs={props.published} sections={sections} /> : null}
      {props.canManage && !props.reviewOf ? (
        <ReviewsSection
          ctx={ctx}
          base={base}
          reviews={props.reviews}
          bodies={props.bodies}
          form={{ ...props.reviewForm, idPrefix: "review-" }}
        />
      ) : null}
      {props.canManage ? <SectionForm ctx={ctx} base={base} form={{ ...props.sectionForm, idPrefix: "section-" }} /> : null}
      {props.canManage ? (
        <QuestionsSection
          ctx={ctx}
          base={base}
          questions={props.questions}
          form={{ ...props.questionForm, idPrefix: "question-" }}
        />
      ) : null}
    </>
  );
}

/** When it opens and closes, who may answer, what it is about; for the secretariat how many inputs came. */
function ConsultationFacts(props: {
  ctx: PageContext;
  consultation: Consultation;
  state: ConsultationState;
  /** Null: not shown. */
  inputCount: number | null;
  /** Whether the reader may see the project it is about (else no link to it). */
  projectShown: boolean;
}) {
  const { consultation: c } = props;
  const { t, dateTime, number } = props.ctx.i18n;
  const base = `/consultations/${c.id}`;
  return (
    <Facts
      facts={[
        [t("consultation.stateLabel"), <StateTag t={t} state={props.state} />],
        [t("consultation.opens"), dateTime(c.opensAt)],
        [t("consultation.closes"), dateTime(c.closesAt)],
        [t("consultation.audience"), labelFor(t, "consultation.audience", c.audience)],
        c.strategyId
          ? [t("consultation.draft"), <Link href={`/strategies/${c.strategyId}`}>{t("consultation.draftLink")}</Link>]
          : null,
        c.projectId && props.projectShown
          ? [t("consultation.project"), <Link href={`/projects/${c.projectId}`}>{t("consultation.projectLink")}</Link>]
          : null,
        c.documentFileId
          ? [
              t("consultation.document"),
              <a class="ds-link" href={`${base}/document`} download>
                {t("consultation.documentLink")}
              </a>,
            ]
          : null,
        props.inputCount !== null
          ? [
              t("consultation.inputs"),
              <>
                {number(props.inputCount)} · <Link href={`${base}/inputs`}>{t("consultation.handleInputs")}</Link>
              </>,
            ]
          : null,
      ]}
    />
  );
}

/** The draft's text, a section at a time, each with a link to give input on it while the consultation is open. */
function DraftText(props: { t: Translate; base: string; sections: Section[]; open: boolean }) {
  const { t, base } = props;
  return (
    <HeadedSection id="draft-heading" title={t("consultation.draftText")}>
      {props.sections.map((s) => (
        <section key={s.id} aria-labelledby={`section-${s.id}`} class="stack">
          <h3 class="ds-heading" data-size="sm" id={`section-${s.id}`}>
            {s.heading}
          </h3>
          {s.body ? <p class="ds-paragraph prewrap">{s.body}</p> : null}
          {props.open ? (
            <p class="ds-paragraph no-print">
              <Link href={`${base}/input?section=${s.id}`}>
                {t("consultation.inputOnSection")}
                <span class="ds-sr-only"> {s.heading}</span>
              </Link>
            </p>
          ) : null}
        </section>
      ))}
    </HeadedSection>
  );
}

/** The secretariat's form for a section written in: a document's text, or more of a draft's. */
function SectionForm(props: { ctx: PageContext; base: string; form: FormState }) {
  const { ctx, form } = props;
  const { t } = ctx.i18n;
  return (
    <details class="no-print" open={form.errors.length > 0}>
      <summary>{t("consultation.addSection")}</summary>
      <Form ctx={ctx} form={form} action={`${props.base}/sections`} submitLabel={t("consultation.addSection")}>
        <TextField name="heading" label={t("consultation.sectionHeading")} required />
        <TextArea name="body" label={t("consultation.sectionBody")} rows={6} />
      </Form>
    </details>
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
          <ButtonLink href={props.newHref}>{t("consultation.newOnNetwork")}</ButtonLink>
        </p>
      ) : null}
      <ListTable
        ctx={ctx}
        label={t("consultation.listTitle", { network: props.network.name })}
        size="sm"
        rows={items}
        rowKey={(i) => i.consultation.id}
        empty={t("consultation.none")}
        columns={[
          {
            label: t("consultation.title"),
            cell: ({ consultation: c }) => (
              <>
                <Link href={`/consultations/${c.id}`}>{c.title}</Link> {c.isDemo ? <DemoTag t={t} /> : null}
              </>
            ),
          },
          { label: t("consultation.stateLabel"), cell: ({ state }) => <StateTag t={t} state={state} /> },
          { label: t("consultation.closes"), cell: ({ consultation: c }) => dateTime(c.closesAt) },
          { label: t("consultation.inputs"), numeric: true, cell: ({ inputs }) => number(inputs) },
        ]}
      />
    </>
  );
}
