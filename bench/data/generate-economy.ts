/**
 * The economy of the generated country: for every network two years of budgets (2025, 2026) with a
 * cost-sharing key, realistic lines (fees, the county governor's development funds, DigiFin, the
 * secretariat, released time, projects, gatherings) with actual amounts for 2025 and part of 2026,
 * and released time for people in the working committee and subject groups, scaled.
 */
import type { PgTable } from "drizzle-orm/pg-core";
import { budgetLines, budgets, FEE_METHODS, releasedTime } from "../../src/modules/economy/schema.ts";

export interface EconomyInput {
  networkIds: readonly number[];
  /** Each network's member organisations. */
  membersOf: ReadonlyMap<number, readonly number[]>;
  /** Every body with its network and kind. */
  bodies: readonly { id: number; networkId: number; kind: string }[];
  personIds: readonly number[];
  /** How many rows at scale 1 becomes how many here. */
  count: (n: number) => number;
  int: (min: number, max: number) => number;
  pick: <T>(list: readonly T[]) => T;
  insert: <T extends PgTable>(step: string, table: T, values: T["$inferInsert"][]) => Promise<void>;
  insertReturningIds: <T extends PgTable>(step: string, table: T, values: T["$inferInsert"][]) => Promise<number[]>;
}

const YEARS = [2025, 2026] as const;
const LINES = [
  ["grant", "Skjønnsmidler fra Statsforvalteren", 1_500_000],
  ["grant", "KS DigiFin", 800_000],
  ["other_income", "Deltakeravgift nettverkssamlinger", 60_000],
  ["secretariat", "Sekretariat", 2_100_000],
  ["released_time", "Frikjøp til arbeidsutvalg og faggrupper", 450_000],
  ["projects", "Felles prosjekter, nettverkets andel", 900_000],
  ["gatherings", "Nettverkssamlinger og seminarer", 250_000],
  ["other_cost", "Reiser, møter og lisenser", 120_000],
] as const;

export async function generateEconomy(g: EconomyInput): Promise<void> {
  const budgetRows: (typeof budgets.$inferInsert)[] = [];
  for (const [i, networkId] of g.networkIds.entries())
    for (const year of YEARS)
      budgetRows.push({
        networkId,
        year,
        visibility: i % 3 === 0 && year === 2025 ? "public" : "network",
        feeMethod: FEE_METHODS[i % FEE_METHODS.length]!,
        feeFixed: 20_000 + (i % 4) * 5000,
        feePerInhabitant: 4 + (i % 5) * 0.75,
        feeBySizeClass: { under_5000: 40_000, "5000_20000": 75_000, "20000_50000": 120_000, over_50000: 200_000 },
        populationOn: "2025-01-01",
      });
  const budgetIds = await g.insertReturningIds("budgets", budgets, budgetRows);
  const lineRows: (typeof budgetLines.$inferInsert)[] = [];
  const releasedRows: (typeof releasedTime.$inferInsert)[] = [];
  budgetRows.forEach((b, k) => {
    const budgetId = budgetIds[k]!;
    const members = g.membersOf.get(b.networkId) ?? [];
    const lines: [string, string, number][] = [
      ["member_fees", "Medlemskontingent", members.length * 60_000],
      ...LINES.map(([c, label, amount]): [string, string, number] => [c, label, amount + g.int(-50, 50) * 1000]),
    ];
    lines.forEach(([category, label, budgeted], position) => {
      const actual =
        b.year === 2025
          ? Math.round(budgeted * (0.9 + g.int(0, 15) / 100))
          : position % 2 === 0
            ? Math.round(budgeted * (0.5 + g.int(0, 30) / 100))
            : null;
      lineRows.push({ budgetId, category: category as never, label, budgeted, actual, position });
    });
    const working = g.bodies.filter(
      (x) => x.networkId === b.networkId && ["working_committee", "subject_group"].includes(x.kind),
    );
    if (members.length === 0 || working.length === 0) return;
    for (let r = 0; r < g.count(40); r++)
      releasedRows.push({
        budgetId,
        organisationId: g.pick(members),
        personId: g.pick(g.personIds),
        personName: "Generert frikjøpt",
        bodyId: g.pick(working).id,
        hours: g.int(20, 200),
        rate: g.pick([650, 700, 750, 800, 850]),
        note: "",
      });
  });
  await g.insert("budget lines", budgetLines, lineRows);
  await g.insert("released time", releasedTime, releasedRows);
}
