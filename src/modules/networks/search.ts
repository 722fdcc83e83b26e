import { type SQLWrapper, sql } from "drizzle-orm";
import { visibleWhere } from "../../platform/access/visibility.ts";
import { documentSearch } from "../../platform/files/documents.ts";
import type { SearchSource } from "../../platform/search/engine.ts";
import { organisationSearchFields, organisations, people, personSearchFields } from "../directory/index.ts";
import { bodies, bodyDocuments, bodySearchFields, memberships, networkContacts, networkCounties, networks } from "./schema.ts";

/** The network's counties, for the site search's county filter on anything a network holds. */
export const networkInCounty = (networkId: SQLWrapper, code: string) =>
  sql`exists (select 1 from ${networkCounties} where ${networkCounties.networkId} = ${networkId} and ${networkCounties.countyCode} = ${code})`;

/** A body, and a document it keeps, as links of the access kernel's chain: the document is never more public than its body. */
const bodyLink = { networkId: bodies.networkId, visibility: bodies.visibility, bodyId: bodies.id };
const bodyDocumentLink = { networkId: bodies.networkId, visibility: bodyDocuments.visibility, bodyId: bodies.id };

/**
 * Networks, and the people they publish as contacts, in the site search: both public. And the
 * documents the network's bodies keep, as the body's page lists them: a reader who may see the body
 * and the document's own visibility.
 */
export const networkSearch: SearchSource[] = [
  {
    // A body (steering group, working committee …) as its page shows it: by whoever may see it.
    kind: "body",
    label: "search.kind.bodies",
    from: sql`${bodies} join ${networks} on ${networks.id} = ${bodies.networkId}`,
    id: bodies.id,
    fields: bodySearchFields(bodies),
    href: sql`'/n/' || ${networks.slug} || '/bodies/' || ${bodies.id}`,
    network: { id: networks.id, slug: networks.slug, name: networks.name },
    visible: (viewer) => visibleWhere(viewer, bodyLink),
  },
  {
    kind: "network",
    label: "search.kind.networks",
    from: sql`${networks}`,
    id: networks.id,
    fields: { title: networks.name, summary: networks.shortName, body: [networks.description] },
    href: sql`'/n/' || ${networks.slug}`,
    network: { id: networks.id, slug: networks.slug, name: networks.name },
    visible: () => sql`true`,
    organisation: (id) =>
      sql`exists (select 1 from ${memberships} where ${memberships.networkId} = ${networks.id} and ${memberships.organisationId} = ${id})`,
  },
  {
    // Every organisation is public, ended ones too (a merged municipality is still looked for); here
    // rather than in the directory because a network's filter finds its members through memberships.
    kind: "organisation",
    label: "search.kind.organisations",
    from: sql`${organisations}`,
    id: organisations.id,
    fields: organisationSearchFields(organisations),
    href: sql`'/organisations/' || ${organisations.id}`,
    visible: () => sql`true`,
    inNetwork: (id) =>
      sql`exists (select 1 from ${memberships} where ${memberships.organisationId} = ${organisations.id} and ${memberships.networkId} = ${id})`,
    organisation: (id) => sql`${organisations.id} = ${id}`,
    county: (code) =>
      sql`(${organisations.code} = ${code} and ${organisations.kind} = 'county' or ${organisations.countyCode} = ${code})`,
  },
  {
    // Only a network's published contacts: other people's names are not offered to searchers.
    kind: "person",
    label: "search.kind.people",
    from: sql`${people}`,
    id: people.id,
    fields: personSearchFields(people),
    href: sql`'/people/' || ${people.id}`,
    visible: () => sql`exists (select 1 from ${networkContacts} where ${networkContacts.personId} = ${people.id})`,
    inNetwork: (id) =>
      sql`exists (select 1 from ${networkContacts} where ${networkContacts.personId} = ${people.id} and ${networkContacts.networkId} = ${id})`,
    organisation: (id) => sql`${people.organisationId} = ${id}`,
  },
  documentSearch(bodyDocuments, {
    owner: sql`join ${bodies} on ${bodies.id} = ${bodyDocuments.bodyId}
      join ${networks} on ${networks.id} = ${bodies.networkId}`,
    href: sql`'/n/' || ${networks.slug} || '/bodies/' || ${bodies.id} || '/documents/' || ${bodyDocuments.id}`,
    network: { id: networks.id, slug: networks.slug, name: networks.name },
    visible: (viewer) => visibleWhere(viewer, bodyLink, bodyDocumentLink),
  }),
];
