/**
 * How a regional ambition is measured from the data the platform holds. Pure functions over rows the
 * service reads, so each rule can be tested on its own.
 */

export interface Member {
  id: number;
  name: string;
}

/** A member's standing against the ambition, with what shows it (a strategy, a project), if anything. */
export interface MemberStanding extends Member {
  met: boolean;
  evidence: { title: string; href: string } | null;
}

export type AmbitionState = "met" | "open" | "missed";

export interface Measurement {
  /** A percent (0-100) for the shares, a count for joint projects. */
  value: number;
  unit: "percent" | "count";
  /** Quarter by quarter for the shares (period: the quarter's first day), year by year for projects (period: the year). */
  history: { period: string; value: number }[];
  historyBy: "quarter" | "year";
  members: MemberStanding[];
  /** The day the value and the members' standing are measured on: today, or the deadline once it has passed. */
  measuredOn: string;
  /** The period (as in history) holding the deadline, which a chart of the history reaches. */
  deadlinePeriod: string;
}

/**
 * An ambition measures the state at its deadline: until then it is measured today, afterwards on
 * the deadline, so nothing that happened after it counts towards meeting it.
 */
export const measuredOn = (deadline: string, today: string) => (deadline < today ? deadline : today);

/** Met when the value (measured on `measuredOn`) reaches the target; missed when the deadline has passed without it; open until then. */
export function stateOf(value: number, target: number, deadline: string, today: string): AmbitionState {
  if (value >= target) return "met";
  return deadline < today ? "missed" : "open";
}

const quarterIndex = (d: string) => Number(d.slice(0, 4)) * 4 + Math.floor((Number(d.slice(5, 7)) - 1) / 3);
const quarterAt = (i: number) => `${Math.floor(i / 4)}-${String((i % 4) * 3 + 1).padStart(2, "0")}-01`;

/** The first day of the quarter holding a day. */
export const quarterStart = (day: string) => quarterAt(quarterIndex(day));

/** The first day of every quarter from the one holding `from` to the one holding `to`. */
export function quarterStarts(from: string, to: string): string[] {
  const out: string[] = [];
  for (let i = quarterIndex(from); i <= quarterIndex(to); i++) out.push(quarterAt(i));
  return out;
}

/** How far back a history reaches before the day it is measured on: six years of quarters. */
export const HISTORY_QUARTERS = 24;

/**
 * The quarters a history shows: from the first with data (but no more than six years before the
 * day measured on, and never after it, so the deadline is always in the range) to today's.
 */
export function historyQuarters(firstData: string, on: string, today: string): string[] {
  const first = Math.min(Math.max(quarterIndex(firstData), quarterIndex(on) - HISTORY_QUARTERS + 1), quarterIndex(on));
  return quarterStarts(quarterAt(first), today);
}

