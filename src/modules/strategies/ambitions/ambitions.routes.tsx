import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { can } from "../../../platform/access/authorize.ts";
import { authorized } from "../../../platform/access/page-access.ts";
import { formRoute } from "../../../platform/http/form-route.ts";
import { dbId, parseOrBadRequest } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { emptyForm, type FormState } from "../../../platform/ui/components.tsx";
import { savedNotice } from "../../../platform/ui/saved-notice.tsx";
import { type Network, networkBySlug, slugParam } from "../../networks/index.ts";
import { AmbitionFormPage, AmbitionPage } from "./ambitions.views.tsx";

const ambitionParams = slugParam.extend({ id: dbId });

/** A network's regional ambitions: stating one, its page, removing it. */
export function ambitionRoutes(app: FastifyInstance, { services }: AppContext) {
  const { networks, ambitions } = services;
  const networkInPath = networkBySlug(networks);

  const renderNew = async (req: FastifyRequest, reply: FastifyReply, form: FormState, network: Network) => {
    const solutions = await ambitions.solutionOptions(network.id);
    const { t } = req.i18n;
    const title = t("ambition.new");
    return reply.page(
      <AmbitionFormPage
        ctx={req.pageContext()}
        network={network}
        form={form}
        solutions={solutions.map((s) => ({ value: String(s.id), label: s.name }))}
      />,
      {
        title,
        network,
        forms: [form],
        crumbs: [
          { href: `/n/${network.slug}`, label: network.name },
          { href: `/n/${network.slug}/strategies`, label: t("dashboard.title", { network: network.name }) },
          { label: title },
        ],
      },
    );
  };

  app.get("/n/:slug/ambitions/new", { config: { policy: "ambition.manage", resource: networkInPath } }, (req, reply) =>
    renderNew(req, reply, emptyForm(), authorized(req, networkInPath).resource),
  );

  formRoute(app, {
    path: "/n/:slug/ambitions",
    policy: "ambition.manage",
    resource: networkInPath,
    storedOnce: true,
    initial: false,
    show: (req, reply, form, network) => renderNew(req, reply, form, network),
    submit: (actor, network, body) => ambitions.create(actor, network.id, body),
    done: (ambition, network) => `/n/${network.slug}/ambitions/${ambition.id}?saved`,
  });

  app.get("/n/:slug/ambitions/:id", { config: { policy: "public" } }, async (req, reply) => {
    const { slug, id } = parseOrBadRequest(ambitionParams, req.params);
    const network = await networks.get(slug);
    const progress = await ambitions.progress(await ambitions.get(network.id, id));
    const { t } = req.i18n;
    return reply.page(
      <>
        {savedNotice(req)}
        <AmbitionPage
          ctx={req.pageContext()}
          network={network}
          progress={progress}
          canManage={can(req.actor, "ambition.manage", network)}
        />
      </>,
      {
        title: progress.ambition.title,
        network,
        crumbs: [
          { href: `/n/${network.slug}`, label: network.name },
          { href: `/n/${network.slug}/strategies`, label: t("dashboard.title", { network: network.name }) },
          { label: progress.ambition.title },
        ],
      },
    );
  });

  app.post(
    "/n/:slug/ambitions/:id/delete",
    { config: { policy: "ambition.manage", resource: networkInPath } },
    async (req, reply) => {
      const { id } = parseOrBadRequest(ambitionParams, req.params);
      const { actor, resource: network } = authorized(req, networkInPath);
      await ambitions.remove(actor, network.id, id);
      return reply.redirect(`/n/${network.slug}/strategies?saved`, 303);
    },
  );
}
