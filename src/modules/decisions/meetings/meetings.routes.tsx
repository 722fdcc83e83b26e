import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { can } from "../../platform/access/authorize.ts";
import { authorized, byPathId } from "../../platform/access/page-access.ts";
import { sendStoredFile } from "../../platform/files/send.ts";
import type { FieldError } from "../../platform/http/errors.ts";
import { dbId, parseOrBadRequest } from "../../platform/http/validation.ts";
import { osloToday } from "../../platform/i18n/i18n.ts";
import type { AppContext } from "../../platform/module.ts";
import { emptyForm, type FormState, Notice, submittedForm } from "../../platform/ui/components.tsx";
import { networkBySlug } from "../networks/index.ts";
import {
  MeetingFormPage,
  MeetingPage,
  MeetingsPage,
  MinutesPage,
  outcomeLabel,
  PapersPage,
  RegisterPage,
} from "./meetings.views.tsx";
import { decisionParams, itemParams, meetingDocumentParams, meetingParams } from "./params.ts";

/** The forms of a meeting's page, each coming back with its own input and errors. */
interface MeetingForms {
  decision?: { itemId: number; form: FormState };
  item?: FormState;
  paper?: FormState;
  minutes?: FormState;
  /** A change refused outright (the minutes are approved), said at the top of the page. */
  refused?: FieldError[];
}

/**
 * Errors about the meeting or the item as a whole (the minutes are approved, the item is decided)
 * are said at the top, where they are seen whatever forms the page still shows; the rest go to their form.
 */
const refusedOr = (errors: FieldError[], forms: MeetingForms): MeetingForms =>
  errors.some((e) => e.field === "_" || e.field === "agendaItemId") ? { refused: errors } : forms;

