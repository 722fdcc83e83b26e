import type { KeySuffix } from "../../../platform/i18n/i18n.ts";
import type { PartKind } from "../plan/parts.ts";

/** A field of a strategy or of one of its parts, as the change list names it (`strategy.field.<name>`). */
export type ChangedField = KeySuffix<"strategy.field">;
type Values = Partial<Record<ChangedField, string>>;

/** A field that differs, with its value before and after, as text ("" when empty). */
export interface FieldChange {
  field: ChangedField;
  before: string;
  after: string;
}

export interface Change {
  kind: PartKind;
  change: "added" | "removed" | "changed";
  /** The part's title (a measure's description): the new one when it changed. */
  title: string;
  /** For a changed part: the fields that differ. */
  fields: FieldChange[];
}

interface Part {
  id: number;
  /** The part of the previous revision this one was copied from. */
  originId: number | null;
  title: string;
  values: Values;
  /** What a link field is compared by, where that is not its text: the identities it points to. */
  keys?: Values;
}

/** The fields whose text (or, for links, identity) differs, in the order given. */
function differences(before: Values, after: Values, keys?: [Part["keys"], Part["keys"]]): FieldChange[] {
  const key = (side: 0 | 1, f: ChangedField) => keys?.[side]?.[f] ?? (side === 0 ? before[f] : after[f]);
  return (Object.keys(after) as ChangedField[])
    .filter((f) => key(0, f) !== key(1, f))
    .map((field) => ({ field, before: before[field] ?? "", after: after[field] ?? "" }));
}

/**
 * Parts are matched by identity: a part of the later revision is the one of the earlier revision it
 * was copied from. A copy whose fields differ is changed; a part copied from nothing is added, and a
 * part nothing was copied from is removed.
 */
function compareParts(kind: PartKind, before: Part[], after: Part[]): Change[] {
  const earlier = new Map(before.map((p) => [p.id, p]));
  const kept = new Set<number>();
  const changes: Change[] = [];
  for (const p of after) {
    const was = p.originId === null ? undefined : earlier.get(p.originId);
    if (!was) {
      changes.push({ kind, change: "added", title: p.title, fields: [] });
      continue;
    }
    kept.add(was.id);
    const fields = differences(was.values, p.values, [was.keys, p.keys]);
    if (fields.length) changes.push({ kind, change: "changed", title: p.title, fields });
  }
  for (const p of before) if (!kept.has(p.id)) changes.push({ kind, change: "removed", title: p.title, fields: [] });
  return changes;
}

export interface Comparable {
  strategy: { title: string; firstYear: number; lastYear: number; vision: string };
  goals: { id: number; originId: number | null; title: string; description: string }[];
  focusAreas: { id: number; originId: number | null; title: string; why: string; what: string; goalIds: number[] }[];
  measures: {
    id: number;
    originId: number | null;
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
    projects?: { title: string }[];
    benefits?: { title: string }[];
  }[];
}

const list = (values: (string | undefined)[]) =>
  values
    .filter((v): v is string => Boolean(v))
    .sort((a, b) => a.localeCompare(b, "nb"))
    .join(", ");

/**
 * What changed from one revision of a strategy to the next: its details, and the goals, focus areas
 * and measures added, removed or changed, each changed field with its value before and after. Parts
 * are matched by the part they were copied from (their ids differ between revisions), so an edited
 * title is a change, not a removal and an addition. Links (a focus area's goals, a measure's focus
 * area) are compared by the identity of the parts they point to, and shown by their titles.
 */
export function compareRevisions(before: Comparable, after: Comparable) {
  const details = differences(
    Object.fromEntries((["title", "firstYear", "lastYear", "vision"] as const).map((f) => [f, String(before.strategy[f])])),
    Object.fromEntries((["title", "firstYear", "lastYear", "vision"] as const).map((f) => [f, String(after.strategy[f])])),
  );
  // A linked part's identity: in the earlier revision its id, in the later the id it was copied from.
  const identity = (later: boolean, p: { id: number; originId: number | null }) =>
    later ? (p.originId === null ? `new${p.id}` : String(p.originId)) : String(p.id);
  const goals = (d: Comparable): Part[] =>
    d.goals.map((g) => ({
      id: g.id,
      originId: g.originId,
      title: g.title,
      values: { title: g.title, description: g.description },
    }));
  const areas = (d: Comparable, later: boolean): Part[] => {
    const byId = new Map(d.goals.map((g) => [g.id, g]));
    return d.focusAreas.map((a) => ({
      id: a.id,
      originId: a.originId,
      title: a.title,
      values: { title: a.title, why: a.why, what: a.what, goals: list(a.goalIds.map((id) => byId.get(id)?.title)) },
      keys: {
        goals: a.goalIds
          .map((id) => byId.get(id))
          .filter((g) => g !== undefined)
          .map((g) => identity(later, g))
          .sort()
          .join(),
      },
    }));
  };
  const measures = (d: Comparable, later: boolean): Part[] => {
    const byId = new Map(d.focusAreas.map((a) => [a.id, a]));
    return d.measures.map((m) => ({
      id: m.id,
      originId: m.originId,
      title: m.description,
      keys: { focusArea: m.focusAreaId && byId.has(m.focusAreaId) ? identity(later, byId.get(m.focusAreaId)!) : "" },
      values: {
        description: m.description,
        focusArea: m.focusAreaId ? (byId.get(m.focusAreaId)?.title ?? "") : "",
        goal: m.goal,
        indicator: m.indicator,
        expectedBenefits: m.expectedBenefits,
        responsible: [m.responsibleName, m.responsible].filter(Boolean).join(", "),
        deadline: m.deadlineDate ?? (m.deadlineYear === null ? "" : String(m.deadlineYear)),
        years: [...m.years].sort((a, b) => a - b).join(", "),
        projects: list((m.projects ?? []).map((p) => p.title)),
        benefits: list((m.benefits ?? []).map((b) => b.title)),
      },
    }));
  };
  return {
    details,
    parts: [
      ...compareParts("goal", goals(before), goals(after)),
      ...compareParts("focusArea", areas(before, false), areas(after, true)),
      ...compareParts("measure", measures(before, false), measures(after, true)),
    ],
  };
}
