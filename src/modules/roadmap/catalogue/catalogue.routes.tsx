import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { can } from "../../../platform/access/authorize.ts";
import { authorized } from "../../../platform/access/page-access.ts";
import { formRoute } from "../../../platform/http/form-route.ts";
import { parseOrBadRequest } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { emptyForm, type FormState } from "../../../platform/ui/components.tsx";
import { catalogueQuery, networkSlugParams } from "../params.ts";
import { CataloguePage, SolutionFormPage } from "./catalogue.views.tsx";
import { solutionPage } from "./solution-page.tsx";

/** The catalogue of national solutions and networks' initiatives: the list, a solution's page, and adding and changing one. */
export function catalogueRoutes(app: FastifyInstance, ctx: AppContext) {
  const { roadmap, networks } = ctx.services;
  const solution = solutionPage(ctx);
  /** Where a new solution would go, for the policies: the network by :slug, or the national catalogue. */
  const catalogueInPath = async (req: FastifyRequest) => {
    const params = req.params as { slug?: string };
    const network = params.slug ? await networks.get(parseOrBadRequest(networkSlugParams, req.params).slug) : null;
    return { networkId: network?.id ?? null, network };
  };

  app.get("/roadmap", { config: { policy: "public" } }, async (req, reply) => {
    const filter = parseOrBadRequest(catalogueQuery, req.query);
    const network = filter.network ? await networks.bySlug(filter.network) : undefined;
    const [items, networkList] = await Promise.all([
      roadmap.list({ q: filter.q, category: filter.category, networkId: network?.id }),
      networks.switcher(),
    ]);
    const { t } = req.i18n;
    const canAdd = [
      ...(can(req.actor, "roadmap.edit", { networkId: null }) ? [{ href: "/roadmap/new", label: t("roadmap.newNational") }] : []),
      ...networkList
        .filter((n) => can(req.actor, "roadmap.edit", { networkId: n.id }))
        .map((n) => ({ href: `/n/${n.slug}/initiatives/new`, label: t("roadmap.newInitiative", { network: n.name }) })),
    ];
    return reply.page(
      <CataloguePage
        ctx={req.pageContext()}
        items={filter.network && !network ? [] : items}
        filter={filter}
        networks={networkList.map((n) => ({ value: n.slug, label: n.name }))}
        canAdd={canAdd}
        canManageEditors={can(req.actor, "roadmap.editors")}
      />,
      { title: t("roadmap.catalogueTitle"), crumbs: [{ href: "/", label: "Samverk" }, { label: t("roadmap.catalogueTitle") }] },
    );
  });

  const renderForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    form: FormState,
    target: { action: string; cancelHref: string; title: string },
  ) => {
    const { t } = req.i18n;
    return reply.page(<SolutionFormPage ctx={req.pageContext()} form={form} {...target} />, {
      title: target.title,
      forms: [form],
      crumbs: [{ href: "/roadmap", label: t("roadmap.catalogueTitle") }, { label: target.title }],
    });
  };

  // A national solution (administrators) or a network's own initiative (its secretariat).
  const newTarget = (req: FastifyRequest) => {
    const { network } = authorized(req, catalogueInPath).resource;
    const { t } = req.i18n;
    return {
      networkId: network?.id ?? null,
      action: network ? `/n/${network.slug}/initiatives` : "/roadmap",
      cancelHref: "/roadmap",
      title: network ? t("roadmap.newInitiative", { network: network.name }) : t("roadmap.newNational"),
    };
  };

  for (const [form, post] of [
    ["/roadmap/new", "/roadmap"],
    ["/n/:slug/initiatives/new", "/n/:slug/initiatives"],
  ] as const) {
    app.get(form, { config: { policy: "roadmap.edit", resource: catalogueInPath } }, async (req, reply) => {
      const target = newTarget(req);
      return renderForm(req, reply, emptyForm({ category: "services" }), target);
    });
    formRoute(app, {
      path: post,
      policy: "roadmap.edit",
      resource: catalogueInPath,
      storedOnce: true,
      initial: false,
      show: (req, reply, form) => renderForm(req, reply, form, newTarget(req)),
      submit: (actor, { networkId }, body) => roadmap.create(actor, networkId, body),
      done: (created) => `/roadmap/${created.id}?saved=1`,
    });
  }

  /** Where the change form of a solution posts, and its title. */
  const editTarget = (req: FastifyRequest, id: number, name: string) => ({
    action: `/roadmap/${id}`,
    cancelHref: `/roadmap/${id}`,
    title: req.i18n.t("roadmap.editTitle", { name }),
  });

  app.get("/roadmap/:id/edit", { config: { policy: "roadmap.edit", resource: solution.inPath } }, async (req, reply) => {
    const { id, solution: found } = solution.editable(req);
    return renderForm(req, reply, emptyForm({ ...found }), editTarget(req, id, found.name));
  });

  formRoute(app, {
    path: "/roadmap/:id",
    policy: "roadmap.edit",
    resource: solution.inPath,
    initial: false,
    show: (req, reply, form, found) => renderForm(req, reply, form, editTarget(req, found.id, found.name)),
    submit: (actor, { id }, body) => roadmap.update(actor, id, body),
    done: (_, { id }) => `/roadmap/${id}?saved=1`,
  });

  app.get("/roadmap/:id", { config: { policy: "public" } }, async (req, reply) => solution.render(req, reply));
}
