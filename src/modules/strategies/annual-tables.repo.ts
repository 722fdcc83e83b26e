import { and, asc, eq, sql } from "drizzle-orm";
import { Repository } from "../../platform/db/repository.ts";
import { measures } from "./schema.ts";

/** The SQL of the strategies' part of the annual documents. */
export class StrategyAnnualRepo extends Repository {
  /** A strategy's measures due or worked on in the year. */
  measuresOfYear(strategyId: number, year: number) {
    return this.db
      .select({ id: measures.id, description: measures.description, responsible: measures.responsible, status: measures.status })
      .from(measures)
      .where(
        and(
          eq(measures.strategyId, strategyId),
          sql`(${measures.deadlineYear} = ${year} or extract(year from ${measures.deadlineDate}) = ${year} or ${year} = any(${measures.years}))`,
        ),
      )
      .orderBy(asc(measures.position), asc(measures.id));
  }
}
