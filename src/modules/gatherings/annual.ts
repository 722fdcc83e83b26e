import { yearSpan } from "../../platform/annual-period.ts";
import { type MessageKey, osloToday } from "../../platform/i18n/i18n.ts";
import type { AnnualRecordCheck, AnnualSource } from "../../platform/module.ts";
import { GatheringAnnualRepo } from "./annual-tables.repo.ts";

/**
 * The gatherings the network held (or holds with others) in the year, as the viewer may see them: in
 * the annual plan as planned, in the annual report with the places taken and who came.
 */
export const gatheringsAnnual: AnnualSource = async ({ db }, { network, year, kind, viewer }) => {
  const { start, end } = yearSpan(year);
  const rows = await new GatheringAnnualRepo(db).heldFrom(network.id, start, end, viewer);
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
export const gatheringsVisible: AnnualRecordCheck = ({ db }, ids, viewer) =>
  new GatheringAnnualRepo(db).visibleGatherings(ids, viewer);
