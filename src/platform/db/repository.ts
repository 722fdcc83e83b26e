import { eq, type InferInsertModel, type InferSelectModel } from "drizzle-orm";
import type { PgColumn, PgInsertValue, PgTable, PgUpdateSetSource } from "drizzle-orm/pg-core";
import type { DbOrTx } from "./client.ts";

/** A table whose rows are known by a number. */
type NumberedTable = PgTable & { id: PgColumn };
/** A table whose rows are known by a number, and that says when a row last changed. */
type ChangingTable = NumberedTable & { updatedAt: PgColumn };

/**
 * What every repository is: the SQL of one module (or sub-feature) over a connection, and the same
 * repository inside a transaction (`repo.with(tx)`), so that a service's writes and their audit entry
 * commit together. The reads and writes of one row by its number that every repository has are written here once.
 */
export abstract class Repository {
  constructor(protected readonly db: DbOrTx) {}

  /** The same repository, its statements run in `tx`. */
  with(tx: DbOrTx): this {
    const Self = this.constructor as new (db: DbOrTx) => this;
    return new Self(tx);
  }

  /** Inserts one row and returns it as stored (with its id and defaults). */
  protected async insertOne<T extends PgTable>(table: T, values: InferInsertModel<T>): Promise<InferSelectModel<T>> {
    // drizzle cannot relate a generic table's insert model to its insert value; they are the same type.
    const [row] = await this.db
      .insert(table)
      .values(values as PgInsertValue<T>)
      .returning();
    return row as InferSelectModel<T>;
  }

  /** The row with this id, if there is one. */
  protected async findOne<T extends NumberedTable>(table: T, id: number): Promise<InferSelectModel<T> | undefined> {
    // As below: a generic table's rows are typed loosely; they are its select model.
    const rows = (await this.db
      .select()
      .from(table as PgTable)
      .where(eq(table.id, id))
      .limit(1)) as unknown as InferSelectModel<T>[];
    return rows[0];
  }

  /** Deletes the row with this id (rows that belong to it go with it, by their keys). */
  protected async deleteOne(table: NumberedTable, id: number): Promise<void> {
    await this.db.delete(table).where(eq(table.id, id));
  }

  /** Changes the row with this id, stamps when it changed, and returns it as stored. */
  protected async updateStamped<T extends ChangingTable>(
    table: T,
    id: number,
    values: Partial<InferInsertModel<T>>,
  ): Promise<InferSelectModel<T>> {
    // As above: a generic table's returned rows are typed loosely; they are its select model.
    const rows = (await this.db
      .update(table)
      .set({ ...values, updatedAt: new Date() } as PgUpdateSetSource<T>)
      .where(eq(table.id, id))
      .returning()) as unknown as InferSelectModel<T>[];
    return rows[0]!;
  }
}
