import { LineChart } from "../../../platform/ui/charts.tsx";
import { FilterForm, Notice, type Option } from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import { ListTable } from "../../../platform/ui/list-page.tsx";
import { ScopeFields } from "../adoption/adoption.views.tsx";
import { statusLabel } from "../labels.ts";
import { periodLabel } from "../precision.ts";
import type { adoptionOverTime } from "./history.ts";

/** One solution's adoption quarter by quarter, for the whole country, a network or a county: chart and table. */
export function AdoptionHistoryPage(props: {
  ctx: PageContext;
  solution: { id: number; name: string };
  adopters: number;
  points: ReturnType<typeof adoptionOverTime>;
  filter: Record<string, unknown>;
  networks: Option[];
  counties: Option[];
}) {
  const { ctx, solution, points } = props;
  const { t, number } = ctx.i18n;
  const percent = (v: number) => number(v, { style: "percent", maximumFractionDigits: 0 });
  const quarter = (date: string) => periodLabel(ctx.i18n, date, "quarter");
  const first = points[0];
  const last = points.at(-1);
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("overTime.title", { name: solution.name })}
      </h1>
      <p class="ds-paragraph">{t("overTime.intro")}</p>
      <FilterForm t={t} action={`/roadmap/${solution.id}/adoption`} values={props.filter}>
        <ScopeFields t={t} networks={props.networks} counties={props.counties} />
      </FilterForm>
      <p class="ds-paragraph" role="status">
        {t("overTime.scope", { n: number(props.adopters) })}
      </p>
      {!first || !last ? (
        <Notice>{t("overTime.none")}</Notice>
      ) : (
        <>
          <LineChart
            id="history-chart"
            title={t("overTime.title", { name: solution.name })}
            description={t("overTime.chartDesc", {
              from: Math.round(first.share * 100),
              to: Math.round(last.share * 100),
              first: quarter(first.date),
              last: quarter(last.date),
            })}
            yLabel={t("overTime.percent")}
            labels={points.map((p) => quarter(p.date))}
            series={[
              { name: t("adoption.shareInUse"), values: points.map((p) => p.share * 100) },
              { name: t("overTime.inhabitantShare"), values: points.map((p) => p.inhabitantShare * 100) },
            ]}
          />
          <ListTable
            ctx={ctx}
            label={t("overTime.title", { name: solution.name })}
            rows={points}
            rowKey={(p) => p.date}
            columns={[
              { label: t("overTime.quarter"), cell: (p) => quarter(p.date) },
              { label: statusLabel(t, "in_use"), numeric: true, cell: (p) => number(p.inUse) },
              { label: statusLabel(t, "in_progress"), numeric: true, cell: (p) => number(p.inProgress) },
              { label: statusLabel(t, "planned"), numeric: true, cell: (p) => number(p.planned) },
              { label: t("overTime.reported"), numeric: true, cell: (p) => number(p.reported) },
              { label: t("adoption.shareInUse"), numeric: true, cell: (p) => percent(p.share) },
              { label: t("overTime.inhabitantShare"), numeric: true, cell: (p) => percent(p.inhabitantShare) },
            ]}
          />
        </>
      )}
    </>
  );
}
