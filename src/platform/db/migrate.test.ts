import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { sql } from "drizzle-orm";
import { createEmptyDatabase } from "../../../test/support/db.ts";
import type { Database } from "./client.ts";
import { migrationsFolder, runMigrations } from "./migrate.ts";

/**
 * The last migration of the previous release: an installation of it is upgraded here. Move it to the
 * newest migration when a release is made.
 */
const PREVIOUS_RELEASE = "0065_registrations_by_person";

interface Journal {
  entries: { idx: number; tag: string; when: number; version: string; breakpoints: boolean }[];
}
const journal = (): Journal => JSON.parse(readFileSync(path.join(migrationsFolder, "meta/_journal.json"), "utf8"));

const folders: string[] = [];
after(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** A copy of the migrations up to `last`, with `extra` ones after it (written as given). */
function migrationsUpTo(last: string, extra: { tag: string; sql: string }[] = []): string {
  const folder = mkdtempSync(path.join(tmpdir(), "samverk-migrations-"));
  folders.push(folder);
  cpSync(migrationsFolder, folder, { recursive: true });
  const all = journal();
  const upTo = all.entries.findIndex((e) => e.tag === last);
  assert.ok(upTo >= 0, `${last} is a migration`);
  const entries = all.entries.slice(0, upTo + 1);
  for (const [i, migration] of extra.entries()) {
    const previous = entries[entries.length - 1]!;
    entries.push({ ...previous, idx: previous.idx + 1, tag: migration.tag, when: previous.when + 1 + i });
    writeFileSync(path.join(folder, `${migration.tag}.sql`), migration.sql);
  }
  writeFileSync(path.join(folder, "meta/_journal.json"), JSON.stringify({ ...all, entries }, null, 2));
  return folder;
}

const rows = async <T>(database: Database, query: ReturnType<typeof sql>) =>
  ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;
const applied = async (database: Database) =>
  (await rows<{ n: number }>(database, sql`select count(*)::int as n from drizzle.__drizzle_migrations`))[0]!.n;
const tableExists = async (database: Database, name: string) =>
  (await rows<{ n: number }>(database, sql`select count(*)::int as n from pg_tables where tablename = ${name}`))[0]!.n === 1;

test("an installation of the previous release, with data in it, is brought up to this one", async () => {
  const database = await createEmptyDatabase();
  try {
    await runMigrations(database, migrationsUpTo(PREVIOUS_RELEASE));
    assert.equal(await tableExists(database, "import_runs"), false, "the previous release had no imports");
    // What an installation holds: a network, a member, a person with an account, a project, an audit entry.
    await database.db.execute(sql`
      insert into networks (slug, name, short_name) values ('digi-gammel', 'Digi Gammel', 'Gammel')`);
    await database.db.execute(sql`
      insert into organisations (kind, name, name_norwegian, code) values ('municipality', 'Bø', 'Bø', '1867')`);
    await database.db.execute(sql`
      insert into memberships (network_id, organisation_id, level)
      select n.id, o.id, 'member' from networks n, organisations o`);
    await database.db.execute(sql`insert into users (email, name) values ('sek@gammel.example', 'Sekretariatet')`);
    await database.db.execute(sql`
      insert into projects (network_id, title, kind, sector, phase, budget, tags, owner_organisation_id)
      select n.id, 'Felles arkiv', 'regional', 'archive', 'execution', 1200000, '{arkiv}', o.id from networks n, organisations o`);
    await database.db.execute(sql`
      insert into audit_log (actor_label, action, entity, entity_id) values ('Sekretariatet', 'create', 'project', '1')`);

    await runMigrations(database);
    assert.equal(await applied(database), journal().entries.length, "every migration is applied");
    const [project] = await rows<Record<string, unknown>>(
      database,
      sql`
      select p.title, p.phase, p.budget::int as budget, p.tags, p.visibility, p.version, o.name as owner
      from projects p join organisations o on o.id = p.owner_organisation_id`,
    );
    assert.deepEqual(project, {
      title: "Felles arkiv",
      phase: "execution",
      budget: 1200000,
      tags: ["arkiv"],
      visibility: "public",
      version: 1,
      owner: "Bø",
    });
    assert.equal((await rows<{ n: number }>(database, sql`select count(*)::int as n from audit_log`))[0]!.n, 1);
    assert.equal(await tableExists(database, "import_runs"), true);
    // A second start finds nothing to do.
    await runMigrations(database);
    assert.equal(await applied(database), journal().entries.length);
  } finally {
    await database.close();
  }
});

test("a migration that fails leaves the database as it was, with the migrations before it in the same run", async () => {
  const database = await createEmptyDatabase();
  try {
    await runMigrations(database, migrationsUpTo(PREVIOUS_RELEASE));
    const before = await applied(database);
    const broken = migrationsUpTo(journal().entries.at(-1)!.tag, [
      { tag: "9990_fine", sql: `CREATE TABLE "upgrade_fine" ("id" serial PRIMARY KEY);` },
      {
        tag: "9991_broken",
        sql: `ALTER TABLE "projects" ADD COLUMN "upgrade_marker" text;--> statement-breakpoint\nINSERT INTO "no_such_table" VALUES (1);`,
      },
    ]);
    await assert.rejects(() => runMigrations(database, broken));
    // Nothing of this run stayed: not this release's migrations, not the fine one, not the broken one's first step.
    assert.equal(await applied(database), before);
    assert.equal(await tableExists(database, "import_runs"), false);
    assert.equal(await tableExists(database, "upgrade_fine"), false);
    const columns = await rows<{ n: number }>(
      database,
      sql`
      select count(*)::int as n from information_schema.columns where table_name = 'projects' and column_name = 'upgrade_marker'`,
    );
    assert.equal(columns[0]!.n, 0);
    // With the broken migration gone, the same database upgrades.
    await runMigrations(database);
    assert.equal(await applied(database), journal().entries.length);
  } finally {
    await database.close();
  }
});
