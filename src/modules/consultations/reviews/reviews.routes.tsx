import type { FastifyInstance } from "fastify";
import { formRoute } from "../../../platform/http/form-route.ts";
import type { AppContext } from "../../../platform/module.ts";
import { renderConsultation } from "../consultations.routes.tsx";
import type { ConsultationLoaders } from "../loaders.ts";

/** Opening an internal review round from a public consultation's page; a form with errors comes back on that page. */
export function reviewRoutes(app: FastifyInstance, ctx: AppContext, { consultationInPath }: ConsultationLoaders) {
  formRoute(app, {
    path: "/consultations/:id/reviews",
    policy: "consultation.manage",
    resource: consultationInPath,
    storedOnce: true,
    initial: false,
    show: (req, reply, form) => renderConsultation(ctx, req, reply, { review: form }),
    submit: (actor, consultation, body, req) => ctx.services.consultations.openReview(actor, consultation.id, body, req.i18n.t),
    done: (review) => `/consultations/${review.id}?saved`,
  });
}
