import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { authorized } from "../../../platform/access/page-access.ts";
import { formRoute } from "../../../platform/http/form-route.ts";
import { parseOrBadRequest } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { emptyForm, type FormState, submittedForm } from "../../../platform/ui/components.tsx";
import { networkBySlug, slugAndId, slugParam } from "../params.ts";
import { pageInNetwork } from "../parts.tsx";
import { AccessFormPage, AccessPage } from "./access.views.tsx";

const userParams = slugParam.extend({ userId: z.coerce.number().int().positive().max(2_147_483_647) });
const NOTICES = {
  invited: "invitations.sentNotice",
  withdrawn: "invitations.withdrawnNotice",
  saved: "access.savedNotice",
  removed: "access.removedNotice",
  asked: "access.link.askedNotice",
  "link-withdrawn": "access.link.withdrawnNotice",
} as const;

/** The secretariat's pages for people, roles, representations and invitations in its network. */
export function accessRoutes(app: FastifyInstance, { services }: AppContext) {
  const { networks, access, invitations } = services;

  /** The network by :slug (404 if none): the kernel checks the secretariat's right on it before anything else is read. */
  const networkInPath = networkBySlug(networks);
  const networkFor = async (req: FastifyRequest) => {
    const { actor, resource: network } = authorized(req, networkInPath);
    return { network, actor };
  };

  /**
   * The organisations and people a grant can name. People who must confirm a link themselves, or
   * whom only an administrator can link, say so; the account's present person stays a choice even
   * where it sits in no body of this network.
   */
  const choicesFor = async (
    req: FastifyRequest,
    networkId: number,
    userId: number | null,
    linked?: { id: number; name: string },
  ) => {
    const { t } = req.i18n;
    const options = await access.options(networkId);
    const people = options.people.map((p) => {
      const asks = !req.actor?.isAdmin && (p.elsewhere || (p.userId !== null && p.userId !== userId));
      const label = !asks
        ? p.name
        : p.email
          ? t("access.person.confirmsByMail", { name: p.name })
          : t("access.person.adminOnly", { name: p.name });
      return { value: p.id, label };
    });
    if (linked && !people.some((p) => p.value === linked.id)) people.unshift({ value: linked.id, label: linked.name });
    return { organisations: options.organisations.map((o) => ({ value: o.id, label: o.name })), people };
  };

  const renderPage = async (req: FastifyRequest, reply: FastifyReply, form: FormState) => {
    const { network } = await networkFor(req);
    const { t } = req.i18n;
    const [people, sent, choices, seats, requests] = await Promise.all([
      access.peopleWithAccess(network.id),
      invitations.list(network.id, 200, 0),
      choicesFor(req, network.id, null),
      // The secretariat sees every body, so no visibility filter is needed here.
      networks.seatsIn(network.id),
      access.openLinkRequests(network.id),
    ]);
    const done = (req.query as Record<string, unknown>).done;
    const notice = typeof done === "string" && done in NOTICES ? t(NOTICES[done as keyof typeof NOTICES]) : undefined;
    return reply.page(
      <AccessPage
        ctx={req.pageContext()}
        network={network}
        people={people.map((p) => ({
          ...p,
          seats: seats.filter((s) => s.personId === p.personId),
          pendingLink: requests.find((r) => r.userId === p.userId) ?? null,
        }))}
        invitations={sent.items}
        form={form}
        choices={choices}
        notice={notice}
      />,
      pageInNetwork(network, t("access.title"), [form]),
    );
  };

  // Invite someone to the network; someone with an account already accepts by signing in.
  formRoute(app, {
    path: "/n/:slug/people",
    policy: "access.manage",
    resource: networkInPath,
    storedOnce: true,
    initial: () => emptyForm({ role: "member" }),
    show: renderPage,
    submit: (actor, network, body, req) => invitations.invite(actor, { ...(body as object), networkId: network.id }, req.i18n.t),
    done: (_, network) => `/n/${network.slug}/people?done=invited`,
  });

  for (const action of ["resend", "withdraw"] as const) {
    app.post(
      `/n/:slug/invitations/:id/${action}`,
      { config: { policy: "access.manage", resource: networkInPath } },
      async (req, reply) => {
        const { network, actor } = await networkFor(req);
        const { id } = parseOrBadRequest(slugAndId, req.params);
        if (action === "resend") await invitations.resend(actor, id, network.id, req.i18n.t);
        else await invitations.withdraw(actor, id, network.id);
        return reply.redirect(`/n/${network.slug}/people?done=${action === "resend" ? "invited" : "withdrawn"}`, 303);
      },
    );
  }

  const renderForm = async (req: FastifyRequest, reply: FastifyReply, form: FormState | null) => {
    const { network } = await networkFor(req);
    const { userId } = parseOrBadRequest(userParams, req.params);
    const person = await access.get(network.id, userId);
    const title = req.i18n.t("access.editTitle", { name: person.name });
    const linked = person.personId && person.personName ? { id: person.personId, name: person.personName } : undefined;
    return reply.page(
      <AccessFormPage
        ctx={req.pageContext()}
        network={network}
        person={person}
        // A request waiting for the person shows as the choice, so saving again leaves it waiting.
        form={form ?? emptyForm({ ...person, personId: person.pendingLink?.personId ?? person.personId })}
        choices={await choicesFor(req, network.id, userId, linked)}
      />,
      pageInNetwork(
        network,
        title,
        [form],
        [{ href: `/n/${network.slug}/people`, label: req.i18n.t("access.title") }, { label: person.name }],
      ),
    );
  };

  app.get("/n/:slug/people/:userId/edit", { config: { policy: "access.manage", resource: networkInPath } }, (req, reply) =>
    renderForm(req, reply, null),
  );

  formRoute(app, {
    path: "/n/:slug/people/:userId",
    policy: "access.manage",
    resource: networkInPath,
    initial: false,
    show: renderForm,
    submit: (actor, network, body, req) =>
      access.update(actor, network.id, parseOrBadRequest(userParams, req.params).userId, body, req.i18n.t),
    done: (result, network) => `/n/${network.slug}/people?done=${result.asked ? "asked" : "saved"}`,
  });

  app.post(
    "/n/:slug/people/:userId/remove",
    { config: { policy: "access.manage", resource: networkInPath } },
    async (req, reply) => {
      const { network, actor } = await networkFor(req);
      const { userId } = parseOrBadRequest(userParams, req.params);
      const result = await access.remove(actor, network.id, userId);
      if (!result.ok) return renderForm(req, reply, submittedForm({}, result.errors));
      return reply.redirect(`/n/${network.slug}/people?done=removed`, 303);
    },
  );
}
