import type { ComponentChildren } from "preact";
import { Link, LinkList, Notice, TableScroll } from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import type { networkBudget } from "./budget.ts";

type Budget = ReturnType<typeof networkBudget>;

/** Rows of amounts per year with a total column, and a footer of the column totals. */
function YearTable(props: {
  ctx: PageContext;
  label: string;
  rowHeader: string;
  years: number[];
  rows: { key: number; name: ComponentChildren; perYear: number[] }[];
  totals: number[];
}) {
  const { t, number } = props.ctx.i18n;
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  return (
    <TableScroll label={props.label}>
      <table class="ds-table" data-border>
        <thead>
          <tr>
            <th scope="col">{props.rowHeader}</th>
            {props.years.map((y) => (
              <th key={y} scope="col" class="numeric">
                {y}
              </th>
            ))}
            <th scope="col" class="numeric">
              {t("plan.total")}
            </th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.name}</th>
              {r.perYear.map((v, i) => (
                <td key={props.years[i]} class="numeric">
                  {number(v)}
                </td>
              ))}
              <td class="numeric">{number(sum(r.perYear))}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t("plan.total")}</th>
            {props.totals.map((v, i) => (
              <td key={props.years[i]} class="numeric">
                {number(v)}
              </td>
            ))}
            <td class="numeric">{number(sum(props.totals))}</td>
          </tr>
        </tfoot>
      </table>
    </TableScroll>
  );
}

/** A network's expected costs per year for what its members have not adopted yet. */
export function NetworkBudgetPage(props: { ctx: PageContext; network: { slug: string; name: string }; budget: Budget }) {
  const { ctx, network, budget } = props;
  const { t, number } = ctx.i18n;
  const base = `/n/${network.slug}/roadmap/budget`;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("budget.title", { network: network.name })}
      </h1>
      <p class="ds-paragraph">{t("budget.intro")}</p>
      <p class="ds-paragraph">
        <LinkList
          links={[
            { href: `${base}.csv`, label: t("plan.downloadCsv"), download: true },
            { href: `${base}.xlsx`, label: t("list.downloadXlsx"), download: true },
            { href: `/roadmap/adoption?network=${network.slug}`, label: t("adoption.matrixTitle") },
          ]}
        />
      </p>
      <p class="ds-paragraph" role="status">
        {t("budget.summary", { total: number(budget.total), first: budget.years[0] ?? "", last: budget.years.at(-1) ?? "" })}
      </p>
      {budget.unplaced ? <Notice kind="warning">{t("budget.unplaced", { n: budget.unplaced })}</Notice> : null}
      {budget.members.length === 0 ? (
        <Notice>{t("budget.noMembers")}</Notice>
      ) : (
        <>
          <h2 class="ds-heading" data-size="md" id="members-heading">
            {t("budget.perMember")}
          </h2>
          <YearTable
            ctx={ctx}
            label={t("budget.perMember")}
            rowHeader={t("budget.member")}
            years={budget.years}
            rows={budget.members.map((m) => ({
              key: m.member.id,
              name: <Link href={`/organisations/${m.member.id}/roadmap`}>{m.member.name}</Link>,
              perYear: m.perYear,
            }))}
            totals={budget.totals}
          />
          <h2 class="ds-heading" data-size="md" id="solutions-heading">
            {t("budget.perSolution")}
          </h2>
          {budget.solutions.length === 0 ? (
            <Notice>{t("budget.nothing")}</Notice>
          ) : (
            <YearTable
              ctx={ctx}
              label={t("budget.perSolution")}
              rowHeader={t("roadmap.name")}
              years={budget.years}
              rows={budget.solutions.map((s) => ({
                key: s.solution.id,
                name: <Link href={`/roadmap/${s.solution.id}`}>{s.solution.name}</Link>,
                perYear: s.perYear,
              }))}
              totals={budget.totals}
            />
          )}
        </>
      )}
    </>
  );
}
