import { sql } from "drizzle-orm";
import type { SearchSource } from "../../platform/search/engine.ts";
import { memberships } from "../networks/index.ts";
import { solutionSearchFields, solutions } from "./schema.ts";
import { offeredOrUsedBy } from "./solutions.repo.ts";

/**
 * The shared solution catalogue in the site search: public, as its pages are. A solution spans
 * networks; it belongs to a network when one of the network's members offers or uses it, as the
 * catalogue's network filter reads it, and concerns the organisation that offers or uses it.
 */
export const solutionSearch: SearchSource[] = [
  {
    kind: "solution",
    label: "search.kind.solutions",
    from: sql`${solutions}`,
    id: solutions.id,
    fields: solutionSearchFields(solutions),
    href: sql`'/solutions/' || ${solutions.id}`,
    date: solutions.updatedAt,
    visible: () => sql`true`,
    inNetwork: (id) =>
      offeredOrUsedBy(sql`(select ${memberships.organisationId} from ${memberships} where ${memberships.networkId} = ${id})`),
    organisation: (id) => offeredOrUsedBy(sql`(${id})`),
  },
];
