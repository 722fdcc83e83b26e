import type { FastifyInstance } from "fastify";
import { formRoute } from "../../../platform/http/form-route.ts";
import type { AppContext } from "../../../platform/module.ts";
import { projectRouteAccess } from "../route-kit.ts";
import { SectorsPage } from "./sectors.views.tsx";

/** The network's own sectors, set by its secretariat. */
export function sectorRoutes(app: FastifyInstance, ctx: AppContext) {
  const { projects } = ctx.services;
  const { networkInPath } = projectRouteAccess(ctx);

  formRoute(app, {
    path: "/n/:slug/sectors",
    policy: "portfolio.configure",
    resource: networkInPath,
    storedOnce: true,
    show: async (req, reply, form, network) => {
      const title = req.i18n.t("sector.title", { network: network.name });
      return reply.page(
        <SectorsPage ctx={req.pageContext()} form={form} network={network} sectors={await projects.sectorsOf(network.id)} />,
        { title, network, forms: [form], crumbs: [{ href: `/n/${network.slug}`, label: network.name }, { label: title }] },
      );
    },
    submit: (actor, network, body) => projects.addSector(actor, network.id, body),
    done: (_, network) => `/n/${network.slug}/sectors?saved=1`,
  });
}
