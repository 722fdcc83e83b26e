import { and, asc, desc, eq, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../platform/db/client.ts";
import { norwegianOrder } from "../../platform/db/client.ts";
import { networks } from "../networks/schema.ts";
import {
  costEstimates,
  milestoneChanges,
  milestones,
  nationalSolutions,
  preparationTasks,
  type SizeClass,
  type SolutionCategory,
} from "./schema.ts";

export type NationalSolution = typeof nationalSolutions.$inferSelect;
export type Milestone = typeof milestones.$inferSelect;

export interface CatalogueFilter {
  q?: string | undefined;
  category?: SolutionCategory | undefined;
  /** The national catalogue and this network's own initiatives; without it, the national catalogue and every network's. */
  networkId?: number | undefined;
}

/** The only place with SQL for the roadmap: solutions, milestones and their moves, tasks and costs. */
export class RoadmapRepo {
  constructor(private readonly db: DbOrTx) {}

  with(tx: DbOrTx): RoadmapRepo {
    return new RoadmapRepo(tx);
  }

  /** The catalogue with each solution's next milestone from `today`, in one query. */
  async list(f: CatalogueFilter, today: string) {
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
    const [row] = await this.db.insert(nationalSolutions).values(values).returning();
    return row!;
  }

  async update(id: number, values: Partial<typeof nationalSolutions.$inferInsert>): Promise<NationalSolution> {
    const [row] = await this.db
      .update(nationalSolutions)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(nationalSolutions.id, id))
      .returning();
    return row!;
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
    const [row] = await this.db.insert(milestones).values(values).returning();
    return row!;
  }

  async updateMilestone(id: number, values: Partial<typeof milestones.$inferInsert>): Promise<Milestone> {
    const [row] = await this.db
      .update(milestones)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(milestones.id, id))
      .returning();
    return row!;
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
    const [row] = await this.db.insert(preparationTasks).values(values).returning();
    return row!;
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
}
