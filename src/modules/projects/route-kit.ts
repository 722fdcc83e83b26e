import type { FastifyRequest } from "fastify";
import { authorized, byPathId } from "../../platform/access/page-access.ts";
import type { Translate } from "../../platform/i18n/i18n.ts";
import type { AppContext } from "../../platform/module.ts";
import type { Option } from "../../platform/ui/components.tsx";
import { networkBySlug } from "../networks/index.ts";

/**
 * What the module's page routes share. The kernel checks that a handler reads the same loader its
 * route declared, so each route function makes its own with `projectRouteAccess` and uses it for both.
 */
export function projectRouteAccess({ services }: AppContext) {
  /** What the policies are checked against: the network by :slug, or the project by :id (404 if none). */
  const networkInPath = networkBySlug(services.networks);
  const projectInPath = byPathId((id) => services.projects.resource(id));
  /** The project the kernel let the writer act on (see projectInPath). */
  const authorizedProject = (req: FastifyRequest) => {
    const { actor, resource } = authorized(req, projectInPath);
    return { actor, id: resource.id };
  };
  return { networkInPath, projectInPath, authorizedProject };
}

/** The crumbs of a page under a project: the overview, the project, then the page itself. */
export const projectCrumbs = (t: Translate, project: { id: number; title: string }, label: string) => [
  { href: "/projects", label: t("project.listTitle") },
  { href: `/projects/${project.id}`, label: project.title },
  { label },
];

/** People to choose from, each with the organisation they work for when there is one. */
export const personOptions = (people: readonly { id: number; name: string; organisationName: string | null }[]): Option[] =>
  people.map((p) => ({ value: p.id, label: p.organisationName ? `${p.name} (${p.organisationName})` : p.name }));
