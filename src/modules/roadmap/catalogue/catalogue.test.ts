import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { count, isNull } from "drizzle-orm";
import { PASSWORD, testAccount } from "../../../../test/support/accounts.ts";
import { createTestApp, Session, type TestApp } from "../../../../test/support/app.ts";
import { systemActor } from "../../../platform/access/actor.ts";
import { auditLog } from "../../../platform/schema.ts";
import { nationalSolutions } from "../schema.ts";
import { importCatalogue, readCatalogue } from "./shipped-catalogue.ts";

let t: TestApp;
let rogaland: { id: number; slug: string };

before(async () => {
  t = await createTestApp();
  rogaland = (await t.app.services.networks.bySlug("digi-rogaland"))!;
  const org = (await t.app.services.access.repo.memberOrganisations(rogaland.id))[0]!;
  await testAccount(t.app, t.database.db, "sek@rogaland.example", { networkId: rogaland.id, role: "secretariat" });
  await testAccount(t.app, t.database.db, "rep@rogaland.example", {
    networkId: rogaland.id,
    role: "member",
    organisationIds: [org.id],
  });
});
after(() => t.close());

const auditCount = async () => (await t.database.db.select({ n: count() }).from(auditLog))[0]!.n;
const login = (email: string) => new Session(t.app).login(email, PASSWORD);
const idOf = async (key: string) => (await t.app.services.roadmap.list({})).find((i) => i.solution.key === key)!.solution.id;

test("the shipped catalogue is loaded at start; importing it again changes nothing", async () => {
  const rows = readCatalogue();
  assert.equal(rows.length, 27);
  const national = await t.database.db.select().from(nationalSolutions).where(isNull(nationalSolutions.networkId));
  assert.ok(
    rows.every((r) => national.some((n) => n.key === r.key && n.name === r.name)),
    "every row is in the catalogue",
  );
  const before = await auditCount();
  const again = await importCatalogue(t.database.db, systemActor("test"));
  assert.deepEqual(again, { created: 0, updated: 0, unchanged: 27 });
  assert.equal(await auditCount(), before);
  const page = await new Session(t.app).get("/roadmap?category=health&lang=en");
  assert.match(page.body, /Kjernejournal/);
  assert.ok(!page.body.includes("Maskinporten"), "filtered by category");
  const api = await new Session(t.app).api("GET", "/api/v1/national-solutions?q=digdir");
  assert.ok(api.json().items.length >= 8);
  assert.equal(api.json().total, api.json().items.length);
});

test("the national catalogue is the administrators'; a network's secretariat keeps its own initiatives only", async () => {
  const sek = await login("sek@rogaland.example");
  const rep = await login("rep@rogaland.example");
  const national = await idOf("altinn");
  assert.equal((await sek.get(`/roadmap/${national}/edit`)).statusCode, 403);
  assert.equal((await sek.get("/roadmap/new")).statusCode, 403);
  assert.equal((await rep.get(`/n/${rogaland.slug}/initiatives/new`)).statusCode, 403);
  await sek.get(`/n/${rogaland.slug}/initiatives/new`);
  const created = await sek.post(`/n/${rogaland.slug}/initiatives`, {
    name: "Felles vikarpool-løysing",
    owner: "Digi Rogaland",
    category: "services",
    purpose: "Eitt system for vikarar i barnehage og skule.",
  });
  assert.equal(created.statusCode, 303);
  const id = Number(created.headers.location?.match(/\/roadmap\/(\d+)/)?.[1]);
  const solution = (await t.app.services.roadmap.repo.byId(id))!;
  assert.equal(solution.networkId, rogaland.id);
  assert.match((await new Session(t.app).get(`/roadmap?network=${rogaland.slug}&lang=en`)).body, /Felles vikarpool-løysing/);
  assert.ok(!(await new Session(t.app).get("/roadmap?network=digi-nordland")).body.includes("Felles vikarpool-løysing"));
  // Tasks and costs, with their refusals.
  await sek.get(`/roadmap/${id}`);
  const badTask = await sek.post(`/roadmap/${id}/tasks?lang=en`, { kind: "training", leadMonths: "mange" });
  assert.equal(badTask.statusCode, 422);
  assert.equal(
    (await sek.post(`/roadmap/${id}/tasks`, { kind: "training", description: "Kurs", leadMonths: "3" })).statusCode,
    303,
  );
  const badCost = await sek.post(`/roadmap/${id}/costs?lang=en`, { "costs.0.oneOff": "12,50" });
  assert.equal(badCost.statusCode, 422);
  assert.match(badCost.body, /Enter whole kroner/);
  assert.equal(
    (await sek.post(`/roadmap/${id}/costs`, { "costs.0.oneOff": "25 000", "costs.0.yearly": "5000" })).statusCode,
    303,
  );
  const detail = await t.app.services.roadmap.get(id);
  assert.deepEqual(
    detail.costs.map((c) => [c.sizeClass, c.oneOff, c.yearly]),
    [["under_5000", 25_000, 5_000]],
  );
  assert.equal(detail.tasks[0]!.leadMonths, 3);
});
