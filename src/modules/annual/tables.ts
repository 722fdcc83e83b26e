import type { Actor } from "../../platform/access/actor.ts";
import {
  type AnnualCell,
  type AnnualKind,
  type AnnualTable,
  type AppContext,
  annualTables,
  withoutHiddenRecords,
} from "../../platform/module.ts";
import type { AnnualDrawing } from "./annual.service.ts";

/** What a document's tables are drawn for. */
export interface DrawnDocument {
  network: { id: number; slug: string };
  year: number;
  kind: AnnualKind;
  surveyId: number | null;
}

/**
 * A document's tables as the viewer may see them: every module's part (the annual hook), then the
 * year's budget (against the actual amounts in a report) and the results of the survey it shows.
 */
export async function drawTables(ctx: AppContext, doc: DrawnDocument, viewer: Actor | null): Promise<AnnualTable[]> {
  const { economy, surveys } = ctx.services;
  const [fromModules, budget, survey] = await Promise.all([
    annualTables(ctx, { network: doc.network, year: doc.year, kind: doc.kind, viewer }),
    economy.budgetSummary(doc.network.id, doc.year, viewer),
    doc.surveyId === null ? null : surveys.resultsSummary(doc.surveyId, viewer),
  ]);
  const tables = [...fromModules];
  if (budget) {
    const report = doc.kind === "report";
    const row = (label: AnnualCell, budgeted: number, actual: number | null): AnnualCell[] =>
      report ? [label, budgeted, actual] : [label, budgeted];
    tables.push({
      id: "budget",
      title: report ? "annual.table.budgetActual" : "annual.table.budget",
      columns: [
        { label: "annual.col.line" },
        { label: "annual.col.budgeted", numeric: true },
        ...(report ? [{ label: "annual.col.actual" as const, numeric: true }] : []),
      ],
      rows: [
        ...budget.lines.map((l) => row(l.label, l.budgeted, l.actual)),
        row({ label: "annual.totalIncome" }, budget.income.budgeted, budget.income.actual),
        row({ label: "annual.totalCost" }, budget.cost.budgeted, budget.cost.actual),
        row({ label: "annual.result" }, budget.income.budgeted - budget.cost.budgeted, budget.income.actual - budget.cost.actual),
      ],
    });
  }
  if (survey && survey.survey.networkId === doc.network.id) {
    tables.push({
      id: "survey",
      title: "annual.table.survey",
      columns: [
        { label: "annual.col.question" },
        { label: "annual.col.answered", numeric: true },
        { label: "annual.col.mean", numeric: true },
        { label: "annual.col.dontKnow", numeric: true },
        { label: "annual.col.previousMean", numeric: true },
      ],
      rows: survey.questions
        .filter((q) => q.kind === "scale" && !q.hidden)
        .map((q) => [q.text, q.answered, roundTo(q.mean), q.dontKnow, roundTo(q.previous?.mean ?? null)]),
    });
  }
  return tables;
}

const roundTo = (n: number | null) => (n === null ? null : Math.round(n * 100) / 100);

/** How a document's tables are drawn now, and how its frozen ones are checked again, for the service. */
export const drawingFor = (ctx: AppContext, doc: DrawnDocument): AnnualDrawing => ({
  draw: (viewer) => drawTables(ctx, doc, viewer),
  recheck: (tables, viewer) => withoutHiddenRecords(ctx, tables, viewer),
});
