import type { FastifyInstance } from "fastify";
import { sendStoredFile } from "../../../platform/files/send.ts";
import { parseOrBadRequest } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { submittedForm } from "../../../platform/ui/components.tsx";
import { strategyPages, strategyParams } from "../strategy-page.tsx";

/** The strategy's document as adopted: uploaded (or replaced) by its keepers, downloaded by anyone. */
export function documentRoutes(app: FastifyInstance, ctx: AppContext) {
  const { strategies } = ctx.services;
  const pages = strategyPages(ctx);

  app.post(
    "/strategies/:id/document",
    { config: { policy: "strategy.edit", resource: pages.strategyInPath, acceptsFiles: true } },
    async (req, reply) => {
      const { actor, id } = pages.editable(req);
      const result = await strategies.attachDocument(actor, id, req.body, ctx.config.SAMVERK_UPLOAD_MAX_MB * 1024 * 1024);
      // The file cannot be put back into the form; a refusal of the whole strategy is said at the top.
      if (!result.ok)
        return pages.render(req, reply, {
          [pages.refusedWhole(result) ? "refusal" : "document"]: submittedForm({}, result.errors),
        });
      return reply.redirect(`/strategies/${id}?saved=1`, 303);
    },
  );

  app.get("/strategies/:id/document", { config: { policy: "public" } }, async (req, reply) => {
    const { id } = parseOrBadRequest(strategyParams, req.params);
    return sendStoredFile(reply, await strategies.document(id));
  });
}
