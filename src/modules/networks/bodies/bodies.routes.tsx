import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { authorized } from "../../../platform/access/page-access.ts";
import { formRoute } from "../../../platform/http/form-route.ts";
import { parseOrBadRequest } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { emptyForm, type FormState } from "../../../platform/ui/components.tsx";
import { networkBySlug, slugAndId } from "../params.ts";
import { pageInNetwork } from "../parts.tsx";
import { BodyFormPage } from "./bodies.views.tsx";
import { renderBodyPage, savedBodyPage } from "./body-page.tsx";

/** A network's bodies: the body's page, creating, changing and deleting one. */
export function bodyRoutes(app: FastifyInstance, ctx: AppContext) {
  const { networks } = ctx.services;
  /** The network by :slug (404 if none), which the policies are checked against. */
  const networkInPath = networkBySlug(networks);

  const renderBodyForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    form: FormState,
    network: { slug: string; name: string },
    body: { id: number; name: string } | null,
  ) => {
    const { t } = req.i18n;
    const title = body ? t("body.editTitle", { name: body.name }) : t("body.new");
    return reply.page(
      <BodyFormPage
        ctx={req.pageContext()}
        form={form}
        action={body ? `/n/${network.slug}/bodies/${body.id}` : `/n/${network.slug}/bodies`}
        title={title}
        cancelHref={body ? `/n/${network.slug}/bodies/${body.id}` : `/n/${network.slug}`}
      />,
      pageInNetwork(network, title, [form]),
    );
  };

  app.get("/n/:slug/bodies/new", { config: { policy: "body.manage", resource: networkInPath } }, async (req, reply) => {
    const { resource: network } = authorized(req, networkInPath);
    return renderBodyForm(req, reply, emptyForm({ kind: "subject_group" }), network, null);
  });

  formRoute(app, {
    path: "/n/:slug/bodies",
    policy: "body.manage",
    resource: networkInPath,
    storedOnce: true,
    initial: false,
    show: (req, reply, form, network) => renderBodyForm(req, reply, form, network, null),
    submit: (actor, network, body) => networks.createBody(actor, network.slug, body),
    done: (body, network) => `/n/${network.slug}/bodies/${body.id}?saved=1`,
  });

  app.get("/n/:slug/bodies/:id", { config: { policy: "public" } }, async (req, reply) => {
    const { slug, id } = parseOrBadRequest(slugAndId, req.params);
    return renderBodyPage(ctx, req, reply, slug, id, emptyForm({ role: "member" }));
  });

  app.get("/n/:slug/bodies/:id/edit", { config: { policy: "body.manage", resource: networkInPath } }, async (req, reply) => {
    const { slug, id } = parseOrBadRequest(slugAndId, req.params);
    const { network, body } = await networks.getBody(slug, id);
    return renderBodyForm(req, reply, emptyForm(body), network, body);
  });

  formRoute(app, {
    path: "/n/:slug/bodies/:id",
    policy: "body.manage",
    resource: networkInPath,
    initial: false,
    show: async (req, reply, form) => {
      const { slug, id } = parseOrBadRequest(slugAndId, req.params);
      const { network, body } = await networks.getBody(slug, id);
      return renderBodyForm(req, reply, form, network, body);
    },
    submit: async (actor, _, body, req) => {
      const { slug, id } = parseOrBadRequest(slugAndId, req.params);
      await networks.getBody(slug, id);
      return networks.updateBody(actor, slug, id, body);
    },
    done: (_, __, req) => savedBodyPage(req),
  });

  app.post("/n/:slug/bodies/:id/delete", { config: { policy: "body.manage", resource: networkInPath } }, async (req, reply) => {
    const { slug, id } = parseOrBadRequest(slugAndId, req.params);
    await networks.getBody(slug, id);
    const { actor } = authorized(req, networkInPath);
    await networks.deleteBody(actor, slug, id);
    return reply.redirect(`/n/${slug}?saved=1#bodies-heading`, 303);
  });
}
