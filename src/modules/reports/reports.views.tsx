import type { ComponentChildren } from "preact";
import { labelFor, type Translate } from "../../platform/i18n/i18n.ts";
import { BarChart } from "../../platform/ui/charts.tsx";
import {
  ButtonLink,
  ErrorSummary,
  FormScope,
  type FormState,
  Link,
  type LinkItem,
  LinkList,
  Notice,
  NumberField,
  renderCollectingLabels,
  Section,
  SelectField,
} from "../../platform/ui/components.tsx";
import type { PageContext } from "../../platform/ui/context.ts";
import { type Column, ListTable } from "../../platform/ui/list-page.tsx";
import { phaseLabel } from "../projects/index.ts";
import type { SizeClass } from "../roadmap/index.ts";
import type { MemberReport } from "./reports.routes.tsx";
import { FIGURES, type Figure, type Figures, type MemberRow, type Period } from "./reports.service.ts";

type Network = { slug: string; name: string };

export const figureLabel = (t: Translate, f: Figure) => labelFor(t, "memberReport.figure", f);
export const sizeLabel = (t: Translate, s: SizeClass | null) =>
  s ? labelFor(t, "roadmap.size", s) : t("memberReport.noSizeClass");

/** A figure written for reading: shares in per cent, kroner and hours as numbers; "–" where there is none. */
export function figureText(ctx: PageContext, f: Figure, value: number | null): string {
  const { number } = ctx.i18n;
  if (value === null) return "–";
  if (f === "adoption") return number(value, { style: "percent", maximumFractionDigits: 0 });
  return number(value, { maximumFractionDigits: 1 });
}

/** The period as words: a year, or the lifetime. */
export const periodText = (t: Translate, period: Period) =>
  period.year ? t("memberReport.year", { year: period.year }) : t("memberReport.lifetime");

/** The period's own query string (empty for the lifetime). */
export const periodQueryString = (period: Period) => (period.year ? `?year=${period.year}` : "");

/**
 * The period (and the comparison's chart) as a GET form. A year that is no year comes back with an
 * error summary that names the field by its label, the year as typed, and the error at the field.
 */
