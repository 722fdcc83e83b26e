import { sql } from "drizzle-orm";
import { files } from "../../platform/schema.ts";
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
  {
    kind: "document",
    label: "search.kind.documents",
    from: sql`${gatheringDocuments} join ${gatherings} on ${gatherings.id} = ${gatheringDocuments.gatheringId}
      join ${networks} on ${networks.id} = ${gatherings.networkId}
      join ${files} on ${files.id} = ${gatheringDocuments.fileId}`,
    id: gatheringDocuments.id,
    fields: { title: gatheringDocuments.title, body: [files.text] },
    href: sql`'/gatherings/' || ${gatherings.id} || '/documents/' || ${gatheringDocuments.id}`,
    network,
    date: gatheringDocuments.createdAt,
    visible: gatheringVisibleWhere,
    inNetwork: heldBy,
  },
];
