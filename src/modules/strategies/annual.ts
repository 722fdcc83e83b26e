import type { MessageKey } from "../../platform/i18n/i18n.ts";
import type { AnnualSource } from "../../platform/module.ts";
import { StrategyAnnualRepo } from "./annual-tables.repo.ts";

/** The annual plan's measures of the network's shared action plan due or worked on in the year. */
export const strategiesAnnual: AnnualSource = async ({ db, services }, { network, year, kind }) => {
  if (kind !== "plan") return [];
  const strategy = await services.strategies.currentOfNetwork(network.id);
  if (!strategy) return [];
  const due = await new StrategyAnnualRepo(db).measuresOfYear(strategy.id, year);
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
