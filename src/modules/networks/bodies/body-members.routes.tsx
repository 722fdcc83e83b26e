import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { authorized } from "../../../platform/access/page-access.ts";
import { formRoute } from "../../../platform/http/form-route.ts";
import { parseOrBadRequest } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { emptyForm, type FormState } from "../../../platform/ui/components.tsx";
import { bodyMemberParams, networkBySlug, slugAndId } from "../params.ts";
import { pageInNetwork } from "../parts.tsx";
import { BodyMemberFormPage } from "./bodies.views.tsx";
import { renderBodyPage, savedBodyPage } from "./body-page.tsx";

/** The people in a body: adding a seat, changing and removing one. */
export function bodyMemberRoutes(app: FastifyInstance, ctx: AppContext) {
  const { networks, directory } = ctx.services;
  /** The network by :slug (404 if none), which the policies are checked against. */
  const networkInPath = networkBySlug(networks);

  formRoute(app, {
    path: "/n/:slug/bodies/:id/members",
    policy: "body.manage",
    resource: networkInPath,
    storedOnce: true,
    initial: false,
    show: (req, reply, form, network) =>
      renderBodyPage(ctx, req, reply, network.slug, parseOrBadRequest(slugAndId, req.params).id, form),
    submit: async (actor, network, body, req) => {
      const { id } = parseOrBadRequest(slugAndId, req.params);
      await networks.getBody(network.slug, id);
      return networks.addBodyMember(actor, network.slug, id, body);
    },
    done: (_, __, req) => savedBodyPage(req),
  });

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
      pageInNetwork(network, title, [form], [{ href: base, label: body.name }, { label: member.personName }]),
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

  formRoute(app, {
    path: "/n/:slug/bodies/:id/members/:memberId",
    policy: "body.manage",
    resource: networkInPath,
    initial: false,
    show: async (req, reply, form) => {
      const { slug, id, memberId } = parseOrBadRequest(bodyMemberParams, req.params);
      return renderBodyMemberForm(req, reply, form, await networks.getBodyMember(slug, id, memberId));
    },
    submit: async (actor, _, body, req) => {
      const { slug, id, memberId } = parseOrBadRequest(bodyMemberParams, req.params);
      await networks.getBodyMember(slug, id, memberId);
      return networks.updateBodyMember(actor, slug, id, memberId, body);
    },
    done: (_, __, req) => savedBodyPage(req),
  });

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
