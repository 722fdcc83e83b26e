import assert from "node:assert/strict";
import { test } from "node:test";
import { count, sql } from "drizzle-orm";
import { createTestDatabase } from "../../test/support/db.ts";
import { UserService } from "./auth/users.ts";
import { vacuumEmbedded } from "./db/client.ts";
import { purgeExpired } from "./retention.ts";
import { authTokens, invitations, mailOutbox, sessions, throttles } from "./schema.ts";

test("the daily purge removes what is past its retention and keeps the rest", async () => {
  const database = await createTestDatabase({ demo: false });
  const { db } = database;
  try {
    const created = await new UserService(db).createAdmin({ email: "keep@test.example", password: "a long enough password" });
    assert.ok(created.ok);
    const userId = created.value.id;
    const old = new Date(Date.now() - 200 * 24 * 3600_000);
    const soon = new Date(Date.now() + 3600_000);
    await db.insert(sessions).values([
      { idHash: "live", userId, expiresAt: soon },
      { idHash: "ended", userId, expiresAt: old },
      { idHash: "idle", userId, expiresAt: soon, lastSeenAt: old },
    ]);
    await db.insert(authTokens).values([
      { idHash: "fresh", kind: "password_reset", userId, expiresAt: soon },
      { idHash: "used", kind: "password_reset", userId, expiresAt: soon, usedAt: new Date() },
      { idHash: "late", kind: "password_reset", userId, expiresAt: old },
    ]);
    await db.insert(mailOutbox).values([
      { to: "a@test.example", subject: "new", body: "" },
      { to: "b@test.example", subject: "old", body: "", createdAt: old },
    ]);
    await db.insert(invitations).values([
      { email: "pending@test.example", tokenHash: "p", expiresAt: soon },
      { email: "done@test.example", tokenHash: "d", expiresAt: old, acceptedAt: old, createdAt: old },
      { email: "recent@test.example", tokenHash: "r", expiresAt: old, withdrawnAt: new Date() },
    ]);
    await db.insert(throttles).values([
      { key: "old", failures: 3, windowStartedAt: old },
      { key: "new", failures: 1 },
    ]);

    const removed = await purgeExpired(db, { mailDays: 90, invitationDays: 90, sessionIdleMinutes: 120 });
    assert.deepEqual(removed, { sessions: 2, tokens: 2, mail: 1, invitations: 1, throttles: 1 });
    const n = async (table: typeof sessions | typeof authTokens | typeof mailOutbox | typeof invitations | typeof throttles) =>
      (await db.select({ n: count() }).from(table))[0]!.n;
    assert.equal(await n(sessions), 1);
    assert.equal(await n(authTokens), 1);
    assert.equal(await n(mailOutbox), 1);
    assert.equal(await n(invitations), 2);
    assert.equal(await n(throttles), 1);
  } finally {
    await database.close();
  }
});

test("the embedded database is vacuumed after the purge: every page visible again; PostgreSQL's autovacuum does its own", async () => {
  const database = await createTestDatabase({ demo: false });
  try {
    const { db } = database;
    await db.insert(throttles).values(Array.from({ length: 2000 }, (_, i) => ({ key: `k${i}`, failures: 1 })));
    await db.delete(throttles).where(sql`${throttles.failures} = 1 and ${throttles.key} like 'k1%'`);
    const pages = async () =>
      (
        (await db.execute(sql`select relpages, relallvisible from pg_class where relname = 'throttles'`)) as unknown as {
          rows: { relpages: number; relallvisible: number }[];
        }
      ).rows[0]!;
    const statements = database.queries.count;
    await vacuumEmbedded(database);
    assert.equal(database.queries.count - statements, database.kind === "pglite" ? 1 : 0);
    if (database.kind === "pglite") {
      const after = await pages();
      assert.ok(after.relpages > 0);
      assert.equal(after.relallvisible, after.relpages, "the visibility map is set for every page");
      assert.equal((await db.select({ n: count() }).from(throttles))[0]!.n, 2000 - 1111);
    }
  } finally {
    await database.close();
  }
});
