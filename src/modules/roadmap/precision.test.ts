import assert from "node:assert/strict";
import { test } from "node:test";
import { i18nFor } from "../../platform/i18n/i18n.ts";
import { periodEnd, periodLabel, startsPeriod } from "./precision.ts";

test("a date and its precision: the first day of the period, labelled as exactly as it is known", () => {
  assert.ok(startsPeriod("2027-07-01", "quarter"));
  assert.ok(!startsPeriod("2027-08-01", "quarter"));
  assert.ok(!startsPeriod("2027-07-15", "month"));
  assert.ok(startsPeriod("2027-07-01", "half_year"));
  assert.ok(!startsPeriod("2027-04-01", "half_year"));
  assert.ok(startsPeriod("2028-01-01", "year"));
  assert.ok(startsPeriod("2027-07-15", "day"));
  assert.equal(periodEnd("2027-07-01", "quarter"), "2027-09-30");
  assert.equal(periodEnd("2028-01-01", "year"), "2028-12-31");
  assert.equal(periodEnd("2027-02-01", "month"), "2027-02-28");
  const en = i18nFor("en");
  assert.equal(periodLabel(en, "2027-07-01", "quarter"), "Q3 2027");
  assert.equal(periodLabel(en, "2027-07-01", "half_year"), "H2 2027");
  assert.equal(periodLabel(en, "2027-03-01", "month"), "March 2027");
  assert.equal(periodLabel(i18nFor("nn"), "2027-07-01", "quarter"), "3. kvartal 2027");
});
