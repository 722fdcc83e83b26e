import type { FastifyInstance } from "fastify";
import { sendStoredFile } from "../../../platform/files/send.ts";
import { parseOrBadRequest } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { submittedFileForm } from "../../../platform/ui/components.tsx";
import { documentParams } from "../params.ts";
import { backToResources, renderResources } from "../resources/resources.routes.tsx";
import { projectRouteAccess } from "../route-kit.ts";

/** A project's documents: uploaded on its resources page, downloaded by whoever may see the project. */
export function documentRoutes(app: FastifyInstance, ctx: AppContext) {
  const { projects } = ctx.services;
  const { projectInPath, authorizedProject } = projectRouteAccess(ctx);
  const maxBytes = ctx.config.SAMVERK_UPLOAD_MAX_MB * 1024 * 1024;

  app.post(
    "/projects/:id/documents",
    { config: { storedOnce: true, policy: "project.update", resource: projectInPath, acceptsFiles: true } },
    async (req, reply) => {
      const { actor, id } = authorizedProject(req);
      const result = await projects.addDocument(actor, id, req.body, maxBytes);
      if (!result.ok) return renderResources(ctx, req, reply, id, ["document", submittedFileForm(req.body, result.errors)]);
      return backToResources(reply, id, "documents-heading");
    },
  );

  app.get("/projects/:id/documents/:documentId", { config: { policy: "public" } }, async (req, reply) => {
    const { id, documentId } = parseOrBadRequest(documentParams, req.params);
    return sendStoredFile(reply, await projects.documentFile(id, documentId, req.actor));
  });

  app.post(
    "/projects/:id/documents/:documentId/delete",
    { config: { policy: "project.update", resource: projectInPath } },
    async (req, reply) => {
      const { actor, id } = authorizedProject(req);
      const { documentId } = parseOrBadRequest(documentParams, req.params);
      await projects.removeDocument(actor, id, documentId);
      return backToResources(reply, id, "documents-heading");
    },
  );
}
