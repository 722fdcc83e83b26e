import { and, asc, eq, gte, inArray, isNull, lte, or, sql } from "drizzle-orm";
import type { Actor } from "../../platform/access/actor.ts";
import { visibleWhere } from "../../platform/access/visibility.ts";
import { Repository } from "../../platform/db/repository.ts";
import { benefitMeasurements, benefits, projects } from "./schema.ts";

const projectLink = { networkId: projects.networkId, visibility: projects.visibility, bodyId: projects.bodyId };

/** The SQL of the projects' part of the annual documents. */
export class ProjectAnnualRepo extends Repository {
  /** The network's projects the viewer may see that started or ended from..to. */
  startedOrFinished(networkId: number, from: string, to: string, viewer: Actor | null) {
    const inYear = (column: typeof projects.startDate | typeof projects.endDate) => and(gte(column, from), lte(column, to));
    return this.db
      .select({
        id: projects.id,
        title: projects.title,
        phase: projects.phase,
        startDate: projects.startDate,
        endDate: projects.endDate,
      })
      .from(projects)
      .where(
        and(
          eq(projects.networkId, networkId),
          or(inYear(projects.startDate), inYear(projects.endDate)),
          visibleWhere(viewer, projectLink),
        ),
      )
      .orderBy(asc(projects.startDate), asc(projects.title));
  }

  /** The benefits of the network's projects the viewer may see measured from..to, for the project as a whole. */
  measured(networkId: number, from: string, to: string, viewer: Actor | null) {
    return this.db
      .select({
        projectId: projects.id,
        projectTitle: projects.title,
        title: benefits.title,
        unit: benefits.unit,
        baseline: benefits.baseline,
        target: benefits.target,
        measurements: sql<number>`count(*)::int`,
        // The year's last measurement of the project as a whole (a participant's own share is its own).
        latest: sql<number>`(array_agg(${benefitMeasurements.value} order by ${benefitMeasurements.measuredOn} desc))[1]`,
      })
      .from(benefitMeasurements)
      .innerJoin(benefits, eq(benefits.id, benefitMeasurements.benefitId))
      .innerJoin(projects, eq(projects.id, benefits.projectId))
      .where(
        and(
          eq(projects.networkId, networkId),
          isNull(benefitMeasurements.organisationId),
          gte(benefitMeasurements.measuredOn, from),
          lte(benefitMeasurements.measuredOn, to),
          visibleWhere(viewer, projectLink),
        ),
      )
      .groupBy(projects.id, projects.title, benefits.id, benefits.title, benefits.unit, benefits.baseline, benefits.target)
      .orderBy(asc(projects.title), asc(benefits.title));
  }

  async visibleProjects(ids: readonly number[], viewer: Actor | null): Promise<number[]> {
    const rows = await this.db
      .select({ id: projects.id })
      .from(projects)
      .where(and(inArray(projects.id, [...ids]), visibleWhere(viewer, projectLink)));
    return rows.map((r) => r.id);
  }
}
