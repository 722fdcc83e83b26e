import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { PASSWORD, testAccount } from "../../../test/support/accounts.ts";
import { createTestApp, Session, type TestApp } from "../../../test/support/app.ts";
import { consultationInputs } from "../../modules/consultations/schema.ts";
import { systemActor } from "../access/actor.ts";

let t: TestApp;
let rogaland: { id: number; slug: string };

before(async () => {
  t = await createTestApp();
  rogaland = (await t.app.services.networks.bySlug("digi-rogaland"))!;
  await testAccount(t.app, t.database.db, "sek@lists.example", { networkId: rogaland.id, role: "secretariat" });
  // A second consultation, so a list of them has more than one page of one.
  const actor = systemActor("test");
  const draft = await t.app.services.strategies.create(
    actor,
    { networkId: rogaland.id },
    { title: "Utkast", firstYear: 2027, lastYear: 2028 },
  );
  assert.ok(draft.ok);
  await t.app.services.strategies.addFocusArea(actor, draft.value.id, { title: "Område" });
  const opened = await t.app.services.consultations.openOnStrategy(
    actor,
    draft.value.id,
    {
      title: "Høyring",
      opensDate: "2026-01-01",
      opensTime: "08:00",
      closesDate: "2026-02-01",
      closesTime: "23:59",
      audience: "anyone",
    },
    (k) => k,
  );
  assert.ok(opened.ok);
});
after(() => t.close());

/** Every page of a list, read with the API's limit and offset. */
async function everyPage(session: Session, path: string, limit: number) {
  const pages: { items: { id?: number; reference?: string }[]; total: number }[] = [];
  for (let offset = 0; ; offset += limit) {
    const res = await session.api("GET", `${path}${path.includes("?") ? "&" : "?"}limit=${limit}&offset=${offset}`);
    assert.equal(res.statusCode, 200, res.body.slice(0, 300));
    const page = res.json();
    pages.push(page);
    if (page.items.length < limit) break;
  }
  return pages;
}

test("the lists that answered bare arrays answer { items, total } and page with limit and offset", async () => {
  const visitor = new Session(t.app);
  const lists = [
    "/api/v1/national-solutions",
    `/api/v1/strategies?network=${rogaland.slug}`,
    `/api/v1/networks/${rogaland.slug}/consultations`,
    `/api/v1/networks/${rogaland.slug}/ambitions`,
    `/api/v1/networks/${rogaland.slug}/meetings`,
    `/api/v1/networks/${rogaland.slug}/criteria`,
  ];
  for (const path of lists) {
    const whole = (await visitor.api("GET", `${path}${path.includes("?") ? "&" : "?"}limit=500`)).json();
    assert.ok(Array.isArray(whole.items), path);
    assert.equal(whole.total, whole.items.length, path);
    assert.ok(whole.total >= 2, `${path} has at least two entries in the demo data`);
    const pages = await everyPage(visitor, path, 1);
    assert.ok(
      pages.every((p) => p.total === whole.total),
      `${path}: every page says the same total`,
    );
    assert.deepEqual(
      pages.flatMap((p) => p.items.map((i) => i.id)),
      whole.items.map((i: { id: number }) => i.id),
      `${path}: the pages are the list, in order`,
    );
    // Past the end: no items, and still the total.
    assert.deepEqual((await visitor.api("GET", `${path}${path.includes("?") ? "&" : "?"}offset=100000`)).json(), {
      items: [],
      total: whole.total,
    });
    assert.equal((await visitor.api("GET", `${path}${path.includes("?") ? "&" : "?"}limit=501`)).statusCode, 400, path);
  }
});

test("a consultation's inputs are paged in the database: a page of many inputs, and the total", async () => {
  const listed = await t.app.services.consultations.repo.ofNetwork(rogaland.id);
  const id = listed.find((c) => c.consultation.audience !== "bodies")!.consultation.id;
  const sek = await new Session(t.app).login("sek@lists.example", PASSWORD);
  const before = (await sek.api("GET", `/api/v1/consultations/${id}/inputs?limit=1`)).json().total;
  await t.database.db.insert(consultationInputs).values(
    Array.from({ length: 230 }, (_, i) => ({
      consultationId: id,
      reference: `K${id}-P${String(i).padStart(5, "0")}`,
      formToken: `paging-${i}`,
      receiptHash: `paging-${i}`,
      body: `Innspel ${i}`,
      submittedAt: new Date(Date.UTC(2030, 0, 1, 0, 0, i)),
    })),
  );
  const first = (await sek.api("GET", `/api/v1/consultations/${id}/inputs`)).json();
  assert.equal(first.items.length, 50, "50 by default, not every input");
  assert.equal(first.total, before + 230);
  const last = (await sek.api("GET", `/api/v1/consultations/${id}/inputs?limit=100&offset=${before + 200}`)).json();
  assert.deepEqual(
    last.items.map((i: { reference: string }) => i.reference),
    Array.from({ length: 30 }, (_, i) => `K${id}-P${String(200 + i).padStart(5, "0")}`),
  );
  const pages = await everyPage(sek, `/api/v1/consultations/${id}/inputs`, 100);
  const references = pages.flatMap((p) => p.items.map((i) => i.reference));
  assert.equal(references.length, before + 230);
  assert.equal(new Set(references).size, references.length, "no input on two pages");
});

test("the OpenAPI document describes every one of these lists as { items, total } with limit and offset", async () => {
  const document = (await new Session(t.app).get("/api/openapi.json")).json();
  const operations = [
    "listNationalSolutions",
    "listStrategies",
    "listConsultations",
    "listAmbitions",
    "listInputs",
    "listMeetings",
    "listRounds",
    "listCriteria",
    "listScores",
    "listStatusReports",
    "listJoinRequests",
    "listAnswerTemplates",
  ];
  type Operation = { operationId: string; parameters?: { name: string }[]; responses: Record<string, unknown> };
  for (const [, methods] of Object.entries(document.paths as Record<string, Record<string, Operation>>))
    for (const operation of Object.values(methods)) {
      if (!operations.includes(operation.operationId)) continue;
      const names = (operation.parameters ?? []).map((p: { name: string }) => p.name);
      assert.ok(names.includes("limit") && names.includes("offset"), operation.operationId);
      const schema = JSON.stringify(operation.responses["200"]);
      assert.match(schema, /"items"/, operation.operationId);
      assert.match(schema, /"total"/, operation.operationId);
      operations.splice(operations.indexOf(operation.operationId), 1);
    }
  assert.deepEqual(operations, [], "every list is in the document");
});

test("a project's status reports page in the database, newest first", async () => {
  const visitor = new Session(t.app);
  const { items } = (await visitor.api("GET", "/api/v1/projects?limit=500")).json();
  let checked = 0;
  for (const project of items as { id: number }[]) {
    const path = `/api/v1/projects/${project.id}/status-reports`;
    const whole = (await visitor.api("GET", `${path}?limit=500`)).json();
    if (whole.total < 2) continue;
    const pages = await everyPage(visitor, path, 1);
    assert.deepEqual(
      pages.flatMap((p) => p.items.map((i) => JSON.stringify(i))),
      whole.items.map((i: unknown) => JSON.stringify(i)),
    );
    checked++;
    break;
  }
  assert.equal(checked, 1, "the demo data has a project with two status reports or more");
});
