import { and, eq, isNull } from "drizzle-orm";
import { Repository } from "../../../platform/db/repository.ts";
import { organisations } from "../../directory/index.ts";
import { memberships } from "../../networks/index.ts";
import type { NewProject, Project } from "../projects.repo.ts";
import { projectParticipants, projectPhaseChanges, projects } from "../schema.ts";

/** The SQL of the portfolio's import: what rows are checked against, and the writes of many rows at once. */
export class ProjectImportRepo extends Repository {
  /** Every project of the network, as stored. */
  inNetwork(networkId: number): Promise<Project[]> {
    return this.db.select().from(projects).where(eq(projects.networkId, networkId));
  }

  /** The network's members (memberships not ended), with their numbers: who may own its projects. */
  currentMembers(networkId: number) {
    return this.db
      .select({ id: organisations.id, name: organisations.name, code: organisations.code })
      .from(memberships)
      .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
      .where(and(eq(memberships.networkId, networkId), isNull(memberships.toDate)));
  }

  insertMany(values: NewProject[]): Promise<Project[]> {
    return this.db.insert(projects).values(values).returning();
  }

  async insertPhaseChanges(values: (typeof projectPhaseChanges.$inferInsert)[]): Promise<void> {
    if (values.length) await this.db.insert(projectPhaseChanges).values(values);
  }

  async insertLeads(values: { projectId: number; organisationId: number }[]): Promise<void> {
    if (values.length)
      await this.db
        .insert(projectParticipants)
        .values(values.map((v) => ({ ...v, role: "lead" as const })))
        .onConflictDoNothing();
  }
}
