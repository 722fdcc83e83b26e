import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq, sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { gatherings } from "../../modules/gatherings/schema.ts";
import { projects } from "../../modules/projects/schema.ts";
import { strategies } from "../../modules/strategies/schema.ts";
import { tablesNamedIn } from "./client.ts";
import { clockOf } from "./data-version.ts";

let t: TestApp;
let projectId: number;
let strategyId: number;
before(async () => {
  t = await createTestApp({ env: { SAMVERK_QUERY_HEADER: "1" } });
  const [project] = await t.database.db.select().from(projects).where(eq(projects.visibility, "public")).limit(1);
  const [strategy] = await t.database.db.select().from(strategies).where(eq(strategies.status, "adopted")).limit(1);
  projectId = project!.id;
  strategyId = strategy!.id;
});
after(() => t.close());

const get = (app: FastifyInstance, url: string) => app.inject({ method: "GET", url });

test("a statement's tables are named from drizzle's quoted names and hand-written SQL alike", () => {
  assert.deepEqual(
    [
      ...tablesNamedIn(
        'select "projects"."id" from "projects" left join "networks" on "networks"."id" = "projects"."network_id"',
      ),
    ].sort(),
    ["id", "network_id", "networks", "projects"],
  );
  const handWritten = tablesNamedIn(
    "with x as (select 1) select * from memberships m join Bodies b on true where exists (select 1 from x)",
  );
  for (const name of ["memberships", "bodies", "x"]) assert.ok(handWritten.includes(name), name);
  assert.ok(tablesNamedIn("update people set name = $1").includes("people"));
  assert.ok(tablesNamedIn("insert into follows (a) values ($1)").includes("follows"));
});

test("a change makes stale only the pages that read its table", async () => {
  const project = `/projects/${projectId}`;
  const strategy = `/strategies/${strategyId}`;
  for (const url of [project, strategy]) {
    await get(t.app, url);
    assert.equal((await get(t.app, url)).headers["x-page-cache"], "hit", url);
  }
  // A gathering changes: neither page read gatherings.
  const [gathering] = await t.database.db.select().from(gatherings).limit(1);
  await t.database.db.update(gatherings).set({ title: gathering!.title }).where(eq(gatherings.id, gathering!.id));
  assert.equal((await get(t.app, project)).headers["x-page-cache"], "hit");
  assert.equal((await get(t.app, strategy)).headers["x-page-cache"], "hit");
  // The strategy changes: its page is made again, the project's (which reads no strategy) is still kept.
  await t.database.db.update(strategies).set({ title: "Stale only here" }).where(eq(strategies.id, strategyId));
  const changed = await get(t.app, strategy);
  assert.equal(changed.headers["x-page-cache"], "miss");
  assert.match(changed.body, /Stale only here/);
  assert.equal((await get(t.app, project)).headers["x-page-cache"], "hit");
});

test("a table without the trigger keeps nothing that read it, and a write inside a transaction that rolls back is not told", async () => {
  const clock = clockOf(t.database);
  assert.ok(clock);
  assert.equal(clock.keepable(["projects", "networks"]), true);
  assert.equal(clock.keepable(["projects", "sessions"]), false);
  assert.deepEqual(clock.tracked(["projects", "title", "sessions", "networks"]), ["networks", "projects"]);
  const url = `/projects/${projectId}`;
  await get(t.app, url);
  await t.database.db
    .transaction(async (tx) => {
      await tx.update(projects).set({ title: "Never committed" }).where(eq(projects.id, projectId));
      throw new Error("rolled back");
    })
    .catch(() => undefined);
  await clock.caughtUp();
  assert.equal((await get(t.app, url)).headers["x-page-cache"], "hit");
});

test("on PostgreSQL, a process that loses its listening connection keeps nothing until it listens again, and then starts afresh", async (context) => {
  if (t.database.kind !== "postgres") return context.skip("the embedded database tells its one process directly");
  const url = `/projects/${projectId}`;
  await get(t.app, url);
  assert.equal((await get(t.app, url)).headers["x-page-cache"], "hit");
  const listening = sql`select pid from pg_stat_activity where datname = current_database() and query ilike 'listen %' and pid <> pg_backend_pid()`;
  const { rows } = (await t.database.db.execute(listening)) as unknown as { rows: { pid: number }[] };
  assert.equal(rows.length, 1, "one listening connection");
  await t.database.db.execute(sql`select pg_terminate_backend(${rows[0]!.pid})`);
  // Lost: a change made meanwhile cannot be heard, so every page is made from the database.
  await waitFor(async () => (await get(t.app, url)).headers["x-page-cache"] !== "hit");
  await t.database.db.update(projects).set({ title: "Changed while nobody listened" }).where(eq(projects.id, projectId));
  const meanwhile = await get(t.app, url);
  assert.notEqual(meanwhile.headers["x-page-cache"], "hit");
  assert.match(meanwhile.body, /Changed while nobody listened/);
  // Listening again (after half a second), pages are kept again.
  await waitFor(async () => {
    await get(t.app, url);
    return (await get(t.app, url)).headers["x-page-cache"] === "hit";
  });
  const { rows: again } = (await t.database.db.execute(listening)) as unknown as { rows: unknown[] };
  assert.equal(again.length, 1);
});

async function waitFor(condition: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) assert.fail("not within the time");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
