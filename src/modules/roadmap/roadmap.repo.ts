import { and, asc, desc, eq, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import { norwegianOrder } from "../../platform/db/client.ts";
import { type Page, paged, totalRows } from "../../platform/db/paging.ts";
import { Repository } from "../../platform/db/repository.ts";
import { organisations } from "../directory/index.ts";
import { networks } from "../networks/index.ts";
import { projectParticipants, projects } from "../projects/index.ts";
import {
  costEstimates,
  milestoneChanges,
  milestones,
  nationalSolutions,
  preparationTasks,
  rollouts,
  type SizeClass,
  type SolutionCategory,
} from "./schema.ts";

export type NationalSolution = typeof nationalSolutions.$inferSelect;
export type Milestone = typeof milestones.$inferSelect;
export type MilestoneChange = typeof milestoneChanges.$inferSelect;

export interface CatalogueFilter {
  q?: string | undefined;
  category?: SolutionCategory | undefined;
  /** The national catalogue and this network's own initiatives; without it, the national catalogue and every network's. */
  networkId?: number | undefined;
}

/** The only place with SQL for the roadmap: solutions, milestones and their moves, tasks and costs. */
export class RoadmapRepo extends Repository {
  /** The solutions that concern members of these networks: the national catalogue and the networks' own initiatives. */
  async solutionsFor(networkIds: readonly number[], today: string): Promise<NationalSolution[]> {
    return (await this.list({}, today))
      .map((i) => i.solution)
      .filter((s) => s.networkId === null || networkIds.includes(s.networkId));
  }

  /** The catalogue with each solution's next milestone from `today`, in one query. */
  list(f: CatalogueFilter, today: string) {
    return this.catalogue(f, today);
  }

  /** A page of the catalogue in SQL, with how many solutions the filter finds in all. */
  listPage(f: CatalogueFilter, today: string, page: Page) {
    return paged(page, (p) => this.catalogue(f, today).limit(p.limit).offset(p.offset));
  }

  private catalogue(f: CatalogueFilter, today: string) {
    const conditions: (SQL | undefined)[] = [];
    if (f.q) {
      const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      conditions.push(
        or(
          sql`${nationalSolutions.name} ilike ${like}`,
          sql`${nationalSolutions.owner} ilike ${like}`,
          sql`${nationalSolutions.purpose} ilike ${like}`,
        ),
      );
    }
    if (f.category) conditions.push(eq(nationalSolutions.category, f.category));
    if (f.networkId) conditions.push(or(isNull(nationalSolutions.networkId), eq(nationalSolutions.networkId, f.networkId)));
    const next = sql`(select m.id from ${milestones} m where m.solution_id = ${nationalSolutions.id} and m.date >= ${today} order by m.date, m.id limit 1)`;
    return this.db
      .select({
        solution: nationalSolutions,
        networkName: networks.shortName,
        nextId: milestones.id,
        nextKind: milestones.kind,
        nextLabel: milestones.label,
        nextDate: milestones.date,
        nextPrecision: milestones.precision,
        total: totalRows,
      })
      .from(nationalSolutions)
      .leftJoin(networks, eq(networks.id, nationalSolutions.networkId))
      .leftJoin(milestones, sql`${milestones.id} = ${next}`)
      .where(and(...conditions))
      .orderBy(asc(norwegianOrder(nationalSolutions.name)));
  }

  async byId(id: number): Promise<NationalSolution | undefined> {
    const [row] = await this.db.select().from(nationalSolutions).where(eq(nationalSolutions.id, id));
    return row;
  }

  async keyTaken(key: string): Promise<boolean> {
    const [row] = await this.db
      .select({ id: nationalSolutions.id })
      .from(nationalSolutions)
      .where(eq(nationalSolutions.key, key));
    return !!row;
  }

  async insert(values: typeof nationalSolutions.$inferInsert): Promise<NationalSolution> {
    return this.insertOne(nationalSolutions, values);
  }

  async update(id: number, values: Partial<typeof nationalSolutions.$inferInsert>): Promise<NationalSolution> {
    return this.updateStamped(nationalSolutions, id, values);
  }

  // Milestones

  async milestonesOf(solutionIds: number[]): Promise<Milestone[]> {
    if (solutionIds.length === 0) return [];
    return this.db
      .select()
      .from(milestones)
      .where(inArray(milestones.solutionId, solutionIds))
      .orderBy(asc(milestones.date), asc(milestones.id));
  }

  async milestone(solutionId: number, id: number): Promise<Milestone | undefined> {
    const [row] = await this.db
      .select()
      .from(milestones)
      .where(and(eq(milestones.solutionId, solutionId), eq(milestones.id, id)));
    return row;
  }

  async insertMilestone(values: typeof milestones.$inferInsert): Promise<Milestone> {
    return this.insertOne(milestones, values);
  }

  async updateMilestone(id: number, values: Partial<typeof milestones.$inferInsert>): Promise<Milestone> {
    return this.updateStamped(milestones, id, values);
  }

  async deleteMilestone(id: number) {
    await this.db.delete(milestones).where(eq(milestones.id, id));
  }

  /** Every move of these milestones, newest first. */
  async changesOf(milestoneIds: number[]) {
    if (milestoneIds.length === 0) return [];
    return this.db
      .select()
      .from(milestoneChanges)
      .where(inArray(milestoneChanges.milestoneId, milestoneIds))
      .orderBy(desc(milestoneChanges.at), desc(milestoneChanges.id));
  }

  async insertChange(values: typeof milestoneChanges.$inferInsert) {
    await this.db.insert(milestoneChanges).values(values);
  }

  // Preparation tasks and costs

  async tasksOf(solutionIds: number[]) {
    if (solutionIds.length === 0) return [];
    return this.db
      .select()
      .from(preparationTasks)
      .where(inArray(preparationTasks.solutionId, solutionIds))
      .orderBy(desc(preparationTasks.leadMonths), asc(preparationTasks.id));
  }

  async task(solutionId: number, id: number) {
    const [row] = await this.db
      .select()
      .from(preparationTasks)
      .where(and(eq(preparationTasks.solutionId, solutionId), eq(preparationTasks.id, id)));
    return row;
  }

  async insertTask(values: typeof preparationTasks.$inferInsert) {
    return this.insertOne(preparationTasks, values);
  }

  async deleteTask(id: number) {
    await this.db.delete(preparationTasks).where(eq(preparationTasks.id, id));
  }

  async costsOf(solutionIds: number[]) {
    if (solutionIds.length === 0) return [];
    return this.db.select().from(costEstimates).where(inArray(costEstimates.solutionId, solutionIds));
  }

  async replaceCosts(solutionId: number, rows: { sizeClass: SizeClass; oneOff: number; yearly: number }[]) {
    await this.db.delete(costEstimates).where(eq(costEstimates.solutionId, solutionId));
    if (rows.length) await this.db.insert(costEstimates).values(rows.map((r) => ({ solutionId, ...r })));
  }

  /** The projects through which networks roll a solution out, with their network. */
  async rolloutsOf(solutionId: number) {
    return this.db
      .select({
        projectId: projects.id,
        title: projects.title,
        phase: projects.phase,
        visibility: projects.visibility,
        networkId: networks.id,
        networkName: networks.name,
        networkSlug: networks.slug,
        byLabel: rollouts.byLabel,
        createdAt: rollouts.createdAt,
      })
      .from(rollouts)
      .innerJoin(projects, eq(projects.id, rollouts.projectId))
      .innerJoin(networks, eq(networks.id, projects.networkId))
      .where(eq(rollouts.solutionId, solutionId))
      .orderBy(asc(norwegianOrder(networks.name)), asc(projects.title));
  }

  /** The solutions a project is the joint rollout of. */
  async rolloutSolutionsOf(projectId: number) {
    return this.db
      .select({ id: nationalSolutions.id, name: nationalSolutions.name })
      .from(rollouts)
      .innerJoin(nationalSolutions, eq(nationalSolutions.id, rollouts.solutionId))
      .where(eq(rollouts.projectId, projectId))
      .orderBy(asc(nationalSolutions.name));
  }

  /** The organisations leading or taking part in these projects: the municipalities in a joint rollout. */
  async rolloutParticipants(projectIds: number[]) {
    if (projectIds.length === 0) return [];
    return this.db
      .select({ projectId: projectParticipants.projectId, id: organisations.id, name: organisations.name })
      .from(projectParticipants)
      .innerJoin(organisations, eq(organisations.id, projectParticipants.organisationId))
      .where(and(inArray(projectParticipants.projectId, projectIds), inArray(projectParticipants.role, ["lead", "participant"])))
      .orderBy(asc(norwegianOrder(organisations.name)));
  }

  /** The public projects of these networks, to choose a rollout project from. */
  async publicProjectsOf(networkIds: number[]) {
    if (networkIds.length === 0) return [];
    return this.db
      .select({ id: projects.id, title: projects.title, networkId: projects.networkId, networkName: networks.name })
      .from(projects)
      .innerJoin(networks, eq(networks.id, projects.networkId))
      .where(and(inArray(projects.networkId, networkIds), eq(projects.visibility, "public")))
      .orderBy(asc(norwegianOrder(networks.name)), asc(projects.title));
  }

  async project(id: number) {
    const [row] = await this.db
      .select({ id: projects.id, networkId: projects.networkId, visibility: projects.visibility })
      .from(projects)
      .where(eq(projects.id, id));
    return row;
  }

  /** Links a rollout project; false when the link was there already. */
  async insertRollout(values: typeof rollouts.$inferInsert): Promise<boolean> {
    const rows = await this.db.insert(rollouts).values(values).onConflictDoNothing().returning({ id: rollouts.projectId });
    return rows.length > 0;
  }

  async deleteRollout(solutionId: number, projectId: number): Promise<boolean> {
    const rows = await this.db
      .delete(rollouts)
      .where(and(eq(rollouts.solutionId, solutionId), eq(rollouts.projectId, projectId)))
      .returning({ id: rollouts.projectId });
    return rows.length > 0;
  }
}
