import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { greetingsModule } from "./fixtures/greetings/manifest.tsx";
import { createTestApp, Session, type TestApp } from "./support/app.ts";

/**
 * A new module needs only its own folder and one line in the module list: the fixture module in
 * test/fixtures/greetings brings its texts, service, rule, menu entry, pages, API, a section on another
 * module's page and its part of the site search, and the kernel takes all of it without a change.
 */
let t: TestApp;
before(async () => {
  t = await createTestApp({ demo: true, moreModules: [greetingsModule] });
});
after(async () => t?.close());

test("its page answers in every language with its own texts, through its service", async () => {
  const networks = (await t.app.services.networks.repo.list()).items.length;
  assert.ok(networks > 1);
  for (const [lang, text] of [
    ["nb", `${networks} nettverk hilser`],
    ["nn", `${networks} nettverk helsar`],
    ["en", `${networks} networks greet`],
  ] as const) {
    const res = await t.app.inject({ url: `/greetings?lang=${lang}` });
    assert.equal(res.statusCode, 200);
    assert.ok(res.body.includes(text), `${lang}: ${text}`);
  }
});

test("its menu entry is in the header", async () => {
  const res = await t.app.inject({ url: "/?lang=en" });
  assert.match(res.body, /href="\/greetings"[^>]*>Greetings</);
});

test("its rule guards its page like any other: sign-in first, then only an administrator", async () => {
  const anonymous = await t.app.inject({ url: "/greetings/admin" });
  assert.equal(anonymous.statusCode, 303);
  assert.match(String(anonymous.headers.location), /^\/login/);
  const admin = await new Session(t.app).login();
  const res = await admin.get("/greetings/admin?lang=en");
  assert.equal(res.statusCode, 200);
  assert.ok(res.body.includes("Greetings for administrators"));
});

test("its API route is served and described in the OpenAPI document", async () => {
  const res = await t.app.inject({ url: "/api/v1/greetings" });
  assert.equal(res.statusCode, 200);
  assert.ok((res.json() as { networks: string[] }).networks.length > 1);
  const document = (await t.app.inject({ url: "/api/openapi.json" })).json() as { paths: Record<string, unknown> };
  assert.ok(document.paths["/api/v1/greetings"]);
});

test("its section appears on an organisation's page, and its hits in the site search", async () => {
  const org = (await t.app.services.directory.listOrganisations({ q: "Stavanger", sort: "name", limit: 1, offset: 0 })).items[0]!;
  const page = await t.app.inject({ url: `/organisations/${org.id}?lang=en` });
  assert.ok(page.body.includes(`Greetings to ${org.name}`));
  const search = await t.app.inject({ url: "/search?q=hello&lang=en" });
  assert.match(search.body, /href="\/greetings"/);
});
