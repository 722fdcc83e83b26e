import { labelFor, type Translate } from "../../platform/i18n/i18n.ts";
import type { MeasureStatus, StrategyStatus } from "./schema.ts";

export const strategyStatusLabel = (t: Translate, s: StrategyStatus) => labelFor(t, "strategy.status", s);
export const measureStatusLabel = (t: Translate, s: MeasureStatus) => labelFor(t, "measure.status", s);

/** The colour of a strategy's or a measure's status tag. */
export const STATUS_COLOURS: Record<StrategyStatus | MeasureStatus, string> = {
  draft: "neutral",
  consultation: "warning",
  adopted: "success",
  replaced: "neutral",
  not_started: "neutral",
  in_progress: "info",
  done: "success",
  postponed: "warning",
  dropped: "neutral",
};
