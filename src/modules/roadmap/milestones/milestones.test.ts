import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { count } from "drizzle-orm";
import { createTestApp, Session, type TestApp } from "../../../../test/support/app.ts";
import { auditLog } from "../../../platform/schema.ts";
import { milestoneChanges } from "../schema.ts";

let t: TestApp;

before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const auditCount = async () => (await t.database.db.select({ n: count() }).from(auditLog))[0]!.n;
const admin = () => new Session(t.app).login();
const idOf = async (key: string) => (await t.app.services.roadmap.list({})).find((i) => i.solution.key === key)!.solution.id;

test("milestones: a date that contradicts its precision is refused; a move is kept and shown as where it came from", async () => {
  const id = await idOf("krr");
  const s = await admin();
  await s.get(`/roadmap/${id}`);
  const before = await auditCount();
  const wrong = await s.post(`/roadmap/${id}/milestones?lang=en`, {
    kind: "mandatory",
    date: "2027-08-15",
    precision: "quarter",
  });
  assert.equal(wrong.statusCode, 422);
  assert.match(wrong.body, /The date does not fit its precision/);
  assert.match(wrong.body, /value="2027-08-15"/, "the typed date comes back");
  const custom = await s.post(`/roadmap/${id}/milestones?lang=en`, {
    kind: "custom",
    label: "",
    date: "2027-01-01",
    precision: "year",
  });
  assert.equal(custom.statusCode, 422, "a custom milestone needs its name");
  assert.equal(await auditCount(), before, "nothing saved");
  assert.equal(
    (await s.post(`/roadmap/${id}/milestones`, { kind: "mandatory", date: "2027-01-01", precision: "quarter" })).statusCode,
    303,
  );
  const [milestone] = (await t.app.services.roadmap.get(id)).milestones;
  assert.equal(
    (
      await s.post(`/roadmap/${id}/milestones/${milestone!.id}`, {
        kind: "mandatory",
        date: "2027-07-01",
        precision: "quarter",
        note: "Utsett",
      })
    ).statusCode,
    303,
  );
  const moves = await t.database.db.select().from(milestoneChanges);
  assert.ok(moves.some((m) => m.milestoneId === milestone!.id && m.fromDate === "2027-01-01" && m.toDate === "2027-07-01"));
  const page = await new Session(t.app).get(`/roadmap/${id}?lang=en`);
  assert.match(page.body, /Mandatory from<\/strong>: Q3 2027/);
  assert.match(page.body, /Moved from Q1 2027 to Q3 2027 by Test Admin/);
  const api = await new Session(t.app).api("GET", `/api/v1/national-solutions/${id}`);
  assert.equal(api.json().milestones[0].moves[0].fromDate, "2027-01-01");
  const apiWrong = await s.api("POST", `/api/v1/national-solutions/${id}/milestones`, {
    kind: "pilot",
    date: "2027-02-01",
    precision: "year",
  });
  assert.equal(apiWrong.statusCode, 422);
  assert.equal(apiWrong.json().error.fields[0].field, "date");
});
