import { yearSpan } from "../../platform/annual-period.ts";
import type { MessageKey } from "../../platform/i18n/i18n.ts";
import type { AnnualRecordCheck, AnnualSource } from "../../platform/module.ts";
import { NetworkAnnualRepo } from "./annual-tables.repo.ts";

/** The annual report's members with their levels, and the bodies with their seats, in the year. */
export const networkAnnual: AnnualSource = async ({ db }, { network, year, kind, viewer }) => {
  if (kind !== "report") return [];
  const { from, to } = yearSpan(year);
  const repo = new NetworkAnnualRepo(db);
  const [members, bodyRows] = await Promise.all([repo.members(network.id, from, to), repo.bodies(network.id, from, to, viewer)]);
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
export const bodiesVisible: AnnualRecordCheck = ({ db }, ids, viewer) => new NetworkAnnualRepo(db).visibleBodies(ids, viewer);
