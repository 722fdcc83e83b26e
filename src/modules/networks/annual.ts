import { and, asc, eq, gte, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { visibleWhere } from "../../platform/access/visibility.ts";
import { yearSpan } from "../../platform/annual-period.ts";
import { outerColumn } from "../../platform/db/correlated.ts";
import type { MessageKey } from "../../platform/i18n/i18n.ts";
import type { AnnualRecordCheck, AnnualSource } from "../../platform/module.ts";
import { organisations } from "../directory/index.ts";
import { bodies, bodyMembers, memberships } from "./schema.ts";

/** The annual report's members with their levels, and the bodies with their seats, in the year. */
export const networkAnnual: AnnualSource = async ({ db }, { network, year, kind, viewer }) => {
  if (kind !== "report") return [];
  const { from, to } = yearSpan(year);
  const [members, bodyRows] = await Promise.all([
    db
      .select({
        id: organisations.id,
        name: organisations.nameNorwegian,
        level: memberships.level,
        fromDate: memberships.fromDate,
      })
      .from(memberships)
      .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
      .where(
        and(
          eq(memberships.networkId, network.id),
          or(isNull(memberships.fromDate), lte(memberships.fromDate, to)),
          or(isNull(memberships.toDate), gte(memberships.toDate, from)),
        ),
      )
      .orderBy(asc(memberships.level), asc(organisations.nameNorwegian)),
    db
      .select({
        id: bodies.id,
        name: bodies.name,
        kind: bodies.kind,
        seats: sql<number>`(select count(*)::int from ${bodyMembers} where ${bodyMembers.bodyId} = ${outerColumn(bodies.id)}
          and (${bodyMembers.fromDate} is null or ${bodyMembers.fromDate} <= ${to})
          and (${bodyMembers.toDate} is null or ${bodyMembers.toDate} >= ${from}))`,
      })
      .from(bodies)
      .where(
        and(
          eq(bodies.networkId, network.id),
          visibleWhere(viewer, { networkId: bodies.networkId, visibility: bodies.visibility, bodyId: bodies.id }),
        ),
      )
      .orderBy(asc(bodies.kind), asc(bodies.name)),
  ]);
  return [
    {
      id: "members",
      title: "network.annual.members",
      columns: [{ label: "annual.col.organisation" }, { label: "membership.level" }, { label: "network.annual.memberSince" }],
      rows: members.map((m) => [
        { text: m.name, href: `/organisations/${m.id}` },
        { label: `membership.level.${m.level}` as MessageKey },
        m.fromDate,
      ]),
    },
    {
      id: "bodies",
      title: "network.annual.bodies",
      columns: [{ label: "annual.col.body" }, { label: "body.kind" }, { label: "network.annual.seats", numeric: true }],
      rows: bodyRows.map((b) => [
        { text: b.name, href: `/n/${network.slug}/bodies/${b.id}`, record: `body:${b.id}` as const },
        { label: `body.kind.${b.kind}` as MessageKey },
        b.seats,
      ]),
    },
  ];
};

/** Which bodies a viewer may still see, for the frozen annual tables that name them. */
export const bodiesVisible: AnnualRecordCheck = async ({ db }, ids, viewer) =>
  (
    await db
      .select({ id: bodies.id })
      .from(bodies)
      .where(
        and(
          inArray(bodies.id, [...ids]),
          visibleWhere(viewer, { networkId: bodies.networkId, visibility: bodies.visibility, bodyId: bodies.id }),
        ),
      )
  ).map((r) => r.id);
