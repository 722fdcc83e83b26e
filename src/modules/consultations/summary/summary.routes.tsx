import type { FastifyInstance, FastifyRequest } from "fastify";
import { authorized } from "../../../platform/access/page-access.ts";
import { sendTable } from "../../../platform/http/table-file.ts";
import type { I18n } from "../../../platform/i18n/i18n.ts";
import type { AppContext } from "../../../platform/module.ts";
import { inputStatusLabel, respondentLabel } from "../labels.ts";
import type { ConsultationLoaders } from "../loaders.ts";
import { sectionNames } from "../parts.tsx";
import type { Summary } from "./summary.service.ts";
import { SummaryPage } from "./summary.views.tsx";

/**
 * The inputs as a table for the steering group: the page's words for the columns, and its times
 * (Norway's, as the page writes them); then one column for each question, headed by the question.
 * No personal data.
 */
function inputTable(s: Summary, { t, dateTime }: I18n) {
  const sectionName = sectionNames(s.sections, t);
  const header = [
    t("consultation.reference"),
    t("consultation.submitted"),
    t("consultation.column.section"),
    t("consultation.column.respondent"),
    t("consultation.category"),
    t("consultation.inputStatus"),
    t("consultation.column.body"),
    t("consultation.answer"),
    t("consultation.column.answerPublished"),
    ...s.questions.map((q) => q.text),
  ];
  const rows = s.inputs.map((i) => [
    i.reference,
    dateTime(i.submittedAt),
    sectionName(i.sectionId),
    respondentLabel(t, i.respondentKind),
    i.category,
    inputStatusLabel(t, i.status),
    i.body,
    i.answer,
    i.answerPublishedAt ? dateTime(i.answerPublishedAt) : "",
    ...s.questions.map((q) => i.answers[String(q.id)] ?? ""),
  ]);
  return { header, rows };
}

/** The summary for the steering group, and the inputs as a workbook and as CSV. */
export function summaryRoutes(app: FastifyInstance, { services }: AppContext, { consultationInPath }: ConsultationLoaders) {
  const { consultations } = services;
  const summaryOf = async (req: FastifyRequest) => consultations.summary(authorized(req, consultationInPath).resource.id);

  app.get(
    "/consultations/:id/summary",
    { config: { policy: "consultation.summary", resource: consultationInPath } },
    async (req, reply) => {
      const summary = await summaryOf(req);
      const network = await consultations.networkOf(summary.consultation);
      const { t } = req.i18n;
      const title = t("consultation.summaryTitle", { title: summary.consultation.title });
      return reply.page(<SummaryPage ctx={req.pageContext()} summary={summary} />, {
        title,
        ...(network ? { network } : {}),
        crumbs: [{ href: `/consultations/${summary.consultation.id}`, label: summary.consultation.title }, { label: title }],
      });
    },
  );

  for (const format of ["xlsx", "csv"] as const)
    app.get(
      `/consultations/:id/inputs.${format}`,
      { config: { policy: "consultation.summary", resource: consultationInPath } },
      async (req, reply) => {
        const s = await summaryOf(req);
        const { header, rows } = inputTable(s, req.i18n);
        const name = `innspel-${s.consultation.id}`;
        return sendTable(reply, format, { name, sheet: req.i18n.t("consultation.inputs"), columns: header, rows });
      },
    );
}
