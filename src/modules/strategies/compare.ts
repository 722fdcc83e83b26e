export type PartKind = "goal" | "focusArea" | "measure";

export interface Change {
  kind: PartKind;
  change: "added" | "removed" | "changed";
  title: string;
  /** For a changed part: the fields that differ. */
  fields: string[];
}

interface Part {
  title: string;
  values: Record<string, unknown>;
}

/** Parts are matched by their title; what differs in the rest of their fields makes them changed. */
function compareParts(kind: PartKind, before: Part[], after: Part[]): Change[] {
  const earlier = new Map(before.map((p) => [p.title, p]));
  const later = new Map(after.map((p) => [p.title, p]));
  const changes: Change[] = [];
  for (const p of after) {
    const was = earlier.get(p.title);
    if (!was) changes.push({ kind, change: "added", title: p.title, fields: [] });
    else {
      const fields = Object.keys(p.values).filter((f) => JSON.stringify(p.values[f]) !== JSON.stringify(was.values[f]));
      if (fields.length) changes.push({ kind, change: "changed", title: p.title, fields });
    }
  }
  for (const p of before) if (!later.has(p.title)) changes.push({ kind, change: "removed", title: p.title, fields: [] });
  return changes;
}

export interface Comparable {
  strategy: { title: string; firstYear: number; lastYear: number; vision: string };
  goals: { id: number; title: string; description: string }[];
  focusAreas: { id: number; title: string; why: string; what: string; goalIds: number[] }[];
  measures: {
    description: string;
    focusAreaId: number | null;
    goal: string;
    indicator: string;
    expectedBenefits: string;
    responsible: string;
    responsibleName: string | null;
    deadlineYear: number | null;
    deadlineDate: string | null;
    years: number[];
  }[];
}

/**
 * What changed from one revision of a strategy to the next: its details, and the goals, focus areas
 * and measures added, removed or changed. Ids differ between revisions, so parts are compared by
 * their titles and links by the titles they point to.
 */
export function compareRevisions(before: Comparable, after: Comparable) {
  const details = (["title", "firstYear", "lastYear", "vision"] as const).filter((f) => before.strategy[f] !== after.strategy[f]);
  const goalTitle = (d: Comparable) => new Map(d.goals.map((g) => [g.id, g.title]));
  const areaTitle = (d: Comparable) => new Map(d.focusAreas.map((a) => [a.id, a.title]));
  const goals = (d: Comparable) => d.goals.map((g) => ({ title: g.title, values: { description: g.description } }));
  const areas = (d: Comparable) => {
    const names = goalTitle(d);
    return d.focusAreas.map((a) => ({
      title: a.title,
      values: { why: a.why, what: a.what, goals: a.goalIds.map((id) => names.get(id)).sort() },
    }));
  };
  const measures = (d: Comparable) => {
    const names = areaTitle(d);
    return d.measures.map((m) => ({
      title: m.description,
      values: {
        focusArea: m.focusAreaId ? names.get(m.focusAreaId) : null,
        goal: m.goal,
        indicator: m.indicator,
        expectedBenefits: m.expectedBenefits,
        responsible: [m.responsibleName, m.responsible],
        deadline: m.deadlineDate ?? m.deadlineYear,
        years: m.years,
      },
    }));
  };
  return {
    details,
    parts: [
      ...compareParts("goal", goals(before), goals(after)),
      ...compareParts("focusArea", areas(before), areas(after)),
      ...compareParts("measure", measures(before), measures(after)),
    ],
  };
}
