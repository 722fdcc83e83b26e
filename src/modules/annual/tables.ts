import type { Actor } from "../../platform/access/actor.ts";
import { type AnnualKind, type AnnualTable, type AppContext, annualTables, withoutHiddenRecords } from "../../platform/module.ts";
import { budgetAnnualTable } from "../economy/index.ts";
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
  // The economy draws its own table: income and its total, then costs and theirs, then the result.
  if (budget) tables.push(budgetAnnualTable(budget, doc.kind));
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
