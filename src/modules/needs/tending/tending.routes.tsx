import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../../platform/module.ts";
import { submittedForm } from "../../../platform/ui/components.tsx";
import { needAccess, renderNeed } from "../need-page.tsx";

/**
 * The secretariat's tools: each comes back to the need's page with its own form on failure.
 * Each lands on the need that carries on: the one merged into, the moved one, the new part.
 */
export function tendingRoutes(app: FastifyInstance, ctx: AppContext) {
  const { needs } = ctx.services;
  const { needInPath, authorizedNeed } = needAccess(needs);
  const managed = [
    { path: "merge", run: needs.merge },
    { path: "move", run: needs.move },
    { path: "split", run: needs.split },
  ] as const;
  for (const tool of managed) {
    app.post(`/needs/:id/${tool.path}`, { config: { policy: "need.manage", resource: needInPath } }, async (req, reply) => {
      const { actor, need } = authorizedNeed(req);
      const result = await tool.run.call(needs, actor, need.id, req.body);
      if (!result.ok) return renderNeed(ctx, req, reply, { [tool.path]: submittedForm(req.body, result.errors) });
      return reply.redirect(`/needs/${result.value.id}?saved=1`, 303);
    });
  }
}
