import type { Band, CriterionDirection } from "../schema.ts";

export interface ScoredCriterion {
  id: number;
  scaleMin: number;
  scaleMax: number;
  weight: number;
  direction: CriterionDirection;
}

export interface CriterionSummary {
  criterionId: number;
  /** How many assessors scored it. */
  count: number;
  mean: number | null;
  min: number | null;
  max: number | null;
  /** max − min: how far the assessors are apart. */
  spread: number | null;
}

export interface NeedSummary {
  criteria: CriterionSummary[];
  /** 0-100, where 100 is the best score on every criterion (risks counted the other way). */
  total: number | null;
  band: string | null;
  assessors: number;
}

/**
 * A need's result in a round. Each criterion's mean is put on 0-1 within its scale (turned round
 * where a high score is bad, like risk), and the weighted mean of those over the criteria that were
 * scored gives the total, 0-100. The band is the highest one whose minimum the total reaches.
 */
export function summarise(
  criteria: readonly ScoredCriterion[],
  scores: readonly { criterionId: number; assessorId: number; score: number }[],
  bands: readonly Band[],
): NeedSummary {
  let weighted = 0;
  let weights = 0;
  const summaries = criteria.map((c): CriterionSummary => {
    const values = scores.filter((s) => s.criterionId === c.id).map((s) => s.score);
    if (values.length === 0) return { criterionId: c.id, count: 0, mean: null, min: null, max: null, spread: null };
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const min = Math.min(...values);
    const max = Math.max(...values);
    const range = c.scaleMax - c.scaleMin;
    const normalised = range > 0 ? (mean - c.scaleMin) / range : 1;
    weighted += c.weight * (c.direction === "higher_is_worse" ? 1 - normalised : normalised);
    weights += c.weight;
    return { criterionId: c.id, count: values.length, mean, min, max, spread: max - min };
  });
  const total = weights > 0 ? Math.round((weighted / weights) * 1000) / 10 : null;
  const band = total === null ? null : ([...bands].sort((a, b) => b.min - a.min).find((b) => total >= b.min)?.name ?? null);
  return { criteria: summaries, total, band, assessors: new Set(scores.map((s) => s.assessorId)).size };
}
