import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { count, eq } from "drizzle-orm";
import { PASSWORD, testAccount } from "../../../test/support/accounts.ts";
import { createTestApp, Session, type TestApp } from "../../../test/support/app.ts";
import { consultationInputs } from "../../modules/consultations/schema.ts";
import { projects } from "../../modules/projects/schema.ts";
import { systemActor } from "../access/actor.ts";
import { osloParts } from "../i18n/i18n.ts";
import { formSubmissions } from "../schema.ts";

let t: TestApp;
let rogaland: { id: number; slug: string };

before(async () => {
  t = await createTestApp();
  rogaland = (await t.app.services.networks.bySlug("digi-rogaland"))!;
  await testAccount(t.app, t.database.db, "sek@once.example", { networkId: rogaland.id, role: "secretariat" });
});
after(() => t.close());

const day = (offset: number) => osloParts(new Date(Date.now() + offset * 24 * 3600_000)).date;
/** A form token handed out ten seconds ago, as the page gives one to a person who fills it in. */
const oldToken = (consultationId: number) =>
  t.app.services.consultations.formToken(consultationId, new Date(Date.now() - 10_000));
const inputsOf = async (consultationId: number) =>
  (
    await t.database.db
      .select({ n: count() })
      .from(consultationInputs)
      .where(eq(consultationInputs.consultationId, consultationId))
  )[0]!.n;

async function openConsultation() {
  const actor = systemActor("test");
  const s = await t.app.services.strategies.create(
    actor,
    { networkId: rogaland.id },
    { title: "Utkast", firstYear: 2027, lastYear: 2028 },
  );
  assert.ok(s.ok);
  await t.app.services.strategies.addFocusArea(actor, s.value.id, { title: "Område" });
  const c = await t.app.services.consultations.openOnStrategy(
    actor,
    s.value.id,
    { title: "Høyring", opensDate: day(-1), opensTime: "08:00", closesDate: day(10), closesTime: "23:59", audience: "anyone" },
    (k) => k,
  );
  assert.ok(c.ok);
  return c.value.id;
}

test("a consultation's form sent, then Back (a fresh form token) and sent again: one input, the same receipt", async () => {
  const id = await openConsultation();
  const visitor = new Session(t.app);
  await visitor.get(`/consultations/${id}/input`);
  const typed = { body: "Meir om tryggleik, takk", respondentKind: "citizen", name: "Kari", email: "" };
  const first = await visitor.post(`/consultations/${id}/input`, { formToken: await oldToken(id), ...typed });
  assert.equal(first.statusCode, 303, first.body.slice(0, 300));
  assert.match(first.headers.location!, new RegExp(`^/consultations/${id}/receipt/`));
  // Back brings a new form with a new token; the browser fills in what was typed.
  const again = await visitor.post(`/consultations/${id}/input`, { formToken: await oldToken(id), ...typed });
  assert.equal(again.statusCode, 303);
  assert.equal(again.headers.location, first.headers.location, "the same receipt");
  assert.equal(await inputsOf(id), 1);
  const receipt = await visitor.get(again.headers.location!);
  assert.equal(receipt.statusCode, 200);

  // What is kept holds neither the text nor the receipt's secret.
  const kept = await t.database.db.select().from(formSubmissions);
  const secret = first.headers.location!.split("/").pop()!;
  assert.ok(kept.length > 0);
  assert.ok(kept.every((r) => !r.location.includes(secret) && !r.id.includes(secret) && !r.location.includes("tryggleik")));

  // Something else typed is a new input; the same text from another browser is another person's.
  const changed = await visitor.post(`/consultations/${id}/input`, {
    formToken: await oldToken(id),
    ...typed,
    body: "Noko anna",
  });
  assert.notEqual(changed.headers.location, first.headers.location);
  const other = new Session(t.app);
  await other.get(`/consultations/${id}/input`);
  const someoneElse = await other.post(`/consultations/${id}/input`, { formToken: await oldToken(id), ...typed });
  assert.equal(someoneElse.statusCode, 303);
  assert.notEqual(someoneElse.headers.location, first.headers.location);
  assert.equal(await inputsOf(id), 3);
});

test("a project's create form sent twice: one project, and the second answer leads to it", async () => {
  const sek = await new Session(t.app).login("sek@once.example", PASSWORD);
  const [owner] = await t.app.services.access.repo.memberOrganisations(rogaland.id);
  const fields = {
    title: "Felles kø for byggesaker, sendt to gonger",
    summary: "Éin kø.",
    kind: "regional",
    sector: "health_care",
    startDate: "2027-01-01",
    endDate: "2027-12-31",
    budget: "1 200 000",
    tags: "byggesak",
    visibility: "public",
    ownerOrganisationId: String(owner!.id),
  };
  const count0 = (await t.database.db.select({ n: count() }).from(projects))[0]!.n;
  const first = await sek.post(`/n/${rogaland.slug}/projects`, fields);
  assert.equal(first.statusCode, 303, first.body.slice(0, 500));
  const second = await sek.post(`/n/${rogaland.slug}/projects`, fields);
  assert.equal(second.statusCode, 303);
  assert.equal(second.headers.location, first.headers.location);
  assert.equal((await t.database.db.select({ n: count() }).from(projects))[0]!.n, count0 + 1);

  // A form refused with errors is not remembered: corrected and sent, it is stored.
  const refused = await sek.post(`/n/${rogaland.slug}/projects`, { ...fields, title: "" });
  assert.equal(refused.statusCode, 422);
  const again = await sek.post(`/n/${rogaland.slug}/projects`, { ...fields, title: "" });
  assert.equal(again.statusCode, 422);

  // After the remembered minutes the same form is a new project, as its sender meant it then.
  await t.database.db.update(formSubmissions).set({ createdAt: new Date(Date.now() - 3600_000) });
  const later = await sek.post(`/n/${rogaland.slug}/projects`, fields);
  assert.equal(later.statusCode, 303);
  assert.notEqual(later.headers.location, first.headers.location);
  assert.equal((await t.database.db.select({ n: count() }).from(projects))[0]!.n, count0 + 2);
});

test("a create form sent twice at the same instant (a double click): one project, both answers lead to it", async () => {
  const sek = await new Session(t.app).login("sek@once.example", PASSWORD);
  const [owner] = await t.app.services.access.repo.memberOrganisations(rogaland.id);
  const fields = {
    title: "Dobbeltklikka prosjekt",
    summary: "Sendt to gonger på éin gong.",
    kind: "regional",
    sector: "health_care",
    visibility: "public",
    ownerOrganisationId: String(owner!.id),
  };
  const count0 = (await t.database.db.select({ n: count() }).from(projects))[0]!.n;
  const answers = await Promise.all([1, 2, 3].map(() => sek.post(`/n/${rogaland.slug}/projects`, fields)));
  assert.deepEqual(
    answers.map((a) => a.statusCode),
    [303, 303, 303],
    answers.map((a) => a.body.slice(0, 200)).join("\n"),
  );
  assert.equal(new Set(answers.map((a) => a.headers.location)).size, 1, "every copy leads to the one project");
  assert.equal((await t.database.db.select({ n: count() }).from(projects))[0]!.n, count0 + 1);
});
