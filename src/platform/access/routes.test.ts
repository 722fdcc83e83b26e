import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { ADMIN, createTestApp, Session, type TestApp } from "../../../test/support/app.ts";
import { UserService } from "../auth/users.ts";

/**
 * The reviewed table of who may use which route: one line per route, "METHOD path policy". A route
 * added or a policy changed makes this test fail until the table is updated and reviewed with it
 * (run with UPDATE_ROUTE_TABLE=1 to rewrite it, then read the diff).
 */
const TABLE = path.join(import.meta.dirname, "route-policies.txt");

let t: TestApp;
const routes: { method: string; url: string; policy: string }[] = [];

before(async () => {
  t = await createTestApp();
  routes.push(...t.app.routePolicies);
  await new UserService(t.database.db).createAdmin({ email: "plain@test.example", password: "an ordinary long password" });
  // An ordinary signed-in user: not an administrator.
  const { users } = await import("../schema.ts");
  const { eq } = await import("drizzle-orm");
  await t.database.db.update(users).set({ isAdmin: false }).where(eq(users.email, "plain@test.example"));
});
after(() => t.close());

test("every route declares a policy, and the table in the repository matches", async () => {
  const lines = routes.map((r) => `${r.method} ${r.url} ${r.policy}`).sort();
  if (process.env.UPDATE_ROUTE_TABLE) writeFileSync(TABLE, `${lines.join("\n")}\n`);
  const reviewed = readFileSync(TABLE, "utf8").trim().split("\n");
  assert.deepEqual(lines, reviewed);
  assert.ok(lines.every((l) => !l.endsWith(" undefined")));
});

test("an app with a route that declares no policy refuses to start", async () => {
  await assert.rejects(
    createTestApp({ extend: (app) => app.get("/sneaky", async () => "no policy here") }),
    /Routes without a policy: GET \/sneaky/,
  );
});

/** Real ids from the demo data for each kind of path parameter, so checks reach the authorisation. */
async function fill(url: string): Promise<string> {
  const api = async (p: string) => (await t.app.inject({ url: p })).json();
  const bodies = (await api("/api/v1/networks/digi-rogaland/bodies")).items;
  const members = (await api("/api/v1/networks/digi-rogaland/members?limit=1")).items;
  const [org] = (await api("/api/v1/organisations?q=1506")).items;
  const person = (await api("/api/v1/people?limit=1")).items[0];
  let id = "1";
  if (url.includes("/members/:id")) id = String(members[0].id);
  else if (url.includes("/bodies/:id")) id = String(bodies[0].id);
  else if (url.startsWith("/organisations") || url.startsWith("/api/v1/organisations")) id = String(org.id);
  else if (url.startsWith("/people") || url.startsWith("/api/v1/people")) id = String(person.id);
  return url
    .replace(":slug", "digi-rogaland")
    .replace(":memberId", String(bodies[0].members[0].id))
    .replace(":id", id)
    .replace(":token", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
}

test("for every route: the public may use public routes; non-public routes deny anonymous visitors, ordinary users where the action is the administrator's, and let the administrator in", async () => {
  const plain = await new Session(t.app).login("plain@test.example", "an ordinary long password");
  const admin = await new Session(t.app).login(ADMIN.email, ADMIN.password);
  const adminOnlyActions = new Set([
    "network.create",
    "network.update",
    "membership.manage",
    "body.manage",
    "organisation.create",
    "organisation.update",
    "person.create",
    "person.update",
    "person.delete",
    "mail.readOutbox",
    "audit.search",
    "invitation.manage",
  ]);
  for (const r of routes) {
    const url = await fill(r.url);
    const isApi = url.startsWith("/api/");
    const anonymous = await t.app.inject({
      method: r.method as "GET",
      url,
      ...(r.method !== "GET" && isApi ? { headers: { "content-type": "application/json" }, payload: "{}" } : {}),
    });
    if (r.policy === "public") {
      if (r.method === "GET")
        assert.ok(
          ![401, 403].includes(anonymous.statusCode) && anonymous.headers.location?.startsWith("/login") !== true,
          `${r.method} ${r.url} is public`,
        );
      continue;
    }
    assert.ok([303, 401, 403].includes(anonymous.statusCode), `${r.method} ${r.url}: anonymous got ${anonymous.statusCode}`);
    if (r.method !== "GET") continue; // writes are covered per module; here reading the form or page is enough
    const asPlain = await plain.get(url);
    const asAdmin = await admin.get(url);
    if (adminOnlyActions.has(r.policy))
      assert.equal(asPlain.statusCode, 403, `${r.method} ${r.url}: an ordinary user got ${asPlain.statusCode}`);
    else assert.ok(asPlain.statusCode < 400, `${r.method} ${r.url}: an ordinary user may use it (${asPlain.statusCode})`);
    // The administrator is let in; a record that does not exist may still answer 404.
    assert.ok(
      ![401, 403].includes(asAdmin.statusCode) && asAdmin.statusCode < 500,
      `${r.method} ${r.url}: the administrator got ${asAdmin.statusCode}`,
    );
  }
});
