import { yearSpan } from "../../platform/annual-period.ts";
import { osloToday } from "../../platform/i18n/i18n.ts";
import type { AnnualSource } from "../../platform/module.ts";
import { ConsultationAnnualRepo } from "./annual-tables.repo.ts";

/**
 * The annual report's public consultations opened in the year, with how many inputs each received
 * (internal review rounds are the bodies' own work and stay out).
 */
export const consultationsAnnual: AnnualSource = async ({ db }, { network, year, kind }) => {
  if (kind !== "report") return [];
  const { start, end } = yearSpan(year);
  const rows = await new ConsultationAnnualRepo(db).opened(network.id, start, end);
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
