import { type I18n, labelFor, type Translate } from "../../../platform/i18n/i18n.ts";
import { LineChart } from "../../../platform/ui/charts.tsx";
import {
  DemoTag,
  Facts,
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
  Tag,
  TextArea,
  TextField,
} from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import { ListTable } from "../../../platform/ui/list-page.tsx";
import { periodLabel } from "../../roadmap/index.ts";
import { AMBITION_KINDS, type AmbitionKind } from "../schema.ts";
import type { Ambition } from "./ambitions.repo.ts";
import type { AmbitionProgress } from "./ambitions.service.ts";
import { type AmbitionState, type Measurement, quarterStarts } from "./measurement.ts";

export type Network = { slug: string; name: string };

const STATE_COLOURS: Record<AmbitionState, string> = { met: "success", open: "info", missed: "danger" };

const stateLabel = (t: Translate, s: AmbitionState) => labelFor(t, "ambition.state", s);
export const kindLabel = (t: Translate, k: AmbitionKind) => labelFor(t, "ambition.kind", k);

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

/** The network's ambitions, each measured against its target, with its state. */
export function AmbitionTable(props: { ctx: PageContext; network: Network; items: AmbitionProgress[] }) {
  const { ctx } = props;
  const { t, date } = ctx.i18n;
  return (
    <ListTable
      ctx={ctx}
      label={t("ambition.listTitle")}
      size="sm"
      rows={props.items}
      rowKey={(p) => p.ambition.id}
      columns={[
        {
          label: t("ambition.title"),
          cell: ({ ambition: a, solution }) => (
            <>
              <Link href={`/n/${props.network.slug}/ambitions/${a.id}`}>{a.title}</Link> {a.isDemo ? <DemoTag t={t} /> : null}
              <span class="row-detail">{measuredBy(t, a, solution)}</span>
            </>
          ),
        },
        {
          label: t("ambition.current"),
          numeric: true,
          cell: ({ measurement: m, pastDeadline }) => (
            <>
              {formatValue(ctx.i18n, m.unit, m.value)}
              {pastDeadline ? <span class="row-detail">{t("ambition.atDeadline")}</span> : null}
            </>
          ),
        },
        { label: t("ambition.target"), numeric: true, cell: (p) => formatValue(ctx.i18n, p.measurement.unit, p.ambition.target) },
        { label: t("ambition.deadline"), cell: (p) => date(p.ambition.deadline) },
        { label: t("ambition.stateLabel"), cell: ({ state }) => <Tag color={STATE_COLOURS[state]}>{stateLabel(t, state)}</Tag> },
      ]}
    />
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
      <Facts
        facts={[
          [t("ambition.measuredBy"), measuredBy(t, a, solution)],
          [pastDeadline ? t("ambition.atDeadline") : t("ambition.current"), value(m.value)],
          [t("ambition.target"), value(a.target)],
          [t("ambition.deadline"), date(a.deadline)],
          [t("ambition.stateLabel"), <Tag color={STATE_COLOURS[state]}>{stateLabel(t, state)}</Tag>],
        ]}
      />
      {a.description ? <p class="ds-paragraph prewrap">{a.description}</p> : null}
      {pastDeadline ? <p class="ds-paragraph">{t("ambition.measuredAtDeadline", { date: date(m.measuredOn) })}</p> : null}

      <Section id="history-heading" title={t("ambition.history")}>
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
            <ListTable
              ctx={ctx}
              label={t("ambition.history")}
              size="sm"
              rows={m.history}
              rowKey={(h) => h.period}
              columns={[
                { label: m.historyBy === "quarter" ? t("overTime.quarter") : t("ambition.year"), cell: (h) => period(h.period) },
                {
                  label: t("ambition.value"),
                  numeric: true,
                  cell: (h) => (m.unit === "percent" ? value(h.value) : number(h.value)),
                },
              ]}
            />
          </>
        )}
      </Section>

      <Section id="members-heading" title={t("ambition.missing", { n: number(missing.length), of: number(m.members.length) })}>
        <p class="ds-paragraph">{labelFor(t, "ambition.memberRule", a.kind)}</p>
        <ListTable
          ctx={ctx}
          label={t("ambition.members")}
          size="sm"
          rows={[...missing, ...m.members.filter((x) => x.met)]}
          rowKey={(x) => x.id}
          empty={false}
          columns={[
            { label: t("dashboard.member"), cell: (x) => x.name },
            {
              label: t("ambition.stateLabel"),
              cell: (x) => (
                <Tag color={x.met ? "success" : "warning"}>{x.met ? t("ambition.reached") : t("ambition.notReached")}</Tag>
              ),
            },
            {
              label: t("ambition.evidence"),
              cell: (x) => (x.evidence ? <Link href={x.evidence.href}>{x.evidence.title}</Link> : "–"),
            },
          ]}
        />
      </Section>
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
      <FormPage
        ctx={ctx}
        form={form}
        title={t("ambition.new")}
        intro={<p class="ds-paragraph">{t("ambition.formIntro")}</p>}
        action={`/n/${network.slug}/ambitions`}
        submitLabel={t("ambition.create")}
        cancelHref={`/n/${network.slug}/strategies`}
      >
        <TextField name="title" label={t("ambition.title")} description={t("ambition.titleHint")} required />
        <SelectField
          name="kind"
          label={t("ambition.measuredBy")}
          required
          placeholder=""
          options={optionsOf(t, AMBITION_KINDS, kindLabel)}
        />
        <NumberField name="target" label={t("ambition.target")} description={t("ambition.targetHint")} required />
        <TextField name="deadline" label={t("ambition.deadline")} type="date" width="short" required />
        <NumberField name="year" label={t("ambition.yearField")} description={t("ambition.yearHint")} />
        <SelectField
          name="solutionId"
          label={t("ambition.solution")}
          description={t("ambition.solutionHint")}
          placeholder=""
          options={props.solutions}
        />
        <TextArea name="description" label={t("ambition.description")} rows={3} />
      </FormPage>
      {props.solutions.length === 0 ? <Notice>{t("ambition.noSolutions")}</Notice> : null}
    </>
  );
}