export function meetingRoutes(app: FastifyInstance, { services, config }: AppContext) {
  const { meetings, networks, needs, projects } = services;
  const maxUploadBytes = config.SAMVERK_UPLOAD_MAX_MB * 1024 * 1024;

  /** What the policies are checked against: the network by :slug, or the meeting by :id (404 if none). */
  const networkInPath = networkBySlug(networks);
  const meetingInPath = byPathId((id) => meetings.resource(id));

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

  app.get("/n/:slug/decisions", { config: { policy: "public" } }, async (req, reply) => {
    const network = await networkInPath(req);
    const { t } = req.i18n;
    const title = t("decision.registerTitle", { network: network.name });
    return reply.page(
      <RegisterPage ctx={req.pageContext()} network={network} rows={await meetings.register(network.id, req.actor)} />,
      {
        title,
        network,
        crumbs: [{ href: `/n/${network.slug}`, label: network.name }, { label: title }],
      },
    );
  });

  const renderMeetingForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    form: FormState,
    network: { id: number; slug: string; name: string },
    editing: { id: number; title: string } | null,
  ) => {
    const { t } = req.i18n;
    const bodies = await meetings.bodiesOf(network.id);
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
  };

  app.get("/n/:slug/meetings/new", { config: { policy: "meeting.create", resource: networkInPath } }, async (req, reply) => {
    const { resource: network } = authorized(req, networkInPath);
    const steering = (await meetings.bodiesOf(network.id)).find((b) => b.kind === "steering_group");
    return renderMeetingForm(
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
      if (!result.ok) return renderMeetingForm(req, reply, submittedForm(req.body, result.errors), network, null);
      return reply.redirect(`/meetings/${result.value.id}?saved=1`, 303);
    },
  );

  /** The meeting the kernel let the writer change (see meetingInPath). */
  const managed = (req: FastifyRequest) => {
    const { actor, resource } = authorized(req, meetingInPath);
    return { actor, id: resource.meeting.id, meeting: resource.meeting };
  };

  app.get("/meetings/:id/edit", { config: { policy: "meeting.manage", resource: meetingInPath } }, async (req, reply) => {
    const { meeting } = managed(req);
    const network = (await networks.repo.byId(meeting.networkId))!;
    return renderMeetingForm(req, reply, emptyForm({ ...meeting }), network, meeting);
  });

  app.post("/meetings/:id", { config: { policy: "meeting.manage", resource: meetingInPath } }, async (req, reply) => {
    const { actor, id, meeting } = managed(req);
    const result = await meetings.update(actor, id, req.body);
    if (!result.ok) {
      const network = (await networks.repo.byId(meeting.networkId))!;
      return renderMeetingForm(req, reply, submittedForm(req.body, result.errors), network, meeting);
    }
    return reply.redirect(`/meetings/${id}?saved=1`, 303);
  });

  const renderMeeting = async (req: FastifyRequest, reply: FastifyReply, forms: MeetingForms = {}) => {
    const { id } = parseOrBadRequest(meetingParams, req.params);
    const detail = await meetings.get(id, req.actor);
    const { meeting } = detail;
    const canManage = can(req.actor, "meeting.manage", meeting);
    const network = (await networks.repo.byId(meeting.networkId))!;
    const open = canManage && meeting.minutesApprovedAt === null;
    const [needList, projectList, earlier] = await Promise.all([
      open ? needs.list({ networkId: meeting.networkId }, req.actor, "title", 1000, 0) : Promise.resolve({ items: [] }),
      open ? projects.repo.list({ networkId: meeting.networkId }, req.actor, "title", 1000, 0) : Promise.resolve({ items: [] }),
      meetings.earlierDecisions(open ? detail.items.filter((i) => !i.decision) : [], req.actor),
    ]);
    const { t, date } = req.i18n;
    const saved = (req.query as Record<string, unknown>).saved === "1";
    const failed =
      [forms.decision?.form, forms.item, forms.paper, forms.minutes].some((f) => f?.errors.length) || !!forms.refused;
    return reply.page(
      <>
        {saved ? <Notice kind="success">{t("form.saved")}</Notice> : null}
        {forms.refused ? (
          <Notice kind="danger">
            {forms.refused.map((e) => (
              <p class="ds-paragraph" key={e.key}>
                {t(e.key, e.params)}
              </p>
            ))}
          </Notice>
        ) : null}
        <MeetingPage
          ctx={req.pageContext()}
          detail={detail}
          canManage={canManage}
          decisionForm={forms.decision ?? null}
          itemForm={forms.item ?? emptyForm()}
          paperForm={forms.paper ?? emptyForm()}
          minutesForm={forms.minutes ?? emptyForm({ minutesNote: meeting.minutesNote })}
          needOptions={needList.items.map((n) => ({ value: n.id, label: `${n.title} (${n.organisationName})` }))}
          projectOptions={projectList.items.map((p) => ({ value: p.id, label: p.title }))}
          earlier={Object.fromEntries(
            [...earlier].map(([itemId, rows]) => [
              itemId,
              rows.map((r) => ({
                value: r.decision.id,
                label: `${date(r.decision.decidedOn)}, ${r.meetingTitle}: ${outcomeLabel(t, r.decision.outcome)}`,
              })),
            ]),
          )}
          maxUploadMb={config.SAMVERK_UPLOAD_MAX_MB}
        />
      </>,
      {
        title: meeting.title,
        network,
        status: failed ? 422 : 200,
        crumbs: [
          { href: `/n/${network.slug}/meetings`, label: t("meeting.listTitle", { network: network.name }) },
          { label: meeting.title },
        ],
      },
    );
  };

  app.get("/meetings/:id", { config: { policy: "public" } }, async (req, reply) => renderMeeting(req, reply));

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

  app.post(
    "/meetings/:id/items",
    { config: { storedOnce: true, policy: "meeting.manage", resource: meetingInPath } },
    async (req, reply) => {
      const { actor, id } = managed(req);
      const result = await meetings.addItem(actor, id, req.body);
      if (!result.ok)
        return renderMeeting(req, reply, refusedOr(result.errors, { item: submittedForm(req.body, result.errors) }));
      return reply.redirect(`/meetings/${id}?saved=1#item-${result.value}`, 303);
    },
  );

  app.post(
    "/meetings/:id/items/:itemId/delete",
    { config: { policy: "meeting.manage", resource: meetingInPath } },
    async (req, reply) => {
      const { actor, id } = managed(req);
      const { itemId } = parseOrBadRequest(itemParams, req.params);
      const result = await meetings.removeItem(actor, id, itemId);
      if (!result.ok) return renderMeeting(req, reply, { refused: result.errors });
      return reply.redirect(`/meetings/${id}?saved=1#agenda-heading`, 303);
    },
  );

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
        if (!parsedItem.success || !(await meetings.repo.item(id, itemId)))
          return renderMeeting(req, reply, { refused: result.errors });
        return renderMeeting(
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
      if (!result.ok) return renderMeeting(req, reply, { refused: result.errors });
      return reply.redirect(`/meetings/${id}?saved=1#agenda-heading`, 303);
    },
  );

  app.post(
    "/meetings/:id/documents",
    { config: { storedOnce: true, policy: "meeting.manage", resource: meetingInPath, acceptsFiles: true } },
    async (req, reply) => {
      const { actor, id } = managed(req);
      const result = await meetings.addDocument(actor, id, req.body, maxUploadBytes);
      const { file: _file, ...typed } = (req.body ?? {}) as Record<string, unknown>;
      if (!result.ok) return renderMeeting(req, reply, refusedOr(result.errors, { paper: submittedForm(typed, result.errors) }));
      return reply.redirect(`/meetings/${id}?saved=1#papers-heading`, 303);
    },
  );

  app.get("/meetings/:id/documents/:documentId", { config: { policy: "public" } }, async (req, reply) => {
    const { id, documentId } = parseOrBadRequest(meetingDocumentParams, req.params);
    return sendStoredFile(reply, await meetings.documentFile(id, documentId, req.actor));
  });

  app.post(
    "/meetings/:id/documents/:documentId/delete",
    { config: { policy: "meeting.manage", resource: meetingInPath } },
    async (req, reply) => {
      const { actor, id } = managed(req);
      const { documentId } = parseOrBadRequest(meetingDocumentParams, req.params);
      const result = await meetings.removeDocument(actor, id, documentId);
      if (!result.ok) return renderMeeting(req, reply, { refused: result.errors });
      return reply.redirect(`/meetings/${id}?saved=1#papers-heading`, 303);
    },
  );

  app.post("/meetings/:id/minutes", { config: { policy: "meeting.manage", resource: meetingInPath } }, async (req, reply) => {
    const { actor, id } = managed(req);
    const result = await meetings.saveMinutes(actor, id, req.body);
    if (!result.ok)
      return renderMeeting(req, reply, refusedOr(result.errors, { minutes: submittedForm(req.body, result.errors) }));
    return reply.redirect(`/meetings/${id}?saved=1#minutes-heading`, 303);
  });

  app.post("/meetings/:id/approve", { config: { policy: "meeting.manage", resource: meetingInPath } }, async (req, reply) => {
    const { actor, id } = managed(req);
    const result = await meetings.approveMinutes(actor, id);
    if (!result.ok) return renderMeeting(req, reply, { refused: result.errors });
    return reply.redirect(`/meetings/${id}?saved=1#minutes-heading`, 303);
  });
}
