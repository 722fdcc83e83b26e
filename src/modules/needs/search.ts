import { sql } from "drizzle-orm";
import { visibleWhere } from "../../platform/access/visibility.ts";
import { documentSearch } from "../../platform/files/documents.ts";
import type { SearchSource } from "../../platform/search/engine.ts";
import { networks } from "../networks/index.ts";
import { needDocuments, needSearchFields, needSupporters, needs } from "./schema.ts";

const network = { id: networks.id, slug: networks.slug, name: networks.name };

/** The organisation that registered the need, or one supporting it. */
const concerns = (id: number) =>
  sql`(${needs.organisationId} = ${id} or exists (select 1 from ${needSupporters} where ${needSupporters.needId} = ${needs.id} and ${needSupporters.organisationId} = ${id}))`;

/**
 * Needs in the site search, as the viewer may see them; a need merged into another is found through
 * that one. And their attachments, read by whoever may see the need (a merged need's attachments
 * move to the need it was merged into).
 */
export const needSearch: SearchSource[] = [
  {
    kind: "need",
    label: "search.kind.needs",
    from: sql`${needs} join ${networks} on ${networks.id} = ${needs.networkId}`,
    id: needs.id,
    fields: needSearchFields(needs),
    href: sql`'/needs/' || ${needs.id}`,
    network,
    date: needs.createdAt,
    visible: (viewer) => sql`${visibleWhere(viewer, needs)} and ${needs.state} <> 'merged'`,
    organisation: concerns,
  },
  documentSearch(needDocuments, {
    owner: sql`join ${needs} on ${needs.id} = ${needDocuments.needId}
      join ${networks} on ${networks.id} = ${needs.networkId}`,
    href: sql`'/needs/' || ${needs.id} || '/documents/' || ${needDocuments.id}`,
    network,
    visible: (viewer) => visibleWhere(viewer, needs),
    organisation: concerns,
  }),
];
