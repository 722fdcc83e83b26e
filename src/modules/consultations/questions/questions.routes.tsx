import type { FastifyInstance } from "fastify";
import { formRoute } from "../../../platform/http/form-route.ts";
import type { AppContext } from "../../../platform/module.ts";
import { renderConsultation } from "../consultations.routes.tsx";
import type { ConsultationLoaders } from "../loaders.ts";

/** Adding a question from the consultation's page; a form with errors comes back on that page. */
export function questionRoutes(app: FastifyInstance, ctx: AppContext, { consultationInPath }: ConsultationLoaders) {
  formRoute(app, {
    path: "/consultations/:id/questions",
    policy: "consultation.manage",
    resource: consultationInPath,
    storedOnce: true,
    initial: false,
    show: (req, reply, form) => renderConsultation(ctx, req, reply, { question: form }),
    submit: (actor, consultation, body) => ctx.services.consultations.addQuestion(actor, consultation.id, body),
    done: (_, consultation) => `/consultations/${consultation.id}?saved#questions-heading`,
  });
}
