import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { authorized } from "../../../platform/access/page-access.ts";
import { parseOrBadRequest } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { MessagePage } from "../../../platform/ui/message-page.tsx";
import { networkBySlug, slugAndId } from "../params.ts";
import type { LinkRequestState } from "./access.service.ts";
import { PersonLinkPage } from "./access.views.tsx";

const tokenParam = z.object({ token: z.string().max(200) });
const LINK_PROBLEM = {
  unknown: "auth.linkUnknown",
  expired: "auth.linkExpired",
  used: "auth.linkUsed",
  withdrawn: "personLink.withdrawn",
  changed: "personLink.changed",
} as const;

/** Person links: the secretariat withdraws a request, the person confirms it through the link mailed to them. */
export function personLinkRoutes(app: FastifyInstance, { services }: AppContext) {
  const { networks, access } = services;
  /** The network by :slug (404 if none): the kernel checks the secretariat's right on it before anything else is read. */
  const networkInPath = networkBySlug(networks);

  // A request for a person's confirmation of an account link, withdrawn by the network's secretariat.
  app.post(
    "/n/:slug/person-links/:id/withdraw",
    { config: { policy: "access.manage", resource: networkInPath } },
    async (req, reply) => {
      const { actor, resource: network } = authorized(req, networkInPath);
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
}
