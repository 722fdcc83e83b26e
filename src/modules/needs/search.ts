import { sql } from "drizzle-orm";
import { visibleWhere } from "../../platform/access/visibility.ts";
import type { SearchSource } from "../../platform/search/engine.ts";
import { networks } from "../networks/index.ts";
import { needSearchFields, needSupporters, needs } from "./schema.ts";

/** Needs in the site search, as the viewer may see them; a need merged into another is found through that one. */
export const needSearch: SearchSource[] = [
  {
    kind: "need",
    label: "search.kind.needs",
    from: sql`${needs} join ${networks} on ${networks.id} = ${needs.networkId}`,
    id: needs.id,
    fields: needSearchFields(needs),
    href: sql`'/needs/' || ${needs.id}`,
    network: { id: networks.id, slug: networks.slug, name: networks.name },
    date: needs.createdAt,
    visible: (viewer) => sql`${visibleWhere(viewer, needs)} and ${needs.state} <> 'merged'`,
    organisation: (id) =>
      sql`(${needs.organisationId} = ${id} or exists (select 1 from ${needSupporters} where ${needSupporters.needId} = ${needs.id} and ${needSupporters.organisationId} = ${id}))`,
  },
];
