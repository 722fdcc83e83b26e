/** The economy module's public face: what other modules may use. Nothing else of it is imported from outside. */
import type { EconomyService } from "./economy.service.ts";

export { budgetAnnualTable } from "./annual.ts";
export type { BudgetSummary, EconomyService } from "./economy.service.ts";
export { BUDGET_CATEGORIES, type BudgetCategory, COST_CATEGORIES, INCOME_CATEGORIES } from "./schema.ts";

declare module "../../platform/module.ts" {
  interface ModuleServices {
    economy: EconomyService;
  }
}
