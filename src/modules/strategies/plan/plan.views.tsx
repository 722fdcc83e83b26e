import type { Translate } from "../../../platform/i18n/i18n.ts";
import {
  CheckboxGroup,
  Form,
  type FormState,
  Link,
  LinkList,
  NumberField,
  type Option,
  PostButton,
  Section,
  SelectField,
  TableScroll,
  Tag,
  TextArea,
  TextField,
} from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import { ReportForm } from "../follow-up/follow-up.views.tsx";
import { deadlineYearOf, isOverdue, planProgress } from "../follow-up/progress.ts";
import { measureStatusLabel, STATUS_COLOURS } from "../labels.ts";
import type { StrategyDetail } from "../strategies.service.ts";
import type { PartKind } from "./parts.ts";

/** What a measure of the strategy may name, as the measure form's choices. */
export interface MeasureOptions {
  responsibleOptions: Option[];
  projectOptions: Option[];
  benefitOptions: Option[];
}

/** A section of the strategy's page: the strategy, whether its content may change, and the section's add form. */
interface SectionProps {
  ctx: PageContext;
  detail: StrategyDetail;
  editable: boolean;
  form: FormState;
}

const yearsOf = (s: { firstYear: number; lastYear: number }) =>
  Array.from({ length: s.lastYear - s.firstYear + 1 }, (_, i) => s.firstYear + i);

/** A part's edit link and remove button, each naming the part to screen readers. */
function PartActions(props: { ctx: PageContext; href: string; name: string }) {
  const { t } = props.ctx.i18n;
  return (
    <>
      <a class="ds-link no-print part-edit" href={`${props.href}/edit`}>
        {t("common.edit")}
        <span class="ds-sr-only"> {props.name}</span>
      </a>
      <PostButton
        ctx={props.ctx}
        action={`${props.href}/delete`}
        label={t("common.remove")}
        hiddenText={props.name}
        variant="tertiary"
        size="sm"
      />
    </>
  );
}

function GoalFields({ t }: { t: Translate }) {
  return (
    <>
      <TextField name="title" label={t("strategy.goalTitle")} required />
      <TextArea name="description" label={t("strategy.description")} rows={2} />
    </>
  );
}

function FocusAreaFields({ t, goals }: { t: Translate; goals: { id: number; title: string }[] }) {
  return (
    <>
      <TextField name="title" label={t("strategy.focusAreaTitle")} required />
      <TextArea name="why" label={t("strategy.why")} rows={3} />
      <TextArea name="what" label={t("strategy.what")} rows={3} />
      {goals.length ? (
        <CheckboxGroup
          name="goalIds"
          label={t("strategy.servesGoals")}
          options={goals.map((g) => ({ value: String(g.id), label: g.title }))}
        />
      ) : null}
    </>
  );
}

export function GoalsSection({ ctx, detail, editable, form }: SectionProps) {
  const { t } = ctx.i18n;
  const base = `/strategies/${detail.strategy.id}`;
  // Each form of the page has its own field ids.
  const goalForm = { ...form, idPrefix: "goal-" };
  return (
    <Section id="goals-heading" title={t("strategy.goals")}>
      {detail.goals.length === 0 ? (
        <p class="ds-paragraph">{t("strategy.noGoals")}</p>
      ) : (
        <ol>
          {detail.goals.map((g) => (
            <li key={g.id} id={`goal-${g.id}`}>
              <strong>{g.title}</strong>
              {g.description ? <span class="row-detail">{g.description}</span> : null}
              {editable ? <PartActions ctx={ctx} href={`${base}/goals/${g.id}`} name={g.title} /> : null}
            </li>
          ))}
        </ol>
      )}
      {editable ? (
        <details class="no-print" open={form.errors.length > 0}>
          <summary>{t("strategy.addGoal")}</summary>
          <Form ctx={ctx} form={goalForm} action={`${base}/goals`} submitLabel={t("strategy.addGoal")}>
            <GoalFields t={t} />
          </Form>
        </details>
      ) : null}
    </Section>
  );
}

