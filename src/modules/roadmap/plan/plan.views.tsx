import { Link, LinkList, Notice, Section, TableScroll } from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import { ListTable } from "../../../platform/ui/list-page.tsx";
import { milestoneKindLabel, milestoneName, sizeClassLabel, statusLabel, taskKindLabel } from "../labels.ts";
import { periodLabel } from "../precision.ts";
import type { municipalityPlan } from "./plan.ts";

type Plan = ReturnType<typeof municipalityPlan>;

/** "What is coming to us": one document for the municipality's leadership, printable as it is. */
export function MunicipalityRoadmapPage(props: { ctx: PageContext; organisation: { id: number; name: string }; plan: Plan }) {
  const { ctx, organisation, plan } = props;
  const { t, date, number } = ctx.i18n;
  const kroner = (n: number) => t("project.kroner", { amount: number(n) });
  const base = `/organisations/${organisation.id}/roadmap`;
  return (
    <article class="print-document">
      <h1 class="ds-heading" data-size="lg">
        {t("plan.title", { name: organisation.name })}
      </h1>
      <p class="ds-paragraph">{t("plan.intro", { size: sizeClassLabel(t, plan.size).toLowerCase() })}</p>
      <p class="ds-paragraph no-print">
        <LinkList
          links={[
            { href: `${base}.csv`, label: t("plan.downloadCsv"), download: true },
            { href: `${base}.xlsx`, label: t("list.downloadXlsx"), download: true },
            { href: `/organisations/${organisation.id}/adoption`, label: t("adoption.link") },
            // What is still coming to it (the solutions this page lists), for a calendar program to subscribe to.
            {
              href: `/roadmap/calendar.ics?organisation=${organisation.id}`,
              label: t("roadmap.calendarFor", { name: organisation.name }),
            },
          ]}
        />
      </p>

      <Section id="coming-heading" title={t("plan.coming")}>
        {plan.coming.length === 0 ? (
          <Notice>{t("plan.nothingComing")}</Notice>
        ) : (
          <ListTable
            ctx={ctx}
            label={t("plan.coming")}
            rows={plan.coming}
            rowKey={(m) => m.id}
            rowHeader={1}
            columns={[
              { label: t("roadmap.when"), cell: (m) => periodLabel(ctx.i18n, m.date, m.precision) },
              {
                label: t("roadmap.name"),
                cell: (m) => <Link href={`/roadmap/${m.solutionId}`}>{m.solution}</Link>,
              },
              { label: t("roadmap.milestoneKind"), cell: (m) => milestoneName(t, m) },
              { label: t("plan.ourStatus"), cell: (m) => (m.status ? statusLabel(t, m.status) : t("adoption.notReported")) },
            ]}
          />
        )}
      </Section>

      <Section id="start-heading" title={t("plan.startNow")}>
        {plan.startNow.length === 0 ? (
          <Notice>{t("plan.nothingToStart")}</Notice>
        ) : (
          <ListTable
            ctx={ctx}
            label={t("plan.startNow")}
            rows={plan.startNow.map((task, i) => ({ ...task, key: `${task.solutionId}-${i}` }))}
            rowKey={(task) => task.key}
            rowHeader={1}
            columns={[
              {
                label: t("plan.startBy"),
                cell: (task) => (
                  <>
                    {date(task.startBy)}
                    {task.late ? <strong class="moved-down"> {t("plan.late")}</strong> : null}
                  </>
                ),
              },
              { label: t("roadmap.name"), cell: (task) => task.solution },
              {
                label: t("roadmap.taskKind"),
                cell: (task) => (
                  <>
                    {taskKindLabel(t, task.kind)}
                    {task.description ? <span class="row-detail">{task.description}</span> : null}
                  </>
                ),
              },
              {
                label: t("plan.before"),
                cell: (task) => (
                  <>
                    {milestoneKindLabel(t, task.milestone.kind)}:{" "}
                    {periodLabel(ctx.i18n, task.milestone.date, task.milestone.precision)}
                  </>
                ),
              },
            ]}
          />
        )}
      </Section>

      <Section id="budget-heading" title={t("plan.budget", { year: plan.nextYear })}>
        {plan.budget.length === 0 ? (
          <Notice>{t("plan.noBudget")}</Notice>
        ) : (
          <TableScroll label={t("plan.budget", { year: plan.nextYear })}>
            <table class="ds-table" data-border>
              <thead>
                <tr>
                  <th scope="col">{t("roadmap.name")}</th>
                  <th scope="col">{t("roadmap.oneOff")}</th>
                  <th scope="col">{t("roadmap.yearly")}</th>
                </tr>
              </thead>
              <tbody>
                {plan.budget.map((b) => (
                  <tr key={b.solutionId}>
                    <th scope="row">{b.solution}</th>
                    <td class="numeric">{kroner(b.oneOff)}</td>
                    <td class="numeric">{kroner(b.yearly)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t("plan.total")}</th>
                  <td class="numeric" colSpan={2}>
                    {kroner(plan.total)}
                  </td>
                </tr>
              </tfoot>
            </table>
          </TableScroll>
        )}
      </Section>
    </article>
  );
}
