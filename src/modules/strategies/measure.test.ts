import assert from "node:assert/strict";
import { test } from "node:test";
import { measureCoverage, measureJointProjects, quarterStarts, stateOf } from "./ambitions.ts";

const members = [
  { id: 1, name: "A" },
  { id: 2, name: "B" },
  { id: 3, name: "C" },
  { id: 4, name: "D" },
];

test("quarters run from the one holding the first day to the one holding today, at most the last 24", () => {
  assert.deepEqual(quarterStarts("2025-11-20", "2026-04-01"), ["2025-10-01", "2026-01-01", "2026-04-01"]);
  const long = quarterStarts("2000-01-01", "2026-11-30");
  assert.equal(long.length, 24);
  assert.equal(long.at(-1), "2026-10-01");
  assert.equal(long[0], "2021-01-01");
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
  );
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
  assert.deepEqual(measureCoverage([], [], 2026, "2026-05-15").value, 0);
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
