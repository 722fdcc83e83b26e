import { and, eq } from "drizzle-orm";
import { norwegianOrder } from "../../../platform/db/client.ts";
import { Repository } from "../../../platform/db/repository.ts";
import { type SavedViewKind, savedViews } from "../schema.ts";

/** Users' saved views. The only place with their SQL. */
export class SavedViewRepo extends Repository {
  async savedViewsOf(userId: number, kind: SavedViewKind) {
    return this.db
      .select()
      .from(savedViews)
      .where(and(eq(savedViews.userId, userId), eq(savedViews.kind, kind)))
      .orderBy(norwegianOrder(savedViews.name));
  }

  async insertSavedView(values: typeof savedViews.$inferInsert) {
    return this.insertOne(savedViews, values);
  }

  /** Only the owner's own view is removed. */
  async deleteSavedView(userId: number, id: number) {
    const [row] = await this.db
      .delete(savedViews)
      .where(and(eq(savedViews.userId, userId), eq(savedViews.id, id)))
      .returning();
    return row;
  }
}
