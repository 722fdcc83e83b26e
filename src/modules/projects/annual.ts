import { yearSpan } from "../../platform/annual-period.ts";
import type { MessageKey } from "../../platform/i18n/i18n.ts";
import type { AnnualRecordCheck, AnnualSource } from "../../platform/module.ts";
import { ProjectAnnualRepo } from "./annual-tables.repo.ts";

/** The annual report's projects started and finished in the year, and the benefits measured in it. */
export const projectsAnnual: AnnualSource = async ({ db }, { network, year, kind, viewer }) => {
  if (kind !== "report") return [];
  const { from, to } = yearSpan(year);
  const repo = new ProjectAnnualRepo(db);
  const [startedOrFinished, measured] = await Promise.all([
    repo.startedOrFinished(network.id, from, to, viewer),
    repo.measured(network.id, from, to, viewer),
  ]);
  return [
    {
      id: "projects",
      title: "project.annual.startedFinished",
      columns: [
        { label: "annual.col.title" },
        { label: "project.phase" },
        { label: "project.annual.started" },
        { label: "project.annual.finished" },
      ],
      rows: startedOrFinished.map((p) => [
        { text: p.title, href: `/projects/${p.id}`, record: `project:${p.id}` as const },
        { label: `project.phase.${p.phase}` as MessageKey },
        p.startDate && p.startDate >= from && p.startDate <= to ? p.startDate : null,
        p.endDate && p.endDate >= from && p.endDate <= to ? p.endDate : null,
      ]),
    },
    {
      id: "benefits",
      title: "project.annual.benefits",
      columns: [
        { label: "annual.col.title" },
        { label: "project.annual.benefit" },
        { label: "project.annual.baseline", numeric: true },
        { label: "project.annual.latest", numeric: true },
        { label: "project.annual.target", numeric: true },
        { label: "project.annual.unit" },
      ],
      rows: measured.map((m) => [
        { text: m.projectTitle, href: `/projects/${m.projectId}`, record: `project:${m.projectId}` as const },
        m.title,
        m.baseline,
        m.latest,
        m.target,
        m.unit,
      ]),
    },
  ];
};

/** Which projects a viewer may still see, for the frozen annual tables that name them. */
export const projectsVisible: AnnualRecordCheck = ({ db }, ids, viewer) => new ProjectAnnualRepo(db).visibleProjects(ids, viewer);
