import { type SQLWrapper, sql } from "drizzle-orm";
import { documentSearch } from "../../platform/files/documents.ts";
import type { SearchSource } from "../../platform/search/engine.ts";
import {
  experienceNotes,
  experienceSearchFields,
  subjectDocuments,
  subjectNetworkOwners,
  subjectNetworkSearchFields,
  subjectNetworks,
} from "./schema.ts";
import { readableWhere } from "./subjects.repo.ts";

/** Owned by the network: a subject network spans networks, and is listed on each owner's page. */
const ownedBy = (subjectNetworkId: SQLWrapper) => (networkId: number) =>
  sql`exists (select 1 from ${subjectNetworkOwners} where ${subjectNetworkOwners.subjectNetworkId} = ${subjectNetworkId} and ${subjectNetworkOwners.networkId} = ${networkId})`;

/**
 * Subject networks, the experience their people write and the documents they keep, in the site
 * search. A subject network is public; a note or a document is public, or for the subject network's
 * members only (read by those who take part, the secretariats of its owning networks and
 * administrators), as its own pages and lists read it. None belongs to one network: a network's
 * filter finds what the subject networks it owns hold.
 */
export const subjectSearch: SearchSource[] = [
  {
    kind: "subject_network",
    label: "search.kind.subjectNetworks",
    from: sql`${subjectNetworks}`,
    id: subjectNetworks.id,
    fields: subjectNetworkSearchFields(subjectNetworks),
    href: sql`'/subject-networks/' || ${subjectNetworks.slug}`,
    visible: () => sql`true`,
    inNetwork: ownedBy(subjectNetworks.id),
  },
  {
    kind: "experience",
    label: "search.kind.experience",
    from: sql`${experienceNotes}`,
    id: experienceNotes.id,
    fields: experienceSearchFields(experienceNotes),
    href: sql`'/experience/' || ${experienceNotes.id}`,
    date: experienceNotes.createdAt,
    visible: (viewer) => readableWhere(viewer, experienceNotes.visibility, experienceNotes.subjectNetworkId),
    inNetwork: ownedBy(experienceNotes.subjectNetworkId),
    organisation: (id) => sql`${experienceNotes.organisationId} = ${id}`,
  },
  documentSearch(subjectDocuments, {
    owner: sql`join ${subjectNetworks} on ${subjectNetworks.id} = ${subjectDocuments.subjectNetworkId}`,
    href: sql`'/subject-networks/' || ${subjectNetworks.slug} || '/documents/' || ${subjectDocuments.id}`,
    visible: (viewer) => readableWhere(viewer, subjectDocuments.visibility, subjectDocuments.subjectNetworkId),
    inNetwork: ownedBy(subjectDocuments.subjectNetworkId),
  }),
];
