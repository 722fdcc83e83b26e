import type { FastifyInstance } from "fastify";
import { sendTable } from "../../../platform/http/table-file.ts";
import { parseOrBadRequest } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { submittedForm } from "../../../platform/ui/components.tsx";
import { periodText, responsibleText } from "../import/import.ts";
import { measureStatusLabel } from "../labels.ts";
import { partParams, strategyPages, strategyParams } from "../strategy-page.tsx";

/** Following the action plan up: a measure's status reported, also after adoption, and the plan as a workbook. */
export function followUpRoutes(app: FastifyInstance, ctx: AppContext) {
  const { strategies, networks, directory } = ctx.services;
  const pages = strategyPages(ctx);

  app.post(
    "/strategies/:id/measures/:partId/report",
    { config: { storedOnce: true, policy: "strategy.edit", resource: pages.strategyInPath } },
    async (req, reply) => {
      const { actor, id } = pages.editable(req);
      const { partId } = parseOrBadRequest(partParams, req.params);
      const result = await strategies.report(actor, id, partId, req.body);
      if (!result.ok) {
        if (pages.refusedWhole(result)) return pages.render(req, reply, { refusal: submittedForm(req.body, result.errors) });
        return pages.render(req, reply, { report: { measureId: partId, form: submittedForm(req.body, result.errors) } });
      }
      return reply.redirect(`/strategies/${id}?saved=1#plan-heading`, 303);
    },
  );

  /**
   * The action plan as a workbook: a row a measure, with its focus area, goal, responsible, deadline and
   * status. Its owner, strategy, period and each measure's address make it a file the import of
   * strategies and measures reads back as it went out (decision 0039).
   */
  app.get("/strategies/:id/plan.xlsx", { config: { policy: "public" } }, async (req, reply) => {
    const { id } = parseOrBadRequest(strategyParams, req.params);
    const { strategy, focusAreas, measures } = await strategies.detail(id);
    const { t } = req.i18n;
    const area = new Map(focusAreas.map((a) => [a.id, a.title]));
    const owner = strategy.networkId
      ? (await networks.byId(strategy.networkId))?.name
      : (await directory.organisations.byId(strategy.organisationId!))?.name;
    return sendTable(reply, "xlsx", {
      name: `handlingsplan-${strategy.id}`,
      sheet: t("strategy.actionPlan"),
      columns: [
        t("strategy.owner"),
        t("import.strategy.strategy"),
        t("strategy.period"),
        t("strategy.focusArea"),
        t("strategy.measure"),
        t("strategy.concreteGoal"),
        t("strategy.indicator"),
        t("strategy.benefits"),
        t("strategy.responsible"),
        t("strategy.deadline"),
        t("strategy.years"),
        t("strategy.statusLabel"),
        t("strategy.comment"),
        t("strategy.projects"),
        "URL",
      ],
      rows: measures.map((m) => [
        owner ?? "",
        strategy.title,
        periodText(strategy),
        m.focusAreaId ? area.get(m.focusAreaId) : "",
        m.description,
        m.goal,
        m.indicator,
        [m.expectedBenefits, ...m.benefits.map((b) => b.title)].filter(Boolean).join("; "),
        responsibleText(m.responsibleName, m.responsible),
        m.deadlineDate ?? m.deadlineYear,
        m.years.join(", "),
        measureStatusLabel(t, m.status),
        m.statusComment,
        m.projects.map((p) => p.title).join(", "),
        `/strategies/${strategy.id}#measure-${m.id}`,
      ]),
    });
  });
}
