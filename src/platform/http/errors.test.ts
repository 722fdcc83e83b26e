import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createTestApp, Session, type TestApp } from "../../../test/support/app.ts";
import { networks } from "../../modules/networks/schema.ts";

let t: TestApp;
before(async () => {
  t = await createTestApp({
    extend: (app) => {
      // A route that fails the way a bug would, to see what a user gets.
      app.get("/test/boom", { config: { policy: "public" } }, async () => {
        throw new Error("secret internal detail at /srv/samverk/src/thing.ts:42");
      });
      app.get("/api/v1/test/boom", { config: { policy: "public" } }, async () => {
        throw new Error("secret internal detail");
      });
    },
  });
});
after(() => t.close());

test("an unexpected error is a 500 page in the user's language without the error's details", async () => {
  const expected: [string, string][] = [
    ["nb", "Noe gikk galt hos oss"],
    ["nn", "Noko gjekk gale hos oss"],
    ["en", "Something went wrong on our side"],
  ];
  for (const [lang, text] of expected) {
    const res = await t.app.inject({ url: `/test/boom?lang=${lang}` });
    assert.equal(res.statusCode, 500);
    assert.ok(res.body.includes(text), lang);
    assert.ok(res.body.includes(`<html lang="${lang}"`));
    assert.ok(!res.body.includes("secret internal detail"), "no details reach the user");
  }
  const api = await t.app.inject({ url: "/api/v1/test/boom?lang=en" });
  assert.equal(api.statusCode, 500);
  assert.deepEqual(api.json(), { error: { code: "internal_error", message: "Something went wrong on our side" } });
});

test("a NUL character in a query, a form or a JSON body is refused with a 400 in the user's language, and nothing is stored", async () => {
  const page = await t.app.inject({ url: "/projects?lang=nb&q=a%00b" });
  assert.equal(page.statusCode, 400);
  assert.match(page.body, /Forespørselen har ugyldige verdier/);
  const api = await t.app.inject({ url: "/api/v1/projects?lang=en&q=%00" });
  assert.equal(api.statusCode, 400);
  assert.equal(api.json().error.code, "bad_request");
  const s = new Session(t.app);
  await s.login();
  const before = await t.database.db.select().from(networks);
  await s.get("/networks/new");
  const form = await s.post("/networks", { name: "Digi\u0000Nul", shortName: "Nul", slug: "digi-nul" });
  assert.equal(form.statusCode, 400);
  const json = await s.api("POST", "/api/v1/networks", { name: "Digi\u0000Nul", shortName: "Nul", slug: "digi-nul" });
  assert.equal(json.statusCode, 400);
  assert.equal((await t.database.db.select().from(networks)).length, before.length);
});

test("healthz and readyz: alive, and ready only while the database answers", async () => {
  assert.equal((await t.app.inject({ url: "/healthz" })).statusCode, 200);
  assert.equal((await t.app.inject({ url: "/readyz" })).statusCode, 200);
  await t.database.close();
  const notReady = await t.app.inject({ url: "/readyz" });
  assert.equal(notReady.statusCode, 503);
  assert.equal((await t.app.inject({ url: "/healthz" })).statusCode, 200, "the process is still alive");
});
