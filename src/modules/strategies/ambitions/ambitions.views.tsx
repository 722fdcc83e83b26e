import { Fragment } from "preact";
import type { I18n, Translate } from "../../../platform/i18n/i18n.ts";
import { LineChart } from "../../../platform/ui/charts.tsx";
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
} from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import { periodLabel } from "../../roadmap/index.ts";
import type { Ambition } from "./ambitions.repo.ts";
import type { AmbitionProgress, AmbitionService, CoverageStanding } from "./ambitions.service.ts";
import { COVERAGE_STANDINGS } from "./ambitions.service.ts";
import { type AmbitionState, type Measurement, quarterStarts } from "./measurement.ts";
import { AMBITION_KINDS } from "../schema.ts";
import type { StrategyService } from "../strategies.service.ts";
import { planProgress } from "../strategies.service.ts";

type Network = { slug: string; name: string };
type Detail = Awaited<ReturnType<StrategyService["detail"]>>;
type Coverage = Awaited<ReturnType<AmbitionService["coverage"]>>;

const STATE_COLOURS: Record<AmbitionState, string> = { met: "success", open: "info", missed: "danger" };
const STANDING_COLOURS: Record<CoverageStanding, string> = {
  adopted: "success",
  in_progress: "info",
  expired: "warning",
  none: "neutral",
};

const stateLabel = (t: Translate, s: AmbitionState) => t(`ambition.state.${s}` as "ambition.state.met");
const standingLabel = (t: Translate, s: CoverageStanding) => t(`coverage.${s}` as "coverage.adopted");
export const kindLabel = (t: Translate, k: string) => t(`ambition.kind.${k}` as "ambition.kind.joint_projects");

/** A measured value as the ambition counts it: a share in per cent, or a number of projects. */
const formatValue = (i18n: I18n, unit: Measurement["unit"], value: number) =>
  unit === "percent"
    ? i18n.number(value / 100, { style: "percent", maximumFractionDigits: 0 })
    : i18n.t("ambition.perYear", { n: i18n.number(value) });

/** What the ambition is measured by, in words: "Share of members with an adopted strategy covering 2026". */
function measuredBy(t: Translate, a: Ambition, solution: { name: string } | null) {
  if (a.kind === "strategy_coverage") return t("ambition.measure.strategy_coverage", { year: a.year ?? "" });
  if (a.kind === "solution_adoption") return t("ambition.measure.solution_adoption", { solution: solution?.name ?? "" });
  return t("ambition.measure.joint_projects");
}

