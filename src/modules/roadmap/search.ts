import { sql } from "drizzle-orm";
import type { SearchSource } from "../../platform/search/engine.ts";
import { networks } from "../networks/index.ts";
import { nationalSolutionSearchFields, nationalSolutions } from "./schema.ts";

/**
 * National solutions in the site search: the national catalogue and the networks' own regional
 * initiatives, all public (the catalogue and a solution's page are open to everyone). An initiative
 * belongs to its network; a national solution to none.
 */
export const roadmapSearch: SearchSource[] = [
  {
    kind: "national_solution",
    label: "search.kind.nationalSolutions",
    from: sql`${nationalSolutions} left join ${networks} on ${networks.id} = ${nationalSolutions.networkId}`,
    id: nationalSolutions.id,
    fields: nationalSolutionSearchFields(nationalSolutions),
    href: sql`'/roadmap/' || ${nationalSolutions.id}`,
    network: { id: networks.id, slug: networks.slug, name: networks.name },
    date: nationalSolutions.updatedAt,
    visible: () => sql`true`,
  },
];
