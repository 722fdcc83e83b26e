import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { can } from "../../../platform/access/authorize.ts";
import { authorized } from "../../../platform/access/page-access.ts";
import { dbId, parseOrBadRequest } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { emptyForm, type FormState, submittedForm } from "../../../platform/ui/components.tsx";
import { networkBySlug, slugParam } from "../../networks/index.ts";
import { savedNotice } from "../saved-notice.tsx";
import { AmbitionFormPage, AmbitionPage } from "./ambitions.views.tsx";

const ambitionParams = slugParam.extend({ id: dbId });

/** A network's regional ambitions: stating one, its page, removing it. */
export function ambitionRoutes(app: FastifyInstance, { services }: AppContext) {
  const { networks, ambitions } = services;
  const networkInPath = networkBySlug(networks);

  const renderNew = async (req: FastifyRequest, reply: FastifyReply, form: FormState = emptyForm()) => {
    const { resource: network } = authorized(req, networkInPath);
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
        status: form.errors.length ? 422 : 200,
        crumbs: [
          { href: `/n/${network.slug}`, label: network.name },
          { href: `/n/${network.slug}/strategies`, label: t("dashboard.title", { network: network.name }) },
          { label: title },
        ],
      },
    );
  };

  app.get("/n/:slug/ambitions/new", { config: { policy: "ambition.manage", resource: networkInPath } }, (req, reply) =>
    renderNew(req, reply),
  );

  app.post(
    "/n/:slug/ambitions",
    { config: { storedOnce: true, policy: "ambition.manage", resource: networkInPath } },
    async (req, reply) => {
      const { actor, resource: network } = authorized(req, networkInPath);
      const result = await ambitions.create(actor, network.id, req.body);
      if (!result.ok) return renderNew(req, reply, submittedForm(req.body, result.errors));
      return reply.redirect(`/n/${network.slug}/ambitions/${result.value.id}?saved`, 303);
    },
  );

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