function AmbitionTable(props: { ctx: PageContext; network: Network; items: AmbitionProgress[] }) {
  const { t, date } = props.ctx.i18n;
  return (
    <TableScroll label={t("ambition.listTitle")}>
      <table class="ds-table" data-border data-size="sm">
        <thead>
          <tr>
            <th scope="col">{t("ambition.title")}</th>
            <th scope="col" class="numeric">
              {t("ambition.current")}
            </th>
            <th scope="col" class="numeric">
              {t("ambition.target")}
            </th>
            <th scope="col">{t("ambition.deadline")}</th>
            <th scope="col">{t("ambition.stateLabel")}</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map(({ ambition: a, measurement: m, state, solution, pastDeadline }) => (
            <tr key={a.id}>
              <th scope="row">
                <a class="ds-link" href={`/n/${props.network.slug}/ambitions/${a.id}`}>
                  {a.title}
                </a>{" "}
                {a.isDemo ? <DemoTag t={t} /> : null}
                <span class="row-detail">{measuredBy(t, a, solution)}</span>
              </th>
              <td class="numeric">
                {formatValue(props.ctx.i18n, m.unit, m.value)}
                {pastDeadline ? <span class="row-detail">{t("ambition.atDeadline")}</span> : null}
              </td>
              <td class="numeric">{formatValue(props.ctx.i18n, m.unit, a.target)}</td>
              <td>{date(a.deadline)}</td>
              <td>
                <Tag color={STATE_COLOURS[state]}>{stateLabel(t, state)}</Tag>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** A network's dashboard: its ambitions, the progress of its shared action plan and the coverage of member strategies. */
export function DashboardPage(props: {
  ctx: PageContext;
  network: Network;
  ambitions: AmbitionProgress[];
  shared: Detail | null;
  coverage: Coverage;
  year: number;
  canManage: boolean;
}) {
  const { ctx, network, shared, coverage } = props;
  const { t, number } = ctx.i18n;
  const base = `/n/${network.slug}`;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("dashboard.title", { network: network.name })}
      </h1>
      <p class="ds-paragraph">{t("dashboard.intro")}</p>
      <p class="ds-paragraph">
        <a class="ds-link" href={`${base}/strategies/themes`}>
          {t("themes.overlapLink")}
        </a>
        {" · "}
        <a class="ds-link" href={`/strategies?network=${network.slug}`}>
          {t("dashboard.allStrategies")}
        </a>
      </p>

      <section aria-labelledby="ambitions-heading">
        <h2 class="ds-heading" data-size="md" id="ambitions-heading">
          {t("ambition.listTitle")}
        </h2>
        {props.ambitions.length === 0 ? (
          <p class="ds-paragraph">{t("ambition.none")}</p>
        ) : (
          <AmbitionTable ctx={ctx} network={network} items={props.ambitions} />
        )}
        {props.canManage ? (
          <p class="ds-paragraph">
            <a class="ds-button" data-variant="secondary" href={`${base}/ambitions/new`}>
              {t("ambition.new")}
            </a>
          </p>
        ) : null}
      </section>

      <section aria-labelledby="shared-heading">
        <h2 class="ds-heading" data-size="md" id="shared-heading">
          {t("dashboard.sharedPlan")}
        </h2>
        {!shared ? (
          <p class="ds-paragraph">{t("dashboard.noShared")}</p>
        ) : (
          <>
            <p class="ds-paragraph">
              <a class="ds-link" href={`/strategies/${shared.strategy.id}`}>
                {shared.strategy.title}
              </a>{" "}
              ({`${shared.strategy.firstYear}–${shared.strategy.lastYear}`},{" "}
              {t(`strategy.status.${shared.strategy.status}` as "strategy.status.draft").toLowerCase()})
            </p>
            <TableScroll label={t("dashboard.sharedPlan")}>
              <table class="ds-table" data-border data-size="sm">
                <thead>
                  <tr>
                    <th scope="col">{t("strategy.focusArea")}</th>
                    <th scope="col" class="numeric">
                      {t("dashboard.done")}
                    </th>
                    <th scope="col" class="numeric">
                      {t("strategy.overdue")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {[
                    ...shared.focusAreas.map((a) => ({
                      key: String(a.id),
                      title: a.title,
                      items: shared.measures.filter((m) => m.focusAreaId === a.id),
                    })),
                    { key: "all", title: t("dashboard.wholePlan"), items: shared.measures },
                  ].map((row) => {
                    const p = planProgress(row.items);
                    return (
                      <tr key={row.key}>
                        <th scope="row">{row.title}</th>
                        <td class="numeric">{t("strategy.doneOf", { done: p.done, n: p.n })}</td>
                        <td class="numeric">{number(p.overdue)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </TableScroll>
          </>
        )}
      </section>

      <section aria-labelledby="coverage-heading">
        <h2 class="ds-heading" data-size="md" id="coverage-heading">
          {t("dashboard.coverage", { year: props.year })}
        </h2>
        <dl class="facts">
          {COVERAGE_STANDINGS.map((s) => (
            <Fragment key={s}>
              <dt>{standingLabel(t, s)}</dt>
              <dd>
                {t("themes.ofMembers", {
                  n: number(coverage.filter((c) => c.standing === s).length),
                  of: number(coverage.length),
                })}
              </dd>
            </Fragment>
          ))}
        </dl>
        <TableScroll label={t("dashboard.coverage", { year: props.year })}>
          <table class="ds-table" data-border data-size="sm">
            <thead>
              <tr>
                <th scope="col">{t("dashboard.member")}</th>
                <th scope="col">{t("dashboard.standing")}</th>
                <th scope="col">{t("dashboard.strategy")}</th>
              </tr>
            </thead>
            <tbody>
              {coverage.map((c) => (
                <tr key={c.id}>
                  <th scope="row">{c.name}</th>
                  <td>
                    <Tag color={STANDING_COLOURS[c.standing]}>{standingLabel(t, c.standing)}</Tag>
                  </td>
                  <td>
                    {c.strategy ? (
                      <a class="ds-link" href={`/strategies/${c.strategy.id}`}>
                        {c.strategy.title}
                      </a>
                    ) : (
                      "–"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </section>
    </>
  );
}

/** One ambition: the current value against the target, the history, and where each member stands. */
export function AmbitionPage(props: { ctx: PageContext; network: Network; progress: AmbitionProgress; canManage: boolean }) {
  const { ctx, network } = props;
  const { ambition: a, measurement: m, state, solution, pastDeadline } = props.progress;
  const { t, date, number } = ctx.i18n;
  const value = (v: number) => formatValue(ctx.i18n, m.unit, v);
  const period = (p: string) => (m.historyBy === "quarter" ? periodLabel(ctx.i18n, p, "quarter") : p);
  const missing = m.members.filter((x) => !x.met);
  const first = m.history[0];
  const last = m.history.at(-1);
  // The chart reaches the deadline: periods still to come are on its axis, without a value yet.
  const periods = m.history.map((h) => h.period);
  const ahead =
    last && m.historyBy === "quarter" && m.deadlinePeriod > last.period
      ? quarterStarts(last.period, m.deadlinePeriod).slice(1)
      : [];
  const chartPeriods = [...periods, ...ahead];
  const deadlineIndex = chartPeriods.indexOf(m.deadlinePeriod);
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {a.title} {a.isDemo ? <DemoTag t={t} /> : null}
      </h1>
      <dl class="facts">
        <dt>{t("ambition.measuredBy")}</dt>
        <dd>{measuredBy(t, a, solution)}</dd>
        <dt>{pastDeadline ? t("ambition.atDeadline") : t("ambition.current")}</dt>
        <dd>{value(m.value)}</dd>
        <dt>{t("ambition.target")}</dt>
        <dd>{value(a.target)}</dd>
        <dt>{t("ambition.deadline")}</dt>
        <dd>{date(a.deadline)}</dd>
        <dt>{t("ambition.stateLabel")}</dt>
        <dd>
          <Tag color={STATE_COLOURS[state]}>{stateLabel(t, state)}</Tag>
        </dd>
      </dl>
      {a.description ? <p class="ds-paragraph prewrap">{a.description}</p> : null}
      {pastDeadline ? <p class="ds-paragraph">{t("ambition.measuredAtDeadline", { date: date(m.measuredOn) })}</p> : null}

      <section aria-labelledby="history-heading">
        <h2 class="ds-heading" data-size="md" id="history-heading">
          {t("ambition.history")}
        </h2>
        {!first || !last ? (
          <p class="ds-paragraph">{t("ambition.noHistory")}</p>
        ) : (
          <>
            {m.unit === "percent" ? (
              <LineChart
                id="ambition-chart"
                title={a.title}
                description={t("ambition.chartDesc", {
                  from: value(first.value),
                  to: value(last.value),
                  first: period(first.period),
                  last: period(last.period),
                  target: value(a.target),
                })}
                yLabel={t("overTime.percent")}
                labels={chartPeriods.map(period)}
                series={[
                  { name: t("ambition.value"), values: [...m.history.map((h) => h.value), ...ahead.map(() => null)] },
                  { name: t("ambition.target"), values: chartPeriods.map(() => a.target) },
                ]}
                marker={deadlineIndex >= 0 ? { index: deadlineIndex, label: t("ambition.deadline") } : undefined}
              />
            ) : null}
            <TableScroll label={t("ambition.history")}>
              <table class="ds-table" data-border data-size="sm">
                <thead>
                  <tr>
                    <th scope="col">{m.historyBy === "quarter" ? t("overTime.quarter") : t("ambition.year")}</th>
                    <th scope="col" class="numeric">
                      {t("ambition.value")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {m.history.map((h) => (
                    <tr key={h.period}>
                      <th scope="row">{period(h.period)}</th>
                      <td class="numeric">{m.unit === "percent" ? value(h.value) : number(h.value)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </>
        )}
      </section>

      <section aria-labelledby="members-heading">
        <h2 class="ds-heading" data-size="md" id="members-heading">
          {t("ambition.missing", { n: number(missing.length), of: number(m.members.length) })}
        </h2>
        <p class="ds-paragraph">{t(`ambition.memberRule.${a.kind}` as "ambition.memberRule.joint_projects")}</p>
        <TableScroll label={t("ambition.members")}>
          <table class="ds-table" data-border data-size="sm">
            <thead>
              <tr>
                <th scope="col">{t("dashboard.member")}</th>
                <th scope="col">{t("ambition.stateLabel")}</th>
                <th scope="col">{t("ambition.evidence")}</th>
              </tr>
            </thead>
            <tbody>
              {[...missing, ...m.members.filter((x) => x.met)].map((x) => (
                <tr key={x.id}>
                  <th scope="row">{x.name}</th>
                  <td>
                    <Tag color={x.met ? "success" : "warning"}>{x.met ? t("ambition.reached") : t("ambition.notReached")}</Tag>
                  </td>
                  <td>
                    {x.evidence ? (
                      <a class="ds-link" href={x.evidence.href}>
                        {x.evidence.title}
                      </a>
                    ) : (
                      "–"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </section>
      {props.canManage ? (
        <div class="button-row no-print">
          <PostButton
            ctx={ctx}
            action={`/n/${network.slug}/ambitions/${a.id}/delete`}
            label={t("common.remove")}
            hiddenText={a.title}
            variant="tertiary"
            danger
          />
        </div>
      ) : null}
    </>
  );
}

/** Stating an ambition: what it is measured by, the target and the deadline. */
export function AmbitionFormPage(props: { ctx: PageContext; network: Network; form: FormState; solutions: Option[] }) {
  const { ctx, network, form } = props;
  const { t } = ctx.i18n;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("ambition.new")}
      </h1>
      <p class="ds-paragraph">{t("ambition.formIntro")}</p>
      <Form
        ctx={ctx}
        form={form}
        action={`/n/${network.slug}/ambitions`}
        submitLabel={t("ambition.create")}
        cancelHref={`/n/${network.slug}/strategies`}
      >
        <TextField t={t} form={form} name="title" label={t("ambition.title")} description={t("ambition.titleHint")} required />
        <SelectField
          t={t}
          form={form}
          name="kind"
          label={t("ambition.measuredBy")}
          required
          placeholder=""
          options={AMBITION_KINDS.map((k) => ({ value: k, label: kindLabel(t, k) }))}
        />
        <TextField
          t={t}
          form={form}
          name="target"
          label={t("ambition.target")}
          description={t("ambition.targetHint")}
          inputMode="numeric"
          width="short"
          required
        />
        <TextField t={t} form={form} name="deadline" label={t("ambition.deadline")} type="date" width="short" required />
        <TextField
          t={t}
          form={form}
          name="year"
          label={t("ambition.yearField")}
          description={t("ambition.yearHint")}
          inputMode="numeric"
          width="short"
        />
        <SelectField
          t={t}
          form={form}
          name="solutionId"
          label={t("ambition.solution")}
          description={t("ambition.solutionHint")}
          placeholder=""
          options={props.solutions}
        />
        <TextArea t={t} form={form} name="description" label={t("ambition.description")} rows={3} />
      </Form>
      {props.solutions.length === 0 ? <Notice>{t("ambition.noSolutions")}</Notice> : null}
    </>
  );
}
