import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { PASSWORD, testAccount } from "../../../../test/support/accounts.ts";
import { createTestApp, Session, type TestApp } from "../../../../test/support/app.ts";

let t: TestApp;
let rogaland: { id: number; slug: string };

before(async () => {
  t = await createTestApp();
  rogaland = (await t.app.services.networks.bySlug("digi-rogaland"))!;
});
after(() => t.close());

const login = (email: string) => new Session(t.app).login(email, PASSWORD);

test("national editors: an administrator grants the role, the editor keeps the national catalogue, and the role can be taken back", async () => {
  const admin = await new Session(t.app).login();
  const editorId = await testAccount(t.app, t.database.db, "editor@digdir.example", { networkId: rogaland.id, role: "member" });
  const unknown = await admin.post("/roadmap/editors", { email: "nobody@nowhere.example" });
  assert.equal(unknown.statusCode, 422);
  assert.match(unknown.body, /Ingen konto har denne e-postadressen/);
  const badEmail = await admin.post("/roadmap/editors", { email: "not an address" });
  assert.equal(badEmail.statusCode, 422);
  let editor = await login("editor@digdir.example");
  assert.equal((await editor.get("/roadmap/new")).statusCode, 403);
  assert.equal((await admin.post("/roadmap/editors", { email: "Editor@Digdir.example" })).statusCode, 303);
  assert.ok((await admin.get("/roadmap/editors")).body.includes("editor@digdir.example"));
  // The role is read at sign-in and for each request, so the open session gets it at once.
  assert.equal((await editor.get("/roadmap/new")).statusCode, 200);
  const created = await editor.post("/roadmap", { name: "Nasjonal test-løysing", owner: "Digdir", category: "platform" });
  assert.equal(created.statusCode, 303);
  const api = await editor.api("POST", "/api/v1/national-solutions", { name: "Via API", owner: "KS", category: "other" });
  assert.equal(api.statusCode, 201);
  // An editor does not hand out the role.
  assert.equal((await editor.get("/roadmap/editors")).statusCode, 403);
  assert.equal((await admin.post(`/roadmap/editors/${editorId}/revoke`, {})).statusCode, 303);
  editor = await login("editor@digdir.example");
  assert.equal((await editor.get("/roadmap/new")).statusCode, 403);
  assert.equal((await admin.post("/roadmap/editors/999999/revoke", {})).statusCode, 404);
});
