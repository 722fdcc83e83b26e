import assert from "node:assert/strict";
import { test } from "node:test";
import { sql } from "drizzle-orm";
import { index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { createTestDatabase } from "../../../test/support/db.ts";
import { DocumentStore, documentColumns } from "./documents.ts";
import { saveFile } from "./files.ts";

// A documents table of the shape every module's has: the shared columns, an owner and a visibility.
const folderDocuments = pgTable(
  "folder_documents",
  {
    ...documentColumns(),
    folderId: integer("folder_id").notNull(),
    visibility: text("visibility").notNull().default("public"),
  },
  (t) => [index("folder_documents_folder_idx").on(t.folderId)],
);

test("a DocumentStore lists, finds, adds, removes and moves one owner's documents", async () => {
  const database = await createTestDatabase({ demo: false });
  const { db } = database;
  try {
    await db.execute(sql`create table folder_documents (
      id serial primary key, file_id integer not null references files (id), title text not null,
      created_at timestamptz not null default now(), folder_id integer not null, visibility text not null default 'public')`);
    const pdf = { name: "a.pdf", mediaType: "application/pdf", data: Buffer.from("%PDF-1.4") };
    const fileA = await saveFile(db, pdf, null);
    const fileB = await saveFile(db, { ...pdf, name: "b.pdf" }, null);
    const fileC = await saveFile(db, { ...pdf, name: "c.pdf" }, null);

    const store = new DocumentStore(db, folderDocuments, folderDocuments.folderId);
    const first = await store.insert({ folderId: 1, fileId: fileA.id, title: "First" });
    const second = await store.insert({ folderId: 1, fileId: fileB.id, title: "Second", visibility: "members" });
    const other = await store.with(db).insert({ folderId: 2, fileId: fileC.id, title: "Elsewhere" });
    assert.equal(first.folderId, 1);

    const listed = await store.list(1);
    assert.deepEqual(
      listed.map((d) => [d.title, d.fileName, d.mediaType, d.visibility, d.folderId]),
      [
        ["First", "a.pdf", "application/pdf", "public", 1],
        ["Second", "b.pdf", "application/pdf", "members", 1],
      ],
    );
    const newestFirst = new DocumentStore(db, folderDocuments, folderDocuments.folderId, { newestFirst: true });
    assert.deepEqual(
      (await newestFirst.list(1)).map((d) => d.id),
      [second.id, first.id],
    );

    assert.equal((await store.find(1, second.id))?.visibility, "members");
    assert.equal(await store.find(1, other.id), undefined, "another owner's document is not found under this one");

    await store.move(2, 1);
    assert.deepEqual(
      (await store.list(1)).map((d) => d.id),
      [first.id, second.id, other.id],
    );
    assert.deepEqual(await store.list(2), []);

    await store.remove(first.id);
    assert.equal(await store.find(1, first.id), undefined);
    assert.equal((await store.list(1)).length, 2);
  } finally {
    await database.close();
  }
});
