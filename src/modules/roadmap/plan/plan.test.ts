import assert from "node:assert/strict";
import { test } from "node:test";
import { adoptionOverTime } from "../adoption-history/history.ts";
import { costInYear, dueYear, networkBudget, sizeClassOf } from "../budget/budget.ts";
import { municipalityPlan } from "./plan.ts";

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
  const plan = municipalityPlan({
    ...base,
    population: 12_000,
    statuses: [{ solutionId: 3, status: "in_use", targetDate: null }],
  });
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
  const done = municipalityPlan({
    ...base,
    population: 900,
    statuses: [{ solutionId: 1, status: "not_relevant", targetDate: null }],
  });
  assert.ok(!done.coming.some((m) => m.solutionId === 1), "not relevant: not on its roadmap");
});

test("a network's budget: each member's estimate placed in the year the solution is due, for what it has not adopted", () => {
  const budget = networkBudget({
    today: base.today,
    span: 4,
    members: [
      { id: 100, name: "Liten", population: 900 },
      { id: 200, name: "Middels", population: 12_000 },
      { id: 300, name: "Ferdig", population: 12_000 },
    ],
    solutions: base.solutions,
    milestones: base.milestones,
    costs: base.costs,
    statuses: [
      { organisationId: 200, solutionId: 3, status: "planned", targetDate: "2028-05-01" },
      { organisationId: 300, solutionId: 1, status: "in_use", targetDate: null },
      { organisationId: 300, solutionId: 3, status: "not_relevant", targetDate: null },
    ],
  });
  assert.deepEqual(budget.years, [2026, 2027, 2028, 2029]);
  const row = (id: number) => budget.members.find((m) => m.member.id === id)!.perYear;
  // Digital postkasse is mandatory in 2027: the one-off then, the yearly amount from then on.
  assert.deepEqual(row(100), [0, 25_000, 5_000, 5_000]);
  // Altinn is planned for 2028 by its own target date, not by the solution's 2027 milestone.
  assert.deepEqual(row(200), [0, 50_000, 12_000, 11_000]);
  assert.deepEqual(row(300), [0, 0, 0, 0], "in use or not relevant costs nothing more");
  assert.deepEqual(budget.totals, [0, 75_000, 17_000, 16_000]);
  assert.equal(budget.total, 108_000);
  assert.deepEqual(
    budget.solutions.map((s) => [s.solution.name, s.perYear]),
    [
      ["Digital postkasse", [0, 75_000, 15_000, 15_000]],
      ["Altinn", [0, 0, 2_000, 1_000]],
    ],
  );
});

test("a solution whose mandatory date has passed is due this year for those who have not adopted it", () => {
  assert.equal(dueYear("2026-11-23", [{ kind: "mandatory", date: "2024-01-01" }], null), 2026);
  assert.equal(dueYear("2026-11-23", [{ kind: "pilot", date: "2027-01-01" }], null), null, "a pilot does not make it due");
  assert.equal(dueYear("2026-11-23", [{ kind: "available", date: "2028-01-01" }], "2027-02-01"), 2027);
  assert.equal(costInYear({ oneOff: 10, yearly: 1 }, 2027, 2026), 0);
  assert.equal(costInYear({ oneOff: 10, yearly: 1 }, 2027, 2027), 11);
  assert.equal(costInYear({ oneOff: 10, yearly: 1 }, 2027, 2030), 1);
});

test("adoption over time: each organisation counts with the last status it had reported by each quarter's end", () => {
  const at = (iso: string) => new Date(`${iso}T12:00:00Z`);
  const points = adoptionOverTime(
    [
      { organisationId: 1, status: "planned", at: at("2025-02-10") },
      { organisationId: 1, status: "in_use", at: at("2025-08-01") },
      { organisationId: 2, status: "in_progress", at: at("2025-05-05") },
      { organisationId: 2, status: "in_use", at: at("2025-12-31") },
      { organisationId: 9, status: "in_use", at: at("2024-01-01") },
    ],
    [
      { id: 1, population: 1000 },
      { id: 2, population: 3000 },
      { id: 3, population: null },
    ],
    at("2026-01-15"),
  );
  assert.deepEqual(
    points.map((p) => [p.date, p.inUse, p.inProgress, p.planned, p.reported]),
    [
      ["2025-01-01", 0, 0, 1, 1],
      ["2025-04-01", 0, 1, 1, 2],
      ["2025-07-01", 1, 1, 0, 2],
      ["2025-10-01", 2, 0, 0, 2],
      ["2026-01-01", 2, 0, 0, 2],
    ],
    "organisation 9 is outside the group and left out",
  );
  assert.equal(points[2]!.share, 1 / 3);
  assert.equal(points[2]!.inhabitantShare, 0.25);
  assert.equal(points[3]!.inhabitantShare, 1);
  assert.deepEqual(adoptionOverTime([], [{ id: 1, population: 1 }], at("2026-01-15")), []);
});
