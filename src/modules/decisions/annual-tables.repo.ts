import { and, asc, desc, eq, gte, lte, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Actor } from "../../platform/access/actor.ts";
import { visibleWhere } from "../../platform/access/visibility.ts";
import { Repository } from "../../platform/db/repository.ts";
import { osloToday } from "../../platform/i18n/i18n.ts";
import { needs } from "../needs/index.ts";
import { bodies } from "../networks/index.ts";
import { projects } from "../projects/index.ts";
import { decisions, meetings, priorityEntries, priorityRankings } from "./schema.ts";

const meetingLinks = [
  { networkId: meetings.networkId, visibility: meetings.visibility, bodyId: meetings.bodyId },
  { networkId: bodies.networkId, visibility: bodies.visibility, bodyId: bodies.id },
];
const need = alias(needs, "ranked_need");
const project = alias(projects, "ranked_project");

/** The SQL of the decisions' part of the annual documents. */
export class DecisionAnnualRepo extends Repository {
  /** Per body, the meetings held from..to (up to today) and the decisions made in them, as the viewer may see them. */
  meetingsPerBody(networkId: number, from: string, to: string, viewer: Actor | null) {
    return this.db
      .select({
        bodyId: bodies.id,
        bodyName: bodies.name,
        bodyKind: bodies.kind,
        meetings: sql<number>`count(distinct ${meetings.id})::int`,
        decisions: sql<number>`count(${decisions.id}) filter (where ${decisions.id} is not null and ${visibleWhere(viewer, {
          networkId: meetings.networkId,
          visibility: sql`case when ${decisions.isPublic} then 'public' else 'body' end`,
          bodyId: meetings.bodyId,
        })})::int`,
      })
      .from(meetings)
      .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
      .leftJoin(decisions, eq(decisions.meetingId, meetings.id))
      .where(
        and(
          eq(meetings.networkId, networkId),
          gte(meetings.meetingDate, from),
          // Held: a draft report for the year in progress does not count the meetings still to come.
          lte(meetings.meetingDate, to),
          lte(meetings.meetingDate, osloToday()),
          visibleWhere(viewer, ...meetingLinks),
        ),
      )
      .groupBy(bodies.id, bodies.name, bodies.kind)
      .orderBy(asc(bodies.kind), asc(bodies.name));
  }

  /** The steering group's latest ranking decided by `to`. */
  async latestRanking(networkId: number, to: string) {
    const [ranking] = await this.db
      .select({ id: priorityRankings.id, decidedOn: priorityRankings.decidedOn })
      .from(priorityRankings)
      .where(and(eq(priorityRankings.networkId, networkId), lte(priorityRankings.decidedOn, to)))
      .orderBy(desc(priorityRankings.decidedOn), desc(priorityRankings.id))
      .limit(1);
    return ranking;
  }

  /** A ranking's entries, the needs and projects the viewer may see. */
  entries(rankingId: number, viewer: Actor | null) {
    return this.db
      .select({
        track: priorityEntries.track,
        position: priorityEntries.position,
        needId: need.id,
        needTitle: need.title,
        projectId: project.id,
        projectTitle: project.title,
      })
      .from(priorityEntries)
      .leftJoin(need, eq(need.id, priorityEntries.needId))
      .leftJoin(project, eq(project.id, priorityEntries.projectId))
      .where(
        and(
          eq(priorityEntries.rankingId, rankingId),
          sql`(${priorityEntries.needId} is null or ${visibleWhere(viewer, { networkId: need.networkId, visibility: need.visibility, bodyId: need.bodyId })})`,
          sql`(${priorityEntries.projectId} is null or ${visibleWhere(viewer, { networkId: project.networkId, visibility: project.visibility, bodyId: project.bodyId })})`,
        ),
      )
      .orderBy(asc(priorityEntries.track), asc(priorityEntries.position));
  }
}
