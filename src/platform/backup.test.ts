import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { acquireLock, backupNow, listBackups, scheduleBackups } from "./backup.ts";
import { openDatabase } from "./db/client.ts";

test("the running server backs up on its schedule and keeps only the configured number", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "samverk-backups-"));
  const database = await openDatabase({});
  await database.pglite!.exec("create table kept (v text); insert into kept values ('still here');");
  let written = 0;
  const log = { info: () => void written++, error: (o: object) => assert.fail(JSON.stringify(o)) };
  // A schedule of 0.0001 hours is 0.36 s.
  const stop = scheduleBackups(database, { dir, keep: 2, hours: 0.0001, log });
  for (let i = 0; i < 200 && written < 3; i++) await new Promise((resolve) => setTimeout(resolve, 100));
  stop();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  assert.ok(written >= 3, `${written} backups written`);
  const files = listBackups(dir);
  assert.equal(files.length, 2, `kept ${readdirSync(dir).join(", ")}`);
  assert.ok(readdirSync(dir).every((f) => !f.endsWith(".partial")));
  const restored = await openDatabase({ loadDataDir: new Blob([readFileSync(files[1]!)]) });
  const rows = await restored.pglite!.query<{ v: string }>("select v from kept");
  assert.equal(rows.rows[0]?.v, "still here");
  await restored.close();
  await database.close();
});

test("backups are for the embedded database only, and one process holds its lock", async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "samverk-lock-"));
  const release = acquireLock(dataDir);
  // The same process may take it again (a restart within one process); another may not, which main.test.ts shows.
  assert.doesNotThrow(() => acquireLock(dataDir)());
  release();
  await assert.rejects(backupNow({ kind: "postgres" } as never, dataDir, 1), /embedded database/);
});
