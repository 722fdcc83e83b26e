import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../../platform/module.ts";
import { submittedForm } from "../../../platform/ui/components.tsx";
import { strategyPages } from "../strategy-page.tsx";

/** Adopting a draft, which freezes it, and starting the next revision of an adopted strategy. */
export function revisionRoutes(app: FastifyInstance, ctx: AppContext) {
  const { strategies } = ctx.services;
  const pages = strategyPages(ctx);
  const { strategyInPath } = pages;

  app.post("/strategies/:id/adopt", { config: { policy: "strategy.edit", resource: strategyInPath } }, async (req, reply) => {
    const { actor, id } = pages.editable(req);
    return pages.answer(req, reply, id, await strategies.adopt(actor, id, req.body), "adopt", "adopt-heading");
  });

  app.post(
    "/strategies/:id/revisions",
    { config: { storedOnce: true, policy: "strategy.edit", resource: strategyInPath } },
    async (req, reply) => {
      const { actor, id } = pages.editable(req);
      const result = await strategies.newRevision(actor, id);
      if (!result.ok) return pages.render(req, reply, { refusal: submittedForm({}, result.errors) });
      return reply.redirect(`/strategies/${result.value.id}?saved=1`, 303);
    },
  );
}
