import type { FastifyInstance } from "fastify";
import { sendStoredFile } from "../../../platform/files/send.ts";
import { parseOrBadRequest } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { submittedFileForm } from "../../../platform/ui/components.tsx";
import { needAccess, renderNeed } from "../need-page.tsx";
import { needDocumentParams } from "../params.ts";

/** A need's attachments: its keepers upload and remove them, anyone who may see the need downloads them. */
export function documentRoutes(app: FastifyInstance, ctx: AppContext) {
  const { needs } = ctx.services;
  const { needInPath, authorizedNeed } = needAccess(needs);
  const maxUploadBytes = ctx.config.SAMVERK_UPLOAD_MAX_MB * 1024 * 1024;

  app.post(
    "/needs/:id/documents",
    { config: { storedOnce: true, policy: "need.update", resource: needInPath, acceptsFiles: true } },
    async (req, reply) => {
      const { actor, need } = authorizedNeed(req);
      const result = await needs.addDocument(actor, need.id, req.body, maxUploadBytes);
      if (!result.ok) return renderNeed(ctx, req, reply, { document: submittedFileForm(req.body, result.errors) });
      return reply.redirect(`/needs/${need.id}?saved=1#documents-heading`, 303);
    },
  );

  app.get("/needs/:id/documents/:documentId", { config: { policy: "public" } }, async (req, reply) => {
    const { id, documentId } = parseOrBadRequest(needDocumentParams, req.params);
    return sendStoredFile(reply, await needs.documentFile(id, documentId, req.actor));
  });

  app.post(
    "/needs/:id/documents/:documentId/delete",
    { config: { policy: "need.update", resource: needInPath } },
    async (req, reply) => {
      const { actor, need } = authorizedNeed(req);
      const { documentId } = parseOrBadRequest(needDocumentParams, req.params);
      await needs.removeDocument(actor, need.id, documentId);
      return reply.redirect(`/needs/${need.id}?saved=1#documents-heading`, 303);
    },
  );
}
