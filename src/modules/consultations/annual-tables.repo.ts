import { and, asc, eq, gte, inArray, isNull, lt, sql } from "drizzle-orm";
import { outerColumn } from "../../platform/db/correlated.ts";
import { Repository } from "../../platform/db/repository.ts";
import { consultationInputs, consultations } from "./schema.ts";

/** The SQL of the consultations' part of the annual documents. */
export class ConsultationAnnualRepo extends Repository {
  /**
   * The network's public consultations opened from `start` until `end`, with how many inputs each
   * received (internal review rounds are the bodies' own work and stay out; spam and merged ones too).
   */
  opened(networkId: number, start: Date, end: Date) {
    return this.db
      .select({
        id: consultations.id,
        title: consultations.title,
        opensAt: consultations.opensAt,
        closesAt: consultations.closesAt,
        inputs: sql<number>`(select count(*)::int from ${consultationInputs} where ${consultationInputs.consultationId} = ${outerColumn(consultations.id)} and ${inArray(consultationInputs.status, ["received", "handled"])})`,
      })
      .from(consultations)
      .where(
        and(
          eq(consultations.networkId, networkId),
          isNull(consultations.reviewOfId),
          gte(consultations.opensAt, start),
          lt(consultations.opensAt, end),
        ),
      )
      .orderBy(asc(consultations.opensAt));
  }
}
