import { and, asc, eq, gte, isNull, lt, lte, or, sql } from "drizzle-orm";
import { yearSpan } from "../../platform/annual-period.ts";
import type { MessageKey } from "../../platform/i18n/i18n.ts";
import type { AnnualSource } from "../../platform/module.ts";
import { memberships } from "../networks/index.ts";
import { adoptionHistory, milestones, nationalSolutions } from "./schema.ts";

/**
 * The annual report's adoption progress: for each national solution (and the network's own), how many
 * of the year's members had it in use, in progress or planned at the year's end, by the statuses they
 * had reported by then. The annual plan's national solutions with a milestone in the year.
 */
export const roadmapAnnual: AnnualSource = async ({ db }, { network, year, kind }) => {
  const { from, to } = yearSpan(year);
  const ofNetwork = or(isNull(nationalSolutions.networkId), eq(nationalSolutions.networkId, network.id));
  if (kind === "plan") {
    const due = await db
      .select({
        id: nationalSolutions.id,
        name: nationalSolutions.name,
        kind: milestones.kind,
        label: milestones.label,
        date: milestones.date,
      })
      .from(milestones)
      .innerJoin(nationalSolutions, eq(nationalSolutions.id, milestones.solutionId))
      .where(and(ofNetwork, gte(milestones.date, from), lte(milestones.date, to)))
      .orderBy(asc(milestones.date), asc(nationalSolutions.name));
    return [
      {
        id: "national-due",
        title: "adoption.annual.due",
        columns: [{ label: "annual.col.title" }, { label: "adoption.annual.milestone" }, { label: "annual.col.date" }],
        rows: due.map((d) => [
          { text: d.name, href: `/roadmap/${d.id}` },
          d.kind === "custom" ? d.label : { label: `roadmap.milestone.${d.kind}` as MessageKey },
          d.date,
        ]),
      },
    ];
  }
  const members = db
    .select({ organisationId: memberships.organisationId })
    .from(memberships)
    .where(
      and(
        eq(memberships.networkId, network.id),
        or(isNull(memberships.fromDate), lte(memberships.fromDate, to)),
        or(isNull(memberships.toDate), gte(memberships.toDate, from)),
      ),
    );
  // Each member's last report on each solution by the end of the year.
  const lastReports = db
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
  const rows = await db
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
    .where(ofNetwork)
    .groupBy(nationalSolutions.id, nationalSolutions.name)
    .orderBy(asc(nationalSolutions.name));
  return [
    {
      id: "adoption",
      title: "adoption.annual.progress",
      columns: [
        { label: "annual.col.title" },
        { label: "adoption.status.in_use", numeric: true },
        { label: "adoption.status.in_progress", numeric: true },
        { label: "adoption.status.planned", numeric: true },
        { label: "adoption.status.not_started", numeric: true },
      ],
      rows: rows.map((r) => [{ text: r.name, href: `/roadmap/${r.id}` }, r.inUse, r.inProgress, r.planned, r.notStarted]),
    },
  ];
};
