import { and, asc, desc, eq, getTableColumns, type SQL, sql } from "drizzle-orm";
import { type AnyPgColumn, type PgTable, text } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../db/client.ts";
import { createdAtNow, refersTo, serialId } from "../db/columns.ts";
import { files, fileTextSearchFields } from "../schema.ts";
import type { SearchSource } from "../search/engine.ts";
import { searchDocument, wordIn } from "../search/match.ts";

/**
 * What every kind of record's documents share: a title over a stored file. A module's documents table
 * spreads these columns and adds its owner (and, where its documents may be restricted, a visibility):
 * one shape, one implementation (`DocumentStore`), four owners (projects, needs, bodies, meetings).
 */
export const documentColumns = () => ({
  id: serialId(),
  fileId: refersTo("file_id", () => files.id),
  title: text("title").notNull(),
  createdAt: createdAtNow(),
});

/** A documents table as the store reads it: the shared columns (the owner column is given apart). */
export type DocumentsTable = PgTable & {
  id: AnyPgColumn<{ data: number; notNull: true }>;
  fileId: AnyPgColumn<{ data: number; notNull: true }>;
  title: AnyPgColumn<{ data: string; notNull: true }>;
  createdAt: AnyPgColumn<{ data: Date; notNull: true }>;
};

/** A document as its list shows it: its row and what the list shows of its file. */
export type ListedDocument<T extends DocumentsTable> = T["$inferSelect"] & { fileName: string; mediaType: string; size: number };

export interface DocumentStoreOptions {
  /** Newest first (by creation, then id) instead of oldest first (by id): a body's documents are listed so. */
  newestFirst?: boolean;
}

/**
 * A record's documents, the same for every kind of owner: listed with their files, found, added, removed, moved.
 * Rows come back with the table's own column names (its owner column and any visibility included), as a
 * plain `select()` of the table would return them.
 */
export class DocumentStore<T extends DocumentsTable> {
  constructor(
    private readonly db: DbOrTx,
    private readonly table: T,
    private readonly owner: AnyPgColumn<{ data: number; notNull: true }>,
    private readonly options: DocumentStoreOptions = {},
  ) {}

  with(tx: DbOrTx): DocumentStore<T> {
    return new DocumentStore(tx, this.table, this.owner, this.options);
  }

  /** An owner's documents with what a list shows of each file; whoever may see only some filters the rows. */
  async list(ownerId: number): Promise<ListedDocument<T>[]> {
    const t: DocumentsTable = this.table;
    const order = this.options.newestFirst ? [desc(t.createdAt), desc(t.id)] : [asc(t.id)];
    const rows = await this.db
      .select({ ...getTableColumns(t), fileName: files.name, mediaType: files.mediaType, size: files.size })
      .from(t)
      .innerJoin(files, eq(files.id, t.fileId))
      .where(eq(this.owner, ownerId))
      .orderBy(...order);
    return rows as ListedDocument<T>[];
  }

  /** One document, only if it belongs to that owner (a document id under another record's path finds nothing). */
  async find(ownerId: number, id: number): Promise<T["$inferSelect"] | undefined> {
    const t: DocumentsTable = this.table;
    const [row] = await this.db
      .select()
      .from(t)
      .where(and(eq(this.owner, ownerId), eq(t.id, id)));
    return row as T["$inferSelect"] | undefined;
  }

  async insert(values: T["$inferInsert"]): Promise<T["$inferSelect"]> {
    const t: DocumentsTable = this.table;
    const [row] = await this.db.insert(t).values(values).returning();
    return row as T["$inferSelect"];
  }

  async remove(id: number): Promise<void> {
    const t: DocumentsTable = this.table;
    await this.db.delete(t).where(eq(t.id, id));
  }

  /** Moves every document of one owner to another (a merged duplicate's attachments). */
  async move(fromOwnerId: number, toOwnerId: number): Promise<void> {
    await this.db
      .update(this.table as DocumentsTable)
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

/**
 * A record's documents in the site search: one kind for every module, found by their title and by the
 * text extracted when they were stored (decision 0033), under the owner's visibility rule. `owner`
 * joins the record the documents belong to (and its network) to the documents table. A hit's id is its
 * file's, as for the documents a strategy or consultation holds itself, so it is one across the kinds.
 *
 * The title and the file's text live in two tables, so no one index holds both: each word is looked
 * for in the title, or among the files whose text holds it through the files' own trigram index.
 */
export function documentSearch(
  documents: DocumentsTable,
  source: { owner: SQL; href: SQL } & Pick<SearchSource, "network" | "visible" | "organisation" | "inNetwork" | "county">,
): SearchSource {
  const { owner, ...rest } = source;
  const title = searchDocument({ title: documents.title });
  const fileText = searchDocument(fileTextSearchFields(files));
  return {
    kind: "document",
    label: "search.kind.documents",
    from: sql`${documents} ${owner} join ${files} on ${files.id} = ${documents.fileId}`,
    id: documents.fileId,
    fields: { title: documents.title, body: [files.text] },
    match: (terms) =>
      and(
        ...terms.words.map(
          (word) =>
            sql`(${wordIn(word, title)} or ${documents.fileId} in (select ${files.id} from ${files} where ${wordIn(word, fileText)}))`,
        ),
      ) as SQL,
    date: documents.createdAt,
    ...rest,
  };
}
