import { yearSpan } from "../../platform/annual-period.ts";
import type { MessageKey } from "../../platform/i18n/i18n.ts";
import type { AnnualSource, AnnualTable } from "../../platform/module.ts";
import { DecisionAnnualRepo } from "./annual-tables.repo.ts";

/**
 * The annual report's meetings and decisions per body in the year; the annual plan's priorities (the
 * steering group's latest ranking by the end of the year), each as the viewer may see it.
 */
export const decisionsAnnual: AnnualSource = async ({ db }, { network, year, kind, viewer }) => {
  const { from, to } = yearSpan(year);
  const repo = new DecisionAnnualRepo(db);
  if (kind === "report") {
    const rows = await repo.meetingsPerBody(network.id, from, to, viewer);
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
  const ranking = await repo.latestRanking(network.id, to);
  if (!ranking) return [];
  const entries = await repo.entries(ranking.id, viewer);
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
