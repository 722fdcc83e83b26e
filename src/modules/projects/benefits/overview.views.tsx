import { Link, Notice } from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import { ListTable } from "../../../platform/ui/list-page.tsx";
import type { ProjectService } from "../projects.service.ts";
import { Achievement, BenefitTable, benefitTypeLabel } from "./benefits.views.tsx";

type Overview = Awaited<ReturnType<ProjectService["benefitsOverview"]>>;

/** The benefits of the filtered projects: sums per type and unit, then every benefit. */
export function BenefitsOverviewPage(props: { ctx: PageContext; overview: Overview; listHref: string }) {
  const { ctx, overview } = props;
  const { t, number } = ctx.i18n;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("benefitsOverview.title")}
      </h1>
      <p class="ds-paragraph">
        {t("benefitsOverview.intro", { projects: number(overview.projectCount), benefits: number(overview.benefits.length) })}{" "}
        <Link href={props.listHref}>{t("benefitsOverview.toProjects")}</Link>
      </p>
      {overview.benefits.length === 0 ? (
        <Notice>{t("benefit.none")}</Notice>
      ) : (
        <>
          <h2 class="ds-heading" data-size="md">
            {t("benefitsOverview.sums")}
          </h2>
          <ListTable
            ctx={ctx}
            label={t("benefitsOverview.sums")}
            rows={overview.sums}
            rowKey={(g) => `${g.type}-${g.unit}`}
            columns={[
              { label: t("benefit.type"), cell: (g) => benefitTypeLabel(t, g.type) },
              { label: t("benefit.unit"), cell: (g) => g.unit },
              {
                label: t("benefitsOverview.count"),
                numeric: true,
                cell: (g) => t("benefitsOverview.measuredOf", { measured: number(g.measured), count: number(g.count) }),
              },
              { label: t("benefit.baseline"), numeric: true, cell: (g) => number(g.baseline) },
              { label: t("benefit.target"), numeric: true, cell: (g) => number(g.target) },
              { label: t("benefitsOverview.now"), numeric: true, cell: (g) => number(g.latest) },
              {
                label: t("benefit.achievement"),
                numeric: true,
                cell: (g) => <Achievement t={t} number={number} value={g.achievement} trend={null} />,
              },
            ]}
          />
          <p class="ds-paragraph" data-size="sm">
            {t("benefitsOverview.note")}
          </p>
          <h2 class="ds-heading" data-size="md">
            {t("benefitsOverview.each")}
          </h2>
          <BenefitTable
            ctx={ctx}
            label={t("benefitsOverview.each")}
            size="sm"
            rows={overview.benefits.map((b) => ({ ...b, detail: b.projectTitle }))}
          />
        </>
      )}
    </>
  );
}
