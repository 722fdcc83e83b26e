import type { FastifyInstance } from "fastify";
import { sendStoredFile } from "../../../platform/files/send.ts";
import { parseOrBadRequest } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { submittedForm } from "../../../platform/ui/components.tsx";
import { itemParams, meetingDocumentParams } from "../params.ts";
import { meetingAccess, refusedOr, renderMeeting } from "./meeting-page.tsx";

/** What the secretariat writes on a meeting's page: agenda items, papers and the minutes, and their approval. */
export function agendaRoutes(app: FastifyInstance, ctx: AppContext) {
  const { meetings } = ctx.services;
  const maxUploadBytes = ctx.config.SAMVERK_UPLOAD_MAX_MB * 1024 * 1024;
  const { meetingInPath, managed } = meetingAccess(meetings);

  app.post(
    "/meetings/:id/items",
    { config: { storedOnce: true, policy: "meeting.manage", resource: meetingInPath } },
    async (req, reply) => {
      const { actor, id } = managed(req);
      const result = await meetings.addItem(actor, id, req.body);
      if (!result.ok)
        return renderMeeting(ctx, req, reply, refusedOr(result.errors, { item: submittedForm(req.body, result.errors) }));
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
      if (!result.ok) return renderMeeting(ctx, req, reply, { refused: result.errors });
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
      if (!result.ok)
        return renderMeeting(ctx, req, reply, refusedOr(result.errors, { paper: submittedForm(typed, result.errors) }));
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
      if (!result.ok) return renderMeeting(ctx, req, reply, { refused: result.errors });
      return reply.redirect(`/meetings/${id}?saved=1#papers-heading`, 303);
    },
  );

  app.post("/meetings/:id/minutes", { config: { policy: "meeting.manage", resource: meetingInPath } }, async (req, reply) => {
    const { actor, id } = managed(req);
    const result = await meetings.saveMinutes(actor, id, req.body);
    if (!result.ok)
      return renderMeeting(ctx, req, reply, refusedOr(result.errors, { minutes: submittedForm(req.body, result.errors) }));
    return reply.redirect(`/meetings/${id}?saved=1#minutes-heading`, 303);
  });

  app.post("/meetings/:id/approve", { config: { policy: "meeting.manage", resource: meetingInPath } }, async (req, reply) => {
    const { actor, id } = managed(req);
    const result = await meetings.approveMinutes(actor, id);
    if (!result.ok) return renderMeeting(ctx, req, reply, { refused: result.errors });
    return reply.redirect(`/meetings/${id}?saved=1#minutes-heading`, 303);
  });
}
