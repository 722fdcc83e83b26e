import { z } from "zod";
import { type ApiRouter, listOf, listQuery } from "../../platform/http/api.ts";
import { NotFoundError, resultOf } from "../../platform/http/errors.ts";
import { dbId } from "../../platform/http/validation.ts";
import type { AppContext } from "../../platform/module.ts";
import { SIZE_CLASSES } from "../roadmap/index.ts";
import { QUESTION_KINDS, SURVEY_STATUSES } from "./schema.ts";

const int = z.number().int();
const surveyItem = z.object({
  id: int,
  title: z.string(),
  year: int,
  status: z.enum(SURVEY_STATUSES),
  anonymous: z.boolean(),
  recipients: int,
  responses: int,
});

const group = {
  responses: int,
  recipients: int,
  scaleMean: z
    .number()
    .nullable()
    .describe(
      "Mean over the group's scale answers, each at 0–1 of its own scale (lower end 0, upper end 1), \"don't know\" left out",
    ),
  hidden: z
    .boolean()
    .describe(
      "Where the anonymity threshold applies: fewer than five responses, or a group that would let a hidden one be worked out by subtraction; also every group of an anonymous survey still open. No figures but the counts",
    ),
};

const results = z.object({
  survey: z.object({
    id: int,
    networkId: int,
    title: z.string(),
    year: int,
    anonymous: z.boolean(),
    status: z.enum(SURVEY_STATUSES),
    repeatsId: int.nullable(),
  }),
  responses: int,
  recipients: int,
  responseRate: z.number().nullable(),
  questions: z.array(
    z.object({
      id: int,
      text: z.string(),
      kind: z.enum(QUESTION_KINDS),
      answered: int,
      dontKnow: int,
      mean: z.number().nullable(),
      distribution: z.array(z.object({ label: z.string(), count: int })),
      previous: z.object({ mean: z.number().nullable(), answered: int }).nullable().describe("The same question last time"),
      hidden: z.boolean(),
      texts: z
        .array(z.object({ text: z.string(), by: z.string().nullable() }))
        .nullable()
        .describe(
          "Free text answers, only to the network's people; of an anonymous survey only once it has closed and at least five answered the question, without who (null where kept back)",
        ),
    }),
  ),
  sizeClasses: z.array(z.object({ sizeClass: z.enum(SIZE_CLASSES), ...group })),
  members: z.array(z.object({ organisationId: int, name: z.string(), ...group })),
});

const slugParams = z.object({ slug: z.string().max(100) });
const idParams = z.object({ id: dbId });
const yearsQuery = z.object({
  ...listQuery,
  from: z.coerce.number().int().min(1900).max(2200).default(1900),
  to: z.coerce.number().int().min(1900).max(2200).default(2200),
});
const text = (max: number) => z.string().max(max).optional();

/**
 * Evaluation surveys in the JSON API: the surveys and results the caller may see under the same
 * rules as the pages, and the secretariat's writes (make a survey, add questions and recipients,
 * open, remind, close).
 */