/** The last day of the quarter that starts on `start`. */
const quarterEnd = (start: string) => {
  const d = new Date(`${start}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 3, 0);
  return d.toISOString().slice(0, 10);
};

const percentOf = (n: number, of: number) => (of ? (n / of) * 100 : 0);

/**
 * "Every member has an adopted strategy covering `year`": the share of members with an adopted
 * strategy (still current or replaced since) whose period holds the year, adopted by the day
 * measured on; history by the day each member first had one. Drafts have no day of adoption and do
 * not count.
 */
export function measureCoverage(
  members: Member[],
  strategies: {
    id: number;
    organisationId: number | null;
    title: string;
    firstYear: number;
    lastYear: number;
    adoptedOn: string | null;
  }[],
  year: number,
  today: string,
  deadline: string,
): Measurement {
  const on = measuredOn(deadline, today);
  const covering = strategies
    .filter((s) => s.firstYear <= year && s.lastYear >= year && s.adoptedOn && s.adoptedOn <= today)
    .sort((a, b) => (a.adoptedOn! < b.adoptedOn! ? -1 : 1));
  const firstOf = new Map<number, (typeof covering)[number]>();
  for (const s of covering) if (!firstOf.has(s.organisationId!)) firstOf.set(s.organisationId!, s);
  const standings = members.map((m) => {
    const s = firstOf.get(m.id);
    const met = s !== undefined && s.adoptedOn! <= on;
    return { ...m, met, evidence: met ? { title: s.title, href: `/strategies/${s.id}` } : null };
  });
  const days = members.map((m) => firstOf.get(m.id)?.adoptedOn).filter((d): d is string => !!d);
  const history = days.length
    ? historyQuarters([...days].sort()[0]!, on, today).map((start) => ({
        period: start,
        value: percentOf(days.filter((d) => d <= quarterEnd(start)).length, members.length),
      }))
    : [];
  return {
    value: percentOf(standings.filter((s) => s.met).length, members.length),
    unit: "percent",
    history,
    historyBy: "quarter",
    members: standings,
    measuredOn: on,
    deadlinePeriod: quarterStart(deadline),
  };
}

/**
 * "Every member uses national solution X": the share of members whose adoption status is in use on
 * the day measured on (`inUse`, as reported by then); history quarter by quarter from `points`
 * (every quarter from the first report to today's), 0 before the first report.
 */
export function measureAdoption(
  members: Member[],
  inUse: ReadonlySet<number>,
  solution: { id: number; name: string },
  points: { date: string; share: number }[],
  today: string,
  deadline: string,
): Measurement {
  const on = measuredOn(deadline, today);
  const share = new Map(points.map((p) => [p.date, p.share * 100]));
  const standings = members.map((m) => ({
    ...m,
    met: inUse.has(m.id),
    evidence: inUse.has(m.id) ? { title: solution.name, href: `/roadmap/${solution.id}` } : null,
  }));
  return {
    value: percentOf(standings.filter((s) => s.met).length, members.length),
    unit: "percent",
    history: points.length
      ? historyQuarters(points[0]!.date, on, today).map((q) => ({ period: q, value: share.get(q) ?? 0 }))
      : [],
    historyBy: "quarter",
    members: standings,
    measuredOn: on,
    deadlinePeriod: quarterStart(deadline),
  };
}

/**
 * "N joint projects started per year": the network's own projects started in the year of the day
 * measured on (this year, or the deadline's), by that day; the members stand as taking part in one
 * of them or not. History: every year from the first start (at most ten years before the year
 * measured, and never after it) to this one.
 */
export function measureJointProjects(
  members: Member[],
  projects: { id: number; title: string; startDate: string; visibility: string; organisationIds: number[] }[],
  today: string,
  deadline: string,
): Measurement {
  const on = measuredOn(deadline, today);
  const thisYear = Number(today.slice(0, 4));
  const measuredYear = Number(on.slice(0, 4));
  const started = projects.filter((p) => p.startDate <= today);
  const yearOf = (p: { startDate: string }) => Number(p.startDate.slice(0, 4));
  const current = started.filter((p) => yearOf(p) === measuredYear && p.startDate <= on);
  const standings = members.map((m) => {
    const project = current.find((p) => p.organisationIds.includes(m.id));
    // A project that is not public is counted, never named.
    const shown = project?.visibility === "public" ? { title: project.title, href: `/projects/${project.id}` } : null;
    return { ...m, met: project !== undefined, evidence: shown };
  });
  const first = started.length
    ? Math.min(Math.max(Math.min(...started.map(yearOf)), measuredYear - 9), measuredYear)
    : measuredYear;
  const history = [];
  for (let y = first; y <= thisYear; y++)
    history.push({ period: String(y), value: started.filter((p) => yearOf(p) === y).length });
  return {
    value: current.length,
    unit: "count",
    history,
    historyBy: "year",
    members: standings,
    measuredOn: on,
    deadlinePeriod: deadline.slice(0, 4),
  };
}
