import type { ApiRouter } from "../../../platform/http/api.ts";
import type { AppContext } from "../../../platform/module.ts";
import { detailOf, detailOut, resultOf, tag } from "../consultations.api.ts";
import { idParams } from "../params.ts";
import { consultationInput } from "./opening.service.ts";

/** Opening a consultation on a strategy draft through the API. */
export function openingApi(api: ApiRouter, { services }: AppContext) {
  api.route({
    policy: "consultation.manage",
    resource: ({ id }) => services.strategies.get(id),
    method: "POST",
    path: "/strategies/:id/consultations",
    operationId: "openConsultation",
    summary: "Open a consultation on a network's strategy draft (its secretariat); the draft's text becomes its sections",
    tag,
    params: idParams,
    body: consultationInput,
    response: detailOut,
    status: 201,
    handler: async ({ actor, params, req }) => {
      return detailOf(
        services,
        resultOf(await services.consultations.openOnStrategy(actor, params.id, req.body, req.i18n.t)).id,
        actor,
      );
    },
  });
}
