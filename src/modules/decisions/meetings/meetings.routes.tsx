import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { can } from "../../../platform/access/authorize.ts";
import { authorized } from "../../../platform/access/page-access.ts";
import { parseOrBadRequest } from "../../../platform/http/validation.ts";
import { osloToday } from "../../../platform/i18n/i18n.ts";
import type { AppContext } from "../../../platform/module.ts";
import { emptyForm, type FormState, submittedForm } from "../../../platform/ui/components.tsx";
import { networkBySlug } from "../../networks/index.ts";
import { meetingParams } from "../params.ts";
import { meetingAccess, renderMeeting } from "./meeting-page.tsx";
import { MeetingFormPage, MeetingsPage, MinutesPage, PapersPage } from "./meetings.views.tsx";

/** The form that calls a meeting or changes one. */
async function renderMeetingForm(
  { services }: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  form: FormState,
  network: { id: number; slug: string; name: string },
  editing: { id: number; title: string } | null,
) {
  const { t } = req.i18n;
  const bodies = await services.meetings.bodiesOf(network.id);
  const title = editing ? t("meeting.editTitle", { title: editing.title }) : t("meeting.new");
  return reply.page(
    <MeetingFormPage
      ctx={req.pageContext()}
      form={form}
      title={title}
      action={editing ? `/meetings/${editing.id}` : `/n/${network.slug}/meetings`}
      cancelHref={editing ? `/meetings/${editing.id}` : `/n/${network.slug}/meetings`}
      bodies={bodies.map((b) => ({ value: b.id, label: b.name }))}
    />,
    {
      title,
      network,
      status: form.errors.length ? 422 : 200,
      crumbs: [
        { href: `/n/${network.slug}/meetings`, label: t("meeting.listTitle", { network: network.name }) },
        { label: title },
      ],
    },
  );
}

/** A network's meetings: the list, calling and changing a meeting, its page and its print views. */
export function meetingRoutes(app: FastifyInstance, ctx: AppContext) {
  const { meetings, networks } = ctx.services;
  /** What the policies are checked against: the network by :slug, or the meeting by :id (404 if none). */
  const networkInPath = networkBySlug(networks);
  const { meetingInPath, managed } = meetingAccess(meetings);

  app.get("/n/:slug/meetings", { config: { policy: "public" } }, async (req, reply) => {
    const network = await networkInPath(req);
    const { t } = req.i18n;
    const title = t("meeting.listTitle", { network: network.name });
    return reply.page(
      <MeetingsPage
        ctx={req.pageContext()}
        network={network}
        meetings={await meetings.list(network.id, req.actor)}
        canCreate={can(req.actor, "meeting.create", network)}
      />,
      { title, network, crumbs: [{ href: `/n/${network.slug}`, label: network.name }, { label: title }] },
    );
  });

  app.get("/n/:slug/meetings/new", { config: { policy: "meeting.create", resource: networkInPath } }, async (req, reply) => {
    const { resource: network } = authorized(req, networkInPath);
    const steering = (await meetings.bodiesOf(network.id)).find((b) => b.kind === "steering_group");
    return renderMeetingForm(
      ctx,
      req,
      reply,
      emptyForm({ bodyId: steering?.id, meetingDate: osloToday(), visibility: "public" }),
      network,
      null,
    );
  });

  app.post(
    "/n/:slug/meetings",
    { config: { storedOnce: true, policy: "meeting.create", resource: networkInPath } },
    async (req, reply) => {
      const { actor, resource: network } = authorized(req, networkInPath);
      const result = await meetings.create(actor, network.id, req.body);
      if (!result.ok) return renderMeetingForm(ctx, req, reply, submittedForm(req.body, result.errors), network, null);
      return reply.redirect(`/meetings/${result.value.id}?saved=1`, 303);
    },
  );

  app.get("/meetings/:id/edit", { config: { policy: "meeting.manage", resource: meetingInPath } }, async (req, reply) => {
    const { meeting } = managed(req);
    const network = (await networks.repo.byId(meeting.networkId))!;
    return renderMeetingForm(ctx, req, reply, emptyForm({ ...meeting }), network, meeting);
  });

  app.post("/meetings/:id", { config: { policy: "meeting.manage", resource: meetingInPath } }, async (req, reply) => {
    const { actor, id, meeting } = managed(req);
    const result = await meetings.update(actor, id, req.body);
    if (!result.ok) {
      const network = (await networks.repo.byId(meeting.networkId))!;
      return renderMeetingForm(ctx, req, reply, submittedForm(req.body, result.errors), network, meeting);
    }
    return reply.redirect(`/meetings/${id}?saved=1`, 303);
  });

  app.get("/meetings/:id", { config: { policy: "public" } }, async (req, reply) => renderMeeting(ctx, req, reply));

  // Print views: the invitation with the agenda and case presentations, and the minutes.
  for (const [path, Page, key] of [
    ["papers", PapersPage, "meeting.invitation"],
    ["minutes", MinutesPage, "meeting.minutesOf"],
  ] as const)
    app.get(`/meetings/:id/${path}`, { config: { policy: "public" } }, async (req, reply) => {
      const { id } = parseOrBadRequest(meetingParams, req.params);
      const detail = await meetings.get(id, req.actor);
      const network = (await networks.repo.byId(detail.meeting.networkId))!;
      const title = req.i18n.t(key, { body: detail.bodyName });
      return reply.page(<Page ctx={req.pageContext()} detail={detail} />, {
        title: `${title}: ${detail.meeting.title}`,
        network,
        crumbs: [{ href: `/meetings/${id}`, label: detail.meeting.title }, { label: title }],
      });
    });
}
