import { and, asc, desc, eq, gte, lte, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { visibleWhere } from "../../platform/access/visibility.ts";
import { yearSpan } from "../../platform/annual-period.ts";
import { type MessageKey, osloToday } from "../../platform/i18n/i18n.ts";
import type { AnnualSource, AnnualTable } from "../../platform/module.ts";
import { needs } from "../needs/index.ts";
import { bodies } from "../networks/index.ts";
import { projects } from "../projects/index.ts";
import { decisions, meetings, priorityEntries, priorityRankings } from "./schema.ts";

const meetingLinks = [
  { networkId: meetings.networkId, visibility: meetings.visibility, bodyId: meetings.bodyId },
  { networkId: bodies.networkId, visibility: bodies.visibility, bodyId: bodies.id },
];

/**
 * The annual report's meetings and decisions per body in the year; the annual plan's priorities (the
 * steering group's latest ranking by the end of the year), each as the viewer may see it.
 */
export const decisionsAnnual: AnnualSource = async ({ db }, { network, year, kind, viewer }) => {
  const { from, to } = yearSpan(year);
  if (kind === "report") {
    const rows = await db
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
          eq(meetings.networkId, network.id),
          gte(meetings.meetingDate, from),
          // Held: a draft report for the year in progress does not count the meetings still to come.
          lte(meetings.meetingDate, to),
          lte(meetings.meetingDate, osloToday()),
          visibleWhere(viewer, ...meetingLinks),
        ),
      )
      .groupBy(bodies.id, bodies.name, bodies.kind)
      .orderBy(asc(bodies.kind), asc(bodies.name));
    return [
      {
        id: "meetings",
        title: "meeting.annual.meetings",
        columns: [
          { label: "annual.col.body" },
          { label: "body.kind" },
          { label: "meeting.annual.held", numeric: true },
          { label: "meeting.annual.decisions", numeric: true },
        ],
        rows: rows.map((r) => [
          { text: r.bodyName, href: `/n/${network.slug}/bodies/${r.bodyId}`, record: `body:${r.bodyId}` as const },
          { label: `body.kind.${r.bodyKind}` as MessageKey },
          r.meetings,
          r.decisions,
        ]),
      },
    ];
  }
  const [ranking] = await db
    .select({ id: priorityRankings.id, decidedOn: priorityRankings.decidedOn })
    .from(priorityRankings)
    .where(and(eq(priorityRankings.networkId, network.id), lte(priorityRankings.decidedOn, to)))
    .orderBy(desc(priorityRankings.decidedOn), desc(priorityRankings.id))
    .limit(1);
  if (!ranking) return [];
  const need = alias(needs, "ranked_need");
  const project = alias(projects, "ranked_project");
  const entries = await db
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
        eq(priorityEntries.rankingId, ranking.id),
        sql`(${priorityEntries.needId} is null or ${visibleWhere(viewer, { networkId: need.networkId, visibility: need.visibility, bodyId: need.bodyId })})`,
        sql`(${priorityEntries.projectId} is null or ${visibleWhere(viewer, { networkId: project.networkId, visibility: project.visibility, bodyId: project.bodyId })})`,
      ),
    )
    .orderBy(asc(priorityEntries.track), asc(priorityEntries.position));
  const table: AnnualTable = {
    id: "priorities",
    title: "priority.annual.title",
    columns: [
      { label: "priority.annual.track" },
      { label: "priority.annual.rank", numeric: true },
      { label: "annual.col.title" },
    ],
    rows: entries.map((e) => [
      { label: `priority.track.${e.track}` as MessageKey },
      e.position,
      e.projectId != null
        ? { text: e.projectTitle ?? "", href: `/projects/${e.projectId}`, record: `project:${e.projectId}` as const }
        : { text: e.needTitle ?? "", href: `/needs/${e.needId}`, record: `need:${Number(e.needId)}` as const },
    ]),
  };
  return [table];
};
