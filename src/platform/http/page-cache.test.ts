import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { and, eq, gt, lt, sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { PASSWORD, testAccount } from "../../../test/support/accounts.ts";
import { createTestApp, Session, type TestApp } from "../../../test/support/app.ts";
import { buildApp } from "../../app.ts";
import { consultations } from "../../modules/consultations/schema.ts";
import { networkAccess } from "../../modules/networks/schema.ts";
import { projects } from "../../modules/projects/schema.ts";
import { UserService } from "../auth/users.ts";
import { loadConfig } from "../config.ts";
import { PageCache } from "./page-cache.ts";

let t: TestApp;
/** The API's rate limit in this file: low enough to reach, high enough for the other tests' few API requests. */
const API_RATE = 25;
let projectId: number;
before(async () => {
  t = await createTestApp({ env: { SAMVERK_QUERY_HEADER: "1", SAMVERK_API_RATE_PER_MINUTE: String(API_RATE) } });
  const [project] = await t.database.db.select().from(projects).where(eq(projects.visibility, "public")).limit(1);
  projectId = project!.id;
});
after(() => t.close());

const get = (app: FastifyInstance, url: string, headers: Record<string, string> = {}) =>
  app.inject({ method: "GET", url, headers });

test("an anonymous page is made once and then served from memory with one query, byte for byte", async () => {
  const first = await get(t.app, `/projects/${projectId}`);
  assert.equal(first.statusCode, 200);
  assert.equal(first.headers["x-page-cache"], "miss");
  const second = await get(t.app, `/projects/${projectId}`);
  assert.equal(second.headers["x-page-cache"], "hit");
  assert.equal(second.body, first.body);
  assert.equal(second.headers["content-type"], first.headers["content-type"]);
  assert.equal(second.headers["content-security-policy"], first.headers["content-security-policy"]);
  // Nothing is read: the database tells each process of changes.
  assert.equal(second.headers["x-db-queries"], "0");
  assert.ok(Number(first.headers["x-db-queries"]) > 1);
});

test("any change to the data is visible at the very next request", async () => {
  await get(t.app, `/projects/${projectId}`);
  await t.database.db.update(projects).set({ title: "Renamed by the cache test" }).where(eq(projects.id, projectId));
  const next = await get(t.app, `/projects/${projectId}`);
  assert.equal(next.headers["x-page-cache"], "miss");
  assert.match(next.body, /Renamed by the cache test/);
});

test("a change through one process is visible through another on the same database at its next request", async () => {
  const config = loadConfig({ SAMVERK_DATA_DIR: "./tmp/test-data" });
  const other = await buildApp({ config, database: t.database, secret: "test-secret-test-secret-test-secret-1234" });
  try {
    await get(other, `/projects/${projectId}`);
    assert.equal((await get(other, `/projects/${projectId}`)).headers["x-page-cache"], "hit");
    // Changed through the first app, as a user's edit would be.
    const s = new Session(t.app);
    await s.login();
    const [project] = await t.database.db.select().from(projects).where(eq(projects.id, projectId));
    const edit = await s.api("PATCH", `/api/v1/projects/${projectId}`, {
      title: "Renamed through the first process",
      version: project!.version,
    });
    assert.equal(edit.statusCode, 200, edit.body);
    // The other process hears of it a moment after the commit (at once on the embedded database).
    const deadline = Date.now() + 5000;
    let seen = await get(other, `/projects/${projectId}`);
    while (!/Renamed through the first process/.test(seen.body) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      seen = await get(other, `/projects/${projectId}`);
    }
    assert.match(seen.body, /Renamed through the first process/);
  } finally {
    await other.close();
  }
});

test("readers who miss the same page at once wait for one of them to make it", async () => {
  await t.database.db.update(projects).set({ title: "Made once for five readers" }).where(eq(projects.id, projectId));
  const answers = await Promise.all(Array.from({ length: 5 }, () => get(t.app, `/projects/${projectId}`)));
  assert.deepEqual(
    answers.map((a) => a.statusCode),
    [200, 200, 200, 200, 200],
  );
  assert.equal(answers.filter((a) => a.headers["x-page-cache"] === "miss").length, 1);
  for (const answer of answers) assert.match(answer.body, /Made once for five readers/);
  // A change while it is made: the waiters do not take the copy made from before it.
  const url = `/projects/${projectId}?during-a-change`;
  const [first, second] = await Promise.all([
    get(t.app, url),
    (async () => {
      await t.database.db.update(projects).set({ title: "Changed while made" }).where(eq(projects.id, projectId));
      return get(t.app, url);
    })(),
  ]);
  assert.equal(first.statusCode, 200);
  assert.match(second.body, /Changed while made/);
});

test("each language has its own copy", async () => {
  const en = await get(t.app, "/roadmap", { "accept-language": "en" });
  const nb = await get(t.app, "/roadmap", { "accept-language": "nb" });
  assert.match(en.body, /<html lang="en"/);
  assert.match(nb.body, /<html lang="nb"/);
  assert.match((await get(t.app, "/roadmap", { "accept-language": "en" })).body, /<html lang="en"/);
});

test("a signed-in person's page is kept for their session alone, until what it read changes or the session ends", async () => {
  const [restricted] = await t.database.db.select().from(projects).where(eq(projects.visibility, "network")).limit(1);
  assert.ok(restricted, "the demo data has a project for its network's members");
  const url = `/projects/${restricted.id}`;
  const email = "kept.member@test.samverk.example";
  const userId = await testAccount(t.app, t.database.db, email, { networkId: restricted.networkId, role: "member" });
  const member = new Session(t.app);
  await member.login(email, PASSWORD);
  const first = await member.get(url);
  assert.equal(first.statusCode, 200);
  assert.equal(first.headers["x-page-cache"], "miss");
  const kept = await member.get(url);
  assert.equal(kept.headers["x-page-cache"], "hit");
  assert.equal(kept.body, first.body);
  // Nothing is read: the session, the page, the rights and the header are kept.
  assert.equal(kept.headers["x-db-queries"], "0");
  // Another person, or the same person in another session, is not served this session's copy.
  const admin = new Session(t.app);
  await admin.login();
  assert.equal((await admin.get(url)).headers["x-page-cache"], "miss");
  const again = new Session(t.app);
  await again.login(email, PASSWORD);
  assert.equal((await again.get(url)).headers["x-page-cache"], "miss");
  // A change to what the page read: made again.
  await t.database.db.update(projects).set({ title: "Renamed for the members" }).where(eq(projects.id, restricted.id));
  const changed = await member.get(url);
  assert.equal(changed.headers["x-page-cache"], "miss");
  assert.match(changed.body, /Renamed for the members/);
  // The rights taken away: refused at once, kept page or not.
  await t.database.db.delete(networkAccess).where(eq(networkAccess.userId, userId));
  assert.equal((await again.get(url)).statusCode, 404);
  // The CSRF tokens on a kept page are still this browser's: signing out with one works, and ends
  // the session, so its kept pages are never served again.
  assert.equal((await member.get("/")).statusCode, 200);
  assert.equal((await member.get("/")).headers["x-page-cache"], "hit");
  const out = await member.post("/logout", {});
  assert.equal(out.statusCode, 303, out.body);
  const after = await t.app.inject({ method: "GET", url: "/", headers: { cookie: member.cookies } });
  assert.notEqual(after.headers["x-page-cache"], "hit");
  assert.doesNotMatch(after.body, /kept\.member/);
});

test("a body that reads only what the reader may do is kept for everyone with the same rights, with each reader's own parts", async () => {
  const [restricted] = await t.database.db.select().from(projects).where(eq(projects.visibility, "network")).limit(1);
  assert.ok(restricted);
  const url = `/projects/${restricted.id}`;
  const en = { "accept-language": "en" };
  // Two administrators: the same rights (a member's project page reads which subject networks its
  // reader takes part in, which is theirs alone, so it is kept per session).
  const reader = async (name: string, role: "member" | "secretariat" | "administrator") => {
    const email = `${name}@test.samverk.example`;
    if (role === "administrator") await new UserService(t.database.db).createAdmin({ email, password: PASSWORD, name });
    else await testAccount(t.app, t.database.db, email, { networkId: restricted.networkId, role });
    const session = new Session(t.app);
    await session.login(email, PASSWORD);
    return session;
  };
  const ada = await reader("shared.ada", "administrator");
  const bo = await reader("shared.bo", "administrator");
  const first = await ada.get(url, en);
  assert.equal(first.statusCode, 200);
  assert.equal(first.headers["x-page-cache"], "miss");
  // Bo has the same rights: the body Ada's request made, around Bo's own header, token and follow button.
  const kept = await bo.get(url, en);
  assert.equal(kept.headers["x-page-cache"], "hit");
  assert.match(kept.body, /shared\.bo/);
  assert.doesNotMatch(kept.body, /shared\.ada/);
  assert.doesNotMatch(kept.body, /samverk-own-/);
  // Once Bo's follow state is known too, a request reads nothing.
  const steady = await bo.get(url, en);
  assert.equal(steady.headers["x-page-cache"], "hit");
  assert.equal(steady.headers["x-db-queries"], "0");
  // Bo's token on the kept page is Bo's: following from it works, and only Bo follows.
  assert.match(kept.body, />Follow</);
  const follow = await bo.post(`/follow/project/${restricted.id}`, { back: url });
  assert.equal(follow.statusCode, 303, follow.body);
  assert.match((await bo.get(url, en)).body, /You follow this/);
  assert.doesNotMatch((await ada.get(url, en)).body, /You follow this/);
  // Other rights, another copy.
  const cy = await reader("shared.cy", "secretariat");
  assert.equal((await cy.get(url, en)).headers["x-page-cache"], "miss");
  // A page that reads who its reader is (the front page's "waiting for you") is kept for the session only.
  await ada.get("/?fresh", en);
  assert.notEqual((await bo.get("/?fresh", en)).headers["x-page-cache"], "hit");
});

test("what is made for a signed-in person is never kept for everyone, however the cookie is written", async () => {
  const admin = new Session(t.app);
  await admin.login();
  const url = "/api/v1/projects?limit=100&odd-cookie";
  // A space before "=": the quick anonymous test misses the session, the cookie parser does not.
  const odd = await get(t.app, url, { cookie: admin.cookies.replace("samverk_session=", "samverk_session =") });
  assert.equal(odd.statusCode, 200);
  const anonymous = await get(t.app, url);
  assert.notEqual(anonymous.headers["x-page-cache"], "hit");
  assert.equal(
    anonymous.json().items.some((p: { visibility: string }) => p.visibility !== "public"),
    false,
  );
});

test("a consultation's input form gives every reader a token of their own, whatever their rights", async () => {
  const now = new Date();
  const [consultation] = await t.database.db
    .select()
    .from(consultations)
    .where(and(lt(consultations.opensAt, now), gt(consultations.closesAt, now)))
    .limit(1);
  assert.ok(consultation, "the demo data has an open consultation");
  const tokenOf = (html: string) => /name="formToken" value="([^"]+)"/.exec(html)?.[1];
  const readers = [new Session(t.app), new Session(t.app)];
  for (const reader of readers) await reader.login();
  const url = `/consultations/${consultation.id}/input`;
  const tokens = [];
  for (const reader of [...readers, ...readers]) {
    const page = await reader.get(url);
    assert.equal(page.statusCode, 200);
    assert.notEqual(page.headers["x-page-cache"], "hit");
    tokens.push(tokenOf(page.body));
  }
  assert.equal(new Set(tokens).size, 4, "four forms, four tokens");
});

