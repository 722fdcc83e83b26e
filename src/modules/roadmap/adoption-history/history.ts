import type { AdoptionStatus } from "../schema.ts";

export interface HistoryRow {
  organisationId: number;
  status: AdoptionStatus;
  at: Date;
}

const quarterOf = (d: Date) => ({ year: d.getUTCFullYear(), quarter: Math.floor(d.getUTCMonth() / 3) + 1 });

/**
 * Where a group of organisations stood with one solution at the end of every quarter, from the
 * quarter of the first report to the current one: each organisation counts with the last status it
 * had reported by then. Shares are of the whole group, by count and weighted by inhabitants.
 */
export function adoptionOverTime(rows: HistoryRow[], organisations: { id: number; population: number | null }[], now: Date) {
  const inScope = new Map(organisations.map((o) => [o.id, o.population ?? 0]));
  const relevant = rows.filter((r) => inScope.has(r.organisationId)).sort((a, b) => a.at.getTime() - b.at.getTime());
  if (relevant.length === 0) return [];
  const population = [...inScope.values()].reduce((a, b) => a + b, 0);
  const start = quarterOf(relevant[0]!.at);
  const end = quarterOf(now);
  const points = [];
  const current = new Map<number, AdoptionStatus>();
  let next = 0;
  for (let { year, quarter } = start; year < end.year || (year === end.year && quarter <= end.quarter); ) {
    const after = new Date(Date.UTC(year, quarter * 3, 1));
    while (next < relevant.length && relevant[next]!.at < after) {
      current.set(relevant[next]!.organisationId, relevant[next]!.status);
      next++;
    }
    const count = (status: AdoptionStatus) => [...current.values()].filter((s) => s === status).length;
    const inUse = [...current].filter(([, s]) => s === "in_use");
    const inhabitants = inUse.reduce((sum, [id]) => sum + (inScope.get(id) ?? 0), 0);
    points.push({
      /** The quarter's first day, for periodLabel. */
      date: `${year}-${String((quarter - 1) * 3 + 1).padStart(2, "0")}-01`,
      inUse: inUse.length,
      inProgress: count("in_progress"),
      planned: count("planned"),
      reported: current.size,
      share: organisations.length ? inUse.length / organisations.length : 0,
      inhabitantShare: population ? inhabitants / population : 0,
    });
    if (quarter === 4) {
      year++;
      quarter = 1;
    } else quarter++;
  }
  return points;
}
