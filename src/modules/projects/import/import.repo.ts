import { eq } from "drizzle-orm";
import { Repository } from "../../../platform/db/repository.ts";
import { organisations } from "../../directory/index.ts";
import type { NewProject, Project } from "../projects.repo.ts";
import { projectParticipants, projectPhaseChanges, projects } from "../schema.ts";

/** The SQL of the portfolio's import: what rows are checked against, and the writes of many rows at once. */
export class ProjectImportRepo extends Repository {
  /** Every project of the network, as stored, with its owner's name and number as a file may name them. */
  async inNetwork(networkId: number): Promise<(Project & { owner: { name: string; code: string | null } | null })[]> {
    const rows = await this.db
      .select({ project: projects, ownerName: organisations.name, ownerCode: organisations.code })
      .from(projects)
      .leftJoin(organisations, eq(organisations.id, projects.ownerOrganisationId))
      .where(eq(projects.networkId, networkId));
    return rows.map((r) => ({ ...r.project, owner: r.ownerName === null ? null : { name: r.ownerName, code: r.ownerCode } }));
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