export function FocusAreasSection({ ctx, detail, editable, form }: SectionProps) {
  const { goals, focusAreas, measures } = detail;
  const { t } = ctx.i18n;
  const base = `/strategies/${detail.strategy.id}`;
  const goalName = new Map(goals.map((g) => [g.id, g.title]));
  const focusAreaForm = { ...form, idPrefix: "area-" };
  return (
    <Section id="areas-heading" title={t("strategy.focusAreas")}>
      {focusAreas.length === 0 ? (
        <p class="ds-paragraph">{t("strategy.noFocusAreas")}</p>
      ) : (
        focusAreas.map((a) => {
          const p = planProgress(measures.filter((m) => m.focusAreaId === a.id));
          return (
            <div key={a.id} class="stack focus-area" id={`area-${a.id}`}>
              <h3 class="ds-heading" data-size="sm">
                {a.title}
              </h3>
              <p class="ds-paragraph" data-size="sm">
                {t("strategy.doneOf", { done: p.done, n: p.n })}
              </p>
              {a.why ? (
                <p class="ds-paragraph">
                  <strong>{t("strategy.why")}:</strong> {a.why}
                </p>
              ) : null}
              {a.what ? (
                <p class="ds-paragraph">
                  <strong>{t("strategy.what")}:</strong> {a.what}
                </p>
              ) : null}
              {a.goalIds.length ? (
                <p class="ds-paragraph">
                  <strong>{t("strategy.servesGoals")}:</strong> {a.goalIds.map((id) => goalName.get(id)).join("; ")}
                </p>
              ) : null}
              {a.sources.length ? (
                <p class="ds-paragraph">
                  <strong>{t("strategy.drawnFrom")}:</strong>{" "}
                  <LinkList
                    links={a.sources.map((x) => ({
                      href: `/strategies/${x.strategyId}#area-${x.id}`,
                      label: `${x.ownerName}: ${x.title}`,
                    }))}
                  />
                </p>
              ) : null}
              {editable ? <PartActions ctx={ctx} href={`${base}/focus-areas/${a.id}`} name={a.title} /> : null}
            </div>
          );
        })
      )}
      {editable ? (
        <details class="no-print" open={form.errors.length > 0}>
          <summary>{t("strategy.addFocusArea")}</summary>
          <Form ctx={ctx} form={focusAreaForm} action={`${base}/focus-areas`} submitLabel={t("strategy.addFocusArea")}>
            <FocusAreaFields t={t} goals={goals} />
          </Form>
        </details>
      ) : null}
    </Section>
  );
}

type Measure = StrategyDetail["measures"][number];

