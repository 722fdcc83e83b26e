import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { gunzipSync } from "node:zlib";
import { count, getTableName, sql } from "drizzle-orm";
import pg from "pg";
import { createTestDatabase } from "../../test/support/db.ts";
import { organisations } from "../modules/directory/index.ts";
import { modules } from "../modules/index.ts";
import {
  ArchiveError,
  archiveTables,
  exportArchive as exportWith,
  importArchive as importWith,
  NOT_ARCHIVED,
} from "./archive.ts";
import { UserService } from "./auth/users.ts";
import { type Database, openDatabase } from "./db/client.ts";
import { runMigrations } from "./db/migrate.ts";
import { saveFile } from "./files/files.ts";
import { files } from "./schema.ts";

const exportArchive = (db: Database["db"], file: string) => exportWith(db, file, modules);
const importArchive = (db: Database["db"], file: string, options?: { replace?: boolean }) =>
  importWith(db, file, modules, options);

const dir = mkdtempSync(path.join(tmpdir(), "samverk-archive-"));
/** The archive's content without its header's timestamp. */
const body = (file: string) => gunzipSync(readFileSync(file)).toString("utf8").split("\n").slice(1).join("\n");

async function emptyPglite(): Promise<Database> {
  const database = await openDatabase({});
  await runMigrations(database);
  return database;
}

async function emptyPostgres(serverUrl: string): Promise<Database & { drop(): Promise<void> }> {
  const name = `samverk_archive_${process.pid}_${Date.now()}`;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString() });
  await runMigrations(database);
  return {
    ...database,
    drop: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

test("export then import gives identical content, and an import never overwrites by accident", async () => {
  const source = await createTestDatabase();
  await new UserService(source.db).createAdmin({ email: "archive@test.example", password: "a long enough password" });
  const bytes = Buffer.from([0, 1, 2, 255, 37, 80, 68, 70]);
  await saveFile(source.db, { name: "bytes.bin", mediaType: "application/pdf", data: bytes }, null);
  const first = path.join(dir, "first.jsonl.gz");
  const header = await exportArchive(source.db, first);
  assert.equal(header.counts.organisations! > 386, true);
  await source.close();

  const target = await emptyPglite();
  await importArchive(target.db, first);
  const second = path.join(dir, "second.jsonl.gz");
  await exportArchive(target.db, second);
  assert.equal(body(second), body(first));

  await assert.rejects(importArchive(target.db, first), ArchiveError);
  await importArchive(target.db, first, { replace: true });
  const [orgs] = await target.db.select({ n: count() }).from(organisations);
  assert.equal(orgs!.n, header.counts.organisations);
  const [file] = await target.db.select().from(files);
  assert.ok(file?.content.equals(bytes), "a file's bytes survive the archive exactly");
  // New rows continue after the imported ids.
  const created = await new UserService(target.db).createAdmin({ email: "new@test.example", password: "another long password" });
  assert.equal(created.ok, true);
  await target.close();
});

const serverUrl = process.env.SAMVERK_TEST_PG_URL;
test("an installation moves from the embedded database to PostgreSQL and back with identical content", {
  skip: serverUrl ? false : "needs a PostgreSQL server: SAMVERK_TEST_PG_URL (the test command sets it from TEST_DATABASE_URL)",
}, async () => {
  const embedded = await createTestDatabase();
  const fromEmbedded = path.join(dir, "from-embedded.jsonl.gz");
  await exportArchive(embedded.db, fromEmbedded);
  await embedded.close();

  const server = await emptyPostgres(serverUrl!);
  await importArchive(server.db, fromEmbedded);
  const fromServer = path.join(dir, "from-server.jsonl.gz");
  await exportArchive(server.db, fromServer);
  await server.drop();
  assert.equal(body(fromServer), body(fromEmbedded), "embedded → PostgreSQL");

  const back = await emptyPglite();
  await importArchive(back.db, fromServer);
  const roundTrip = path.join(dir, "round-trip.jsonl.gz");
  await exportArchive(back.db, roundTrip);
  await back.close();
  assert.equal(body(roundTrip), body(fromEmbedded), "PostgreSQL → embedded");
});

test("a file that is not an archive is refused and changes nothing", async () => {
  const target = await emptyPglite();
  const bogus = path.join(dir, "bogus.jsonl.gz");
  const { gzipSync } = await import("node:zlib");
  const { writeFileSync } = await import("node:fs");
  writeFileSync(bogus, gzipSync('{"hello":"world"}\n'));
  await assert.rejects(importArchive(target.db, bogus), /not a Samverk archive/);
  const [orgs] = await target.db.select({ n: count() }).from(organisations);
  assert.equal(orgs!.n, 0);
  await target.close();
});

test("every table the migrations make is either in the archive (declared by the kernel or a module's manifest) or named as staying with the installation", async () => {
  const database = await emptyPglite();
  const rows = (await database.db.execute(
    sql`select table_name from information_schema.tables where table_schema = 'public'`,
  )) as unknown as { rows: { table_name: string }[] };
  const all = rows.rows.map((r) => r.table_name).sort();
  const decided = [...archiveTables(modules).map((t) => getTableName(t)), ...NOT_ARCHIVED].sort();
  assert.deepEqual(all, decided);
  await database.close();
});
