import { z } from "zod";
import { can } from "../../../platform/access/authorize.ts";
import { type ApiRouter, listOf, listQuery } from "../../../platform/http/api.ts";
import type { AppContext } from "../../../platform/module.ts";
import { int, readableBy, resultOf, tag } from "../consultations.api.ts";
import type { Input } from "../consultations.repo.ts";
import { idParams } from "../params.ts";
import { INPUT_STATUSES, RESPONDENT_KINDS } from "../schema.ts";
import { inputFields } from "./inputs.service.ts";

const publicInputOut = z.object({
  reference: z.string(),
  sectionId: int.nullable(),
  respondentKind: z.enum(RESPONDENT_KINDS),
  body: z.string(),
  answer: z.string().describe("Only an answer the secretariat has published"),
  submittedAt: z.string(),
});
/** An input as its secretariat reads it: with the personal data and the handling. */
export const inputOut = publicInputOut.extend({
  id: int,
  answers: z.record(z.string(), z.string()),
  name: z.string().nullable(),
  organisation: z.string().nullable(),
  email: z.string().nullable(),
  personalDataRemoved: z.boolean(),
  status: z.enum(INPUT_STATUSES),
  category: z.string(),
  mergedIntoId: int.nullable(),
  answerPublishedAt: z.string().nullable(),
  answerMailedAt: z.string().nullable(),
});

export const fullInput = (i: Input) => ({
  id: i.id,
  reference: i.reference,
  sectionId: i.sectionId,
  respondentKind: i.respondentKind,
  body: i.body,
  answers: i.answers,
  name: i.name,
  organisation: i.organisation,
  email: i.email,
  personalDataRemoved: i.personalDataRemovedAt !== null,
  status: i.status,
  category: i.category,
  mergedIntoId: i.mergedIntoId,
  answer: i.answer,
  answerPublishedAt: i.answerPublishedAt?.toISOString() ?? null,
  answerMailedAt: i.answerMailedAt?.toISOString() ?? null,
  submittedAt: i.submittedAt.toISOString(),
});

/** Giving input with a form token, and reading the inputs: all for the secretariat, the published ones for others. */
export function inputsApi(api: ApiRouter, { services }: AppContext) {
  const { consultations } = services;

  api.route({
    policy: "public",
    method: "GET",
    path: "/consultations/:id/form-token",
    operationId: "getConsultationFormToken",
    summary:
      "A token to send one input with. Sending the same token again stores nothing new; an input sent within seconds of getting it is refused",
    tag,
    params: idParams,
    response: z.object({ formToken: z.string() }),
    handler: async ({ params, actor, req }) => {
      readableBy(await consultations.get(params.id), actor);
      // Each visitor's own: the token is what makes a second sending of the same form count once.
      req.personalResponse = true;
      return { formToken: await consultations.formToken(params.id) };
    },
  });

  api.route({
    policy: "public",
    method: "POST",
    path: "/consultations/:id/inputs",
    operationId: "giveInput",
    crowd: true,
    summary: "Give input, with a form token; answers the reference and the receipt's secret (which removes the personal data)",
    tag,
    params: idParams,
    body: inputFields.extend({
      formToken: z.string().max(200),
      answers: z.record(z.string().regex(/^\d{1,9}$/), z.string().max(2000)).default({}),
    }),
    response: z.object({ reference: z.string(), receipt: z.string() }),
    status: 201,
    handler: async ({ params, actor, req }) => {
      const raw = (req.body ?? {}) as Record<string, unknown> & { answers?: Record<string, string> };
      const { answers, ...fields } = raw;
      const flat = { ...fields, ...Object.fromEntries(Object.entries(answers ?? {}).map(([q, v]) => [`q${q}`, v])) };
      return resultOf(
        await consultations.submit(params.id, flat, {
          actor,
          ipKey: req.ipKey(),
          locale: req.i18n.locale,
          now: req.receivedAt,
        }),
      );
    },
  });

  api.route({
    policy: "public",
    method: "GET",
    path: "/consultations/:id/inputs",
    operationId: "listInputs",
    summary:
      "The inputs: every one with its personal data and handling for the secretariat; for others only the published ones, without personal data",
    tag,
    params: idParams,
    query: z.object({ status: z.enum(INPUT_STATUSES).optional(), ...listQuery }),
    response: z.union([listOf(inputOut), listOf(publicInputOut)]),
    handler: async ({ params, query, actor }) => {
      const c = await consultations.get(params.id);
      readableBy(c, actor);
      if (can(actor, "consultation.manage", c)) {
        const { items, total } = await consultations.handling.inputsPage(c.id, { status: query.status }, query);
        return { items: items.map(fullInput), total };
      }
      const { items, total } = await consultations.publishedInputsPage(c, query);
      return { items: items.map((i) => ({ ...i, submittedAt: i.submittedAt.toISOString() })), total };
    },
  });
}
