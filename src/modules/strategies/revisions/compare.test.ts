import assert from "node:assert/strict";
import { test } from "node:test";
import { type Comparable, compareRevisions } from "./compare.ts";

type MeasureRow = Comparable["measures"][number];
const measure = (id: number, originId: number | null, description: string, extra: Partial<MeasureRow> = {}): MeasureRow => ({
  id,
  originId,
  description,
  focusAreaId: 10,
  goal: "",
  indicator: "",
  expectedBenefits: "",
  responsible: "",
  responsibleName: null,
  deadlineYear: 2027,
  deadlineDate: null,
  years: [],
  ...extra,
});

const before: Comparable = {
  strategy: { title: "Strategi", firstYear: 2024, lastYear: 2027, vision: "V" },
  goals: [{ id: 1, originId: null, title: "Mål A", description: "" }],
  focusAreas: [{ id: 10, originId: null, title: "Område", why: "Fordi", what: "Dette", goalIds: [1] }],
  measures: [measure(100, null, "Tiltak 1"), measure(101, null, "Tiltak 2")],
};

const summary = (diff: ReturnType<typeof compareRevisions>) =>
  diff.parts.map((c) => [c.kind, c.change, c.title, c.fields.map((f) => `${f.field}: ${f.before} → ${f.after}`).join("; ")]);

test("revisions are compared part by part, by the part each was copied from, whatever their ids", () => {
  const after: Comparable = {
    strategy: { ...before.strategy, lastYear: 2028 },
    goals: [
      { id: 5, originId: 1, title: "Mål A", description: "" },
      { id: 6, originId: null, title: "Mål B", description: "Nytt" },
    ],
    focusAreas: [{ id: 50, originId: 10, title: "Område", why: "Fordi", what: "Dette og meir", goalIds: [5, 6] }],
    measures: [measure(200, 100, "Tiltak 1", { focusAreaId: 50 }), measure(201, null, "Tiltak 3", { focusAreaId: 50 })],
  };
  const diff = compareRevisions(before, after);
  assert.deepEqual(diff.details, [{ field: "lastYear", before: "2027", after: "2028" }]);
  assert.deepEqual(
    summary(diff),
    [
      ["goal", "added", "Mål B", ""],
      ["focusArea", "changed", "Område", "what: Dette → Dette og meir; goals: Mål A → Mål A, Mål B"],
      ["measure", "added", "Tiltak 3", ""],
      ["measure", "removed", "Tiltak 2", ""],
    ],
    "Tiltak 1 moved to the copy of its focus area: not a change",
  );
  assert.deepEqual(compareRevisions(before, before).details, []);
});

test("an edited title or measure text is a change of that part, with each changed field before and after", () => {
  const after: Comparable = {
    strategy: before.strategy,
    goals: [{ id: 5, originId: 1, title: "Mål A, skjerpa", description: "" }],
    focusAreas: [{ id: 50, originId: 10, title: "Område", why: "Fordi", what: "Dette", goalIds: [5] }],
    measures: [
      measure(200, 100, "Tiltak 1, omskrive", {
        focusAreaId: 50,
        deadlineYear: null,
        deadlineDate: "2027-06-30",
        years: [2026, 2025],
      }),
      measure(201, 101, "Tiltak 2", { focusAreaId: 50 }),
    ],
  };
  assert.deepEqual(summary(compareRevisions(before, after)), [
    ["goal", "changed", "Mål A, skjerpa", "title: Mål A → Mål A, skjerpa"],
    // The focus area points to the same goal, renamed: its link did not change.
    [
      "measure",
      "changed",
      "Tiltak 1, omskrive",
      "description: Tiltak 1 → Tiltak 1, omskrive; deadline: 2027 → 2027-06-30; years:  → 2025, 2026",
    ],
  ]);
});

test("a part that was not copied (a strategy started from a template, or before the revision) is added or removed", () => {
  const after: Comparable = {
    strategy: before.strategy,
    goals: [{ id: 5, originId: 1, title: "Mål A", description: "" }],
    focusAreas: [{ id: 50, originId: 10, title: "Område", why: "Fordi", what: "Dette", goalIds: [5] }],
    measures: [measure(200, null, "Tiltak 1", { focusAreaId: 50 }), measure(201, 101, "Tiltak 2", { focusAreaId: 50 })],
  };
  assert.deepEqual(summary(compareRevisions(before, after)), [
    ["measure", "added", "Tiltak 1", ""],
    ["measure", "removed", "Tiltak 1", ""],
  ]);
});
