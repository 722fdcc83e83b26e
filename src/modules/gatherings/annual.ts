import { and, asc, eq, gte, inArray, lt, or, sql } from "drizzle-orm";
import { visibleWhere } from "../../platform/access/visibility.ts";
import { yearSpan } from "../../platform/annual-period.ts";
import { outerColumn } from "../../platform/db/correlated.ts";
import { type MessageKey, osloToday } from "../../platform/i18n/i18n.ts";
import type { AnnualRecordCheck, AnnualSource } from "../../platform/module.ts";
import { gatheringHosts, gatheringRegistrations, gatherings } from "./schema.ts";

/**
 * The gatherings the network held (or holds with others) in the year, as the viewer may see them: in
 * the annual plan as planned, in the annual report with the places taken and who came.
 */
export const gatheringsAnnual: AnnualSource = async ({ db }, { network, year, kind, viewer }) => {
  const { start, end } = yearSpan(year);
  const counted = (condition: ReturnType<typeof sql>) =>
    sql<number>`(select count(*)::int from ${gatheringRegistrations} where ${gatheringRegistrations.gatheringId} = ${outerColumn(gatherings.id)} and ${condition})`;
  const rows = await db
    .select({
      id: gatherings.id,
      title: gatherings.title,
      kind: gatherings.kind,
      startsAt: gatherings.startsAt,
      registered: counted(sql`${gatheringRegistrations.status} = 'confirmed'`),
      attended: counted(sql`${gatheringRegistrations.attended} is true`),
    })
    .from(gatherings)
    .where(
      and(
        or(
          eq(gatherings.networkId, network.id),
          sql`exists (select 1 from ${gatheringHosts} where ${gatheringHosts.gatheringId} = ${outerColumn(gatherings.id)} and ${gatheringHosts.networkId} = ${network.id})`,
        ),
        gte(gatherings.startsAt, start),
        lt(gatherings.startsAt, end),
        visibleWhere(viewer, { networkId: gatherings.networkId, visibility: gatherings.visibility, bodyId: sql`null` }),
      ),
    )
    .orderBy(asc(gatherings.startsAt));
  const day = (d: Date) => osloToday(d);
  const head = (g: (typeof rows)[number]) => [
    { text: g.title, href: `/gatherings/${g.id}`, record: `gathering:${g.id}` as const },
    { label: `gathering.kind.${g.kind}` as MessageKey },
    day(g.startsAt),
  ];
  const columns = [
    { label: "annual.col.title" as const },
    { label: "gathering.annual.kind" as const },
    { label: "annual.col.date" as const },
  ];
  return kind === "plan"
    ? [{ id: "gatherings", title: "gathering.annual.planned", columns, rows: rows.map(head) }]
    : [
        {
          id: "gatherings",
          title: "gathering.annual.held",
          columns: [
            ...columns,
            { label: "gathering.annual.registered", numeric: true },
            { label: "gathering.annual.attended", numeric: true },
          ],
          rows: rows.map((g) => [...head(g), g.registered, g.attended]),
        },
      ];
};

/** Which gatherings a viewer may still see, for the frozen annual tables that name them. */
export const gatheringsVisible: AnnualRecordCheck = async ({ db }, ids, viewer) =>
  (
    await db
      .select({ id: gatherings.id })
      .from(gatherings)
      .where(
        and(
          inArray(gatherings.id, [...ids]),
          visibleWhere(viewer, { networkId: gatherings.networkId, visibility: gatherings.visibility, bodyId: sql`null` }),
        ),
      )
  ).map((r) => r.id);
