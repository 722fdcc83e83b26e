import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createTestApp, Session, type TestApp } from "../../../test/support/app.ts";
import { consultations } from "../../modules/consultations/schema.ts";
import { catalogues } from "../i18n/i18n.ts";

let t: TestApp;
let admin: Session;
let consultationId: number;
before(async () => {
  t = await createTestApp();
  admin = await new Session(t.app).login();
  [{ id: consultationId }] = (await t.database.db.select({ id: consultations.id }).from(consultations).limit(1)) as [
    { id: number },
  ];
});
after(() => t.close());

const publish = () => `/api/v1/consultations/${consultationId}/answers/publish`;

test("an API write that is not JSON is refused, with or without a body", async () => {
  const write = (headers: Record<string, string>, payload?: string) =>
    t.app.inject({
      method: "POST",
      url: publish(),
      headers: { cookie: admin.cookies, ...headers },
      ...(payload ? { payload } : {}),
    });
  // What a page on a sibling host could send with the browser's cookie: plain text, a form, nothing.
  for (const [headers, payload] of [
    [{ "content-type": "text/plain" }, "x"],
    [{ "content-type": "application/x-www-form-urlencoded" }, "a=b"],
    [{ "content-type": "text/plain" }, undefined],
    [{}, undefined],
  ] as const) {
    const res = await write(headers, payload);
    assert.equal(res.statusCode, 415, JSON.stringify(headers));
    assert.equal(res.json().error.code, "unsupported_media_type");
  }
  const json = await write({ "content-type": "application/json" });
  assert.equal(json.statusCode, 200, "JSON without a body is fine");
  const del = await t.app.inject({
    method: "DELETE",
    url: "/api/v1/networks/digi-rogaland/ambitions/999999",
    headers: { cookie: admin.cookies, "content-type": "application/json; charset=utf-8" },
  });
  assert.equal(del.statusCode, 404, "reaches the route");
  // Without a session cookie nobody's browser is behind it: no body, no type is fine.
  const anonymous = await t.app.inject({ method: "DELETE", url: "/api/v1/networks/digi-rogaland/ambitions/1" });
  assert.equal(anonymous.statusCode, 401);
});

test("a change sent by another site's page is refused, on the API and on pages, in the user's language", async () => {
  const bodyless = (headers: Record<string, string>) =>
    t.app.inject({
      method: "POST",
      url: publish(),
      headers: { cookie: admin.cookies, "content-type": "application/json", "accept-language": "en", ...headers },
    });
  for (const headers of [
    { "sec-fetch-site": "cross-site" } as Record<string, string>,
    { "sec-fetch-site": "same-site" },
    { origin: "https://evil.example" },
    { origin: "null" },
    { origin: "http://localhost:80.evil.example" },
  ]) {
    const res = await bodyless(headers);
    assert.equal(res.statusCode, 403, JSON.stringify(headers));
    assert.deepEqual(res.json().error, { code: "cross_site", message: catalogues.en["errors.crossSite"] });
  }
  for (const headers of [{ "sec-fetch-site": "same-origin" }, { origin: "http://localhost:80" }, {}] as Record<string, string>[])
    assert.equal((await bodyless(headers)).statusCode, 200, JSON.stringify(headers));
  // A browser says same-origin even where a page's referrer policy makes its Origin "null".
  assert.equal((await bodyless({ "sec-fetch-site": "same-origin", origin: "null" })).statusCode, 200);

  // A form: signing out is refused from elsewhere, and the session lives on.
  await admin.get("/");
  const form = (headers: Record<string, string>) =>
    t.app.inject({
      method: "POST",
      url: "/logout",
      headers: { cookie: admin.cookies, "content-type": "application/x-www-form-urlencoded", ...headers },
      payload: new URLSearchParams({ _csrf: admin.token }).toString(),
    });
  const refused = await form({ "sec-fetch-site": "cross-site" });
  assert.equal(refused.statusCode, 403);
  assert.match(refused.headers["content-type"] as string, /^text\/html/);
  assert.ok(refused.body.includes(catalogues.nb["errors.crossSite"]));
  assert.equal((await form({ origin: "https://evil.example" })).statusCode, 403);
  assert.equal((await t.app.inject({ url: "/account/sessions", headers: { cookie: admin.cookies } })).statusCode, 200);
  assert.equal((await form({ "sec-fetch-site": "same-origin" })).statusCode, 303);
  // Reading is not changing: a link from anywhere still opens a page.
  assert.equal((await t.app.inject({ url: "/", headers: { "sec-fetch-site": "cross-site" } })).statusCode, 200);
});

test("the site's own origin is the public address, or the one the request was sent to", async () => {
  const behind = await createTestApp({ env: { SAMVERK_PUBLIC_URL: "https://samverk.example.no" } });
  try {
    // Anonymous: let through, the route answers 401; refused, 403.
    const res = async (origin: string) =>
      (
        await behind.app.inject({
          method: "DELETE",
          url: "/api/v1/networks/digi-rogaland/ambitions/1",
          headers: { origin, host: "internal:3000" },
        })
      ).statusCode;
    assert.equal(await res("https://samverk.example.no"), 401);
    assert.equal(await res("http://internal:3000"), 401);
    assert.equal(await res("https://samverk.example.no.evil.example"), 403);
    assert.equal(await res("http://samverk.example.no"), 403, "not over plain http");
  } finally {
    await behind.close();
  }
});
