import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { authorized } from "../../../platform/access/page-access.ts";
import { sendCsv } from "../../../platform/http/csv.ts";
import { formRoute } from "../../../platform/http/form-route.ts";
import { parseOrBadRequest } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { emptyForm, type FormState } from "../../../platform/ui/components.tsx";
import { networkBySlug, slugAndId, slugParam } from "../params.ts";
import { pageInNetwork } from "../parts.tsx";
import { MembershipFormPage } from "./memberships.views.tsx";

/** A network's member organisations: the CSV, adding, changing and removing a membership. */
export function membershipRoutes(app: FastifyInstance, { services }: AppContext) {
  const { networks, directory } = services;
  /** The network by :slug (404 if none), which the policies are checked against. */
  const networkInPath = networkBySlug(networks);

  app.get("/n/:slug/members.csv", { config: { policy: "public" } }, async (req, reply) => {
    const { slug } = parseOrBadRequest(slugParam, req.params);
    const { members } = await networks.overview(slug, req.actor);
    const { t } = req.i18n;
    return sendCsv(
      reply,
      `${slug}-members.csv`,
      [
        t("org.name"),
        t("org.county"),
        t("membership.level"),
        t("membership.representedBy"),
        t("membership.since"),
        t("membership.to"),
      ],
      members.map((m) => [
        m.organisationName,
        m.countyCode,
        t(`membership.level.${m.level}`),
        m.representedByName,
        m.fromDate,
        m.toDate,
      ]),
    );
  });

  const renderMembershipForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    form: FormState,
    network: Awaited<ReturnType<typeof networks.get>>,
    editing: { id: number; name: string } | null,
  ) => {
    const { t } = req.i18n;
    const [all, members] = await Promise.all([directory.organisations.options(), networks.membersOf(network.id)]);
    const current = new Set(members.map((m) => m.organisationId));
    const free = all.filter((o) => !current.has(o.id));
    const inCounties = free.filter(
      (o) => (o.kind === "municipality" || o.kind === "county_municipality") && network.counties.includes(o.countyCode ?? ""),
    );
    const title = editing ? t("membership.editTitle", { name: editing.name }) : t("membership.add");
    return reply.page(
      <MembershipFormPage
        ctx={req.pageContext()}
        form={form}
        action={editing ? `/n/${network.slug}/members/${editing.id}` : `/n/${network.slug}/members`}
        title={title}
        candidates={editing ? null : inCounties.map((o) => ({ value: o.id, label: o.name }))}
        others={free.filter((o) => !inCounties.includes(o)).map((o) => ({ value: o.id, label: o.name }))}
        cooperations={all.filter((o) => o.kind === "it_cooperation").map((o) => ({ value: o.id, label: o.name }))}
        cancelHref={`/n/${network.slug}`}
        {...(editing ? { deleteAction: `/n/${network.slug}/members/${editing.id}/delete` } : {})}
      />,
      pageInNetwork(network, title, [form]),
    );
  };

  app.get("/n/:slug/members/new", { config: { policy: "membership.manage", resource: networkInPath } }, async (req, reply) => {
    const { resource: network } = authorized(req, networkInPath);
    return renderMembershipForm(req, reply, emptyForm({ level: "member" }), network, null);
  });

  formRoute(app, {
    path: "/n/:slug/members",
    policy: "membership.manage",
    resource: networkInPath,
    storedOnce: true,
    initial: false,
    show: (req, reply, form, network) => renderMembershipForm(req, reply, form, network, null),
    submit: (actor, network, given) => {
      const body = (given ?? {}) as Record<string, unknown>;
      const chosen = [body.organisationIds ?? [], body.otherOrganisationId ?? []].flat().filter((v) => v !== "");
      return networks.addMembers(actor, network.slug, { ...body, organisationIds: chosen });
    },
    done: (_, network) => `/n/${network.slug}?saved=1#members-heading`,
  });

  app.get(
    "/n/:slug/members/:id/edit",
    { config: { policy: "membership.manage", resource: networkInPath } },
    async (req, reply) => {
      const { slug, id } = parseOrBadRequest(slugAndId, req.params);
      const { network, membership } = await networks.getMembership(slug, id);
      const org = await directory.getOrganisation(membership.organisationId);
      return renderMembershipForm(req, reply, emptyForm(membership), network, { id, name: org.name });
    },
  );

  formRoute(app, {
    path: "/n/:slug/members/:id",
    policy: "membership.manage",
    resource: networkInPath,
    initial: false,
    show: async (req, reply, form, network) => {
      const { slug, id } = parseOrBadRequest(slugAndId, req.params);
      const { membership } = await networks.getMembership(slug, id);
      const org = await directory.getOrganisation(membership.organisationId);
      return renderMembershipForm(req, reply, form, network, { id, name: org.name });
    },
    submit: async (actor, _, body, req) => {
      const { slug, id } = parseOrBadRequest(slugAndId, req.params);
      await networks.getMembership(slug, id);
      return networks.updateMembership(actor, slug, id, body);
    },
    done: (_, network) => `/n/${network.slug}?saved=1#members-heading`,
  });

  app.post(
    "/n/:slug/members/:id/delete",
    { config: { policy: "membership.manage", resource: networkInPath } },
    async (req, reply) => {
      const { slug, id } = parseOrBadRequest(slugAndId, req.params);
      await networks.getMembership(slug, id);
      const { actor } = authorized(req, networkInPath);
      await networks.removeMembership(actor, slug, id);
      return reply.redirect(`/n/${slug}?saved=1#members-heading`, 303);
    },
  );
}
