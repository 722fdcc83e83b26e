import type { FastifyInstance } from "fastify";
import { sendStoredFile } from "../../../platform/files/send.ts";
import { formRoute } from "../../../platform/http/form-route.ts";
import { parseOrBadRequest } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { submittedFileForm } from "../../../platform/ui/components.tsx";
import { itemParams, meetingDocumentParams } from "../params.ts";
import { meetingAccess, refusedOr, renderMeeting } from "./meeting-page.tsx";

/** What the secretariat writes on a meeting's page: agenda items, papers and the minutes, and their approval. */
export function agendaRoutes(app: FastifyInstance, ctx: AppContext) {
  const { meetings } = ctx.services;
  const maxUploadBytes = ctx.config.SAMVERK_UPLOAD_MAX_MB * 1024 * 1024;
  const { meetingInPath, managed } = meetingAccess(meetings);
  /** The meeting page's forms: posted from the meeting's page, shown again there when refused. */
  const onMeetingPage = { policy: "meeting.manage", resource: meetingInPath, initial: false } as const;
  const meetingPage = (id: number, anchor: string) => `/meetings/${id}?saved=1#${anchor}`;

  formRoute(app, {
    ...onMeetingPage,
    path: "/meetings/:id/items",
    storedOnce: true,
    show: (req, reply, form) => renderMeeting(ctx, req, reply, refusedOr(form.errors, { item: form })),
    submit: (actor, { meeting }, body) => meetings.addItem(actor, meeting.id, body),
    done: (itemId, { meeting }) => meetingPage(meeting.id, `item-${itemId}`),
  });

  formRoute(app, {
    ...onMeetingPage,
    path: "/meetings/:id/items/:itemId/delete",
    show: (req, reply, form) => renderMeeting(ctx, req, reply, { refused: form.errors }),
    submit: (actor, { meeting }, _, req) =>
      meetings.removeItem(actor, meeting.id, parseOrBadRequest(itemParams, req.params).itemId),
    done: (_, { meeting }) => meetingPage(meeting.id, "agenda-heading"),
  });

  app.post(
    "/meetings/:id/documents",
    { config: { storedOnce: true, policy: "meeting.manage", resource: meetingInPath, acceptsFiles: true } },
    async (req, reply) => {
      const { actor, id } = managed(req);
      const result = await meetings.addDocument(actor, id, req.body, maxUploadBytes);
      if (!result.ok)
        return renderMeeting(ctx, req, reply, refusedOr(result.errors, { paper: submittedFileForm(req.body, result.errors) }));
      return reply.redirect(meetingPage(id, "papers-heading"), 303);
    },
  );

  app.get("/meetings/:id/documents/:documentId", { config: { policy: "public" } }, async (req, reply) => {
    const { id, documentId } = parseOrBadRequest(meetingDocumentParams, req.params);
    return sendStoredFile(reply, await meetings.documentFile(id, documentId, req.actor));
  });

  formRoute(app, {
    ...onMeetingPage,
    path: "/meetings/:id/documents/:documentId/delete",
    show: (req, reply, form) => renderMeeting(ctx, req, reply, { refused: form.errors }),
    submit: (actor, { meeting }, _, req) =>
      meetings.removeDocument(actor, meeting.id, parseOrBadRequest(meetingDocumentParams, req.params).documentId),
    done: (_, { meeting }) => meetingPage(meeting.id, "papers-heading"),
  });

  formRoute(app, {
    ...onMeetingPage,
    path: "/meetings/:id/minutes",
    show: (req, reply, form) => renderMeeting(ctx, req, reply, refusedOr(form.errors, { minutes: form })),
    submit: (actor, { meeting }, body) => meetings.saveMinutes(actor, meeting.id, body),
    done: (_, { meeting }) => meetingPage(meeting.id, "minutes-heading"),
  });

  formRoute(app, {
    ...onMeetingPage,
    path: "/meetings/:id/approve",
    show: (req, reply, form) => renderMeeting(ctx, req, reply, { refused: form.errors }),
    submit: (actor, { meeting }) => meetings.approveMinutes(actor, meeting.id),
    done: (_, { meeting }) => meetingPage(meeting.id, "minutes-heading"),
  });
}
