import type { FastifyInstance } from "fastify";
import { authorized } from "../../../platform/access/page-access.ts";
import { parseOrBadRequest } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { submittedForm } from "../../../platform/ui/components.tsx";
import { renderNeed } from "../need-page.tsx";
import { needParams, supporterParams } from "../params.ts";

/** "We have this need too": anyone acting for an organisation; the service checks which one. */
export function supporterRoutes(app: FastifyInstance, ctx: AppContext) {
  const { needs } = ctx.services;

  app.post("/needs/:id/supporters", { config: { storedOnce: true, policy: "need.support" } }, async (req, reply) => {
    const { actor } = authorized(req);
    const { id } = parseOrBadRequest(needParams, req.params);
    const result = await needs.support(actor, id, req.body);
    if (!result.ok) return renderNeed(ctx, req, reply, { support: submittedForm(req.body, result.errors) });
    return reply.redirect(`/needs/${id}?saved=1#supporters-heading`, 303);
  });

  app.post("/needs/:id/supporters/:organisationId/delete", { config: { policy: "need.support" } }, async (req, reply) => {
    const { actor } = authorized(req);
    const { id, organisationId } = parseOrBadRequest(supporterParams, req.params);
    await needs.withdrawSupport(actor, id, organisationId);
    return reply.redirect(`/needs/${id}?saved=1#supporters-heading`, 303);
  });
}
