import assert from "node:assert/strict";
import { test } from "node:test";
import {
  historyQuarters,
  measureAdoption,
  measureCoverage,
  measureJointProjects,
  quarterStarts,
  stateOf,
} from "./measurement.ts";

const members = [
  { id: 1, name: "A" },
  { id: 2, name: "B" },
  { id: 3, name: "C" },
  { id: 4, name: "D" },
];

test("quarters run from the one holding the first day to the one holding today", () => {
  assert.deepEqual(quarterStarts("2025-11-20", "2026-04-01"), ["2025-10-01", "2026-01-01", "2026-04-01"]);
});

test("a history reaches at most six years before the day measured on, never starts after it, and runs to today", () => {
  const recent = historyQuarters("2000-01-01", "2026-11-30", "2026-11-30");
  assert.equal(recent.length, 24);
  assert.equal(recent[0], "2021-01-01");
  assert.equal(recent.at(-1), "2026-10-01");
  // A deadline in 2020: the quarters leading up to it are shown, and those since.
  const past = historyQuarters("2000-01-01", "2020-12-31", "2026-11-30");
  assert.equal(past[0], "2015-01-01");
  assert.ok(past.includes("2020-10-01"));
  assert.equal(past.at(-1), "2026-10-01");
  // Data only after the deadline: the history still starts at the deadline's quarter.
  assert.equal(historyQuarters("2023-05-01", "2020-12-31", "2026-11-30")[0], "2020-10-01");
});

test("an ambition is met at its target, missed after its deadline, open until then", () => {
  assert.equal(stateOf(100, 100, "2026-12-31", "2027-01-01"), "met");
  assert.equal(stateOf(99, 100, "2026-12-31", "2026-12-31"), "open");
  assert.equal(stateOf(99, 100, "2026-12-31", "2027-01-01"), "missed");
});

test("coverage counts adopted strategies whose period holds the year, by the day each was adopted", () => {
  const strategy = (id: number, organisationId: number, firstYear: number, lastYear: number, adoptedOn: string) => ({
    id,
    organisationId,
    title: `S${id}`,
    firstYear,
    lastYear,
    adoptedOn,
  });
  const m = measureCoverage(
    members,
    [
      strategy(1, 1, 2024, 2027, "2023-12-10"),
      strategy(2, 2, 2026, 2029, "2026-02-01"),
      strategy(3, 3, 2020, 2023, "2019-12-01"), // ended before the year
      strategy(4, 4, 2026, 2029, "2027-01-01"), // adopted after today: not yet
      strategy(5, 1, 2026, 2030, "2026-03-01"), // a second strategy counts the member once
      { ...strategy(6, 3, 2026, 2029, ""), adoptedOn: null }, // a draft
    ],
    2026,
    "2026-05-15",
    "2026-12-31",
  );
  assert.equal(m.measuredOn, "2026-05-15");
  assert.equal(m.deadlinePeriod, "2026-10-01");
  assert.equal(m.value, 50);
  assert.deepEqual(
    m.members.map((x) => [x.id, x.met, x.evidence?.href ?? null]),
    [
      [1, true, "/strategies/1"],
      [2, true, "/strategies/2"],
      [3, false, null],
      [4, false, null],
    ],
  );
  assert.equal(m.history[0]!.period, "2023-10-01");
  assert.equal(m.history[0]!.value, 25);
  assert.equal(m.history.at(-1)!.period, "2026-04-01");
  assert.equal(m.history.at(-1)!.value, 50);
  assert.deepEqual(measureCoverage([], [], 2026, "2026-05-15", "2026-12-31").value, 0);
});

