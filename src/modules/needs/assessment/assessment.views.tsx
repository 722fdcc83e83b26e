import { labelFor, type Translate } from "../../../platform/i18n/i18n.ts";
import { ScatterChart } from "../../../platform/ui/charts.tsx";
import {
  ButtonLink,
  CheckboxGroup,
  Facts,
  Form,
  FormPage,
  type FormState,
  Link,
  Notice,
  NumberField,
  type Option,
  optionsOf,
  PostButton,
  Section,
  SelectField,
  TableScroll,
  TextArea,
  TextField,
} from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import { type Column, ListTable } from "../../../platform/ui/list-page.tsx";
import { recommendationLabel } from "../labels.ts";
import { StateTag } from "../needs.views.tsx";
import { type Band, CRITERION_DIRECTIONS, type CriterionDirection, RECOMMENDATIONS } from "../schema.ts";
import type { Criterion, RoundCriterion, Score } from "./assessment.repo.ts";
import type { AssessmentService } from "./assessment.service.ts";
import type { NeedSummary } from "./summary.ts";

type Rounds = Awaited<ReturnType<AssessmentService["roundsOf"]>>;
type Results = Awaited<ReturnType<AssessmentService["results"]>>;
type NeedInRound = Awaited<ReturnType<AssessmentService["needInRound"]>>;

const directionLabel = (t: Translate, d: CriterionDirection) => labelFor(t, "assessment.direction", d);
const one = (number: (v: number, o?: Intl.NumberFormatOptions) => string, v: number | null) =>
  v === null ? "–" : number(v, { maximumFractionDigits: 1 });

/** The network's criteria and bands, for its secretariat. */
export function AssessmentSettingsPage(props: {
  ctx: PageContext;
  network: { slug: string; name: string };
  criteria: Criterion[];
  bands: Band[];
  criterionForm: FormState;
  /** The criterion whose row form came back with errors. */
  editing: { id: number; form: FormState } | null;
  bandsForm: FormState;
}) {
  const { ctx, network, criteria } = props;
  const { t, number } = ctx.i18n;
  const base = `/n/${network.slug}/assessment`;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("assessment.settingsTitle", { network: network.name })}
      </h1>
      <p class="ds-paragraph">{t("assessment.settingsIntro")}</p>
      <p>
        <Link href={`/n/${network.slug}/rounds`}>{t("assessment.rounds")}</Link>
      </p>
      {criteria.length === 0 ? (
        <Notice>
          <p class="ds-paragraph">{t("assessment.noCriteria")}</p>
          <PostButton ctx={ctx} action={`${base}/defaults`} label={t("assessment.useDefaults")} variant="secondary" />
        </Notice>
      ) : null}
      <Section id="criteria-heading" title={t("assessment.criteria")}>
        {criteria.map((c) => {
          const form = props.editing?.id === c.id ? props.editing.form : { values: { ...c }, errors: [] };
          return (
            <details class="criterion" key={c.id} open={props.editing?.id === c.id}>
              <summary>
                {c.name}: {t("assessment.criterionSummary", { min: c.scaleMin, max: c.scaleMax, weight: number(c.weight) })},{" "}
                {directionLabel(t, c.direction).toLowerCase()}
              </summary>
              <CriterionFields
                ctx={ctx}
                form={{ ...form, idPrefix: `c${c.id}-` }}
                action={`${base}/criteria/${c.id}`}
                submitLabel={t("common.save")}
              />
              <PostButton
                ctx={ctx}
                action={`${base}/criteria/${c.id}/delete`}
                label={t("assessment.removeCriterion")}
                hiddenText={c.name}
                size="sm"
                variant="tertiary"
                danger
              />
            </details>
          );
        })}
        <h3 class="ds-heading" data-size="sm">
          {t("assessment.addCriterion")}
        </h3>
        <CriterionFields
          ctx={ctx}
          form={props.criterionForm}
          action={`${base}/criteria`}
          submitLabel={t("assessment.addCriterion")}
        />
      </Section>
      <Section id="bands-heading" title={t("assessment.bands")}>
        <p class="ds-paragraph">{t("assessment.bandsIntro")}</p>
        <Form ctx={ctx} form={props.bandsForm} action={`${base}/bands`} submitLabel={t("common.save")}>
          {[0, 1, 2, 3, 4, 5].map((i) => (
            <div class="field-pair" key={i}>
              <TextField name={`bands.${i}.name`} label={t("assessment.bandName", { n: i + 1 })} />
              <NumberField name={`bands.${i}.min`} label={t("assessment.bandMin", { n: i + 1 })} decimal />
            </div>
          ))}
        </Form>
      </Section>
    </>
  );
}

