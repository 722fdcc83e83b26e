import { and, asc, eq, gte, isNull, lt, lte, or, sql } from "drizzle-orm";
import { yearSpan } from "../../platform/annual-period.ts";
import { Repository } from "../../platform/db/repository.ts";
import { memberships } from "../networks/index.ts";
import { adoptionHistory, milestones, nationalSolutions } from "./schema.ts";

/** The national catalogue and the network's own initiatives. */
const ofNetwork = (networkId: number) => or(isNull(nationalSolutions.networkId), eq(nationalSolutions.networkId, networkId));

/** The SQL of the roadmap's part of the annual documents. */
export class RoadmapAnnualRepo extends Repository {
  /** The milestones from..to of the national solutions and the network's own initiatives. */
  due(networkId: number, from: string, to: string) {
    return this.db
      .select({
        id: nationalSolutions.id,
        name: nationalSolutions.name,
        kind: milestones.kind,
        label: milestones.label,
        date: milestones.date,
      })
      .from(milestones)
      .innerJoin(nationalSolutions, eq(nationalSolutions.id, milestones.solutionId))
      .where(and(ofNetwork(networkId), gte(milestones.date, from), lte(milestones.date, to)))
      .orderBy(asc(milestones.date), asc(nationalSolutions.name));
  }

  /** Per solution, how many of the year's members had it in use, in progress, planned or not started at the year's end. */
  adoptionAtYearEnd(networkId: number, year: number) {
    const { from, to } = yearSpan(year);
    const members = this.db
      .select({ organisationId: memberships.organisationId })
      .from(memberships)
      .where(
        and(
          eq(memberships.networkId, networkId),
          or(isNull(memberships.fromDate), lte(memberships.fromDate, to)),
          or(isNull(memberships.toDate), gte(memberships.toDate, from)),
        ),
      );
    // Each member's last report on each solution by the end of the year.
    const lastReports = this.db
      .selectDistinctOn([adoptionHistory.organisationId, adoptionHistory.solutionId], {
        solutionId: adoptionHistory.solutionId,
        status: adoptionHistory.status,
      })
      .from(adoptionHistory)
      .where(and(sql`${adoptionHistory.organisationId} in (${members})`, lt(adoptionHistory.at, yearSpan(year).end)))
      .orderBy(
        adoptionHistory.organisationId,
        adoptionHistory.solutionId,
        sql`${adoptionHistory.at} desc`,
        sql`${adoptionHistory.id} desc`,
      )
      .as("last_reports");
    const count = (status: string) => sql<number>`count(*) filter (where ${lastReports.status} = ${status})::int`;
    return this.db
      .select({
        id: nationalSolutions.id,
        name: nationalSolutions.name,
        inUse: count("in_use"),
        inProgress: count("in_progress"),
        planned: count("planned"),
        notStarted: count("not_started"),
      })
      .from(lastReports)
      .innerJoin(nationalSolutions, eq(nationalSolutions.id, lastReports.solutionId))
      .where(ofNetwork(networkId))
      .groupBy(nationalSolutions.id, nationalSolutions.name)
      .orderBy(asc(nationalSolutions.name));
  }
}
