import { and, asc, eq, inArray, or } from "drizzle-orm";
import { Repository } from "../../../platform/db/repository.ts";
import { organisations } from "../../directory/index.ts";
import { benefits, projects } from "../../projects/index.ts";
import { focusAreas, measureBenefits, measureReports, measures, strategies } from "../schema.ts";
import type { FocusArea, Measure, Strategy } from "../strategies.repo.ts";

/**
 * The SQL of the import of strategies and measures (decision 0039): what rows are checked against,
 * read in few queries whatever the file's length, and the writes of many rows at once.
 */
export class StrategyImportRepo extends Repository {
  /** The network's own strategies and those of these organisations (its members today), every revision. */
  async strategiesOf(networkId: number, organisationIds: readonly number[]): Promise<Strategy[]> {
    const owners = organisationIds.length
      ? or(eq(strategies.networkId, networkId), inArray(strategies.organisationId, [...organisationIds]))
      : eq(strategies.networkId, networkId);
    return this.db.select().from(strategies).where(owners).orderBy(asc(strategies.id));
  }

  /** The measures of these strategies, with the name of the organisation responsible, in plan order. */
  async measuresIn(strategyIds: readonly number[]): Promise<{ measure: Measure; responsibleName: string | null }[]> {
    if (!strategyIds.length) return [];
    return this.db
      .select({ measure: measures, responsibleName: organisations.name })
      .from(measures)
      .leftJoin(organisations, eq(organisations.id, measures.responsibleOrganisationId))
      .where(inArray(measures.strategyId, [...strategyIds]))
      .orderBy(asc(measures.position), asc(measures.id));
  }

  async focusAreasIn(strategyIds: readonly number[]): Promise<FocusArea[]> {
    if (!strategyIds.length) return [];
    return this.db
      .select()
      .from(focusAreas)
      .where(inArray(focusAreas.strategyId, [...strategyIds]))
      .orderBy(asc(focusAreas.position), asc(focusAreas.id));
  }

  /** The titles of the public projects' benefits measures should give, as the action plan's download lists them. */
  async publicBenefitsOf(measureIds: readonly number[]): Promise<{ measureId: number; title: string }[]> {
    if (!measureIds.length) return [];
    return this.db
      .select({ measureId: measureBenefits.measureId, title: benefits.title })
      .from(measureBenefits)
      .innerJoin(benefits, eq(benefits.id, measureBenefits.benefitId))
      .innerJoin(projects, eq(projects.id, benefits.projectId))
      .where(and(inArray(measureBenefits.measureId, [...measureIds]), eq(projects.visibility, "public")))
      .orderBy(asc(benefits.title));
  }

  /** The strategies rows will write into, locked until the transaction ends, as they are now. */
  async lockStrategies(ids: readonly number[]): Promise<Strategy[]> {
    if (!ids.length) return [];
    return this.db
      .select()
      .from(strategies)
      .where(inArray(strategies.id, [...ids]))
      .for("update");
  }

  /** The measures rows will change, locked until the transaction ends, as they are now. */
  async lockMeasures(ids: readonly number[]): Promise<Measure[]> {
    if (!ids.length) return [];
    return this.db
      .select()
      .from(measures)
      .where(inArray(measures.id, [...ids]))
      .for("update");
  }

  insertStrategies(values: (typeof strategies.$inferInsert)[]): Promise<Strategy[]> {
    return values.length ? this.db.insert(strategies).values(values).returning() : Promise.resolve([]);
  }

  insertMeasures(values: (typeof measures.$inferInsert)[]): Promise<Measure[]> {
    return values.length ? this.db.insert(measures).values(values).returning() : Promise.resolve([]);
  }

  async insertReports(values: (typeof measureReports.$inferInsert)[]): Promise<void> {
    if (values.length) await this.db.insert(measureReports).values(values);
  }

  async updateMeasure(id: number, values: Partial<typeof measures.$inferInsert>): Promise<void> {
    await this.db.update(measures).set(values).where(eq(measures.id, id));
  }
}
