import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { authorized } from "../../../platform/access/page-access.ts";
import { parseOrBadRequest } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { emptyForm, type FormState, submittedForm } from "../../../platform/ui/components.tsx";
import { bodyMemberParams, networkBySlug, slugAndId } from "../params.ts";
import { BodyMemberFormPage } from "./bodies.views.tsx";
import { renderBodyPage } from "./body-page.tsx";

/** The people in a body: adding a seat, changing and removing one. */
export function bodyMemberRoutes(app: FastifyInstance, ctx: AppContext) {
  const { networks, directory } = ctx.services;
  /** The network by :slug (404 if none), which the policies are checked against. */
  const networkInPath = networkBySlug(networks);

  app.post(
    "/n/:slug/bodies/:id/members",
    { config: { storedOnce: true, policy: "body.manage", resource: networkInPath } },
    async (req, reply) => {
      const { slug, id } = parseOrBadRequest(slugAndId, req.params);
      await networks.getBody(slug, id);
      const { actor } = authorized(req, networkInPath);
      const result = await networks.addBodyMember(actor, slug, id, req.body);
      if (!result.ok) return renderBodyPage(ctx, req, reply, slug, id, submittedForm(req.body, result.errors));
      return reply.redirect(`/n/${slug}/bodies/${id}?saved=1`, 303);
    },
  );

  const renderBodyMemberForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    form: FormState,
    found: Awaited<ReturnType<typeof networks.getBodyMember>>,
  ) => {
    const { network, body, member } = found;
    const { t } = req.i18n;
    const title = t("body.editMemberTitle", { name: member.personName, body: body.name });
    const orgs = await directory.organisations.options();
    const base = `/n/${network.slug}/bodies/${body.id}`;
    return reply.page(
      <BodyMemberFormPage
        ctx={req.pageContext()}
        form={form}
        action={`${base}/members/${member.id}`}
        title={title}
        organisations={orgs.map((o) => ({ value: o.id, label: o.name }))}
        cancelHref={base}
      />,
      {
        title,
        network,
        status: form.errors.length ? 422 : 200,
        crumbs: [
          { href: `/n/${network.slug}`, label: network.name },
          { href: base, label: body.name },
          { label: member.personName },
        ],
      },
    );
  };

  app.get(
    "/n/:slug/bodies/:id/members/:memberId/edit",
    { config: { policy: "body.manage", resource: networkInPath } },
    async (req, reply) => {
      const { slug, id, memberId } = parseOrBadRequest(bodyMemberParams, req.params);
      const found = await networks.getBodyMember(slug, id, memberId);
      return renderBodyMemberForm(req, reply, emptyForm(found.member), found);
    },
  );

  app.post(
    "/n/:slug/bodies/:id/members/:memberId",
    { config: { policy: "body.manage", resource: networkInPath } },
    async (req, reply) => {
      const { slug, id, memberId } = parseOrBadRequest(bodyMemberParams, req.params);
      const found = await networks.getBodyMember(slug, id, memberId);
      const { actor } = authorized(req, networkInPath);
      const result = await networks.updateBodyMember(actor, slug, id, memberId, req.body);
      if (!result.ok) return renderBodyMemberForm(req, reply, submittedForm(req.body, result.errors), found);
      return reply.redirect(`/n/${slug}/bodies/${id}?saved=1`, 303);
    },
  );

  app.post(
    "/n/:slug/bodies/:id/members/:memberId/delete",
    { config: { policy: "body.manage", resource: networkInPath } },
    async (req, reply) => {
      const { slug, id, memberId } = parseOrBadRequest(bodyMemberParams, req.params);
      await networks.getBody(slug, id);
      const { actor } = authorized(req, networkInPath);
      await networks.removeBodyMember(actor, slug, id, memberId);
      return reply.redirect(`/n/${slug}/bodies/${id}?saved=1`, 303);
    },
  );
}
