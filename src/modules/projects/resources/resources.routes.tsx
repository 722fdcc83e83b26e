import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { formRoute } from "../../../platform/http/form-route.ts";
import { parseOrBadRequest } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { emptyForm, type FormState } from "../../../platform/ui/components.tsx";
import { fundingParams, linkParams, relationParams } from "../params.ts";
import { projectCrumbs, projectRouteAccess } from "../route-kit.ts";
import { ResourcesPage } from "./resources.views.tsx";

export type ResourceForm = "funding" | "link" | "relation" | "document";

/** The page that changes a project's funding, links, relations and documents; a failed form comes back with its errors. */
export async function renderResources(
  { services, config }: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  id: number,
  failed?: [ResourceForm, FormState],
) {
  const { projects } = services;
  const detail = await projects.visible(id, req.actor);
  const [resources, candidates] = await Promise.all([
    projects.resources(id, req.actor),
    projects.list({}, req.actor, "title", 100_000, 0),
  ]);
  const { t } = req.i18n;
  const title = t("resources.title");
  const form = (name: ResourceForm) =>
    failed?.[0] === name ? failed[1] : emptyForm(name === "relation" ? { kind: "builds_on" } : {});
  return reply.page(
    <ResourcesPage
      ctx={req.pageContext()}
      detail={detail}
      resources={resources}
      forms={{ funding: form("funding"), link: form("link"), relation: form("relation"), document: form("document") }}
      otherProjects={candidates.items
        .filter((p) => p.id !== id)
        .map((p) => ({ value: p.id, label: `${p.title} (${p.networkName})` }))}
      maxUploadMb={config.SAMVERK_UPLOAD_MAX_MB}
    />,
    { title, forms: [failed?.[1]], crumbs: projectCrumbs(t, detail.project, title) },
  );
}

/** The resources page after a change, at the list that changed. */
const resourcesAt = (id: number, anchor: string) => `/projects/${id}/resources?saved=1#${anchor}`;

/** Back to the resources page after a change, at the list that changed. */
export const backToResources = (reply: FastifyReply, id: number, anchor: string) => reply.redirect(resourcesAt(id, anchor), 303);

/** Funding, links and relations: listed on the project page, changed on a page of their own. */
export function resourceRoutes(app: FastifyInstance, ctx: AppContext) {
  const { projects } = ctx.services;
  const { projectInPath, authorizedProject } = projectRouteAccess(ctx);

  app.get("/projects/:id/resources", { config: { policy: "project.update", resource: projectInPath } }, async (req, reply) => {
    const { id } = authorizedProject(req);
    return renderResources(ctx, req, reply, id);
  });

  // Funding, links and relations: each added from its form and removed by its button, the same way.
  const children = [
    {
      path: "funding",
      param: "fundingId",
      params: fundingParams,
      form: "funding",
      anchor: "funding-heading",
      add: projects.addFunding,
      remove: projects.removeFunding,
    },
    {
      path: "links",
      param: "linkId",
      params: linkParams,
      form: "link",
      anchor: "links-heading",
      add: projects.addLink,
      remove: projects.removeLink,
    },
    {
      path: "relations",
      param: "relationId",
      params: relationParams,
      form: "relation",
      anchor: "relations-heading",
      add: projects.addRelation,
      remove: projects.removeRelation,
    },
  ] as const;
  for (const c of children) {
    formRoute(app, {
      path: `/projects/:id/${c.path}`,
      policy: "project.update",
      resource: projectInPath,
      storedOnce: true,
      initial: false,
      show: (req, reply, form, { id }) => renderResources(ctx, req, reply, id, [c.form, form]),
      submit: (actor, { id }, body) => c.add.call(projects, actor, id, body),
      done: (_, { id }) => resourcesAt(id, c.anchor),
    });
    app.post(
      `/projects/:id/${c.path}/:${c.param}/delete`,
      { config: { policy: "project.update", resource: projectInPath } },
      async (req, reply) => {
        const { actor, id } = authorizedProject(req);
        const childId = (parseOrBadRequest(c.params, req.params) as Record<string, number>)[c.param]!;
        await c.remove.call(projects, actor, id, childId);
        return backToResources(reply, id, c.anchor);
      },
    );
  }
}
