import { z } from "zod";
import type { ApiRouter } from "../../../platform/http/api.ts";
import type { AppContext } from "../../../platform/module.ts";
import { consultationOf, int, tag } from "../consultations.api.ts";
import { idParams } from "../params.ts";

export function summaryApi(api: ApiRouter, { services }: AppContext) {
  api.route({
    policy: "consultation.summary",
    resource: consultationOf(services),
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
      const s = await services.consultations.summary(params.id);
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
