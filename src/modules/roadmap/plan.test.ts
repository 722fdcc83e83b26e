import assert from "node:assert/strict";
import { test } from "node:test";
import { municipalityPlan, sizeClassOf } from "./plan.ts";

const base = {
  today: "2026-11-23",
  solutions: [
    { id: 1, name: "Digital postkasse" },
    { id: 2, name: "DigiSos" },
    { id: 3, name: "Altinn" },
  ],
  milestones: [
    { id: 10, solutionId: 1, kind: "mandatory" as const, label: "", date: "2027-07-01", precision: "quarter" as const },
    { id: 11, solutionId: 2, kind: "mandatory" as const, label: "", date: "2029-01-01", precision: "year" as const },
    { id: 12, solutionId: 3, kind: "available" as const, label: "", date: "2027-03-01", precision: "month" as const },
    { id: 13, solutionId: 1, kind: "pilot" as const, label: "", date: "2025-01-01", precision: "year" as const },
  ],
  tasks: [
    { solutionId: 1, kind: "contract" as const, description: "", beforeKind: "mandatory" as const, leadMonths: 9 },
    { solutionId: 1, kind: "training" as const, description: "", beforeKind: "mandatory" as const, leadMonths: 2 },
    { solutionId: 2, kind: "integration" as const, description: "", beforeKind: "mandatory" as const, leadMonths: 12 },
  ],
  costs: [
    { solutionId: 1, sizeClass: "5000_20000" as const, oneOff: 40_000, yearly: 10_000 },
    { solutionId: 1, sizeClass: "under_5000" as const, oneOff: 20_000, yearly: 5_000 },
    { solutionId: 3, sizeClass: "5000_20000" as const, oneOff: 1_000, yearly: 1_000 },
  ],
};

test("size classes follow the number of inhabitants", () => {
  assert.equal(sizeClassOf(4999), "under_5000");
  assert.equal(sizeClassOf(5000), "5000_20000");
  assert.equal(sizeClassOf(20_000), "20000_50000");
  assert.equal(sizeClassOf(50_000), "over_50000");
  assert.equal(sizeClassOf(null), "under_5000");
});

test("a municipality's plan: what is coming, what to start now (late or within three months), and next year's cost for its size", () => {
  const plan = municipalityPlan({ ...base, population: 12_000, statuses: [{ solutionId: 3, status: "in_use" }] });
  assert.deepEqual(
    plan.coming.map((m) => m.id),
    [10],
    "Altinn is in use and left out; DigiSos is beyond 24 months; the past pilot is over",
  );
  assert.deepEqual(
    plan.startNow.map((t) => [t.kind, t.startBy, t.late]),
    [["contract", "2026-10-01", true]],
    "the contract should have started; training starts in May, not now",
  );
  assert.equal(plan.size, "5000_20000");
  assert.deepEqual(
    plan.budget.map((b) => [b.solution, b.oneOff, b.yearly]),
    [["Digital postkasse", 40_000, 10_000]],
  );
  assert.equal(plan.total, 50_000);
  const small = municipalityPlan({ ...base, population: 900, statuses: [] });
  assert.equal(small.total, 25_000 + 0, "the small municipality's estimate; Altinn has none for its size");
  const done = municipalityPlan({ ...base, population: 900, statuses: [{ solutionId: 1, status: "not_relevant" }] });
  assert.ok(!done.coming.some((m) => m.solutionId === 1), "not relevant: not on its roadmap");
});