function CriterionFields(props: { ctx: PageContext; form: FormState; action: string; submitLabel: string }) {
  const { ctx, form } = props;
  const { t } = ctx.i18n;
  return (
    <Form ctx={ctx} form={form} action={props.action} submitLabel={props.submitLabel}>
      <TextField name="name" label={t("assessment.criterionName")} required />
      <TextArea name="description" label={t("assessment.criterionDescription")} rows={2} />
      <NumberField name="scaleMin" label={t("assessment.scaleMin")} />
      <NumberField name="scaleMax" label={t("assessment.scaleMax")} />
      <NumberField name="weight" label={t("assessment.weight")} description={t("assessment.weightHint")} decimal />
      <SelectField
        name="direction"
        label={t("assessment.direction")}
        options={optionsOf(t, CRITERION_DIRECTIONS, directionLabel)}
      />
      <NumberField name="position" label={t("assessment.position")} />
    </Form>
  );
}

export function RoundsPage(props: {
  ctx: PageContext;
  network: { slug: string; name: string };
  rounds: Rounds;
  canConfigure: boolean;
}) {
  const { ctx, network } = props;
  const { t, date, number } = ctx.i18n;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("assessment.roundsTitle", { network: network.name })}
      </h1>
      <p class="ds-paragraph">{t("assessment.roundsIntro")}</p>
      {props.canConfigure ? (
        <div class="button-row">
          <ButtonLink href={`/n/${network.slug}/rounds/new`}>{t("assessment.newRound")}</ButtonLink>
          <ButtonLink href={`/n/${network.slug}/assessment`} variant="tertiary">
            {t("assessment.settings")}
          </ButtonLink>
        </div>
      ) : null}
      <ListTable
        ctx={ctx}
        label={t("assessment.rounds")}
        rows={props.rounds}
        rowKey={(r) => r.round.id}
        empty={t("assessment.noRounds")}
        columns={[
          {
            label: t("assessment.roundTitle"),
            cell: (r) => <Link href={`/rounds/${r.round.id}`}>{r.round.title}</Link>,
          },
          { label: t("assessment.cycle"), cell: (r) => r.round.cycle },
          { label: t("assessment.committee"), cell: (r) => r.bodyName },
          { label: t("assessment.deadline"), cell: (r) => date(r.round.deadline) },
          { label: t("assessment.needCount"), numeric: true, cell: (r) => number(r.needCount) },
        ]}
      />
    </>
  );
}

export function RoundFormPage(props: {
  ctx: PageContext;
  form: FormState;
  network: { slug: string; name: string };
  committees: Option[];
  needs: Option[];
}) {
  const { ctx, form, network } = props;
  const { t } = ctx.i18n;
  return (
    <FormPage
      ctx={ctx}
      form={form}
      title={t("assessment.newRound")}
      intro={
        <>
          <p class="ds-paragraph">{t("assessment.newRoundIntro")}</p>
          {props.committees.length === 0 ? <Notice kind="warning">{t("assessment.noCommittee")}</Notice> : null}
        </>
      }
      action={`/n/${network.slug}/rounds`}
      submitLabel={t("assessment.createRound")}
      cancelHref={`/n/${network.slug}/rounds`}
    >
      <TextField name="title" label={t("assessment.roundTitle")} required />
      <TextField name="cycle" label={t("assessment.cycle")} description={t("assessment.cycleHint")} width="short" />
      <TextField name="deadline" label={t("assessment.deadline")} type="date" width="short" required />
      <SelectField name="bodyId" label={t("assessment.committee")} required options={props.committees} />
      {props.needs.length ? (
        <CheckboxGroup name="needIds" label={t("assessment.roundNeeds")} options={props.needs} />
      ) : (
        <Notice kind="warning">{t("assessment.noOpenNeeds")}</Notice>
      )}
    </FormPage>
  );
}

