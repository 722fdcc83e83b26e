import { sql } from "drizzle-orm";
import { visibleWhere } from "../../platform/access/visibility.ts";
import type { SearchSource } from "../../platform/search/engine.ts";
import { networks } from "../networks/index.ts";
import { projectParticipants, projectSearchFields, projects } from "./schema.ts";

/** Projects in the site search: title, summary, description and problem, as the viewer may see them. */
export const projectSearch: SearchSource[] = [
  {
    kind: "project",
    label: "search.kind.projects",
    from: sql`${projects} join ${networks} on ${networks.id} = ${projects.networkId}`,
    id: projects.id,
    fields: projectSearchFields(projects),
    href: sql`'/projects/' || ${projects.id}`,
    network: { id: networks.id, slug: networks.slug, name: networks.name },
    date: projects.updatedAt,
    visible: (viewer) => visibleWhere(viewer, projects),
    organisation: (id) =>
      sql`(${projects.ownerOrganisationId} = ${id} or exists (select 1 from ${projectParticipants} where ${projectParticipants.projectId} = ${projects.id} and ${projectParticipants.organisationId} = ${id}))`,
  },
];
