import type { AnnualCell, AnnualKind, AnnualTable } from "../../platform/module.ts";
import { type BudgetSummary, isIncome } from "./economy.service.ts";

/**
 * The year's budget as a table of a network's annual plan (budgeted) or annual report (budgeted and
 * actual): the income lines and their total, then the cost lines and theirs, then the result, each
 * row saying its side. Plain data, so an adopted document keeps it frozen.
 *
 * In a report, an actual total counts only the lines with an actual amount (none: empty), and while
 * some line has none the result's actual is left out and a last row says so, as the budget's page does.
 */
export function budgetAnnualTable(budget: BudgetSummary, kind: AnnualKind): AnnualTable {
  const report = kind === "report";
  const row = (side: AnnualCell, label: AnnualCell, budgeted: number | null, actual: number | null): AnnualCell[] =>
    report ? [side, label, budgeted, actual] : [side, label, budgeted];
  const income = { label: "economy.incomeTitle" } as const;
  const cost = { label: "economy.costTitle" } as const;
  const total = { label: "economy.annual.total" } as const;
  const recordedSum = (s: BudgetSummary["income"]) => (s.recorded ? s.actual : null);
  const complete = budget.income.recorded === budget.income.lines && budget.cost.recorded === budget.cost.lines;
  return {
    id: "budget",
    title: report ? "economy.annual.budgetActual" : "economy.annual.budget",
    columns: [
      { label: "economy.annual.side" },
      { label: "economy.annual.line" },
      { label: "economy.annual.budgeted", numeric: true },
      ...(report ? [{ label: "economy.annual.actual" as const, numeric: true }] : []),
    ],
    rows: [
      ...budget.lines.filter((l) => isIncome(l.category)).map((l) => row(income, l.label, l.budgeted, l.actual)),
      row(income, total, budget.income.budgeted, recordedSum(budget.income)),
      ...budget.lines.filter((l) => !isIncome(l.category)).map((l) => row(cost, l.label, l.budgeted, l.actual)),
      row(cost, total, budget.cost.budgeted, recordedSum(budget.cost)),
      row(
        { label: "economy.annual.result" },
        null,
        budget.income.budgeted - budget.cost.budgeted,
        complete ? budget.income.actual - budget.cost.actual : null,
      ),
      ...(report && !complete ? [row({ label: "economy.annual.partial" }, null, null, null)] : []),
    ],
  };
}
