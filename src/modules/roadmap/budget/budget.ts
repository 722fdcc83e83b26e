import type { AdoptionStatus, MilestoneKind, SizeClass } from "../schema.ts";

/** Municipalities by inhabitants, as the cost estimates are given. */
export function sizeClassOf(population: number | null): SizeClass {
  const n = population ?? 0;
  return n < 5000 ? "under_5000" : n < 20_000 ? "5000_20000" : n < 50_000 ? "20000_50000" : "over_50000";
}

/** Solutions that cost nothing more: in use already, or of no concern to the organisation. */
export const SETTLED: readonly AdoptionStatus[] = ["in_use", "not_relevant"];

/** The milestones that make an organisation adopt a solution, the most binding first. */
const DUE_KINDS: readonly MilestoneKind[] = ["mandatory", "switch_off", "available"];

/**
 * The year a solution not yet adopted starts to cost an organisation: the year of its own target date
 * when it has planned one; else the year of the solution's most binding milestone (catching up this
 * year when that has passed); null when the solution has no such milestone.
 */
export function dueYear(
  today: string,
  milestones: { kind: MilestoneKind; date: string }[],
  targetDate: string | null | undefined,
): number | null {
  const thisYear = Number(today.slice(0, 4));
  if (targetDate) return Math.max(thisYear, Number(targetDate.slice(0, 4)));
  for (const kind of DUE_KINDS) {
    const first = milestones
      .filter((m) => m.kind === kind)
      .map((m) => m.date)
      .sort()[0];
    if (first) return Math.max(thisYear, Number(first.slice(0, 4)));
  }
  return null;
}

/** What an adoption due in `due` costs in `year`: the one-off amount that year, the yearly amount from then on. */
export const costInYear = (cost: { oneOff: number; yearly: number }, due: number, year: number) =>
  year < due ? 0 : (year === due ? cost.oneOff : 0) + cost.yearly;

export interface BudgetInput {
  today: string;
  /** How many years to show, from this year. */
  span: number;
  members: { id: number; name: string; population: number | null }[];
  solutions: { id: number; name: string }[];
  milestones: { solutionId: number; kind: MilestoneKind; date: string }[];
  costs: { solutionId: number; sizeClass: SizeClass; oneOff: number; yearly: number }[];
  statuses: { organisationId: number; solutionId: number; status: AdoptionStatus; targetDate: string | null }[];
}

/**
 * A network's expected costs per year, per member and per solution, for what its members have not
 * adopted yet: each member's cost estimate for its size class, spread over the years by `dueYear`.
 * Solutions without a cost estimate or a dated milestone cannot be placed and are counted apart.
 */
export function networkBudget(input: BudgetInput) {
  const first = Number(input.today.slice(0, 4));
  const years = Array.from({ length: input.span }, (_, i) => first + i);
  const zero = () => years.map(() => 0);
  const status = new Map(input.statuses.map((s) => [`${s.organisationId}:${s.solutionId}`, s]));
  const cost = new Map(input.costs.map((c) => [`${c.solutionId}:${c.sizeClass}`, c]));
  const bySolution = new Map(input.solutions.map((s) => [s.id, { solution: s, perYear: zero() }]));
  let unplaced = 0;
  const members = input.members.map((member) => {
    const size = sizeClassOf(member.population);
    const perYear = zero();
    for (const solution of input.solutions) {
      const now = status.get(`${member.id}:${solution.id}`);
      if (now && SETTLED.includes(now.status)) continue;
      const estimate = cost.get(`${solution.id}:${size}`);
      if (!estimate) continue;
      const due = dueYear(
        input.today,
        input.milestones.filter((m) => m.solutionId === solution.id),
        now?.status === "planned" ? now.targetDate : null,
      );
      if (due === null) {
        unplaced++;
        continue;
      }
      years.forEach((year, i) => {
        const amount = costInYear(estimate, due, year);
        perYear[i]! += amount;
        bySolution.get(solution.id)!.perYear[i]! += amount;
      });
    }
    return { member, size, perYear, total: perYear.reduce((a, b) => a + b, 0) };
  });
  const totals = years.map((_, i) => members.reduce((sum, m) => sum + m.perYear[i]!, 0));
  return {
    years,
    members,
    solutions: [...bySolution.values()].filter((s) => s.perYear.some((v) => v > 0)),
    totals,
    total: totals.reduce((a, b) => a + b, 0),
    unplaced,
  };
}
