import type { ApiRouter } from "../../../platform/http/api.ts";
import type { AppContext } from "../../../platform/module.ts";
import { consultationOf, detailOf, detailOut, resultOf, tag } from "../consultations.api.ts";
import { idParams } from "../params.ts";
import { questionInput } from "./questions.service.ts";

export function questionsApi(api: ApiRouter, { services }: AppContext) {
  api.route({
    policy: "consultation.manage",
    resource: consultationOf(services),
    method: "POST",
    path: "/consultations/:id/questions",
    operationId: "addConsultationQuestion",
    summary: "Add a question: free text, or a choice between at least two options (one a line)",
    tag,
    params: idParams,
    body: questionInput,
    response: detailOut,
    status: 201,
    handler: async ({ actor, params, req }) => {
      resultOf(await services.consultations.addQuestion(actor, params.id, req.body));
      return detailOf(services, params.id, actor);
    },
  });
}
