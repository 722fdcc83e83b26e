import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { authorized } from "../../../platform/access/page-access.ts";
import type { AppContext } from "../../../platform/module.ts";
import { emptyForm, type FormState, submittedForm } from "../../../platform/ui/components.tsx";
import { projectRouteAccess } from "../route-kit.ts";
import { SectorsPage } from "./sectors.views.tsx";

/** The network's own sectors, set by its secretariat. */
export function sectorRoutes(app: FastifyInstance, ctx: AppContext) {
  const { projects } = ctx.services;
  const { networkInPath } = projectRouteAccess(ctx);

  const renderSectors = async (req: FastifyRequest, reply: FastifyReply, form: FormState) => {
    const { resource: network } = authorized(req, networkInPath);
    const { t } = req.i18n;
    const title = t("sector.title", { network: network.name });
    return reply.page(
      <SectorsPage ctx={req.pageContext()} form={form} network={network} sectors={await projects.sectorsOf(network.id)} />,
      {
        title,
        network,
        status: form.errors.length ? 422 : 200,
        crumbs: [{ href: `/n/${network.slug}`, label: network.name }, { label: title }],
      },
    );
  };

  app.get("/n/:slug/sectors", { config: { policy: "portfolio.configure", resource: networkInPath } }, async (req, reply) =>
    renderSectors(req, reply, emptyForm()),
  );

  app.post(
    "/n/:slug/sectors",
    { config: { storedOnce: true, policy: "portfolio.configure", resource: networkInPath } },
    async (req, reply) => {
      const { actor, resource: network } = authorized(req, networkInPath);
      const result = await projects.addSector(actor, network.id, req.body);
      if (!result.ok) return renderSectors(req, reply, submittedForm(req.body, result.errors));
      return reply.redirect(`/n/${network.slug}/sectors?saved=1`, 303);
    },
  );
}
