import { costInYear, dueYear, SETTLED, sizeClassOf } from "../budget/budget.ts";
import { periodEnd } from "../precision.ts";
import type { AdoptionStatus, MilestoneKind, Precision, SizeClass, TaskKind } from "../schema.ts";

const addMonths = (iso: string, months: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
};

export interface PlanInput {
  today: string;
  population: number | null;
  solutions: { id: number; name: string }[];
  milestones: { id: number; solutionId: number; kind: MilestoneKind; label: string; date: string; precision: Precision }[];
  tasks: { solutionId: number; kind: TaskKind; description: string; beforeKind: MilestoneKind; leadMonths: number }[];
  costs: { solutionId: number; sizeClass: SizeClass; oneOff: number; yearly: number }[];
  statuses: { solutionId: number; status: AdoptionStatus; targetDate: string | null }[];
}

/**
 * A municipality's own roadmap, from the milestones, the preparation lead times, its size class and
 * its adoption: what is coming in the next 24 months, what it must start now (within three months,
 * or already late), and what next year will cost for what it has not adopted yet.
 */
export function municipalityPlan(input: PlanInput) {
  const { today } = input;
  const horizon = addMonths(today, 24);
  const soon = addMonths(today, 3);
  const nextYear = String(Number(today.slice(0, 4)) + 1);
  const done = new Set(input.statuses.filter((s) => SETTLED.includes(s.status)).map((s) => s.solutionId));
  const open = input.solutions.filter((s) => !done.has(s.id));
  const openIds = new Set(open.map((s) => s.id));
  const name = new Map(open.map((s) => [s.id, s.name]));
  const status = new Map(input.statuses.map((s) => [s.solutionId, s.status]));
  const ahead = input.milestones.filter((m) => openIds.has(m.solutionId) && periodEnd(m.date, m.precision) >= today);

  const coming = ahead
    .filter((m) => m.date <= horizon)
    .map((m) => ({ ...m, solution: name.get(m.solutionId)!, status: status.get(m.solutionId) ?? null }))
    .sort((a, b) => a.date.localeCompare(b.date));

  const startNow = input.tasks
    .filter((t) => openIds.has(t.solutionId))
    .flatMap((t) => {
      const milestone = ahead
        .filter((m) => m.solutionId === t.solutionId && m.kind === t.beforeKind)
        .sort((a, b) => a.date.localeCompare(b.date))[0];
      if (!milestone) return [];
      const startBy = addMonths(milestone.date, -t.leadMonths);
      return startBy <= soon ? [{ ...t, solution: name.get(t.solutionId)!, milestone, startBy, late: startBy < today }] : [];
    })
    .sort((a, b) => a.startBy.localeCompare(b.startBy));

  const size = sizeClassOf(input.population);
  // Next year's costs follow the network budget's rule (see dueYear): the one-off amount in the
  // year the solution is due, the yearly amount from then on.
  const budget = open
    .map((s) => {
      const cost = input.costs.find((c) => c.solutionId === s.id && c.sizeClass === size);
      const target = input.statuses.find((st) => st.solutionId === s.id && st.status === "planned")?.targetDate;
      const due = dueYear(
        today,
        input.milestones.filter((m) => m.solutionId === s.id),
        target,
      );
      if (!cost || due === null || costInYear(cost, due, Number(nextYear)) === 0) return null;
      return { solutionId: s.id, solution: s.name, oneOff: due === Number(nextYear) ? cost.oneOff : 0, yearly: cost.yearly };
    })
    .filter((b): b is NonNullable<typeof b> => b !== null);
  const total = budget.reduce((sum, b) => sum + b.oneOff + b.yearly, 0);
  return { coming, startNow, budget, total, size, nextYear: Number(nextYear), horizon };
}
