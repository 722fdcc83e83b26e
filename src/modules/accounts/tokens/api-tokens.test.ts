import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { createTestApp, Session, type TestApp } from "../../../../test/support/app.ts";
import type { Db } from "../../../platform/db/client.ts";
import { Throttle } from "../../../platform/http/throttle.ts";
import { apiTokens, rateCounters } from "../../../platform/schema.ts";

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

async function newToken(s: Session, fields: Record<string, string | string[]>) {
  await s.get("/account/tokens");
  const res = await s.post("/account/tokens", { days: "30", networkId: "", ...fields });
  assert.equal(res.statusCode, 201, res.body.slice(0, 300));
  const token = res.body.match(/<code class="token-value">(svk_[\w-]+)<\/code>/)?.[1];
  assert.ok(token);
  return token;
}
const bearer = (token: string, method: "GET" | "POST" | "DELETE", url: string, payload?: unknown) =>
  t.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}`, ...(payload ? { "content-type": "application/json" } : {}) },
    ...(payload ? { payload: JSON.stringify(payload) } : {}),
  });

test("a token is shown once, works as a bearer within its scopes, and is recorded when used", async () => {
  const s = await new Session(t.app).login();
  const read = await newToken(s, { name: "Rapportering", scopes: "read" });
  const list = await s.get("/account/tokens?lang=en");
  assert.ok(list.body.includes("Rapportering"));
  assert.ok(!list.body.includes(read), "never shown again");
  const [stored] = await t.database.db.select().from(apiTokens).where(eq(apiTokens.name, "Rapportering"));
  assert.ok(!JSON.stringify(stored).includes(read), "stored only as a hash");

  const people = await bearer(read, "GET", "/api/v1/people?limit=1");
  assert.equal(people.statusCode, 200);
  const refused = await bearer(read, "POST", "/api/v1/people?lang=en", { name: "Via token" });
  assert.equal(refused.statusCode, 403);
  assert.equal(refused.json().error.message, "The API token does not allow this. Create a token with write access.");
  const [used] = await t.database.db.select().from(apiTokens).where(eq(apiTokens.name, "Rapportering"));
  assert.ok(used!.lastUsedAt, "last use recorded");

  const write = await newToken(s, { name: "Synk", scopes: ["read", "write"] });
  const created = await bearer(write, "POST", "/api/v1/people", { name: "Via token" });
  assert.equal(created.statusCode, 201, created.body);
});

test("a token limited to one network writes only there", async () => {
  const s = await new Session(t.app).login();
  const networks = (await t.app.inject({ url: "/api/v1/networks" })).json().items;
  const rogaland = networks.find((n: { slug: string }) => n.slug === "digi-rogaland");
  const token = await newToken(s, { name: "Rogaland", scopes: ["read", "write"], networkId: String(rogaland.id) });
  assert.equal(
    (await bearer(token, "POST", "/api/v1/networks/digi-rogaland/bodies", { kind: "working_group", name: "Ny gruppe" }))
      .statusCode,
    201,
  );
  assert.equal(
    (await bearer(token, "POST", "/api/v1/networks/digi-nordland/bodies", { kind: "working_group", name: "Ny gruppe" }))
      .statusCode,
    403,
  );
  assert.equal((await bearer(token, "POST", "/api/v1/people", { name: "Utanfor" })).statusCode, 403);
  assert.equal((await bearer(token, "GET", "/api/v1/networks/digi-nordland/bodies")).statusCode, 200, "reading stays open");
});

test("revoked, expired and forged tokens are refused; HTML pages never take tokens", async () => {
  const s = await new Session(t.app).login();
  const token = await newToken(s, { name: "Kortvarig", scopes: ["read", "write"] });
  assert.equal((await bearer(token, "GET", "/api/v1/people")).statusCode, 200);
  const page = await t.app.inject({ url: "/networks/new", headers: { authorization: `Bearer ${token}` } });
  assert.equal(page.statusCode, 303, "a form page ignores the token and asks to sign in");

  const [row] = await t.database.db.select().from(apiTokens).where(eq(apiTokens.name, "Kortvarig"));
  await t.database.db
    .update(apiTokens)
    .set({ expiresAt: new Date(Date.now() - 1000) })
    .where(eq(apiTokens.id, row!.id));
  const expired = await bearer(token, "GET", "/api/v1/people?lang=en");
  assert.equal(expired.statusCode, 401);
  assert.equal(expired.json().error.code, "invalid_token");

  const other = await newToken(s, { name: "Trekkast", scopes: "read" });
  const [toRevoke] = await t.database.db.select().from(apiTokens).where(eq(apiTokens.name, "Trekkast"));
  await s.get("/account/tokens");
  assert.equal((await s.post(`/account/tokens/${toRevoke!.id}/revoke`, {})).statusCode, 303);
  assert.equal((await bearer(other, "GET", "/api/v1/people")).statusCode, 401);
  assert.equal((await bearer("svk_forged-forged-forged-forged", "GET", "/api/v1/people")).statusCode, 401);
  assert.equal((await s.post(`/account/tokens/${toRevoke!.id}/revoke`, {})).statusCode, 404, "revoked once");

  await s.get("/account/tokens");
  const invalid = await s.post("/account/tokens", { name: "", days: "7", networkId: "" });
  assert.equal(invalid.statusCode, 422);
});

test("changing e-mail needs the password and a confirmation from the new address", async () => {
  const { DEMO_ADMIN } = await import("../../../bootstrap.ts");
  const s = await new Session(t.app).login(DEMO_ADMIN.email, DEMO_ADMIN.password);
  await s.get("/account/email?lang=en");
  const wrong = await s.post("/account/email", { email: "demo.ny@kommune.example", password: "not my password" });
  assert.equal(wrong.statusCode, 422);
  assert.ok(wrong.body.includes("The password is wrong"));
  assert.ok(wrong.body.includes('value="demo.ny@kommune.example"'));

  // An address that already has an account: the same answer, and no mail.
  const taken = await s.post("/account/email", { email: "admin@test.samverk.example", password: DEMO_ADMIN.password });
  assert.equal(taken.statusCode, 200);
  assert.equal((await t.app.services.mail.outbox.to("admin@test.samverk.example")).length, 0);

  const ok = await s.post("/account/email", { email: "Demo.Ny@Kommune.example", password: DEMO_ADMIN.password });
  assert.equal(ok.statusCode, 200);
  const [mail] = await t.app.services.mail.outbox.to("demo.ny@kommune.example");
  const path = mail!.body.match(/http:\/\/localhost:3000(\/account\/email\/confirm\/[\w-]+)/)?.[1];
  assert.ok(path, mail!.body);
  const confirmPage = await s.get(`${path}?lang=en`);
  assert.equal(confirmPage.statusCode, 200);
  assert.ok(confirmPage.body.includes("demo.ny@kommune.example"));
  // Opening the link changes nothing by itself; the person confirms with a button.
  await new Session(t.app).login(DEMO_ADMIN.email, DEMO_ADMIN.password);
  const done = await s.post(path!, {});
  assert.equal(done.statusCode, 200);
  const notice = await t.app.services.mail.outbox.to(DEMO_ADMIN.email);
  assert.ok(
    notice.some((m) => m.subject === "Your Samverk email address has been changed"),
    "the old address is told",
  );
  await new Session(t.app).login("demo.ny@kommune.example", DEMO_ADMIN.password);
  assert.equal((await s.post(path!, {})).statusCode, 410, "used once");
});

test("the API is rate limited per client: in memory on the embedded database, in the database on PostgreSQL", async () => {
  const limited = await createTestApp({ env: { SAMVERK_API_RATE_PER_MINUTE: "5" } });
  try {
    const get = (ip: string) => limited.app.inject({ url: "/api/v1/networks?lang=en", remoteAddress: ip });
    for (let i = 0; i < 5; i++) assert.equal((await get("203.0.113.9")).statusCode, 200);
    const over = await get("203.0.113.9");
    assert.equal(over.statusCode, 429);
    assert.equal(over.json().error.code, "too_many_requests");
    assert.ok(Number(over.headers["retry-after"]) >= 1);
    assert.equal((await get("203.0.113.10")).statusCode, 200, "another client has its own allowance");
    assert.equal(
      (await limited.app.inject({ url: "/", remoteAddress: "203.0.113.9" })).statusCode,
      200,
      "pages are not limited by the API's counter",
    );
    // The embedded database has one process, which counts in memory; PostgreSQL's processes share a table.
    const counted = await limited.database.db.select().from(rateCounters);
    assert.equal(counted.length, limited.database.kind === "pglite" ? 0 : 2);
  } finally {
    await limited.close();
  }
});

test("counted in memory, a window's limit holds until the window has passed, per key", async () => {
  const throttle = new Throttle(null as unknown as Db, true);
  const hit = (key: string) => throttle.hit(key, 3, 1);
  for (let i = 0; i < 3; i++) assert.deepEqual(await hit("a"), { blocked: false });
  assert.deepEqual(await hit("a"), { blocked: true, retryAfterSeconds: 1 });
  assert.deepEqual(await hit("b"), { blocked: false });
  await new Promise((resolve) => setTimeout(resolve, 1100));
  assert.deepEqual(await hit("a"), { blocked: false }, "a new window");
});
