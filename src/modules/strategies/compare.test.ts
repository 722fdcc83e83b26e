import assert from "node:assert/strict";
import { test } from "node:test";
import { type Comparable, compareRevisions } from "./compare.ts";

const measure = (description: string, extra: Partial<Comparable["measures"][number]> = {}) => ({
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
  goals: [{ id: 1, title: "Mål A", description: "" }],
  focusAreas: [{ id: 10, title: "Område", why: "Fordi", what: "Dette", goalIds: [1] }],
  measures: [measure("Tiltak 1"), measure("Tiltak 2")],
};

test("revisions are compared part by part, by title, whatever their ids", () => {
  const after: Comparable = {
    strategy: { ...before.strategy, lastYear: 2028 },
    goals: [
      { id: 5, title: "Mål A", description: "" },
      { id: 6, title: "Mål B", description: "Nytt" },
    ],
    focusAreas: [{ id: 50, title: "Område", why: "Fordi", what: "Dette og meir", goalIds: [5, 6] }],
    measures: [measure("Tiltak 1", { focusAreaId: 50 }), measure("Tiltak 3", { focusAreaId: 50 })],
  };
  const diff = compareRevisions(before, after);
  assert.deepEqual(diff.details, ["lastYear"]);
  assert.deepEqual(
    diff.parts.map((c) => [c.kind, c.change, c.title, c.fields.join(",")]),
    [
      ["goal", "added", "Mål B", ""],
      ["focusArea", "changed", "Område", "what,goals"],
      ["measure", "added", "Tiltak 3", ""],
      ["measure", "removed", "Tiltak 2", ""],
    ],
    "Tiltak 1 moved to the copy of its focus area: not a change",
  );
  assert.deepEqual(compareRevisions(before, before), { details: [], parts: [] });
});
