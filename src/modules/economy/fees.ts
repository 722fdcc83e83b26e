import { type SizeClass, sizeClassOf } from "../roadmap/index.ts";
import type { FeeMethod } from "./schema.ts";

/** The cost-sharing key as a budget row holds it. */
export interface FeeKey {
  feeMethod: FeeMethod;
  feeFixed: number;
  feePerInhabitant: number;
  feeBySizeClass: Record<string, number>;
  populationOn: string | null;
}

/** Where a member's population came from: a count on a date, the organisation's own figure, or none at all. */
export type PopulationSource = { kind: "count"; countedOn: string } | { kind: "organisation" } | { kind: "none" };

export interface PayingMember {
  organisationId: number;
  name: string;
  level: string;
  population: number | null;
  source: PopulationSource;
}

export interface MemberFee extends PayingMember {
  sizeClass: SizeClass | null;
  /** The fixed part, whole kroner. */
  fixedPart: number;
  /** The part per inhabitant, rounded half up to whole kroner (0 when the key has none). */
  perInhabitantPart: number;
  /** By size class: that class's amount. */
  sizeClassPart: number;
  fee: number;
}

/** Whether the key needs a population at all (the fixed key does not). */
export const usesPopulation = (method: FeeMethod) => method !== "fixed";

/**
 * Kroner per inhabitant times inhabitants, rounded half up to whole kroner. The rate has two decimals
 * (øre), so the product is computed in øre, exactly, and only then rounded.
 */
export function perInhabitantKroner(population: number, ratePerInhabitant: number): number {
  const ore = population * Math.round(ratePerInhabitant * 100);
  return Math.floor((ore + 50) / 100);
}

/** One member's fee under the key, with its parts, so a statement can say how it was computed. */
export function feeOf(key: FeeKey, member: PayingMember): MemberFee {
  const population = member.population;
  const sizeClass = population === null ? null : sizeClassOf(population);
  const fixedPart = key.feeMethod === "fixed" || key.feeMethod === "fixed_plus_per_inhabitant" ? key.feeFixed : 0;
  const perInhabitantPart =
    (key.feeMethod === "per_inhabitant" || key.feeMethod === "fixed_plus_per_inhabitant") && population !== null
      ? perInhabitantKroner(population, key.feePerInhabitant)
      : 0;
  const sizeClassPart = key.feeMethod === "size_class" && sizeClass ? (key.feeBySizeClass[sizeClass] ?? 0) : 0;
  return {
    ...member,
    sizeClass,
    fixedPart,
    perInhabitantPart,
    sizeClassPart,
    fee: fixedPart + perInhabitantPart + sizeClassPart,
  };
}

/**
 * The population a member's fee counts: the latest count on or before the budget's date (every count
 * when it has none), else the organisation's own figure, else none. `counts` are one organisation's,
 * oldest first.
 */
export function populationOn(
  counts: readonly { countedOn: string; population: number }[],
  on: string | null,
  fallback: number | null,
): { population: number | null; source: PopulationSource } {
  let chosen: { countedOn: string; population: number } | undefined;
  for (const c of counts) if (on === null || c.countedOn <= on) chosen = c;
  if (chosen) return { population: chosen.population, source: { kind: "count", countedOn: chosen.countedOn } };
  if (fallback !== null) return { population: fallback, source: { kind: "organisation" } };
  return { population: null, source: { kind: "none" } };
}

export interface FeeCheck {
  /** The fees of every paying member. */
  fees: number;
  /** The budgeted member fee income (the budget's member_fees lines). */
  budgeted: number;
  /** fees - budgeted. */
  difference: number;
  /** The most rounding can explain: half a krone per member whose fee was rounded. */
  roundingTolerance: number;
  /** The difference is more than rounding: the key and the budget do not agree. */
  differs: boolean;
}

/** The check that the fees add up to the budgeted income from fees. */
export function checkFees(fees: readonly MemberFee[], budgetedFeeIncome: number, method: FeeMethod): FeeCheck {
  const total = fees.reduce((sum, f) => sum + f.fee, 0);
  const difference = total - budgetedFeeIncome;
  const rounded = method === "per_inhabitant" || method === "fixed_plus_per_inhabitant" ? fees.length : 0;
  const roundingTolerance = rounded / 2;
  return {
    fees: total,
    budgeted: budgetedFeeIncome,
    difference,
    roundingTolerance,
    differs: Math.abs(difference) > roundingTolerance,
  };
}
