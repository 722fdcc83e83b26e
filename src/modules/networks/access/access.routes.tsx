import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { authorized } from "../../../platform/access/page-access.ts";
import { parseOrBadRequest } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { emptyForm, type FormState, submittedForm } from "../../../platform/ui/components.tsx";
import { MessagePage } from "../../../platform/ui/message-page.tsx";
import { networkBySlug, slugAndId, slugParam } from "../params.ts";
import type { LinkRequestState } from "./access.service.ts";
import { AccessFormPage, AccessPage, PersonLinkPage } from "./access.views.tsx";

const userParams = slugParam.extend({ userId: z.coerce.number().int().positive().max(2_147_483_647) });
const NOTICES = {
  invited: "invitations.sentNotice",
  withdrawn: "invitations.withdrawnNotice",
  saved: "access.savedNotice",
  removed: "access.removedNotice",
  asked: "access.link.askedNotice",
  "link-withdrawn": "access.link.withdrawnNotice",
} as const;
const tokenParam = z.object({ token: z.string().max(200) });
const LINK_PROBLEM = {
  unknown: "auth.linkUnknown",
  expired: "auth.linkExpired",
  used: "auth.linkUsed",
  withdrawn: "personLink.withdrawn",
  changed: "personLink.changed",
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
      {
        title: t("access.title"),
        network,
        status: form.errors.length ? 422 : 200,
        crumbs: [{ href: `/n/${network.slug}`, label: network.name }, { label: t("access.title") }],
      },
    );
  };

  app.get("/n/:slug/people", { config: { policy: "access.manage", resource: networkInPath } }, (req, reply) =>
    renderPage(req, reply, emptyForm({ role: "member" })),
  );

  // Invite someone to the network; someone with an account already accepts by signing in.
  app.post(
    "/n/:slug/people",
    { config: { storedOnce: true, policy: "access.manage", resource: networkInPath } },
    async (req, reply) => {
      const { network, actor } = await networkFor(req);
      const result = await invitations.invite(actor, { ...(req.body as object), networkId: network.id }, req.i18n.t);
      if (!result.ok) return renderPage(req, reply, submittedForm(req.body, result.errors));
      return reply.redirect(`/n/${network.slug}/people?done=invited`, 303);
    },
  );

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
      {
        title,
        network,
        status: form?.errors.length ? 422 : 200,
        crumbs: [
          { href: `/n/${network.slug}`, label: network.name },
          { href: `/n/${network.slug}/people`, label: req.i18n.t("access.title") },
          { label: person.name },
        ],
      },
    );
  };

  app.get("/n/:slug/people/:userId/edit", { config: { policy: "access.manage", resource: networkInPath } }, (req, reply) =>
    renderForm(req, reply, null),
  );

  app.post("/n/:slug/people/:userId", { config: { policy: "access.manage", resource: networkInPath } }, async (req, reply) => {
    const { network, actor } = await networkFor(req);
    const { userId } = parseOrBadRequest(userParams, req.params);
    const result = await access.update(actor, network.id, userId, req.body, req.i18n.t);
    if (!result.ok) return renderForm(req, reply, submittedForm(req.body, result.errors));
    return reply.redirect(`/n/${network.slug}/people?done=${result.value.asked ? "asked" : "saved"}`, 303);
  });

  // A request for a person's confirmation of an account link, withdrawn by the network's secretariat.
  app.post(
    "/n/:slug/person-links/:id/withdraw",
    { config: { policy: "access.manage", resource: networkInPath } },
    async (req, reply) => {
      const { network, actor } = await networkFor(req);
      const { id } = parseOrBadRequest(slugAndId, req.params);
      await access.withdrawLinkRequest(actor, network.id, id);
      return reply.redirect(`/n/${network.slug}/people?done=link-withdrawn`, 303);
    },
  );

  // The person's own confirmation, through the single-use link sent to their e-mail (decision 0018).
  const linkProblem = (req: FastifyRequest, reply: FastifyReply, state: Extract<LinkRequestState, { ok: false }>) => {
    const { t } = req.i18n;
    return reply.page(<MessagePage title={t("auth.linkProblemTitle")} text={t(LINK_PROBLEM[state.reason])} />, {
      title: t("auth.linkProblemTitle"),
      status: state.reason === "unknown" ? 404 : 410,
    });
  };

  app.get("/person-link/:token", { config: { policy: "public" } }, async (req, reply) => {
    const { token } = parseOrBadRequest(tokenParam, req.params);
    const state = await access.linkRequestState(token);
    if (!state.ok) return linkProblem(req, reply, state);
    // The link must not leak through the Referer header; confirming takes a POST, so a link scanner changes nothing.
    reply.header("referrer-policy", "no-referrer");
    return reply.page(<PersonLinkPage ctx={req.pageContext()} action={`/person-link/${token}`} request={state.request} />, {
      title: req.i18n.t("personLink.title"),
    });
  });

  app.post("/person-link/:token", { config: { policy: "public" } }, async (req, reply) => {
    const { token } = parseOrBadRequest(tokenParam, req.params);
    const state = await access.confirmLink(token);
    if (!state.ok) return linkProblem(req, reply, state);
    const { t } = req.i18n;
    reply.header("referrer-policy", "no-referrer");
    return reply.page(
      <MessagePage
        title={t("personLink.doneTitle")}
        text={t("personLink.done", { account: state.request.accountName || state.request.accountEmail })}
      />,
      { title: t("personLink.doneTitle") },
    );
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