export function surveysApi(api: ApiRouter, { services: { surveys, networks } }: AppContext) {
  const networkOf = async ({ slug }: { slug: string }) => {
    const network = await networks.bySlug(slug);
    if (!network) throw new NotFoundError();
    return { networkId: network.id };
  };
  const surveyOf = async ({ id }: { id: number }) => {
    const { survey } = await surveys.get(id);
    return { networkId: survey.networkId, survey };
  };

  api.route({
    policy: "public",
    method: "GET",
    path: "/networks/:slug/surveys",
    operationId: "listSurveys",
    summary: "A network's surveys whose results the caller may read (drafts too for its secretariat), newest year first",
    tag: "surveys",
    params: slugParams,
    query: yearsQuery,
    response: listOf(surveyItem),
    handler: async ({ params, query, actor }) => {
      const { networkId } = await networkOf(params);
      return surveys.page(networkId, actor, {
        years: { from: query.from, to: query.to },
        limit: query.limit,
        offset: query.offset,
      });
    },
  });

  api.route({
    policy: "public",
    method: "GET",
    path: "/surveys/:id/results",
    operationId: "getSurveyResults",
    summary: "A survey's results as the caller may see them: per question, size class and member, with last time's means",
    tag: "surveys",
    params: idParams,
    response: results,
    handler: async ({ params, actor }) => {
      const r = await surveys.results(actor, params.id);
      if (!r) throw new NotFoundError();
      return {
        survey: { ...r.survey, status: r.status },
        responses: r.responses,
        recipients: r.recipients,
        responseRate: r.rate,
        questions: r.questions.map((q) => {
          const p = r.previous.get(q.id);
          return {
            ...q,
            previous: p ? { mean: p.mean, answered: p.answered } : null,
            // A question whose texts are kept back (an anonymous survey's question under five answers) has none.
            texts: q.kind === "text" ? (r.texts?.get(q.id) ?? null) : null,
          };
        }),
        sizeClasses: r.sizeClasses,
        members: r.members,
      };
    },
  });

  api.route({
    policy: "survey.manage",
    method: "POST",
    path: "/networks/:slug/surveys",
    operationId: "createSurvey",
    summary: "Makes a survey as a draft (the network's secretariat)",
    tag: "surveys",
    params: slugParams,
    body: z.object({
      title: z.string().max(200),
      intro: text(5000),
      year: int,
      closesOn: z.string().max(10).describe("The last day to answer, yyyy-mm-dd"),
      anonymous: z.boolean().optional(),
      visibility: z.enum(["public", "network"]).optional(),
    }),
    resource: networkOf,
    status: 201,
    response: surveyItem,
    handler: async ({ params, actor, body }) => {
      const { networkId } = await networkOf(params);
      const s = resultOf(await surveys.create(actor, networkId, body));
      return { id: s.id, title: s.title, year: s.year, status: s.status, anonymous: s.anonymous, recipients: 0, responses: 0 };
    },
  });

  api.route({
    policy: "survey.manage",
    method: "POST",
    path: "/surveys/:id/questions",
    operationId: "addSurveyQuestion",
    summary: "Adds a question at the end of a draft (the network's secretariat)",
    tag: "surveys",
    params: idParams,
    body: z.object({
      kind: z.enum(QUESTION_KINDS),
      text: z.string().max(500),
      help: text(1000),
      choices: z.array(z.string().max(200)).max(20).optional(),
      scaleMin: int.optional(),
      scaleMax: int.optional(),
      scaleMinLabel: text(100),
      scaleMaxLabel: text(100),
      allowDontKnow: z.boolean().optional(),
      required: z.boolean().optional(),
      repeatsQuestionId: int.optional(),
    }),
    resource: surveyOf,
    status: 201,
    response: z.object({ id: int }),
    handler: async ({ params, actor, body }) => {
      const { survey } = await surveyOf(params);
      const q = resultOf(await surveys.addQuestion(actor, survey, body));
      return { id: q.id };
    },
  });

  api.route({
    policy: "survey.manage",
    method: "POST",
    path: "/surveys/:id/recipients",
    operationId: "addSurveyRecipient",
    summary:
      "Adds a recipient: a contact from the directory, or a member with a name and address; sent the link at once when the survey is open",
    tag: "surveys",
    params: idParams,
    body: z.object({
      personId: int.optional(),
      organisationId: int.optional(),
      name: text(200),
      email: text(254),
    }),
    resource: surveyOf,
    status: 201,
    response: z.object({ id: int }),
    handler: async ({ params, actor, body }) =>
      resultOf(await surveys.addRecipient(actor, (await surveyOf(params)).survey, body)),
  });

  for (const [action, summary] of [
    ["open", "Opens a draft and sends each recipient their personal link"],
    ["remind", "Reminds those who have not answered (each at most once a day)"],
    ["close", "Closes an open survey now"],
  ] as const)
    api.route({
      policy: "survey.manage",
      method: "POST",
      path: `/surveys/:id/${action}`,
      operationId: `${action}Survey`,
      summary,
      tag: "surveys",
      params: idParams,
      body: z.object({}),
      resource: surveyOf,
      response: z.object({ sent: int.optional(), reminded: int.optional() }),
      handler: async ({ params, actor }) => {
        const { survey } = await surveyOf(params);
        if (action === "open") return resultOf(await surveys.open(actor, survey));
        if (action === "remind") return resultOf(await surveys.remind(actor, survey));
        resultOf(await surveys.close(actor, survey));
        return {};
      },
    });
}
