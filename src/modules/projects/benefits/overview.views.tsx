import { Notice, TableScroll } from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
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
        <a class="ds-link" href={props.listHref}>
          {t("benefitsOverview.toProjects")}
        </a>
      </p>
      {overview.benefits.length === 0 ? (
        <Notice>{t("benefit.none")}</Notice>
      ) : (
        <>
          <h2 class="ds-heading" data-size="md">
            {t("benefitsOverview.sums")}
          </h2>
          <TableScroll label={t("benefitsOverview.sums")}>
            <table class="ds-table" data-border>
              <thead>
                <tr>
                  <th scope="col">{t("benefit.type")}</th>
                  <th scope="col">{t("benefit.unit")}</th>
                  <th scope="col" class="numeric">
                    {t("benefitsOverview.count")}
                  </th>
                  <th scope="col" class="numeric">
                    {t("benefit.baseline")}
                  </th>
                  <th scope="col" class="numeric">
                    {t("benefit.target")}
                  </th>
                  <th scope="col" class="numeric">
                    {t("benefitsOverview.now")}
                  </th>
                  <th scope="col" class="numeric">
                    {t("benefit.achievement")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {overview.sums.map((g) => (
                  <tr key={`${g.type}-${g.unit}`}>
                    <th scope="row">{benefitTypeLabel(t, g.type)}</th>
                    <td>{g.unit}</td>
                    <td class="numeric">
                      {t("benefitsOverview.measuredOf", { measured: number(g.measured), count: number(g.count) })}
                    </td>
                    <td class="numeric">{number(g.baseline)}</td>
                    <td class="numeric">{number(g.target)}</td>
                    <td class="numeric">{number(g.latest)}</td>
                    <td class="numeric">
                      <Achievement t={t} number={number} value={g.achievement} trend={null} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
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
