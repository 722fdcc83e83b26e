import { and, asc, eq, gte, inArray, isNull, lt, sql } from "drizzle-orm";
import { yearSpan } from "../../platform/annual-period.ts";
import { outerColumn } from "../../platform/db/correlated.ts";
import { osloToday } from "../../platform/i18n/i18n.ts";
import type { AnnualSource } from "../../platform/module.ts";
import { consultationInputs, consultations } from "./schema.ts";

/**
 * The annual report's public consultations opened in the year, with how many inputs each received
 * (internal review rounds are the bodies' own work and stay out).
 */
export const consultationsAnnual: AnnualSource = async ({ db }, { network, year, kind }) => {
  if (kind !== "report") return [];
  const { start, end } = yearSpan(year);
  const rows = await db
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
        eq(consultations.networkId, network.id),
        isNull(consultations.reviewOfId),
        gte(consultations.opensAt, start),
        lt(consultations.opensAt, end),
      ),
    )
    .orderBy(asc(consultations.opensAt));
  const day = (d: Date) => osloToday(d);
  return [
    {
      id: "consultations",
      title: "consultation.annual.title",
      columns: [
        { label: "annual.col.title" },
        { label: "consultation.annual.opened" },
        { label: "consultation.annual.closed" },
        { label: "consultation.annual.inputs", numeric: true },
      ],
      rows: rows.map((c) => [{ text: c.title, href: `/consultations/${c.id}` }, day(c.opensAt), day(c.closesAt), c.inputs]),
    },
  ];
};
