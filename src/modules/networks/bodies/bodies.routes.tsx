import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { authorized } from "../../../platform/access/page-access.ts";
import { parseOrBadRequest } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { emptyForm, type FormState, submittedForm } from "../../../platform/ui/components.tsx";
import { networkBySlug, slugAndId, slugParam } from "../params.ts";
import { BodyFormPage } from "./bodies.views.tsx";
import { renderBodyPage } from "./body-page.tsx";

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
      {
        title,
        network,
        status: form.errors.length ? 422 : 200,
        crumbs: [{ href: `/n/${network.slug}`, label: network.name }, { label: title }],
      },
    );
  };

  app.get("/n/:slug/bodies/new", { config: { policy: "body.manage", resource: networkInPath } }, async (req, reply) => {
    const { resource: network } = authorized(req, networkInPath);
    return renderBodyForm(req, reply, emptyForm({ kind: "subject_group" }), network, null);
  });

  app.post(
    "/n/:slug/bodies",
    { config: { storedOnce: true, policy: "body.manage", resource: networkInPath } },
    async (req, reply) => {
      const { slug } = parseOrBadRequest(slugParam, req.params);
      const { actor, resource: network } = authorized(req, networkInPath);
      const result = await networks.createBody(actor, slug, req.body);
      if (!result.ok) return renderBodyForm(req, reply, submittedForm(req.body, result.errors), network, null);
      return reply.redirect(`/n/${slug}/bodies/${result.value.id}?saved=1`, 303);
    },
  );

  app.get("/n/:slug/bodies/:id", { config: { policy: "public" } }, async (req, reply) => {
    const { slug, id } = parseOrBadRequest(slugAndId, req.params);
    return renderBodyPage(ctx, req, reply, slug, id, emptyForm({ role: "member" }));
  });

  app.get("/n/:slug/bodies/:id/edit", { config: { policy: "body.manage", resource: networkInPath } }, async (req, reply) => {
    const { slug, id } = parseOrBadRequest(slugAndId, req.params);
    const { network, body } = await networks.getBody(slug, id);
    return renderBodyForm(req, reply, emptyForm(body), network, body);
  });

  app.post("/n/:slug/bodies/:id", { config: { policy: "body.manage", resource: networkInPath } }, async (req, reply) => {
    const { slug, id } = parseOrBadRequest(slugAndId, req.params);
    const { network, body } = await networks.getBody(slug, id);
    const { actor } = authorized(req, networkInPath);
    const result = await networks.updateBody(actor, slug, id, req.body);
    if (!result.ok) return renderBodyForm(req, reply, submittedForm(req.body, result.errors), network, body);
    return reply.redirect(`/n/${slug}/bodies/${id}?saved=1`, 303);
  });

  app.post("/n/:slug/bodies/:id/delete", { config: { policy: "body.manage", resource: networkInPath } }, async (req, reply) => {
    const { slug, id } = parseOrBadRequest(slugAndId, req.params);
    await networks.getBody(slug, id);
    const { actor } = authorized(req, networkInPath);
    await networks.deleteBody(actor, slug, id);
    return reply.redirect(`/n/${slug}?saved=1#bodies-heading`, 303);
  });
}
