import { and, desc, eq, sql } from "drizzle-orm";
import type { Actor } from "../../platform/access/actor.ts";
import { visibleWhere } from "../../platform/access/visibility.ts";
import { Repository } from "../../platform/db/repository.ts";
import type { AnnualKind } from "../../platform/module.ts";
import { annualDocuments } from "./schema.ts";

export type AnnualDocument = typeof annualDocuments.$inferSelect;

const documentLink = { networkId: annualDocuments.networkId, visibility: annualDocuments.visibility, bodyId: sql`null` };

/** The only place with SQL for annual plans and reports. */
export class AnnualRepo extends Repository {
  /** A network's plans and reports the viewer may read, newest year first. */
  list(networkId: number, viewer: Actor | null) {
    return this.db
      .select()
      .from(annualDocuments)
      .where(and(eq(annualDocuments.networkId, networkId), visibleWhere(viewer, documentLink)))
      .orderBy(desc(annualDocuments.year), annualDocuments.kind);
  }

  async find(networkId: number, kind: AnnualKind, year: number): Promise<AnnualDocument | undefined> {
    const [row] = await this.db
      .select()
      .from(annualDocuments)
      .where(and(eq(annualDocuments.networkId, networkId), eq(annualDocuments.kind, kind), eq(annualDocuments.year, year)));
    return row;
  }

  insert(values: typeof annualDocuments.$inferInsert) {
    return this.insertOne(annualDocuments, values);
  }

  update(id: number, values: Partial<typeof annualDocuments.$inferInsert>) {
    return this.updateStamped(annualDocuments, id, values);
  }

  /** Takes the document's row lock, so that two adoptions cannot both freeze it. */
  async lock(id: number): Promise<AnnualDocument | undefined> {
    const [row] = await this.db.select().from(annualDocuments).where(eq(annualDocuments.id, id)).for("update");
    return row;
  }
}
