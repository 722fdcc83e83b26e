import { labelFor } from "../../../platform/i18n/i18n.ts";
import { ButtonLink, Facts, Link, Section, Tag } from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import { ListTable } from "../../../platform/ui/list-page.tsx";
import type { CoverageStanding } from "../ambitions/ambitions.service.ts";
import { COVERAGE_STANDINGS } from "../ambitions/ambitions.service.ts";
import { AmbitionTable, type Network } from "../ambitions/ambitions.views.tsx";
import { planProgress } from "../follow-up/progress.ts";
import { strategyStatusLabel } from "../labels.ts";
import { type Dashboard, focusAreaProgress } from "./dashboard.ts";

const STANDING_COLOURS: Record<CoverageStanding, string> = {
  adopted: "success",
  in_progress: "info",
  expired: "warning",
  none: "neutral",
};

/** A network's dashboard: its ambitions, the progress of its shared action plan and the coverage of member strategies. */
export function DashboardPage(props: { ctx: PageContext; network: Network; dashboard: Dashboard; canManage: boolean }) {
  const { ctx, network } = props;
  const { shared, coverage, year } = props.dashboard;
  const { t, number } = ctx.i18n;
  const base = `/n/${network.slug}`;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("dashboard.title", { network: network.name })}
      </h1>
      <p class="ds-paragraph">{t("dashboard.intro")}</p>
      <p class="ds-paragraph">
        <Link href={`${base}/strategies/themes`}>{t("themes.overlapLink")}</Link>
        {" · "}
        <Link href={`/strategies?network=${network.slug}`}>{t("dashboard.allStrategies")}</Link>
      </p>

      <Section id="ambitions-heading" title={t("ambition.listTitle")}>
        {props.dashboard.ambitions.length === 0 ? (
          <p class="ds-paragraph">{t("ambition.none")}</p>
        ) : (
          <AmbitionTable ctx={ctx} network={network} items={props.dashboard.ambitions} />
        )}
        {props.canManage ? (
          <p class="ds-paragraph">
            <ButtonLink href={`${base}/ambitions/new`}>{t("ambition.new")}</ButtonLink>
          </p>
        ) : null}
      </Section>

      <Section id="shared-heading" title={t("dashboard.sharedPlan")}>
        {!shared ? (
          <p class="ds-paragraph">{t("dashboard.noShared")}</p>
        ) : (
          <>
            <p class="ds-paragraph">
              <Link href={`/strategies/${shared.strategy.id}`}>{shared.strategy.title}</Link> (
              {`${shared.strategy.firstYear}–${shared.strategy.lastYear}`},{" "}
              {strategyStatusLabel(t, shared.strategy.status).toLowerCase()})
            </p>
            <ListTable
              ctx={ctx}
              label={t("dashboard.sharedPlan")}
              size="sm"
              rows={[
                ...focusAreaProgress(shared).map((a) => ({ key: String(a.id), ...a })),
                { key: "all", title: t("dashboard.wholePlan"), ...planProgress(shared.measures) },
              ]}
              rowKey={(p) => p.key}
              columns={[
                { label: t("strategy.focusArea"), cell: (p) => p.title },
                { label: t("dashboard.done"), numeric: true, cell: (p) => t("strategy.doneOf", { done: p.done, n: p.n }) },
                { label: t("strategy.overdue"), numeric: true, cell: (p) => number(p.overdue) },
              ]}
            />
          </>
        )}
      </Section>

      <Section id="coverage-heading" title={t("dashboard.coverage", { year: year })}>
        <Facts
          facts={COVERAGE_STANDINGS.map((s) => [
            labelFor(t, "coverage", s),
            t("themes.ofMembers", { n: number(coverage.filter((c) => c.standing === s).length), of: number(coverage.length) }),
          ])}
        />
        <ListTable
          ctx={ctx}
          label={t("dashboard.coverage", { year: year })}
          size="sm"
          rows={coverage}
          rowKey={(c) => c.id}
          empty={false}
          columns={[
            { label: t("dashboard.member"), cell: (c) => c.name },
            {
              label: t("dashboard.standing"),
              cell: (c) => <Tag color={STANDING_COLOURS[c.standing]}>{labelFor(t, "coverage", c.standing)}</Tag>,
            },
            {
              label: t("dashboard.strategy"),
              cell: (c) => (c.strategy ? <Link href={`/strategies/${c.strategy.id}`}>{c.strategy.title}</Link> : "–"),
            },
          ]}
        />
      </Section>
    </>
  );
}
