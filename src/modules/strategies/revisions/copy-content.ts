import type { Strategy, StrategyRepo } from "../strategies.repo.ts";
import type { StrategyDetail } from "../strategies.service.ts";

/**
 * Copies a strategy's goals, focus areas (with their goals) and measures into another. A new
 * revision keeps everything, status and projects included. A strategy started from a template gets
 * the structure only: measures start anew, without projects or a responsible organisation (the
 * template's may not be the new owner's), with their years and deadlines kept where they fall in
 * the new period.
 */
export async function copyContent(
  repo: StrategyRepo,
  from: StrategyDetail,
  to: Strategy,
  { asRevision }: { asRevision: boolean },
): Promise<void> {
  const goalIds = new Map<number, number>();
  for (const g of from.goals)
    goalIds.set(
      g.id,
      (
        await repo.insertGoal({
          strategyId: to.id,
          title: g.title,
          description: g.description,
          position: g.position,
          // A revision's parts keep their identity, so the next revision's changes are changes.
          originId: asRevision ? g.id : null,
        })
      ).id,
    );
  const areaIds = new Map<number, number>();
  for (const a of from.focusAreas) {
    const area = await repo.insertFocusArea(
      { strategyId: to.id, title: a.title, why: a.why, what: a.what, position: a.position, originId: asRevision ? a.id : null },
      a.goalIds.map((g) => goalIds.get(g)!),
    );
    if (asRevision)
      await repo.insertFocusAreaSources(
        area.id,
        a.sources.map((x) => x.id),
      );
    areaIds.set(a.id, area.id);
  }
  const inPeriod = (y: number | null) => (y !== null && y >= to.firstYear && y <= to.lastYear ? y : null);
  for (const m of from.measures) {
    const {
      id,
      strategyId: _s,
      responsibleName: _r,
      projects,
      benefits,
      reports: _rep,
      focusAreaId,
      originId: _o,
      ...values
    } = m;
    const focus = focusAreaId ? (areaIds.get(focusAreaId) ?? null) : null;
    if (asRevision) {
      await repo.insertMeasure(
        { ...values, strategyId: to.id, focusAreaId: focus, originId: id },
        { projectIds: projects.map((p) => p.id), benefitIds: benefits.map((b) => b.id) },
      );
      continue;
    }
    await repo.insertMeasure(
      {
        strategyId: to.id,
        focusAreaId: focus,
        description: values.description,
        goal: values.goal,
        indicator: values.indicator,
        expectedBenefits: values.expectedBenefits,
        responsible: values.responsible,
        deadlineYear: inPeriod(values.deadlineYear),
        years: values.years.filter((y) => inPeriod(y) !== null),
        position: values.position,
      },
      { projectIds: [], benefitIds: [] },
    );
  }
}
