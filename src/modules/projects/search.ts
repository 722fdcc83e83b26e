import { or, type SQL, sql } from "drizzle-orm";
import { visibleWhere } from "../../platform/access/visibility.ts";
import { documentSearch } from "../../platform/files/documents.ts";
import type { SearchSource } from "../../platform/search/engine.ts";
import { matches } from "../../platform/search/match.ts";
import { networks } from "../networks/index.ts";
import { projectDocuments, projectParticipants, projectSearchFields, projects, tagsNamed } from "./schema.ts";

const network = { id: networks.id, slug: networks.slug, name: networks.name };

/** The project's owner, or one taking part in it. */
const concerns = (id: number) =>
  sql`(${projects.ownerOrganisationId} = ${id} or exists (select 1 from ${projectParticipants} where ${projectParticipants.projectId} = ${projects.id} and ${projectParticipants.organisationId} = ${id}))`;

/**
 * Projects in the site search: title, summary, description and problem, as the viewer may see them;
 * and their documents, which share the project's visibility (read by whoever may see the project).
 */
export const projectSearch: SearchSource[] = [
  {
    kind: "project",
    label: "search.kind.projects",
    from: sql`${projects} join ${networks} on ${networks.id} = ${projects.networkId}`,
    id: projects.id,
    fields: projectSearchFields(projects),
    // As in the portfolio: its text, or a tag the query names whole.
    match: (terms) => or(matches(terms, projectSearchFields(projects)), tagsNamed(projects.tags, terms.text)) as SQL,
    href: sql`'/projects/' || ${projects.id}`,
    network,
    date: projects.updatedAt,
    visible: (viewer) => visibleWhere(viewer, projects),
    organisation: concerns,
  },
  documentSearch(projectDocuments, {
    owner: sql`join ${projects} on ${projects.id} = ${projectDocuments.projectId}
      join ${networks} on ${networks.id} = ${projects.networkId}`,
    href: sql`'/projects/' || ${projects.id} || '/documents/' || ${projectDocuments.id}`,
    network,
    visible: (viewer) => visibleWhere(viewer, projects),
    organisation: concerns,
  }),
];