/** A need's summary in a round as the results table's columns: total, band, the widest spread, assessors. */
function summaryColumns(ctx: PageContext): Column<{ summary: NeedSummary }>[] {
  const { t, number } = ctx.i18n;
  const spread = (summary: NeedSummary) => Math.max(0, ...summary.criteria.map((c) => c.spread ?? 0));
  return [
    { label: t("assessment.total"), numeric: true, cell: (r) => one(number, r.summary.total) },
    { label: t("assessment.band"), cell: (r) => r.summary.band ?? "–" },
    {
      label: t("assessment.spread"),
      numeric: true,
      cell: (r) => (r.summary.assessors ? number(spread(r.summary)) : "–"),
    },
    { label: t("assessment.assessors"), numeric: true, cell: (r) => number(r.summary.assessors) },
  ];
}

export function RoundPage(props: {
  ctx: PageContext;
  data: Results;
  network: { slug: string; name: string };
  csvHref: string;
  xlsxHref: string;
  axes: { x: RoundCriterion; y: RoundCriterion } | null;
}) {
  const { ctx, data } = props;
  const { round, criteria, results } = data;
  const { t, date, number } = ctx.i18n;
  const ranked = [...results].sort((a, b) => (b.summary.total ?? -1) - (a.summary.total ?? -1));
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {round.title}
      </h1>
      <Facts
        facts={[
          [t("assessment.committee"), data.bodyName],
          round.cycle ? [t("assessment.cycle"), round.cycle] : null,
          [t("assessment.deadline"), date(round.deadline)],
          [t("assessment.bands"), round.bands.map((b) => `${b.name} ≥ ${number(b.min)}`).join(", ")],
        ]}
      />
      <h2 class="ds-heading" data-size="sm">
        {t("assessment.criteria")}
      </h2>
      <ul class="ds-list">
        {criteria.map((c) => (
          <li key={c.id}>
            <strong>{c.name}</strong> (
            {t("assessment.criterionSummary", { min: c.scaleMin, max: c.scaleMax, weight: number(c.weight) })},{" "}
            {directionLabel(t, c.direction).toLowerCase()}){c.description ? `: ${c.description}` : ""}
          </li>
        ))}
      </ul>
      <RoundChart ctx={ctx} data={data} axes={props.axes} />
      <h2 class="ds-heading" data-size="md" id="results-heading">
        {t("assessment.results")}
      </h2>
      <p class="ds-paragraph">
        {t("assessment.resultsIntro")}{" "}
        <a class="ds-link" href={props.csvHref} download>
          {t("list.downloadCsv", { n: number(results.length) })}
        </a>
        {" · "}
        <a class="ds-link" href={props.xlsxHref} download>
          {t("list.downloadXlsx")}
        </a>
      </p>
      <ListTable
        ctx={ctx}
        label={t("assessment.results")}
        rows={ranked}
        rowKey={(r) => r.needId}
        columns={[
          {
            label: t("need.title"),
            cell: (r) => (
              <>
                <Link href={`/rounds/${round.id}/needs/${r.needId}`}>{r.title}</Link>
                <span class="row-detail">{r.organisationName}</span>
              </>
            ),
          },
          ...criteria.map(
            (c, i): Column<(typeof ranked)[number]> => ({
              label: c.name,
              numeric: true,
              cell: (r) => one(number, r.summary.criteria[i]?.mean ?? null),
            }),
          ),
          ...summaryColumns(ctx),
          {
            label: t("assessment.recommendation"),
            cell: (r) => (r.recommendation ? recommendationLabel(t, r.recommendation.recommendation) : "–"),
          },
        ]}
      />
    </>
  );
}

/** A criterion's mean on 0-100, turned round where a high score is bad, so up and right are always better. */
const axisValue = (c: RoundCriterion, mean: number | null) => {
  if (mean === null) return null;
  const share = c.scaleMax > c.scaleMin ? (mean - c.scaleMin) / (c.scaleMax - c.scaleMin) : 1;
  return (c.direction === "higher_is_worse" ? 1 - share : share) * 100;
};

