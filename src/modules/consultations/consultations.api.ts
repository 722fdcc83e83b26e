import { z } from "zod";
import type { Actor } from "../../platform/access/actor.ts";
import { can } from "../../platform/access/authorize.ts";
import { type ApiRouter, listOf, listQuery } from "../../platform/http/api.ts";
import { ForbiddenError, type Result, ValidationError } from "../../platform/http/errors.ts";
import { dbId } from "../../platform/http/validation.ts";
import type { AppContext } from "../../platform/module.ts";
import { slugParam } from "../networks/index.ts";
import type { Consultation, Input } from "./consultations.repo.ts";
import {
  consultationInput,
  HANDLING_ACTIONS,
  inputFields,
  questionInput,
  reviewInput,
  stateOf,
  templateInput,
} from "./consultations.service.ts";
import { INPUT_STATUSES, QUESTION_KINDS, RESPONDENT_KINDS } from "./schema.ts";

const int = z.number().int();
const idParams = z.object({ id: dbId });
const inputParams = idParams.extend({ inputId: dbId });

const consultationOut = z.object({
  id: int,
  networkId: int,
  strategyId: int.nullable(),
  reviewOfId: int.nullable().describe("For an internal review round: the consultation it follows"),
  title: z.string(),
  intro: z.string(),
  opensAt: z.string(),
  closesAt: z.string(),
  state: z.enum(["upcoming", "open", "closed"]),
  audience: z.enum(["anyone", "members", "bodies"]),
  bodyIds: z.array(int),
  publishInputs: z.boolean(),
  personalDataDays: int,
  isDemo: z.boolean(),
});
const detailOut = consultationOut.extend({
  sections: z.array(z.object({ id: int, heading: z.string(), body: z.string() })),
  questions: z.array(z.object({ id: int, text: z.string(), kind: z.enum(QUESTION_KINDS), options: z.array(z.string()) })),
});
const publicInputOut = z.object({
  reference: z.string(),
  sectionId: int.nullable(),
  respondentKind: z.enum(RESPONDENT_KINDS),
  body: z.string(),
  answer: z.string().describe("Only an answer the secretariat has published"),
  submittedAt: z.string(),
});
const inputOut = publicInputOut.extend({
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

const out = (c: Consultation) => ({
  id: c.id,
  networkId: c.networkId,
  strategyId: c.strategyId,
  reviewOfId: c.reviewOfId,
  title: c.title,
  intro: c.intro,
  opensAt: c.opensAt.toISOString(),
  closesAt: c.closesAt.toISOString(),
  state: stateOf(c),
  audience: c.audience,
  bodyIds: c.bodyIds,
  publishInputs: c.publishInputs,
  personalDataDays: c.personalDataDays,
  isDemo: c.isDemo,
});
const fullInput = (i: Input) => ({
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

/** Consultations, their sections, questions, inputs, categories and answers; public readers see only what is published. */
export function consultationsApi(api: ApiRouter, { services }: AppContext) {
  const { consultations, networks, strategies } = services;
  const tag = "consultations";
  const consultation = ({ id }: { id: number }) => consultations.get(id);
  /** A review round is for the network's own people; everything else is public. */
  const readable = (c: Consultation, actor: Actor | null) => {
    if (c.audience === "bodies" && !can(actor, "consultation.summary", c)) throw new ForbiddenError();
  };
  const detail = async (id: number) => {
    const d = await consultations.detail(id);
    return {
      ...out(d.consultation),
      sections: d.sections.map(({ id, heading, body }) => ({ id, heading, body })),
      questions: d.questions.map(({ id, text, kind, options }) => ({ id, text, kind, options })),
    };
  };
  /** A command's value, or its errors as a 422. */
  const resultOf = <T>(result: Result<T>): T => {
    if (!result.ok) throw new ValidationError(result.errors);
    return result.value;
  };

  api.route({
    policy: "public",
    method: "GET",
    path: "/networks/:slug/consultations",
    operationId: "listConsultations",
    summary: "A network's consultations; internal review rounds only for the network's own people",
    tag,
    params: slugParam,
    query: z.object(listQuery),
    response: listOf(consultationOut),
    handler: async ({ params, actor, query: q }) => {
      const network = await networks.get(params.slug);
      // Review rounds are for the network's own people, whichever round it is: the rule reads the network only.
      const withReviews = can(actor, "consultation.summary", { networkId: network.id });
      const { items, total } = await consultations.repo.ofNetworkPage(network.id, withReviews, q);
      return { items: items.map((i) => out(i.consultation)), total };
    },
  });

  api.route({
    policy: "consultation.manage",
    resource: ({ id }) => strategies.get(id),
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
      return detail(resultOf(await consultations.openOnStrategy(actor, params.id, req.body, req.i18n.t)).id);
    },
  });

  api.route({
    policy: "public",
    method: "GET",
    path: "/consultations/:id",
    operationId: "getConsultation",
    summary: "A consultation with its sections and questions",
    tag,
    params: idParams,
    response: detailOut,
    handler: async ({ params, actor }) => {
      readable(await consultations.get(params.id), actor);
      return detail(params.id);
    },
  });

  api.route({
    policy: "consultation.manage",
    resource: consultation,
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
      resultOf(await consultations.addQuestion(actor, params.id, req.body));
      return detail(params.id);
    },
  });

  api.route({
    policy: "consultation.manage",
    resource: consultation,
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
      return detail(resultOf(await consultations.openReview(actor, params.id, req.body, req.i18n.t)).id);
    },
  });

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
      readable(await consultations.get(params.id), actor);
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
      return resultOf(await consultations.submit(params.id, flat, { actor, ipKey: req.ipKey(), locale: req.i18n.locale }));
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
      readable(c, actor);
      if (can(actor, "consultation.manage", c)) {
        const { items, total } = await consultations.repo.inputsPage(c.id, { status: query.status }, query);
        return { items: items.map(fullInput), total };
      }
      const { items, total } = await consultations.publishedInputsPage(c, query);
      return { items: items.map((i) => ({ ...i, submittedAt: i.submittedAt.toISOString() })), total };
    },
  });

  api.route({
    policy: "consultation.manage",
    resource: consultation,
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
      return fullInput((await consultations.repo.inputById(params.id, params.inputId))!);
    },
  });

  api.route({
    policy: "consultation.manage",
    resource: consultation,
    method: "GET",
    path: "/consultations/:id/answer-templates",
    operationId: "listAnswerTemplates",
    summary: "The answers the secretariat starts answers from",
    tag,
    params: idParams,
    query: z.object(listQuery),
    response: listOf(z.object({ id: int, title: z.string(), body: z.string() })),
    handler: async ({ params, query: q }) => {
      const { items, total } = await consultations.repo.templatesPage(params.id, q);
      return { items: items.map(({ id, title, body }) => ({ id, title, body })), total };
    },
  });

  api.route({
    policy: "consultation.manage",
    resource: consultation,
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
      resource: consultation,
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

  api.route({
    policy: "consultation.summary",
    resource: consultation,
    method: "GET",
    path: "/consultations/:id/summary",
    operationId: "getConsultationSummary",
    summary:
      "Counts per section, category, kind of respondent, status and choice of each choice question (spam left out), for the network's people",
    tag,
    params: idParams,
    response: z.object({
      total: int,
      spam: int,
      bySection: z.array(z.object({ sectionId: int.nullable(), count: int })),
      byCategory: z.array(z.object({ category: z.string(), count: int })),
      byRespondent: z.array(z.object({ respondentKind: z.string(), count: int })),
      byStatus: z.array(z.object({ status: z.string(), count: int })),
      byQuestion: z
        .array(
          z.object({
            questionId: int,
            text: z.string(),
            options: z.array(z.object({ option: z.string(), count: int })),
            unanswered: int,
          }),
        )
        .describe("For each choice question: how many chose each option, and how many did not answer"),
    }),
    handler: async ({ params }) => {
      const s = await consultations.summary(params.id);
      return {
        total: s.total,
        spam: s.spam,
        bySection: s.bySection.map(([id, count]) => ({ sectionId: id || null, count })),
        byCategory: s.byCategory.map(([category, count]) => ({ category, count })),
        byRespondent: s.byRespondent.map(([respondentKind, count]) => ({ respondentKind, count })),
        byStatus: s.byStatus.map(([status, count]) => ({ status, count })),
        byQuestion: s.byQuestion.map((c) => ({
          questionId: c.question.id,
          text: c.question.text,
          options: c.options,
          unanswered: c.unanswered,
        })),
      };
    },
  });
}