test("joint projects: started this year, a year at a time, members standing by taking part; a closed project is not named", () => {
  const m = measureJointProjects(
    members,
    [
      { id: 1, title: "Open", startDate: "2026-02-01", visibility: "public", organisationIds: [1] },
      { id: 2, title: "Closed", startDate: "2026-03-01", visibility: "network", organisationIds: [2] },
      { id: 3, title: "Old", startDate: "2024-03-01", visibility: "public", organisationIds: [3] },
      { id: 4, title: "Later", startDate: "2026-12-01", visibility: "public", organisationIds: [4] },
    ],
    "2026-06-01",
    "2027-12-31",
  );
  assert.equal(m.value, 2);
  assert.deepEqual(m.history, [
    { period: "2024", value: 1 },
    { period: "2025", value: 0 },
    { period: "2026", value: 2 },
  ]);
  assert.deepEqual(
    m.members.map((x) => [x.id, x.met, x.evidence?.title ?? null]),
    [
      [1, true, "Open"],
      [2, true, null],
      [3, false, null],
      [4, false, null],
    ],
  );
});

test("an ambition whose deadline has passed is measured on its deadline: what came after does not meet it", () => {
  const strategy = (id: number, organisationId: number, adoptedOn: string) => ({
    id,
    organisationId,
    title: `S${id}`,
    firstYear: 2017,
    lastYear: 2024,
    adoptedOn,
  });
  // "Every member has a strategy covering 2020 by 2020": two adopted in time, two after the deadline.
  const all = [
    strategy(1, 1, "2018-03-01"),
    strategy(2, 2, "2020-12-31"),
    strategy(3, 3, "2021-01-01"),
    strategy(4, 4, "2022-06-01"),
  ];
  const m = measureCoverage(members, all, 2020, "2026-11-30", "2020-12-31");
  assert.equal(m.measuredOn, "2020-12-31");
  assert.equal(m.value, 50);
  assert.equal(stateOf(m.value, 100, "2020-12-31", "2026-11-30"), "missed");
  assert.deepEqual(
    m.members.map((x) => [x.id, x.met, x.evidence?.href ?? null]),
    [
      [1, true, "/strategies/1"],
      [2, true, "/strategies/2"],
      [3, false, null],
      [4, false, null],
    ],
  );
  // The history covers the deadline and the quarters before it (from the first adoption), and runs on to today.
  assert.equal(m.history[0]!.period, "2018-01-01");
  assert.deepEqual(
    m.history.find((h) => h.period === "2020-10-01"),
    { period: "2020-10-01", value: 50 },
  );
  assert.equal(m.history.at(-1)!.period, "2026-10-01");
  assert.equal(m.history.at(-1)!.value, 100);
  assert.equal(m.deadlinePeriod, "2020-10-01");

  // Joint projects per year by 2020: the projects started in 2020, by the deadline.
  const projects = [
    { id: 1, title: "In time", startDate: "2020-03-01", visibility: "public", organisationIds: [1] },
    { id: 2, title: "Too late", startDate: "2021-02-01", visibility: "public", organisationIds: [2] },
  ];
  const p = measureJointProjects(members, projects, "2026-11-30", "2020-12-31");
  assert.equal(p.value, 1);
  assert.deepEqual(
    p.members.filter((x) => x.met).map((x) => x.id),
    [1],
  );
  assert.equal(p.history[0]!.period, "2020");
  assert.equal(p.deadlinePeriod, "2020");
  const byMidYear = measureJointProjects(members, projects, "2026-11-30", "2020-02-01");
  assert.equal(byMidYear.value, 0, "a project started after the deadline's day does not count");

  // A solution in use: the history reaches back before the deadline, 0 before the first report.
  const a = measureAdoption(
    members,
    new Set([1]),
    { id: 9, name: "X" },
    [{ date: "2021-01-01", share: 0.5 }],
    "2021-03-01",
    "2020-06-30",
  );
  assert.equal(a.value, 25);
  assert.deepEqual(a.history.slice(0, 2), [
    { period: "2020-04-01", value: 0 },
    { period: "2020-07-01", value: 0 },
  ]);
  assert.equal(a.history.at(-1)!.value, 50);
});