/** Two criteria the network picks against each other (benefit against feasibility by default), with its table. */
function RoundChart({
  ctx,
  data,
  axes,
}: {
  ctx: PageContext;
  data: Results;
  axes: { x: RoundCriterion; y: RoundCriterion } | null;
}) {
  const { t, number } = ctx.i18n;
  if (!axes) return null;
  const label = (c: RoundCriterion) =>
    c.direction === "higher_is_worse" ? t("assessment.axisInverted", { name: c.name }) : c.name;
  const index = (c: RoundCriterion) => data.criteria.findIndex((x) => x.id === c.id);
  const points = data.results.flatMap((r) => {
    const x = axisValue(axes.x, r.summary.criteria[index(axes.x)]?.mean ?? null);
    const y = axisValue(axes.y, r.summary.criteria[index(axes.y)]?.mean ?? null);
    return x === null || y === null ? [] : [{ id: r.needId, label: r.title, x, y }];
  });
  const options = data.criteria.map((c) => ({ value: c.id, label: c.name }));
  const form: FormState = { values: { x: axes.x.id, y: axes.y.id }, errors: [] };
  return (
    <Section id="chart-heading" title={t("assessment.chartTitle")}>
      <p class="ds-paragraph">{t("assessment.chartIntro")}</p>
      <form method="get" action={`/rounds/${data.round.id}#chart-heading`} class="filters">
        <SelectField t={t} form={form} name="x" label={t("assessment.chartX")} options={options} />
        <SelectField t={t} form={form} name="y" label={t("assessment.chartY")} options={options} />
        <div class="button-row">
          <button class="ds-button" data-variant="secondary" type="submit">
            {t("assessment.chartShow")}
          </button>
        </div>
      </form>
      {points.length === 0 ? (
        <Notice>{t("assessment.chartEmpty")}</Notice>
      ) : (
        <>
          <TableScroll label={t("assessment.chartTitle")}>
            <ScatterChart
              id="round-chart"
              title={t("assessment.chartTitle")}
              description={t("assessment.chartDescription", { x: label(axes.x), y: label(axes.y), n: points.length })}
              xLabel={label(axes.x)}
              yLabel={label(axes.y)}
              points={points}
            />
          </TableScroll>
          <TableScroll label={t("assessment.chartTable")}>
            <table class="ds-table" data-border data-size="sm">
              <caption>{t("assessment.chartTable")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("assessment.chartNumber")}</th>
                  <th scope="col">{t("need.title")}</th>
                  <th scope="col">{label(axes.x)}</th>
                  <th scope="col">{label(axes.y)}</th>
                </tr>
              </thead>
              <tbody>
                {points.map((p, i) => (
                  <tr key={p.id}>
                    <td class="numeric">{i + 1}</td>
                    <th scope="row">
                      <Link href={`/rounds/${data.round.id}/needs/${p.id}`}>{p.label}</Link>
                    </th>
                    <td class="numeric">{number(Math.round(p.x))}</td>
                    <td class="numeric">{number(Math.round(p.y))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
    </Section>
  );
}

export function RoundNeedPage(props: {
  ctx: PageContext;
  data: NeedInRound;
  open: boolean;
  canRead: boolean;
  canScore: boolean;
  canRecommend: boolean;
  scoreForm: FormState;
  recommendationForm: FormState;
}) {
  const { ctx, data } = props;
  const { round, need, criteria, scores, summary } = data;
  const { t, date, number, dateTime } = ctx.i18n;
  const assessors = [...new Map(scores.map((s) => [s.assessorId, s.assessorLabel])).entries()];
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {need.title}
      </h1>
      <p>
        <StateTag t={t} state={need.state} /> <Link href={`/needs/${need.id}`}>{t("assessment.toNeed")}</Link>
        {" · "}
        <Link href={`/rounds/${round.id}`}>{round.title}</Link>
        {" · "}
        {t("assessment.deadline")} {date(round.deadline)}
      </p>
      {!props.open ? <Notice>{t("assessment.closedNotice")}</Notice> : null}
      {[...props.scoreForm.errors, ...props.recommendationForm.errors]
        .filter((e) => e.field === "_")
        .map((e) => (
          // Refusals of the whole form (the deadline has passed) are said here: the form itself may be gone.
          <Notice kind="danger" key={e.key}>
            {t(e.key, e.params)}
          </Notice>
        ))}
      <h2 class="ds-heading" data-size="md">
        {t("assessment.result")}
      </h2>
      <p class="ds-paragraph lead">
        {summary.total === null
          ? t("assessment.noScores")
          : t("assessment.totalBand", { total: one(number, summary.total), band: summary.band ?? "–" })}
      </p>
      <ListTable
        ctx={ctx}
        label={t("assessment.result")}
        rows={criteria.map((c, i) => ({ c, s: summary.criteria[i]! }))}
        rowKey={(r) => r.c.id}
        columns={[
          {
            label: t("assessment.criterion"),
            cell: ({ c }) => (
              <>
                {c.name}
                <span class="row-detail">
                  {c.scaleMin}–{c.scaleMax}, {directionLabel(t, c.direction).toLowerCase()}
                </span>
              </>
            ),
          },
          { label: t("assessment.weight"), numeric: true, cell: ({ c }) => number(c.weight) },
          { label: t("assessment.mean"), numeric: true, cell: ({ s }) => one(number, s.mean) },
          { label: t("assessment.lowest"), numeric: true, cell: ({ s }) => s.min ?? "–" },
          { label: t("assessment.highest"), numeric: true, cell: ({ s }) => s.max ?? "–" },
          { label: t("assessment.spread"), numeric: true, cell: ({ s }) => s.spread ?? "–" },
          ...(props.canRead ? assessors : []).map(
            ([id, label]): Column<{ c: RoundCriterion }> => ({
              label,
              cell: ({ c }) => {
                const score = scores.find((x) => x.assessorId === id && x.criterionId === c.id);
                return (
                  <>
                    {score ? score.score : "–"}
                    {score?.comment ? <span class="row-detail">{score.comment}</span> : null}
                  </>
                );
              },
            }),
          ),
        ]}
      />

      {props.canScore && props.open ? <ScoreForm ctx={ctx} form={props.scoreForm} data={data} /> : null}

      <Section id="recommendation-heading" title={t("assessment.recommendation")}>
        {data.recommendation ? (
          <p class="ds-paragraph">
            <strong>{recommendationLabel(t, data.recommendation.recommendation)}</strong>: {data.recommendation.justification}{" "}
            <span class="row-detail">
              {data.recommendation.byLabel}, {dateTime(data.recommendation.updatedAt)}
            </span>
          </p>
        ) : (
          <p class="ds-paragraph">{t("assessment.noRecommendation")}</p>
        )}
        {props.canRecommend ? (
          <Form
            ctx={ctx}
            form={{ ...props.recommendationForm, idPrefix: "rec-" }}
            action={`/rounds/${round.id}/needs/${need.id}/recommendation`}
            submitLabel={t("assessment.saveRecommendation")}
          >
            <SelectField
              name="recommendation"
              label={t("assessment.recommendation")}
              required
              placeholder={t("form.choose")}
              options={optionsOf(t, RECOMMENDATIONS, recommendationLabel)}
            />
            <TextArea name="justification" label={t("assessment.justification")} required />
          </Form>
        ) : null}
      </Section>
    </>
  );
}

/** One row of fields per criterion: a score on its scale and a comment. */
function ScoreForm({ ctx, form, data }: { ctx: PageContext; form: FormState; data: NeedInRound }) {
  const { t } = ctx.i18n;
  return (
    <Section id="score-heading" title={t("assessment.yourScores")}>
      <p class="ds-paragraph">{t("assessment.yourScoresIntro")}</p>
      <Form
        ctx={ctx}
        form={form}
        action={`/rounds/${data.round.id}/needs/${data.need.id}/scores`}
        submitLabel={t("assessment.saveScores")}
      >
        {data.criteria.map((c: RoundCriterion) => (
          <fieldset class="ds-fieldset" key={c.id}>
            <legend class="ds-label">{c.name}</legend>
            {c.description ? (
              <p class="ds-paragraph" data-size="sm">
                {c.description}
              </p>
            ) : null}
            <NumberField
              name={`score_${c.id}`}
              label={t("assessment.scoreOn", { min: c.scaleMin, max: c.scaleMax })}
              description={c.direction === "higher_is_worse" ? t("assessment.higherIsWorseHint") : undefined}
            />
            <TextField name={`comment_${c.id}`} label={t("assessment.comment")} />
          </fieldset>
        ))}
      </Form>
    </Section>
  );
}

/** The assessor's own scores as form values: score_<criterion> and comment_<criterion>. */
export const scoreFormValues = (scores: Score[], assessorId: number | null) =>
  Object.fromEntries(
    scores
      .filter((s) => s.assessorId === assessorId)
      .flatMap((s) => [
        [`score_${s.criterionId}`, String(s.score)],
        [`comment_${s.criterionId}`, s.comment],
      ]),
  );

/** Reads score_<criterion> and comment_<criterion> form fields into the service's input; empty scores are left out. */
export const scoresFromForm = (body: Record<string, unknown>) => ({
  scores: Object.entries(body)
    .filter(([k, v]) => /^score_\d+$/.test(k) && typeof v === "string" && v.trim() !== "")
    .map(([k, v]) => {
      const criterionId = Number(k.slice(6));
      return { criterionId, score: String(v).trim(), comment: body[`comment_${criterionId}`] ?? "" };
    }),
});