/** One measure of the action plan: what it is, who answers for it, its deadline and its status with the follow-up form. */
function MeasureRow(props: {
  ctx: PageContext;
  detail: StrategyDetail;
  measure: Measure;
  editable: boolean;
  /** Whether the actor may report on it (kept by the owner, and not replaced). */
  canReport: boolean;
  /** The status report form that came back with errors, if it was this measure's. */
  report: { measureId: number; form: FormState } | undefined;
}) {
  const { ctx, measure: m } = props;
  const s = props.detail.strategy;
  const { t, date, dateTime } = ctx.i18n;
  const due = deadlineYearOf(m);
  const outside = due !== null && (due < s.firstYear || due > s.lastYear);
  return (
    <tr id={`measure-${m.id}`}>
      <th scope="row">
        {m.description}
        {m.goal ? <span class="row-detail">{t("strategy.measureGoal", { goal: m.goal })}</span> : null}
        {m.indicator ? <span class="row-detail">{t("strategy.indicatorIs", { indicator: m.indicator })}</span> : null}
        {m.years.length ? <span class="row-detail">{t("strategy.yearsAre", { years: m.years.join(", ") })}</span> : null}
        {m.projects.length ? (
          <span class="row-detail">
            {t("strategy.carriedOutBy")}{" "}
            {m.projects.map((p, i) => (
              <span key={p.id}>
                {i > 0 ? ", " : null}
                <Link href={`/projects/${p.id}`}>{p.title}</Link>
              </span>
            ))}
          </span>
        ) : null}
        {m.expectedBenefits ? (
          <span class="row-detail">{t("strategy.expectedBenefitsAre", { benefits: m.expectedBenefits })}</span>
        ) : null}
        {m.benefits.length ? (
          <span class="row-detail">
            {t("strategy.givesBenefits")}{" "}
            <LinkList links={m.benefits.map((b) => ({ href: `/projects/${b.projectId}/benefits/${b.id}`, label: b.title }))} />
          </span>
        ) : null}
      </th>
      <td>{[m.responsibleName, m.responsible].filter(Boolean).join(", ") || "–"}</td>
      <td>
        {m.deadlineDate ? date(m.deadlineDate) : (m.deadlineYear ?? "–")}
        {isOverdue(m) ? (
          <>
            {" "}
            <Tag color="danger">{t("strategy.overdue")}</Tag>
          </>
        ) : null}
        {outside ? <span class="row-detail">{t("strategy.outsidePeriod")}</span> : null}
      </td>
      <td>
        <Tag color={STATUS_COLOURS[m.status]}>{measureStatusLabel(t, m.status)}</Tag>
        {m.statusComment ? <span class="row-detail">{m.statusComment}</span> : null}
        {m.reports[0] ? (
          <span class="row-detail">
            {t("strategy.reportedBy", { who: m.reports[0].byLabel, when: dateTime(m.reports[0].at) })}
          </span>
        ) : null}
        {props.canReport ? <ReportForm ctx={ctx} strategyId={s.id} measure={m} report={props.report} /> : null}
        {props.editable ? <PartActions ctx={ctx} href={`/strategies/${s.id}/measures/${m.id}`} name={m.description} /> : null}
      </td>
    </tr>
  );
}

/** The action plan: the measures by focus area, each with its follow-up, and the form that adds one. */
export function ActionPlanSection(
  props: SectionProps &
    MeasureOptions & {
      canReport: boolean;
      report: { measureId: number; form: FormState } | undefined;
    },
) {
  const { ctx, detail, editable, form } = props;
  const { strategy: s, focusAreas, measures } = detail;
  const { t } = ctx.i18n;
  const groups = [
    ...focusAreas.map((a) => ({ key: String(a.id), title: a.title, items: measures.filter((m) => m.focusAreaId === a.id) })),
    { key: "none", title: t("strategy.noFocusArea"), items: measures.filter((m) => m.focusAreaId === null) },
  ].filter((g) => g.items.length > 0);
  const measureForm = { ...form, idPrefix: "measure-" };
  return (
    <Section id="plan-heading" title={t("strategy.actionPlan")}>
      {measures.length === 0 ? <p class="ds-paragraph">{t("strategy.noMeasures")}</p> : null}
      {groups.map((g) => (
        <div key={g.key}>
          <h3 class="ds-heading" data-size="sm">
            {g.title}
          </h3>
          <TableScroll label={`${t("strategy.actionPlan")}: ${g.title}`}>
            <table class="ds-table" data-border data-size="sm">
              <thead>
                <tr>
                  <th scope="col">{t("strategy.measure")}</th>
                  <th scope="col">{t("strategy.responsible")}</th>
                  <th scope="col">{t("strategy.deadline")}</th>
                  <th scope="col">{t("strategy.statusLabel")}</th>
                </tr>
              </thead>
              <tbody>
                {g.items.map((m) => (
                  <MeasureRow
                    key={m.id}
                    ctx={ctx}
                    detail={detail}
                    measure={m}
                    editable={editable}
                    canReport={props.canReport}
                    report={props.report}
                  />
                ))}
              </tbody>
            </table>
          </TableScroll>
        </div>
      ))}
      {editable ? (
        <details class="no-print" open={form.errors.length > 0}>
          <summary>{t("strategy.addMeasure")}</summary>
          <MeasureForm
            ctx={ctx}
            form={measureForm}
            action={`/strategies/${s.id}/measures`}
            submitLabel={t("strategy.addMeasure")}
            areas={focusAreas.map((a) => ({ value: String(a.id), label: a.title }))}
            responsible={props.responsibleOptions}
            projects={props.projectOptions}
            benefits={props.benefitOptions}
            years={yearsOf(s)}
          />
        </details>
      ) : null}
    </Section>
  );
}

