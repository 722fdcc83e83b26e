import { and, asc, eq, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../../../platform/db/client.ts";
import { Repository } from "../../../platform/db/repository.ts";
import { DocumentStore } from "../../../platform/files/documents.ts";
import { projectDocuments, projectFunding, projectLinks, projectRelations, projects } from "../schema.ts";

/** A project's funding, links, relations and documents. The only place with their SQL. */
export class ResourceRepo extends Repository {
  /** The project's uploaded documents (the kernel's one implementation of a record's documents). */
  readonly documents: DocumentStore<typeof projectDocuments>;

  constructor(db: DbOrTx) {
    super(db);
    this.documents = new DocumentStore(db, projectDocuments, projectDocuments.projectId);
  }

  async resourcesOf(projectId: number) {
    const related = alias(projects, "related");
    const [funding, links, relations, documents] = await Promise.all([
      this.db.select().from(projectFunding).where(eq(projectFunding.projectId, projectId)).orderBy(asc(projectFunding.id)),
      this.db.select().from(projectLinks).where(eq(projectLinks.projectId, projectId)).orderBy(asc(projectLinks.id)),
      // Both directions: "A builds on B" shows on A, and on B as "built on by A".
      this.db
        .select({
          id: projectRelations.id,
          kind: projectRelations.kind,
          projectId: projectRelations.projectId,
          relatedProjectId: projectRelations.relatedProjectId,
          otherId: related.id,
          otherTitle: related.title,
          otherNetworkId: related.networkId,
          otherVisibility: related.visibility,
          otherBodyId: related.bodyId,
        })
        .from(projectRelations)
        .innerJoin(
          related,
          sql`${related.id} = case when ${projectRelations.projectId} = ${projectId} then ${projectRelations.relatedProjectId} else ${projectRelations.projectId} end`,
        )
        .where(or(eq(projectRelations.projectId, projectId), eq(projectRelations.relatedProjectId, projectId)))
        .orderBy(asc(projectRelations.id)),
      this.documents.list(projectId),
    ]);
    return { funding, links, relations, documents };
  }

  async insertFunding(values: typeof projectFunding.$inferInsert) {
    return this.insertOne(projectFunding, values);
  }

  async deleteFunding(projectId: number, id: number) {
    const [row] = await this.db
      .delete(projectFunding)
      .where(and(eq(projectFunding.projectId, projectId), eq(projectFunding.id, id)))
      .returning();
    return row;
  }

  async insertLink(values: typeof projectLinks.$inferInsert) {
    return this.insertOne(projectLinks, values);
  }

  async deleteLink(projectId: number, id: number) {
    const [row] = await this.db
      .delete(projectLinks)
      .where(and(eq(projectLinks.projectId, projectId), eq(projectLinks.id, id)))
      .returning();
    return row;
  }

  async insertRelation(values: typeof projectRelations.$inferInsert) {
    const [row] = await this.db.insert(projectRelations).values(values).onConflictDoNothing().returning();
    return row;
  }

  /** A relation is removed from either of its two projects. */
  async deleteRelation(projectId: number, id: number) {
    const [row] = await this.db
      .delete(projectRelations)
      .where(
        and(
          eq(projectRelations.id, id),
          or(eq(projectRelations.projectId, projectId), eq(projectRelations.relatedProjectId, projectId)),
        ),
      )
      .returning();
    return row;
  }
}
