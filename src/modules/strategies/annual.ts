import { and, asc, eq, sql } from "drizzle-orm";
import type { MessageKey } from "../../platform/i18n/i18n.ts";
import type { AnnualSource } from "../../platform/module.ts";
import { measures } from "./schema.ts";

/** The annual plan's measures of the network's shared action plan due or worked on in the year. */
export const strategiesAnnual: AnnualSource = async ({ db, services }, { network, year, kind }) => {
  if (kind !== "plan") return [];
  const strategy = await services.strategies.currentOfNetwork(network.id);
  if (!strategy) return [];
  const due = await db
    .select({ id: measures.id, description: measures.description, responsible: measures.responsible, status: measures.status })
    .from(measures)
    .where(
      and(
        eq(measures.strategyId, strategy.id),
        sql`(${measures.deadlineYear} = ${year} or extract(year from ${measures.deadlineDate}) = ${year} or ${year} = any(${measures.years}))`,
      ),
    )
    .orderBy(asc(measures.position), asc(measures.id));
  return [
    {
      id: "measures",
      title: "measure.annual.due",
      columns: [{ label: "annual.col.title" }, { label: "measure.annual.responsible" }, { label: "annual.col.status" }],
      rows: due.map((m) => [
        { text: m.description, href: `/strategies/${strategy.id}` },
        m.responsible,
        { label: `measure.status.${m.status}` as MessageKey },
      ]),
    },
  ];
};
