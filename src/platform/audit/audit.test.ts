import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { desc, eq } from "drizzle-orm";
import { createTestApp, Session, type TestApp } from "../../../test/support/app.ts";
import { auditLog } from "../schema.ts";

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

test("a change through a page records who, when, what, before and after, the request and a hash of the IP", async () => {
  const s = await new Session(t.app).login();
  const created = await s.api("POST", "/api/v1/people", { name: "Revisjon Testesen" });
  const id = created.json().id;
  const res = await t.app.inject({
    method: "PATCH",
    url: `/api/v1/people/${id}`,
    headers: { cookie: s.cookies, "content-type": "application/json", "x-request-id": "req-audit-1" },
    payload: JSON.stringify({ title: "Rådgjevar" }),
  });
  assert.equal(res.statusCode, 200);
  const [entry] = await t.database.db
    .select()
    .from(auditLog)
    .where(eq(auditLog.entityId, String(id)))
    .orderBy(desc(auditLog.id))
    .limit(1);
  assert.equal(entry!.entity, "person");
  assert.equal(entry!.action, "update");
  assert.equal(entry!.actorLabel, "Test Admin");
  assert.deepEqual(entry!.before, { title: "" });
  assert.deepEqual(entry!.after, { title: "Rådgjevar" });
  assert.equal(entry!.requestId, "req-audit-1");
  assert.match(entry!.ipHash ?? "", /^[\w-]{24}$/);
  assert.ok(!JSON.stringify(entry).includes("127.0.0.1"), "the IP address itself is not stored");
});

/** Drizzle wraps the database's own error; the refusal is in its cause. */
const refusedAsAppendOnly = (error: unknown) => /append-only/.test(String((error as { cause?: unknown }).cause ?? error));

test("the audit trail is append-only: the database refuses updates and deletes", async () => {
  const [entry] = await t.database.db.select().from(auditLog).limit(1);
  await assert.rejects(
    t.database.db.update(auditLog).set({ actorLabel: "someone else" }).where(eq(auditLog.id, entry!.id)),
    refusedAsAppendOnly,
  );
  await assert.rejects(t.database.db.delete(auditLog).where(eq(auditLog.id, entry!.id)), refusedAsAppendOnly);
  const [still] = await t.database.db.select().from(auditLog).where(eq(auditLog.id, entry!.id));
  assert.deepEqual(still, entry);
});

test("administrators search the whole trail by kind, action, actor and date, and export it", async () => {
  assert.equal((await t.app.inject({ url: "/admin/audit" })).statusCode, 303, "anonymous visitors sign in first");
  const s = await new Session(t.app).login();
  const all = await s.get("/admin/audit?lang=en");
  assert.equal(all.statusCode, 200);
  const people = await s.get("/admin/audit?entity=person&action=update&actor=Test&lang=en");
  assert.ok(people.body.includes("Rådgjevar"));
  assert.match(people.body, /1 in all/);
  const today = new Date().toISOString().slice(0, 10);
  const none = await s.get("/admin/audit?from=2001-01-01&to=2001-12-31&lang=en");
  assert.match(none.body, /0 in all/);
  const csv = await s.get(`/admin/audit.csv?entity=person&from=${today}`);
  assert.equal(csv.statusCode, 200);
  assert.ok(csv.body.includes("req-audit-1"));
  assert.equal((await s.get("/admin/audit?from=yesterday")).statusCode, 400);
});
