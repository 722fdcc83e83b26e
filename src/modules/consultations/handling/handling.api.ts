import { z } from "zod";
import { type ApiRouter, listOf, listQuery } from "../../../platform/http/api.ts";
import { dbId } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { consultationOf, int, resultOf, tag } from "../consultations.api.ts";
import { fullInput, inputOut } from "../inputs/inputs.api.ts";
import { idParams, inputParams } from "../params.ts";
import { HANDLING_ACTIONS, templateInput } from "./handling.service.ts";

/** Handling an input, the answer templates, and publishing and mailing the answers. */
export function handlingApi(api: ApiRouter, { services }: AppContext) {
  const { consultations } = services;
  const resource = consultationOf(services);

  api.route({
    policy: "consultation.manage",
    resource,
    method: "POST",
    path: "/consultations/:id/inputs/:inputId/handling",
    operationId: "handleInput",
    summary:
      "One handling step: status (received, handled, spam), category, merge into another by reference, or answer (text or a template)",
    tag,
    params: inputParams,
    body: z.object({
      action: z.enum(HANDLING_ACTIONS),
      status: z.string().optional(),
      category: z.string().optional(),
      into: z.string().optional(),
      answer: z.string().optional(),
      templateId: dbId.optional(),
    }),
    response: inputOut,
    handler: async ({ actor, params, req }) => {
      resultOf(await consultations.handle(actor, params.id, params.inputId, (req.body ?? {}) as Record<string, unknown>));
      return fullInput((await consultations.handling.inputById(params.id, params.inputId))!);
    },
  });

  api.route({
    policy: "consultation.manage",
    resource,
    method: "GET",
    path: "/consultations/:id/answer-templates",
    operationId: "listAnswerTemplates",
    summary: "The answers the secretariat starts answers from",
    tag,
    params: idParams,
    query: z.object(listQuery),
    response: listOf(z.object({ id: int, title: z.string(), body: z.string() })),
    handler: async ({ params, query: q }) => {
      const { items, total } = await consultations.handling.templatesPage(params.id, q);
      return { items: items.map(({ id, title, body }) => ({ id, title, body })), total };
    },
  });

  api.route({
    policy: "consultation.manage",
    resource,
    method: "POST",
    path: "/consultations/:id/answer-templates",
    operationId: "addAnswerTemplate",
    summary: "Add an answer template",
    tag,
    params: idParams,
    body: templateInput,
    response: z.object({ id: int }),
    status: 201,
    handler: async ({ actor, params, req }) => {
      return { id: resultOf(await consultations.addTemplate(actor, params.id, req.body)) };
    },
  });

  for (const [verb, summary] of [
    ["publish", "Publish every prepared answer at once"],
    ["mail", "Send each answer not sent yet to those who gave an e-mail"],
  ] as const)
    api.route({
      policy: "consultation.manage",
      resource,
      method: "POST",
      path: `/consultations/:id/answers/${verb}`,
      operationId: verb === "publish" ? "publishAnswers" : "mailAnswers",
      summary,
      tag,
      params: idParams,
      response: z.object({ count: int }),
      handler: async ({ actor, params, req }) => ({
        count:
          verb === "publish"
            ? await consultations.publishAnswers(actor, params.id)
            : await consultations.mailAnswers(actor, params.id, req.i18n.locale),
      }),
    });
}
