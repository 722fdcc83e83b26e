import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../../platform/module.ts";
import { submittedForm } from "../../../platform/ui/components.tsx";
import { renderConsultation } from "../consultations.routes.tsx";
import type { ConsultationLoaders } from "../loaders.ts";

/** Adding a question from the consultation's page; a form with errors comes back on that page. */
export function questionRoutes(app: FastifyInstance, ctx: AppContext, { consultationInPath, managed }: ConsultationLoaders) {
  app.post(
    "/consultations/:id/questions",
    { config: { storedOnce: true, policy: "consultation.manage", resource: consultationInPath } },
    async (req, reply) => {
      const { actor, id } = managed(req);
      const result = await ctx.services.consultations.addQuestion(actor, id, req.body);
      if (!result.ok) return renderConsultation(ctx, req, reply, { question: submittedForm(req.body, result.errors) });
      return reply.redirect(`/consultations/${id}?saved#questions-heading`, 303);
    },
  );
}
