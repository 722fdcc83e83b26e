import type { FastifyInstance } from "fastify";
import { feedLinks } from "../../../platform/feeds.ts";
import { dbId, parseOrBadRequest } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { submittedForm } from "../../../platform/ui/components.tsx";
import { networkBySlug } from "../../networks/index.ts";
import { decisionFeeds } from "../feed.ts";
import { meetingAccess, refusedOr, renderMeeting } from "../meetings/meeting-page.tsx";
import { decisionParams } from "../params.ts";
import { RegisterPage } from "./decisions.views.tsx";

/** Decisions: recorded on an item of a meeting's agenda, removed while the minutes are open, and the network's register. */
export function decisionRoutes(app: FastifyInstance, ctx: AppContext) {
  const { meetings, networks } = ctx.services;
  const networkInPath = networkBySlug(networks);
  const { meetingInPath, managed } = meetingAccess(meetings);

  app.get("/n/:slug/decisions", { config: { policy: "public" } }, async (req, reply) => {
    const network = await networkInPath(req);
    const { t } = req.i18n;
    const title = t("decision.registerTitle", { network: network.name });
    return reply.page(
      <RegisterPage ctx={req.pageContext()} network={network} rows={await meetings.register(network.id, req.actor)} />,
      {
        title,
        network,
        feeds: feedLinks(network, decisionFeeds, t),
        crumbs: [{ href: `/n/${network.slug}`, label: network.name }, { label: title }],
      },
    );
  });

  app.post(
    "/meetings/:id/decisions",
    { config: { storedOnce: true, policy: "meeting.manage", resource: meetingInPath } },
    async (req, reply) => {
      const { actor, id } = managed(req);
      const result = await meetings.decide(actor, id, req.body, req.i18n.t);
      if (!result.ok) {
        const parsedItem = dbId.safeParse((req.body as Record<string, unknown> | undefined)?.agendaItemId);
        // A decision for an item that is not on this meeting's agenda has no form to come back to.
        const itemId = parsedItem.success ? parsedItem.data : 0;
        if (!parsedItem.success || !(await meetings.item(id, itemId)))
          return renderMeeting(ctx, req, reply, { refused: result.errors });
        return renderMeeting(
          ctx,
          req,
          reply,
          refusedOr(result.errors, { decision: { itemId, form: submittedForm(req.body, result.errors) } }),
        );
      }
      return reply.redirect(`/meetings/${id}?saved=1#item-${result.value.agendaItemId}`, 303);
    },
  );

  app.post(
    "/meetings/:id/decisions/:decisionId/delete",
    { config: { policy: "meeting.manage", resource: meetingInPath } },
    async (req, reply) => {
      const { actor, id } = managed(req);
      const { decisionId } = parseOrBadRequest(decisionParams, req.params);
      const result = await meetings.removeDecision(actor, id, decisionId);
      if (!result.ok) return renderMeeting(ctx, req, reply, { refused: result.errors });
      return reply.redirect(`/meetings/${id}?saved=1#agenda-heading`, 303);
    },
  );
}
