import { and, asc, eq, getTableColumns, inArray } from "drizzle-orm";
import { Repository } from "../../../platform/db/repository.ts";
import { organisations, people } from "../../directory/index.ts";
import type { Benefit, Measurement } from "../projects.repo.ts";
import { benefitMeasurements, benefits } from "../schema.ts";

/** Benefits and their measurements. The only place with their SQL. */
export class BenefitRepo extends Repository {
  async benefitsOf(projectIds: number[]) {
    if (projectIds.length === 0) return [];
    return this.db
      .select({ benefit: benefits, ownerName: people.name })
      .from(benefits)
      .leftJoin(people, eq(people.id, benefits.ownerPersonId))
      .where(inArray(benefits.projectId, projectIds))
      .orderBy(asc(benefits.id));
  }

  async benefit(projectId: number, id: number): Promise<Benefit | undefined> {
    const [row] = await this.db
      .select()
      .from(benefits)
      .where(and(eq(benefits.projectId, projectId), eq(benefits.id, id)));
    return row;
  }

  async insertBenefit(values: typeof benefits.$inferInsert): Promise<Benefit> {
    return this.insertOne(benefits, values);
  }

  async updateBenefit(id: number, values: Partial<typeof benefits.$inferInsert>): Promise<Benefit> {
    const [row] = await this.db.update(benefits).set(values).where(eq(benefits.id, id)).returning();
    return row!;
  }

  async deleteBenefit(id: number) {
    await this.db.delete(benefits).where(eq(benefits.id, id));
  }

  /** Measurements in the order taken, each with the name of the organisation it is for (null: the project as a whole). */
  async measurementsOf(benefitIds: number[]): Promise<(Measurement & { organisationName: string | null })[]> {
    if (benefitIds.length === 0) return [];
    return this.db
      .select({ ...getTableColumns(benefitMeasurements), organisationName: organisations.name })
      .from(benefitMeasurements)
      .leftJoin(organisations, eq(organisations.id, benefitMeasurements.organisationId))
      .where(inArray(benefitMeasurements.benefitId, benefitIds))
      .orderBy(asc(benefitMeasurements.measuredOn), asc(benefitMeasurements.id));
  }

  async insertMeasurement(values: typeof benefitMeasurements.$inferInsert): Promise<Measurement> {
    return this.insertOne(benefitMeasurements, values);
  }

  async deleteMeasurement(benefitId: number, id: number) {
    const rows = await this.db
      .delete(benefitMeasurements)
      .where(and(eq(benefitMeasurements.benefitId, benefitId), eq(benefitMeasurements.id, id)))
      .returning();
    return rows[0];
  }
}