function PeriodForm(props: {
  ctx: PageContext;
  action: string;
  form: FormState;
  hidden?: Record<string, string>;
  children?: ComponentChildren;
}) {
  const { t } = props.ctx.i18n;
  const fields = (
    <FormScope t={t} form={props.form}>
      <NumberField name="year" label={t("memberReport.period")} description={t("memberReport.periodHint")} />
      {props.children}
    </FormScope>
  );
  // As in a form that posts: the fields are drawn first, so the summary names each by its label.
  const drawn = props.form.errors.length ? renderCollectingLabels(fields) : null;
  return (
    <search aria-label={t("list.filters")}>
      {drawn ? <ErrorSummary form={props.form} t={t} labels={drawn.labels} /> : null}
      <form method="get" action={props.action} class="filters">
        {/* Markup rendered (and escaped) by preact-render-to-string just above; its fields stay the grid's items. */}
        {drawn ? <div class="filters__fields" dangerouslySetInnerHTML={{ __html: drawn.html }} /> : fields}
        {Object.entries(props.hidden ?? {}).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <div class="button-row">
          <button class="ds-button" data-variant="primary" type="submit">
            {t("list.filter")}
          </button>
          <ButtonLink href={props.action} variant="tertiary">
            {t("list.reset")}
          </ButtonLink>
        </div>
      </form>
    </search>
  );
}

/** One member's report: the figures beside its size class's median, and the records behind them. */
export function MemberReportPage(props: {
  ctx: PageContext;
  network: Network;
  report: MemberReport;
  print: boolean;
  /** The period form as sent; with an error, the report beneath is the default period's. */
  form: FormState;
}) {
  const { ctx, network, report, print } = props;
  const { t, number, date } = ctx.i18n;
  const { member, period } = report;
  const base = `/n/${network.slug}/member-reports/${member.organisationId}`;
  const q = periodQueryString(period);
  const percent = (v: number | null) => (v === null ? "–" : number(v, { style: "percent", maximumFractionDigits: 0 }));
  const value = (v: number | null, unit = "") =>
    v === null ? t("memberReport.notMeasured") : `${number(v)}${unit ? ` ${unit}` : ""}`;
  const links: LinkItem[] = [
    print
      ? { href: `${base}${q}`, label: t("memberReport.backToReport") }
      : { href: `${base}${q ? `${q}&` : "?"}print=1`, label: t("memberReport.print") },
    { href: `${base}/report.csv${q}`, label: t("memberReport.downloadCsv"), download: true },
    { href: `${base}/report.xlsx${q}`, label: t("memberReport.downloadXlsx"), download: true },
    { href: `/api/v1/networks/${network.slug}/member-reports/${member.organisationId}${q}`, label: t("memberReport.api") },
    { href: `/n/${network.slug}/member-reports${q}`, label: t("memberReport.comparisonLink") },
  ];
  return (
    <article class="print-document member-report">
      <h1 class="ds-heading" data-size="lg">
        {t("memberReport.title", { organisation: member.name })}
      </h1>
      <p class="ds-paragraph">
        {t("memberReport.intro", { organisation: member.name, network: network.name })} {periodText(t, period)}.{" "}
        {t("memberReport.visibleOnly")}
      </p>
      {print ? <p class="ds-paragraph no-print">{t("memberReport.printHint")}</p> : null}
      <p class="ds-paragraph no-print">
        <LinkList links={links} />
      </p>
      {print ? null : (
        <div class="no-print">
          <PeriodForm ctx={ctx} action={base} form={props.form} />
        </div>
      )}
      <Section id="figures-heading" title={t("memberReport.summary")}>
        <p class="ds-paragraph">
          {t("memberReport.sizeClass")}: {sizeLabel(t, member.sizeClass)} (
          {report.median ? t("memberReport.medianMembers", { n: report.median.members }) : t("memberReport.noMedian")}).{" "}
          {t("memberReport.level")}: {labelFor(t, "membership.level", member.level as "member")}.
        </p>
        <FigureTable ctx={ctx} figures={member.figures} median={report.median?.figures ?? null} size={member.sizeClass} />
      </Section>
      <Section id="projects-heading" title={t("memberReport.projects")}>
        <ListTable
          ctx={ctx}
          label={t("memberReport.projects")}
          rows={report.projects}
          rowKey={(p) => p.id}
          empty={t("memberReport.noProjects")}
          columns={[
            { label: t("memberReport.project"), cell: (p) => <Link href={`/projects/${p.id}`}>{p.title}</Link> },
            { label: t("memberReport.role"), cell: (p) => labelFor(t, "participant.role", p.role) },
            { label: t("memberReport.phase"), cell: (p) => phaseLabel(t, p.phase) },
          ]}
        />
        {report.projects.some((p) => p.benefits.length) ? (
          <>
            <h3 class="ds-heading" data-size="sm">
              {t("memberReport.benefitsOf")}
            </h3>
            <p class="ds-paragraph">{t("memberReport.benefitsIntro")}</p>
            <ListTable
              ctx={ctx}
              label={t("memberReport.benefitsOf")}
              rows={report.projects.flatMap((p) => p.benefits.map((b) => ({ ...b, projectId: p.id, projectTitle: p.title })))}
              rowKey={(b) => b.benefitId}
              rowHeader={1}
              columns={[
                { label: t("memberReport.project"), cell: (b) => b.projectTitle },
                {
                  label: t("memberReport.benefit"),
                  cell: (b) => <Link href={`/projects/${b.projectId}/benefits/${b.benefitId}`}>{b.title}</Link>,
                },
                {
                  label: t("memberReport.own"),
                  numeric: true,
                  cell: (b) => `${value(b.own, b.unit)} (${percent(b.ownAchievement)})`,
                },
                {
                  label: t("memberReport.wholeProject"),
                  numeric: true,
                  cell: (b) => `${value(b.project, b.unit)} (${percent(b.projectAchievement)})`,
                },
              ]}
            />
          </>
        ) : null}
      </Section>
      <Section id="solutions-heading" title={t("memberReport.solutions")}>
        <ListTable
          ctx={ctx}
          label={t("memberReport.solutions")}
          rows={report.solutions}
          rowKey={(s) => s.solutionId}
          empty={t("memberReport.noSolutions")}
          columns={[
            { label: t("memberReport.solution"), cell: (s) => <Link href={`/solutions/${s.solutionId}`}>{s.name}</Link> },
            { label: t("memberReport.since"), cell: (s) => (s.since ? date(s.since) : "–") },
          ]}
        />
      </Section>
      <Section id="adoption-heading" title={t("memberReport.adoption")}>
        <p class="ds-paragraph">{t("memberReport.adoptionIntro")}</p>
        <ListTable
          ctx={ctx}
          label={t("memberReport.adoption")}
          rows={report.adoption}
          rowKey={(a) => a.solutionId}
          size="sm"
          columns={[
            { label: t("memberReport.solution"), cell: (a) => <Link href={`/roadmap/${a.solutionId}`}>{a.name}</Link> },
            {
              label: t("memberReport.status"),
              cell: (a) => (a.status ? labelFor(t, "adoption.status", a.status) : t("memberReport.notReported")),
            },
            { label: t("memberReport.networkShare"), numeric: true, cell: (a) => percent(a.networkShare) },
          ]}
        />
      </Section>
      <Section id="needs-heading" title={t("memberReport.needs")}>
        <ListTable
          ctx={ctx}
          label={t("memberReport.needs")}
          rows={report.needs}
          rowKey={(n) => n.id}
          empty={t("memberReport.noNeeds")}
          columns={[
            { label: t("memberReport.need"), cell: (n) => <Link href={`/needs/${n.id}`}>{n.title}</Link> },
            { label: t("memberReport.part"), cell: (n) => (n.raised ? t("memberReport.raised") : t("memberReport.supported")) },
            {
              label: t("memberReport.outcome"),
              cell: (n) =>
                n.projectId ? (
                  <Link href={`/projects/${n.projectId}`}>{labelFor(t, "need.state", n.state)}</Link>
                ) : (
                  labelFor(t, "need.state", n.state)
                ),
            },
          ]}
        />
      </Section>
      <Section id="inputs-heading" title={t("memberReport.inputs")}>
        <ListTable
          ctx={ctx}
          label={t("memberReport.inputs")}
          rows={report.inputs}
          rowKey={(i) => i.consultationId}
          empty={t("memberReport.noInputs")}
          columns={[
            {
              label: t("memberReport.consultation"),
              cell: (i) => <Link href={`/consultations/${i.consultationId}`}>{i.consultationTitle}</Link>,
            },
            { label: t("memberReport.inputCount"), numeric: true, cell: (i) => number(i.inputs) },
            { label: t("memberReport.published"), cell: (i) => (i.published ? t("memberReport.yes") : t("memberReport.no")) },
            // The references only for the network's people (the service leaves them out for others).
            ...(report.inputs.some((i) => i.references)
              ? [
                  {
                    label: t("memberReport.reference"),
                    cell: (i: MemberReport["inputs"][number]) => i.references?.join(", ") ?? "",
                  },
                ]
              : []),
          ]}
        />
      </Section>
      <Section id="gatherings-heading" title={t("memberReport.gatherings")}>
        <ListTable
          ctx={ctx}
          label={t("memberReport.gatherings")}
          rows={report.gatherings}
          rowKey={(g) => g.gatheringId}
          empty={t("memberReport.noGatherings")}
          columns={[
            { label: t("memberReport.gathering"), cell: (g) => <Link href={`/gatherings/${g.gatheringId}`}>{g.title}</Link> },
            { label: t("memberReport.date"), cell: (g) => date(g.startsAt) },
            { label: t("memberReport.registered"), numeric: true, cell: (g) => number(g.confirmed) },
            { label: t("memberReport.attended"), numeric: true, cell: (g) => number(g.attended) },
          ]}
        />
      </Section>
      <Section id="seats-heading" title={t("memberReport.seats")}>
        <ListTable
          ctx={ctx}
          label={t("memberReport.seats")}
          rows={report.seats}
          rowKey={(s) => `${s.bodyId}-${s.personName}-${s.role}`}
          empty={t("memberReport.noSeats")}
          columns={[
            {
              label: t("memberReport.body"),
              cell: (s) => <Link href={`/n/${network.slug}/bodies/${s.bodyId}`}>{s.bodyName}</Link>,
            },
            { label: t("memberReport.role"), cell: (s) => labelFor(t, "body.role", s.role) },
            { label: t("memberReport.person"), cell: (s) => s.personName },
          ]}
        />
      </Section>
      <Section id="money-heading" title={t("memberReport.money")}>
        {report.money ? (
          <FigureTable
            ctx={ctx}
            figures={member.figures}
            median={report.median?.figures ?? null}
            size={member.sizeClass}
            only={["fee", "releasedHours", "releasedAmount"]}
          />
        ) : (
          <Notice>{t("memberReport.noMoney")}</Notice>
        )}
      </Section>
      <Section id="surveys-heading" title={t("memberReport.surveys")}>
        <ListTable
          ctx={ctx}
          label={t("memberReport.surveys")}
          rows={report.surveys}
          rowKey={(s) => s.surveyId}
          empty={t("memberReport.noSurveys")}
          columns={[
            { label: t("memberReport.survey"), cell: (s) => <Link href={`/surveys/${s.surveyId}/results`}>{s.title}</Link> },
            { label: t("memberReport.surveyYear"), cell: (s) => String(s.year) },
            { label: t("memberReport.responses"), numeric: true, cell: (s) => number(s.responses) },
            {
              label: t("memberReport.scaleMean"),
              numeric: true,
              cell: (s) =>
                s.hidden
                  ? t("memberReport.hidden")
                  : s.scaleMean === null
                    ? "–"
                    : number(s.scaleMean, { maximumFractionDigits: 2 }),
            },
          ]}
        />
      </Section>
    </article>
  );
}

/** Figures beside the median of the same size class (none when the member has no size class). */
function FigureTable(props: {
  ctx: PageContext;
  figures: Figures;
  median: Figures | null;
  size: SizeClass | null;
  only?: readonly Figure[];
}) {
  const { ctx, median } = props;
  const { t } = ctx.i18n;
  const rows = (props.only ?? FIGURES).map((f) => ({ f, value: props.figures[f], median: median?.[f] ?? null }));
  return (
    <ListTable
      ctx={ctx}
      label={t("memberReport.summary")}
      rows={rows}
      rowKey={(r) => r.f}
      columns={[
        { label: t("memberReport.figure"), cell: (r) => figureLabel(t, r.f) },
        { label: t("memberReport.thisMember"), numeric: true, cell: (r) => figureText(ctx, r.f, r.value) },
        ...(median
          ? [
              {
                label: t("memberReport.medianFor", { size: sizeLabel(t, props.size) }),
                numeric: true,
                cell: (r: (typeof rows)[number]) => figureText(ctx, r.f, r.median),
              },
            ]
          : []),
      ]}
    />
  );
}

/** Every member on the same figures: a bar chart of one figure, and the sortable table with every figure. */
export function ComparisonPage(props: {
  ctx: PageContext;
  network: Network;
  period: Period;
  members: MemberRow[];
  medians: Record<SizeClass, { members: number; figures: Figures }>;
  sort: string;
  chart: Figure;
  /** The period form as sent; with an error, the comparison beneath is the default period's. */
  form: FormState;
}) {
  const { ctx, network, period, members, chart } = props;
  const { t } = ctx.i18n;
  const base = `/n/${network.slug}/member-reports`;
  const q = periodQueryString(period);
  const columns: Column<MemberRow>[] = [
    {
      label: t("memberReport.member"),
      sort: "name",
      cell: (m) => <Link href={`${base}/${m.organisationId}${q}`}>{m.name}</Link>,
    },
    { label: t("memberReport.sizeClass"), sort: "size", cell: (m) => sizeLabel(t, m.sizeClass) },
    ...FIGURES.map(
      (f): Column<MemberRow> => ({
        label: figureLabel(t, f),
        sort: f,
        numeric: true,
        cell: (m) => figureText(ctx, f, m.figures[f]),
      }),
    ),
  ];
  const sizes = Object.entries(props.medians).filter(([, m]) => m.members > 0) as [
    SizeClass,
    { members: number; figures: Figures },
  ][];
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("memberReport.comparisonTitle", { network: network.name })}
      </h1>
      <p class="ds-paragraph">
        {t("memberReport.comparisonIntro")} {periodText(t, period)}. {t("memberReport.visibleOnly")}
      </p>
      <p class="ds-paragraph no-print">
        <LinkList
          links={[
            { href: `${base}.csv${q}`, label: t("memberReport.downloadCsv"), download: true },
            { href: `${base}.xlsx${q}`, label: t("memberReport.downloadXlsx"), download: true },
            { href: `/api/v1/networks/${network.slug}/member-reports${q}`, label: t("memberReport.api") },
          ]}
        />
      </p>
      <div class="no-print">
        <PeriodForm ctx={ctx} action={base} form={props.form} hidden={{ sort: props.sort }}>
          {/* Two of the grid's columns: the figures' names are long. */}
          <div class="filters__wide">
            <SelectField
              name="chart"
              label={t("memberReport.chartOf")}
              options={FIGURES.map((f) => ({ value: f, label: figureLabel(t, f) }))}
            />
          </div>
        </PeriodForm>
      </div>
      {members.length === 0 ? (
        <Notice>{t("memberReport.noMembers")}</Notice>
      ) : (
        <>
          <Section id="chart-heading" title={t("memberReport.chartTitle", { figure: figureLabel(t, chart) })}>
            <BarChart
              id="member-chart"
              title={t("memberReport.chartTitle", { figure: figureLabel(t, chart) })}
              description={t("memberReport.chartDescription")}
              bars={members.map((m) => ({
                id: m.organisationId,
                label: m.name,
                value: m.figures[chart] ?? 0,
                text: figureText(ctx, chart, m.figures[chart]),
              }))}
            />
          </Section>
          <ListTable
            ctx={ctx}
            label={t("memberReport.comparisonTitle", { network: network.name })}
            rows={members}
            rowKey={(m) => m.organisationId}
            columns={columns}
            sort={props.sort}
            size="sm"
          />
          <Section id="medians-heading" title={t("memberReport.medians")}>
            <ListTable
              ctx={ctx}
              label={t("memberReport.medians")}
              rows={sizes}
              rowKey={([size]) => size}
              size="sm"
              columns={[
                { label: t("memberReport.sizeClass"), cell: ([size, m]) => `${sizeLabel(t, size)} (${m.members})` },
                ...FIGURES.map(
                  (f): Column<(typeof sizes)[number]> => ({
                    label: figureLabel(t, f),
                    numeric: true,
                    cell: ([, m]) => figureText(ctx, f, m.figures[f]),
                  }),
                ),
              ]}
            />
          </Section>
        </>
      )}
    </>
  );
}
