import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { count } from "drizzle-orm";
import { createTestApp, Session, type TestApp } from "../../../test/support/app.ts";
import { DEMO_ADMIN } from "../../bootstrap.ts";
import { sessions } from "../../platform/schema.ts";
import { safeReturnTo } from "../accounts/index.ts";

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

test("the front page lists the networks and offers search", async () => {
  const res = await t.app.inject({ url: "/?lang=en" });
  assert.equal(res.statusCode, 200);
  for (const name of ["Digi Møre og Romsdal", "Digi Rogaland", "Digi Nordland", "Digi Trøndelag"])
    assert.ok(res.body.includes(name), name);
  assert.ok(res.body.includes('action="/search"'));
  assert.ok(res.body.includes("357 municipalities"));
});

test("the demo sign-in from the README works; a wrong password is refused without saying which part was wrong", async () => {
  const s = new Session(t.app);
  await s.get("/login");
  const wrong = await s.post("/login", { email: DEMO_ADMIN.email, password: "not the password" });
  assert.equal(wrong.statusCode, 401);
  assert.ok(wrong.body.includes("E-postadressen eller passordet er feil"));
  assert.ok(wrong.body.includes(`value="${DEMO_ADMIN.email}"`), "the e-mail typed is kept");
  assert.ok(!wrong.body.includes("not the password"), "the password is never sent back");
  const unknown = await s.post("/login", { email: "nobody@example.no", password: "whatever it is" });
  assert.equal(unknown.statusCode, 401);
  assert.ok(unknown.body.includes("E-postadressen eller passordet er feil"));
  await s.login(DEMO_ADMIN.email, DEMO_ADMIN.password);
  const page = await s.get("/");
  assert.ok(page.body.includes("Demo Administrator"));
});

test("signing out ends the session on the server", async () => {
  const s = await new Session(t.app).login();
  const [before] = await t.database.db.select({ n: count() }).from(sessions);
  const stolen = s.cookies;
  const out = await s.post("/logout", {});
  assert.equal(out.statusCode, 303);
  const [after] = await t.database.db.select({ n: count() }).from(sessions);
  assert.equal(after!.n, before!.n - 1);
  const replay = await t.app.inject({ url: "/networks/new", headers: { cookie: stolen } });
  assert.equal(replay.statusCode, 303, "the old cookie no longer signs anyone in");
});

test("after sign-in the user returns to where they were, and never to another site", async () => {
  assert.equal(safeReturnTo("/n/digi-rogaland/edit"), "/n/digi-rogaland/edit");
  for (const evil of ["https://evil.example", "//evil.example", "/\\evil.example", "javascript:alert(1)", undefined, 42]) {
    assert.equal(safeReturnTo(evil), "/", String(evil));
  }
  const s = new Session(t.app);
  await s.get("/login?returnTo=%2Fnetworks%2Fnew");
  const res = await s.post("/login?returnTo=%2Fnetworks%2Fnew", { email: DEMO_ADMIN.email, password: DEMO_ADMIN.password });
  assert.equal(res.headers.location, "/networks/new");
});

test("the accessibility statement and the privacy page exist in every language", async () => {
  for (const [lang, title] of [
    ["nb", "Tilgjengelighetserklæring"],
    ["nn", "Tilgjengeerklæring"],
    ["en", "Accessibility statement"],
  ] as const) {
    const res = await t.app.inject({ url: `/accessibility?lang=${lang}` });
    assert.equal(res.statusCode, 200);
    assert.ok(res.body.includes(`<h1 class="ds-heading" data-size="lg">${title}</h1>`), lang);
    assert.equal((await t.app.inject({ url: `/privacy?lang=${lang}` })).statusCode, 200);
  }
});
