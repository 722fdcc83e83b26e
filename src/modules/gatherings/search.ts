import { sql } from "drizzle-orm";
import { documentSearch } from "../../platform/files/documents.ts";
import type { SearchSource } from "../../platform/search/engine.ts";
import { networks } from "../networks/index.ts";
import { coHostedBy, gatheringVisibleWhere } from "./gatherings.repo.ts";
import { gatheringDocuments, gatheringSearchFields, gatherings } from "./schema.ts";

const network = { id: networks.id, slug: networks.slug, name: networks.name };

/** A network's gatherings, as its list reads them: those it holds, and those it holds together with the organiser. */
const heldBy = (networkId: number) => sql`(${gatherings.networkId} = ${networkId} or ${coHostedBy(networkId)})`;

/**
 * Gatherings in the site search, with the documents they keep afterwards: as the viewer may see the
 * gathering (its network and visibility; a document is read by whoever may see its gathering).
 */
export const gatheringSearch: SearchSource[] = [
  {
    kind: "gathering",
    label: "search.kind.gatherings",
    from: sql`${gatherings} join ${networks} on ${networks.id} = ${gatherings.networkId}`,
    id: gatherings.id,
    fields: gatheringSearchFields(gatherings),
    href: sql`'/gatherings/' || ${gatherings.id}`,
    network,
    date: gatherings.startsAt,
    visible: gatheringVisibleWhere,
    inNetwork: heldBy,
  },
  documentSearch(gatheringDocuments, {
    owner: sql`join ${gatherings} on ${gatherings.id} = ${gatheringDocuments.gatheringId}
      join ${networks} on ${networks.id} = ${gatherings.networkId}`,
    href: sql`'/gatherings/' || ${gatherings.id} || '/documents/' || ${gatheringDocuments.id}`,
    network,
    visible: gatheringVisibleWhere,
    inNetwork: heldBy,
  }),
];
