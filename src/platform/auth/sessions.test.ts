import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq, sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { ADMIN, createTestApp, Session, type TestApp } from "../../../test/support/app.ts";
import { buildApp } from "../../app.ts";
import { loadConfig } from "../config.ts";
import { clockOf } from "../db/data-version.ts";
import { sessions, users } from "../schema.ts";

// Sessions kept in each process's memory (decision 0044): a signed-in request reads nothing in steady
// state, yet a session that ends, or an account that changes, counts at the next request.

let t: TestApp;
before(async () => {
  t = await createTestApp({ env: { SAMVERK_QUERY_HEADER: "1" } });
});
after(() => t.close());

const accountPage = (app: FastifyInstance, session: Session) =>
  app.inject({ method: "GET", url: "/account/sessions", headers: { cookie: session.cookies } });
const signedIn = async (app: FastifyInstance, session: Session) => (await accountPage(app, session)).statusCode === 200;

test("a kept session is used without asking the database", async () => {
  const admin = new Session(t.app);
  await admin.login();
  const first = await t.app.inject({ method: "GET", url: "/", headers: { cookie: admin.cookies } });
  assert.equal(first.statusCode, 200);
  const steady = await t.app.inject({ method: "GET", url: "/", headers: { cookie: admin.cookies } });
  assert.equal(steady.headers["x-page-cache"], "hit");
  assert.equal(steady.headers["x-db-queries"], "0");
});

test("a session ended, expired or made idle in the database is refused at the next request", async () => {
  for (const change of [
    (hash: string) => t.database.db.delete(sessions).where(eq(sessions.idHash, hash)),
    (hash: string) =>
      t.database.db
        .update(sessions)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(sessions.idHash, hash)),
    (hash: string) =>
      t.database.db
        .update(sessions)
        .set({ lastSeenAt: new Date(Date.now() - 24 * 3600_000) })
        .where(eq(sessions.idHash, hash)),
  ]) {
    const admin = new Session(t.app);
    await admin.login();
    assert.equal(await signedIn(t.app, admin), true);
    assert.equal(await signedIn(t.app, admin), true);
    const [newest] = await t.database.db.select().from(sessions).orderBy(sql`created_at desc`).limit(1);
    await change(newest!.idHash);
    assert.equal(await signedIn(t.app, admin), false);
  }
});

test("an account's changed rights count at the next request, kept session or not", async () => {
  const admin = new Session(t.app);
  await admin.login();
  assert.equal((await t.app.inject({ url: "/admin/invitations", headers: { cookie: admin.cookies } })).statusCode, 200);
  const [me] = await t.database.db.select().from(users).where(eq(users.email, ADMIN.email));
  await t.database.db.update(users).set({ isAdmin: false }).where(eq(users.id, me!.id));
  try {
    assert.notEqual((await t.app.inject({ url: "/admin/invitations", headers: { cookie: admin.cookies } })).statusCode, 200);
  } finally {
    await t.database.db.update(users).set({ isAdmin: true }).where(eq(users.id, me!.id));
  }
});

test("a session ended by another process is refused there at its next request", async () => {
  const config = loadConfig({ SAMVERK_DATA_DIR: "./tmp/test-data" });
  const other = await buildApp({ config, database: t.database, secret: "test-secret-test-secret-test-secret-1234" });
  try {
    const admin = new Session(t.app);
    await admin.login();
    assert.equal(await signedIn(other, admin), true);
    assert.equal(await signedIn(other, admin), true);
    const out = await admin.post("/logout", {});
    assert.equal(out.statusCode, 303);
    // The other process hears of it a moment after the commit (at once on the embedded database).
    await clockOf(t.database)?.caughtUp();
    assert.equal(await signedIn(other, admin), false);
  } finally {
    await other.close();
  }
});

test("a kept session whose row went without word is refused when its minute's touch finds nothing", async (c) => {
  const admin = new Session(t.app);
  await admin.login();
  assert.equal(await signedIn(t.app, admin), true);
  // Deleted with triggers off: as if another process's word had not arrived yet.
  await t.database.db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.delete(sessions);
  });
  // Until then the session is kept (the window decision 0044 names) ...
  assert.equal(await signedIn(t.app, admin), true);
  // ... and at most a minute on, its touch finds no row.
  c.mock.timers.enable({ apis: ["Date"], now: Date.now() + 61_000 });
  try {
    assert.equal(await signedIn(t.app, admin), false);
  } finally {
    c.mock.timers.reset();
  }
});
