import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { ADMIN, createTestApp, Session, type TestApp } from "../../../test/support/app.ts";
import { sameSitePath } from "./redirect.ts";

/** Targets that leave the site or break the Location header, as a query parameter would arrive (decoded once). */
const NASTY = [
  "/\t/evil.example",
  "/\t/evil.example/path",
  "//evil.example",
  "/\\evil.example",
  "/\\\\evil",
  "\\\\evil.example",
  "/\r/x",
  "/\n/x",
  "/x\r\nSet-Cookie: a=b",
  "/ /evil.example",
  " //evil.example",
  "/\u00a0/evil.example",
  "/%2F/evil.example",
  "/%2f%2fevil.example",
  "/%5C%5Cevil",
  "/%5cevil.example",
  "/%09/evil.example",
  "/%0d/x",
  "/%252F%252Fevil.example",
  "%2F%2Fevil",
  "https://evil.example",
  "HTTPS://evil.example",
  "javascript:alert(1)",
  "evil.example",
  "",
  "/\ud800",
  `/${"a".repeat(5000)}`,
];

test("a redirect target is a path on this site, or else the front page", () => {
  for (const evil of NASTY) assert.equal(sameSitePath(evil), "/", JSON.stringify(evil));
  for (const other of [undefined, null, 42, ["/x"], { a: 1 }]) assert.equal(sameSitePath(other), "/");
  assert.equal(sameSitePath("//evil.example", "/login"), "/login");
  for (const fine of [
    "/",
    "/n/digi-rogaland/edit",
    "/projects?q=a%20b&sort=title",
    "/consultations/5?saved#section-3",
    "/x?q=100%",
  ])
    assert.equal(sameSitePath(fine), fine);
  assert.equal(sameSitePath("/organisations?q=Bø"), "/organisations?q=B%C3%B8", "escaped, so the header can carry it");
});

let t: TestApp;
before(async () => {
  t = await createTestApp({
    extend: (app) =>
      // A route written without care: the app's guard still keeps its redirect on this site.
      app.get("/test/careless", { config: { policy: "public" } }, async (req, reply) =>
        reply.redirect(String((req.query as Record<string, unknown>).to), 303),
      ),
  });
});
after(() => t.close());

/** As a browser sends it: the target in the query string, percent-encoded. */
const asQuery = (target: string) => encodeURIComponent(target);
/** As an attacker types it into a link: raw escapes left as they are. */
const RAW = [
  "/%ED%A0%80",
  "/%C3%28",
  "/%09/evil.example",
  "/%0d/x",
  "/%0a/x",
  "/%5C%5Cevil",
  "%2F%2Fevil",
  "/%2F%2Fevil",
  "//evil.example",
  "/\\evil.example",
];
const QUERIES = [...NASTY.filter((n) => n.isWellFormed()).map(asQuery), ...RAW];

const assertHere = (res: { statusCode: number; headers: Record<string, unknown> }, what: string) => {
  assert.notEqual(res.statusCode, 500, what);
  const location = res.headers.location;
  if (location === undefined) return;
  assert.equal(typeof location, "string", what);
  assert.equal(sameSitePath(location), location, `${what} → ${String(location)}`);
  assert.match(String(location), /^\/(?![/\\])[\x21-\x7e]*$/, `${what} → ${String(location)}`);
  assert.equal(new URL(String(location), "https://samverk.example").origin, "https://samverk.example", what);
};

test("sign-in never sends the browser to another site, and no returnTo makes it fail", async () => {
  const signedIn = await new Session(t.app).login();
  for (const q of QUERIES) {
    const res = await signedIn.get(`/login?returnTo=${q}`);
    assert.equal(res.statusCode, 303, q);
    assertHere(res, `GET ${q}`);
  }
  // The list, one after another: attempts made at once are counted before the password is
  // checked, so ten at once for one address would meet the sign-in throttle instead.
  const posted = ["/%09/evil.example", "//evil.example", "/\\evil.example", "/%0d/x", "/%5C%5Cevil", "%2F%2Fevil"].concat(
    ["https://evil.example", "javascript:alert(1)", "/\t/evil", `/${"x".repeat(5000)}`].map(asQuery),
  );
  for (const q of posted) {
    const s = new Session(t.app);
    await s.get(`/login?returnTo=${q}`);
    const res = await s.post(`/login?returnTo=${q}`, { email: ADMIN.email, password: ADMIN.password });
    assert.equal(res.statusCode, 303, q);
    assertHere(res, `POST ${q}`);
    assert.equal(res.headers.location, "/", q);
  }
  const s = new Session(t.app);
  const back = await s.post(`/login?returnTo=${asQuery("/networks/new?q=Bø")}`, ADMIN);
  assert.equal(back.headers.location, "/networks/new?q=B%C3%B8", "a path here with a letter beyond ASCII still works");
});

test("a redirect any route makes is kept on this site", async () => {
  for (const q of QUERIES) {
    const res = await t.app.inject({ url: `/test/careless?to=${q}` });
    assert.equal(res.statusCode, 303, q);
    assertHere(res, q);
  }
  assert.equal((await t.app.inject({ url: "/test/careless?to=/roadmap" })).headers.location, "/roadmap");
});
