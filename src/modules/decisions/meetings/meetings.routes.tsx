import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { can } from "../../../platform/access/authorize.ts";
import { authorized } from "../../../platform/access/page-access.ts";
import { formRoute } from "../../../platform/http/form-route.ts";
import { sendCalendar, toICalendar } from "../../../platform/http/icalendar.ts";
import { parseOrBadRequest } from "../../../platform/http/validation.ts";
import { osloToday } from "../../../platform/i18n/i18n.ts";
import type { AppContext } from "../../../platform/module.ts";
import { publicBaseUrl } from "../../../platform/services.ts";
import { emptyForm, type FormState } from "../../../platform/ui/components.tsx";
import { networkBySlug } from "../../networks/index.ts";
import { meetingParams } from "../params.ts";
import { meetingEvent } from "./calendar.ts";
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
      forms: [form],
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

  // The network's meetings the reader may see, for a calendar program to subscribe to.
  app.get("/n/:slug/meetings/calendar.ics", { config: { policy: "public" } }, async (req, reply) => {
    const network = await networkInPath(req);
    const { t } = req.i18n;
    const base = publicBaseUrl(ctx.config);
    const events = (await meetings.list(network.id, req.actor)).map((r) => meetingEvent(base, r));
    return sendCalendar(
      reply,
      `${network.slug}-meetings.ics`,
      toICalendar(t("meeting.listTitle", { network: network.name }), events),
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

  formRoute(app, {
    path: "/n/:slug/meetings",
    policy: "meeting.create",
    resource: networkInPath,
    storedOnce: true,
    initial: false,
    show: (req, reply, form, network) => renderMeetingForm(ctx, req, reply, form, network, null),
    submit: (actor, network, body) => meetings.create(actor, network.id, body),
    done: (meeting) => `/meetings/${meeting.id}?saved=1`,
  });

  app.get("/meetings/:id/edit", { config: { policy: "meeting.manage", resource: meetingInPath } }, async (req, reply) => {
    const { meeting } = managed(req);
    const network = (await networks.byId(meeting.networkId))!;
    return renderMeetingForm(ctx, req, reply, emptyForm({ ...meeting }), network, meeting);
  });

  formRoute(app, {
    path: "/meetings/:id",
    policy: "meeting.manage",
    resource: meetingInPath,
    initial: false,
    show: async (req, reply, form, { meeting }) => {
      const network = (await networks.byId(meeting.networkId))!;
      return renderMeetingForm(ctx, req, reply, form, network, meeting);
    },
    submit: (actor, { meeting }, body) => meetings.update(actor, meeting.id, body),
    done: (_, { meeting }) => `/meetings/${meeting.id}?saved=1`,
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
      const network = (await networks.byId(detail.meeting.networkId))!;
      const title = req.i18n.t(key, { body: detail.bodyName });
      return reply.page(<Page ctx={req.pageContext()} detail={detail} />, {
        title: `${title}: ${detail.meeting.title}`,
        network,
        crumbs: [{ href: `/meetings/${id}`, label: detail.meeting.title }, { label: title }],
      });
    });
}
