import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { and, eq } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../../../test/support/db.ts";
import { systemActor } from "../../platform/access/actor.ts";
import { auditLog } from "../../platform/schema.ts";
import { importReference, referenceDir } from "./reference.ts";
import { organisations } from "./schema.ts";

let database: TestDatabase;
before(async () => {
  database = await createTestDatabase({ demo: false });
});
after(() => database.close());

const actor = systemActor("test import");
const byCode = async (code: string) => {
  const [row] = await database.db
    .select()
    .from(organisations)
    .where(and(eq(organisations.kind, "municipality"), eq(organisations.code, code)));
  return row!;
};

test("running the import again changes nothing", async () => {
  const first = await importReference(database.db, actor);
  assert.deepEqual(first, { created: 0, updated: 0, ended: 0, unchanged: 386 });
  const second = await importReference(database.db, actor);
  assert.deepEqual(second, { created: 0, updated: 0, ended: 0, unchanged: 386 });
});

test("a changed name is updated in place and recorded; a merged municipality is ended with its successor", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "samverk-ref-"));
  cpSync(referenceDir, dir, { recursive: true });
  const file = path.join(dir, "kommuner.csv");
  const lines = readFileSync(file, "utf8").split("\n");
  // Imagine 1 January: Sande (1514) merges into Herøy (1515), and Herøy takes a new name.
  const kept = lines.filter((l) => !l.startsWith("1514,"));
  const renamed = kept.map((l) =>
    l.startsWith("1515,") ? l.replace("Herøy (Møre og Romsdal),Herøy (Møre og Romsdal)", "Herøy og Sande,Herøy og Sande") : l,
  );
  writeFileSync(file, renamed.join("\n"));
  writeFileSync(path.join(dir, "kommune-endringer.csv"), "kommunenummer,etterfolgar,dato\n1514,1515,2027-01-01\n");

  const herøyBefore = await byCode("1515");
  const sandeBefore = await byCode("1514");
  const summary = await importReference(database.db, actor, dir);
  assert.deepEqual(summary, { created: 0, updated: 1, ended: 1, unchanged: 384 });

  const herøy = await byCode("1515");
  assert.equal(herøy.id, herøyBefore.id, "updated in place");
  assert.equal(herøy.name, "Herøy og Sande");
  const sande = await byCode("1514");
  assert.equal(sande.id, sandeBefore.id, "never deleted");
  assert.equal(sande.endedOn, "2027-01-01");
  assert.equal(sande.successorId, herøy.id);

  const entries = await database.db
    .select()
    .from(auditLog)
    .where(eq(auditLog.entityId, String(herøy.id)));
  const rename = entries.find((e) => e.action === "update");
  assert.deepEqual(rename?.before, { name: "Herøy (Møre og Romsdal)", nameNorwegian: "Herøy (Møre og Romsdal)" });
  assert.deepEqual(rename?.after, { name: "Herøy og Sande", nameNorwegian: "Herøy og Sande" });
  assert.equal(rename?.actorLabel, "test import");

  // Ended organisations leave the lists but stay reachable.
  assert.equal((await importReference(database.db, actor, dir)).ended, 0, "ending is not repeated");
  const again = await importReference(database.db, actor);
  assert.equal(again.updated, 2, "the original file brings Sande back and renames Herøy back");
});
