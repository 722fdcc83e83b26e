import { and, asc, eq, inArray } from "drizzle-orm";
import { Repository } from "../../../platform/db/repository.ts";
import { phaseChecklistItems, projectChecklistMarks } from "../schema.ts";

/** The networks' phase checklists and the marks on each project. The only place with their SQL. */
export class ChecklistRepo extends Repository {
  async checklistOf(networkId: number) {
    return this.db
      .select()
      .from(phaseChecklistItems)
      .where(eq(phaseChecklistItems.networkId, networkId))
      .orderBy(asc(phaseChecklistItems.position), asc(phaseChecklistItems.id));
  }

  async insertChecklistItem(values: typeof phaseChecklistItems.$inferInsert) {
    return this.insertOne(phaseChecklistItems, values);
  }

  async deleteChecklistItem(networkId: number, id: number) {
    const [row] = await this.db
      .delete(phaseChecklistItems)
      .where(and(eq(phaseChecklistItems.networkId, networkId), eq(phaseChecklistItems.id, id)))
      .returning();
    return row;
  }

  async checklistMarksOf(projectId: number) {
    return this.db.select().from(projectChecklistMarks).where(eq(projectChecklistMarks.projectId, projectId));
  }

  /** Ticks exactly `done` among `items` for the project; marks already there keep who and when. */
  async setChecklistMarks(projectId: number, items: number[], done: number[], label: string) {
    if (items.length === 0) return;
    const undone = items.filter((id) => !done.includes(id));
    if (undone.length)
      await this.db
        .delete(projectChecklistMarks)
        .where(and(eq(projectChecklistMarks.projectId, projectId), inArray(projectChecklistMarks.itemId, undone)));
    if (done.length)
      await this.db
        .insert(projectChecklistMarks)
        .values(done.map((itemId) => ({ projectId, itemId, doneByLabel: label })))
        .onConflictDoNothing();
  }
}