/** Changing one goal, focus area or measure of a draft, with the same fields it was added with. */
export function PartEditPage(
  props: MeasureOptions & {
    ctx: PageContext;
    detail: StrategyDetail;
    part: PartKind;
    title: string;
    action: string;
    form: FormState;
  },
) {
  const { ctx, detail, part, form } = props;
  const { t } = ctx.i18n;
  const s = detail.strategy;
  const cancelHref = `/strategies/${s.id}`;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {props.title}
      </h1>
      <p class="ds-paragraph">{t("strategy.partOf", { title: s.title })}</p>
      {part === "measure" ? (
        <MeasureForm
          ctx={ctx}
          form={form}
          action={props.action}
          submitLabel={t("common.save")}
          cancelHref={cancelHref}
          areas={detail.focusAreas.map((a) => ({ value: String(a.id), label: a.title }))}
          responsible={props.responsibleOptions}
          projects={props.projectOptions}
          benefits={props.benefitOptions}
          years={yearsOf(s)}
        />
      ) : (
        <Form ctx={ctx} form={form} action={props.action} submitLabel={t("common.save")} cancelHref={cancelHref}>
          {part === "goal" ? <GoalFields t={t} /> : <FocusAreaFields t={t} goals={detail.goals} />}
        </Form>
      )}
    </>
  );
}

function MeasureForm(props: {
  ctx: PageContext;
  form: FormState;
  action: string;
  submitLabel: string;
  cancelHref?: string;
  areas: Option[];
  responsible: Option[];
  projects: Option[];
  benefits: Option[];
  years: number[];
}) {
  const { ctx, form } = props;
  const { t } = ctx.i18n;
  return (
    <Form
      ctx={ctx}
      form={form}
      action={props.action}
      submitLabel={props.submitLabel}
      {...(props.cancelHref ? { cancelHref: props.cancelHref } : {})}
    >
      <TextArea name="description" label={t("strategy.measure")} rows={2} required />
      {props.areas.length ? (
        <SelectField name="focusAreaId" label={t("strategy.focusArea")} placeholder="" options={props.areas} />
      ) : null}
      <TextField name="goal" label={t("strategy.concreteGoal")} />
      <TextField name="indicator" label={t("strategy.indicator")} />
      <TextArea
        name="expectedBenefits"
        label={t("strategy.expectedBenefits")}
        description={t("strategy.expectedBenefitsHint")}
        rows={2}
      />
      <SelectField
        name="responsibleOrganisationId"
        label={t("strategy.responsibleOrganisation")}
        placeholder=""
        options={props.responsible}
      />
      <TextField name="responsible" label={t("strategy.responsibleOther")} description={t("strategy.responsibleHint")} />
      <div class="field-pair">
        <NumberField name="deadlineYear" label={t("strategy.deadlineYear")} />
        <TextField name="deadlineDate" label={t("strategy.deadlineDate")} type="date" width="short" />
      </div>
      <CheckboxGroup
        name="years"
        label={t("strategy.years")}
        options={props.years.map((y) => ({ value: String(y), label: String(y) }))}
      />
      {props.projects.length ? <CheckboxGroup name="projectIds" label={t("strategy.projects")} options={props.projects} /> : null}
      {props.benefits.length ? (
        <CheckboxGroup
          name="benefitIds"
          label={t("strategy.benefits")}
          description={t("strategy.benefitsHint")}
          options={props.benefits}
        />
      ) : null}
    </Form>
  );
}
