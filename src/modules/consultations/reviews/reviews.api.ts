import type { ApiRouter } from "../../../platform/http/api.ts";
import type { AppContext } from "../../../platform/module.ts";
import { consultationOf, detailOf, detailOut, resultOf, tag } from "../consultations.api.ts";
import { idParams } from "../params.ts";
import { reviewInput } from "./reviews.service.ts";

export function reviewsApi(api: ApiRouter, { services }: AppContext) {
  api.route({
    policy: "consultation.manage",
    resource: consultationOf(services),
    method: "POST",
    path: "/consultations/:id/reviews",
    operationId: "openConsultationReview",
    summary: "Open an internal review round: the chosen bodies' members comment on the revised draft",
    tag,
    params: idParams,
    body: reviewInput,
    response: detailOut,
    status: 201,
    handler: async ({ actor, params, req }) => {
      return detailOf(
        services,
        resultOf(await services.consultations.openReview(actor, params.id, req.body, req.i18n.t)).id,
        actor,
      );
    },
  });
}