test("nothing anonymous is kept that carries a visitor's token or sets a cookie", async () => {
  const s = new Session(t.app);
  await s.login();
  // The sign-in form sets its CSRF cookie: made anew for everyone.
  await get(t.app, "/login");
  const again = await get(t.app, "/login");
  assert.notEqual(again.headers["x-page-cache"], "hit");
  // A visitor who already has the CSRF cookie gets no new one, but the form carries their token.
  const withCookie = await get(t.app, "/login", { cookie: s.cookies });
  assert.equal(withCookie.headers["x-page-cache"], undefined);
  // A consultation's form token is each visitor's own.
  const [consultation] = await t.database.db.select().from(consultations).limit(1);
  const token = () => get(t.app, `/api/v1/consultations/${consultation!.id}/form-token`);
  assert.notEqual((await token()).json().formToken, (await token()).json().formToken);
  // Nor the API's answers to a signed-in user.
  await s.get("/api/v1/networks");
  assert.equal((await s.get("/api/v1/networks")).headers["x-page-cache"], undefined);
});

test("the API's anonymous answers are kept like pages, and every one still counts against the rate limit", async () => {
  const url = "/api/v1/projects?limit=5";
  const first = await get(t.app, url, { "accept-language": "en" });
  assert.equal(first.statusCode, 200);
  assert.equal(first.headers["x-page-cache"], "miss");
  const second = await get(t.app, url, { "accept-language": "en" });
  assert.equal(second.headers["x-page-cache"], "hit");
  assert.equal(second.body, first.body);
  assert.match(String(second.headers["content-type"]), /application\/json/);
  // Changed, and answered anew.
  await t.database.db.update(projects).set({ title: "Renamed for the API" }).where(eq(projects.id, projectId));
  assert.notEqual((await get(t.app, `/api/v1/projects/${projectId}`)).headers["x-page-cache"], "hit");
  assert.match((await get(t.app, `/api/v1/projects/${projectId}`)).body, /Renamed for the API/);
  // Past the limit, an answer in memory is refused all the same, in the reader's language.
  await get(t.app, url, { "accept-language": "en" });
  let refused: Awaited<ReturnType<typeof get>> | undefined;
  for (let i = 0; i <= API_RATE && !refused; i++) {
    const res = await get(t.app, url, { "accept-language": "en" });
    if (res.statusCode === 429) refused = res;
    else assert.equal(res.headers["x-page-cache"], "hit");
  }
  assert.ok(refused, "the limit was reached");
  assert.ok(Number(refused.headers["retry-after"]) >= 1);
  assert.match(refused.body, /Too many requests/);
});

