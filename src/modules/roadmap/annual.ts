import { yearSpan } from "../../platform/annual-period.ts";
import type { MessageKey } from "../../platform/i18n/i18n.ts";
import type { AnnualSource } from "../../platform/module.ts";
import { RoadmapAnnualRepo } from "./annual-tables.repo.ts";

/**
 * The annual report's adoption progress: for each national solution (and the network's own), how many
 * of the year's members had it in use, in progress or planned at the year's end, by the statuses they
 * had reported by then. The annual plan's national solutions with a milestone in the year.
 */
export const roadmapAnnual: AnnualSource = async ({ db }, { network, year, kind }) => {
  const { from, to } = yearSpan(year);
  const repo = new RoadmapAnnualRepo(db);
  if (kind === "plan") {
    const due = await repo.due(network.id, from, to);
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
  const rows = await repo.adoptionAtYearEnd(network.id, year);
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
