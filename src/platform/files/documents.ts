import { and, asc, eq } from "drizzle-orm";
import { type AnyPgColumn, integer, type PgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../db/client.ts";
import { files } from "../schema.ts";

/**
 * What every kind of record's documents share: a title over a stored file. A module's documents table
 * spreads these columns and adds its owner (and, where its documents may be restricted, a visibility):
 * one shape, one implementation (`DocumentStore`), four owners (projects, needs, bodies, meetings).
 */
export const documentColumns = () => ({
  id: serial("id").primaryKey(),
  fileId: integer("file_id")
    .notNull()
    .references(() => files.id),
  title: text("title").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A documents table as the store reads it: the shared columns and the column naming its owner. */
export type DocumentsTable = PgTable & {
  id: AnyPgColumn<{ data: number; notNull: true }>;
  fileId: AnyPgColumn<{ data: number; notNull: true }>;
  title: AnyPgColumn<{ data: string; notNull: true }>;
  createdAt: AnyPgColumn<{ data: Date; notNull: true }>;
};

export interface StoredDocument {
  id: number;
  ownerId: number;
  fileId: number;
  title: string;
  createdAt: Date;
}

/** A record's documents, the same for every kind of owner: listed with their files, found, added, removed, moved. */
export class DocumentStore {
  constructor(
    private readonly db: DbOrTx,
    private readonly table: DocumentsTable,
    private readonly owner: AnyPgColumn<{ data: number; notNull: true }>,
  ) {}

  with(tx: DbOrTx): DocumentStore {
    return new DocumentStore(tx, this.table, this.owner);
  }

  private get columns() {
    const t = this.table;
    return { id: t.id, ownerId: this.owner, fileId: t.fileId, title: t.title, createdAt: t.createdAt };
  }

  /** An owner's documents, oldest first, with what a list shows of each file. */
  list(ownerId: number) {
    return this.db
      .select({ ...this.columns, fileName: files.name, mediaType: files.mediaType, size: files.size })
      .from(this.table)
      .innerJoin(files, eq(files.id, this.table.fileId))
      .where(eq(this.owner, ownerId))
      .orderBy(asc(this.table.id));
  }

  /** One document, only if it belongs to that owner (a document id under another record's path finds nothing). */
  async find(ownerId: number, id: number): Promise<StoredDocument | undefined> {
    const [row] = await this.db
      .select(this.columns)
      .from(this.table)
      .where(and(eq(this.owner, ownerId), eq(this.table.id, id)));
    return row;
  }

  async insert(values: Record<string, unknown>): Promise<{ id: number }> {
    const [row] = await this.db.insert(this.table).values(values).returning({ id: this.table.id });
    return row!;
  }

  async remove(id: number): Promise<void> {
    await this.db.delete(this.table).where(eq(this.table.id, id));
  }

  /** Moves every document of one owner to another (a merged duplicate's attachments). */
  async move(fromOwnerId: number, toOwnerId: number): Promise<void> {
    await this.db
      .update(this.table)
      .set({ [this.ownerKey()]: toOwnerId })
      .where(eq(this.owner, fromOwnerId));
  }

  /** The property name of the owner column in the table (what `insert` and `update` take). */
  private ownerKey(): string {
    const entry = Object.entries(this.table).find(([, column]) => column === this.owner);
    if (!entry) throw new Error("the owner column is not a column of the documents table");
    return entry[0];
  }
}
