import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../../platform/module.ts";
import { submittedForm } from "../../../platform/ui/components.tsx";
import { renderConsultation } from "../consultations.routes.tsx";
import type { ConsultationLoaders } from "../loaders.ts";

/** Opening an internal review round from a public consultation's page; a form with errors comes back on that page. */
export function reviewRoutes(app: FastifyInstance, ctx: AppContext, { consultationInPath, managed }: ConsultationLoaders) {
  app.post(
    "/consultations/:id/reviews",
    { config: { storedOnce: true, policy: "consultation.manage", resource: consultationInPath } },
    async (req, reply) => {
      const { actor, id } = managed(req);
      const result = await ctx.services.consultations.openReview(actor, id, req.body, req.i18n.t);
      if (!result.ok) return renderConsultation(ctx, req, reply, { review: submittedForm(req.body, result.errors) });
      return reply.redirect(`/consultations/${result.value.id}?saved`, 303);
    },
  );
}