test("bookkeeping writes (sessions, rate counters) leave the pages where they are", async () => {
  await get(t.app, "/roadmap");
  const s = new Session(t.app);
  await s.login();
  await s.get("/");
  await t.app.inject({ method: "GET", url: "/api/v1/networks" });
  assert.equal((await get(t.app, "/roadmap")).headers["x-page-cache"], "hit");
});

test("every table that pages show counts its changes", async () => {
  const result = (await t.database.db.execute(sql`
    select c.relname as name from pg_class c
    where c.relkind = 'r' and c.relnamespace = current_schema()::regnamespace
      and not exists (select 1 from pg_trigger g where g.tgrelid = c.oid and g.tgname = 'samverk_count_change')
    order by 1`)) as unknown as { rows: { name: string }[] };
  assert.deepEqual(
    result.rows.map((r) => r.name),
    [
      "activity_mail",
      "activity_seen",
      "activity_settings",
      "api_tokens",
      "auth_tokens",
      "form_submissions",
      "invitations",
      "mail_outbox",
      "newsletter_subscribers",
      "rate_counters",
      "sessions",
      "throttles",
    ],
    "a new table needs the trigger: see migrations/0031_data_version_triggers.sql and decision 0043",
  );
});

test("readers wait for another's making of a page only while that page was kept the last time", async () => {
  const cache = new PageCache({ maxBytes: 1024, maxEntries: 10, maxAgeMs: 60_000 }, { unchangedSince: () => true });
  const first = await cache.madeByAnother("page");
  assert.equal(first.waited, false);
  const second = cache.madeByAnother("page");
  if (!first.waited) first.done(false);
  assert.equal((await second).waited, true);
  // Not kept the last time (a form with a visitor's token): each reader makes their own at once.
  const third = await cache.madeByAnother("page");
  const fourth = await cache.madeByAnother("page");
  assert.equal(third.waited, false);
  assert.equal(fourth.waited, false);
});

test("the cache keeps within its entries, bytes and age", () => {
  const changed = new Set<string>();
  const changes = { unchangedSince: (tables: readonly string[]) => !tables.some((table) => changed.has(table)) };
  const cache = new PageCache({ maxEntries: 2, maxBytes: 1000, maxAgeMs: 1000 }, changes);
  const page = (body: string, tables = ["projects"]) => ({ version: 1, tables, storedAt: 0, headers: {}, body });
  cache.set("a", page("a"));
  cache.set("b", page("b"));
  assert.ok(cache.get("a", 10));
  cache.set("c", page("c", ["consultations"]));
  // b was used least recently.
  assert.equal(cache.get("b", 10), undefined);
  assert.ok(cache.get("a", 10));
  changed.add("projects");
  assert.equal(cache.get("a", 10), undefined, "a table it read changed");
  assert.ok(cache.get("c", 10), "another table changed");
  assert.equal(cache.get("c", 2000), undefined, "too old");
  cache.set("big", page("x".repeat(500)));
  assert.equal(cache.size, 0, "a page over a tenth of the memory is not kept");
});
