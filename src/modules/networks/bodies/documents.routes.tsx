import type { FastifyInstance } from "fastify";
import { authorized } from "../../../platform/access/page-access.ts";
import { sendStoredFile } from "../../../platform/files/send.ts";
import { parseOrBadRequest } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { emptyForm, submittedFileForm } from "../../../platform/ui/components.tsx";
import { documentParams, networkBySlug, slugAndId } from "../params.ts";
import { renderBodyPage } from "./body-page.tsx";

/** A body's documents: uploading, downloading and deleting one. */
export function bodyDocumentRoutes(app: FastifyInstance, ctx: AppContext) {
  const { networks } = ctx.services;
  const { config } = ctx;
  /** The network by :slug (404 if none), which the policies are checked against. */
  const networkInPath = networkBySlug(networks);

  app.post(
    "/n/:slug/bodies/:id/documents",
    { config: { storedOnce: true, policy: "body.manage", resource: networkInPath, acceptsFiles: true } },
    async (req, reply) => {
      const { slug, id } = parseOrBadRequest(slugAndId, req.params);
      await networks.getBody(slug, id);
      const { actor } = authorized(req, networkInPath);
      const result = await networks.addDocument(actor, slug, id, req.body, config.SAMVERK_UPLOAD_MAX_MB * 1024 * 1024);
      if (!result.ok) {
        return renderBodyPage(
          ctx,
          req,
          reply,
          slug,
          id,
          emptyForm({ role: "member" }),
          submittedFileForm(req.body, result.errors),
        );
      }
      return reply.redirect(`/n/${slug}/bodies/${id}?saved=1#documents-heading`, 303);
    },
  );

  app.get("/n/:slug/bodies/:id/documents/:documentId", { config: { policy: "public" } }, async (req, reply) => {
    const { slug, id, documentId } = parseOrBadRequest(documentParams, req.params);
    const file = await networks.documentFile(slug, id, documentId, req.actor);
    return sendStoredFile(reply, file);
  });

  app.post(
    "/n/:slug/bodies/:id/documents/:documentId/delete",
    { config: { policy: "body.manage", resource: networkInPath } },
    async (req, reply) => {
      const { slug, id, documentId } = parseOrBadRequest(documentParams, req.params);
      await networks.getBody(slug, id);
      const { actor } = authorized(req, networkInPath);
      await networks.removeDocument(actor, slug, id, documentId);
      return reply.redirect(`/n/${slug}/bodies/${id}?saved=1#documents-heading`, 303);
    },
  );
}
