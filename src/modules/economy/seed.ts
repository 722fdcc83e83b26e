import { asc, eq } from "drizzle-orm";
import { systemActor } from "../../platform/access/actor.ts";
import { resultOf } from "../../platform/http/errors.ts";
import type { AppContext } from "../../platform/module.ts";
import { networks } from "../networks/index.ts";
import type { FeeMethod } from "./schema.ts";

/** Each demo network's cost-sharing key (Digi Rogaland: a fixed part plus a part per inhabitant). */
const KEYS: Record<string, { feeMethod: FeeMethod; feeFixed: number; feePerInhabitant: number; bySize?: number[] }> = {
  "digi-rogaland": { feeMethod: "fixed_plus_per_inhabitant", feeFixed: 25_000, feePerInhabitant: 4.5 },
  "digi-more-og-romsdal": {
    feeMethod: "size_class",
    feeFixed: 0,
    feePerInhabitant: 0,
    bySize: [40_000, 75_000, 120_000, 200_000],
  },
  "digi-nordland": { feeMethod: "per_inhabitant", feeFixed: 0, feePerInhabitant: 8.25 },
  "digi-trondelag": { feeMethod: "fixed", feeFixed: 60_000, feePerInhabitant: 0 },
};

/** A year's lines besides the member fees: category, label, budgeted kroner. */
const LINES: [string, string, number][] = [
  ["grant", "Skjønnsmidler fra Statsforvalteren", 1_500_000],
  ["grant", "KS DigiFin", 800_000],
  ["other_income", "Deltakeravgift nettverkssamlinger", 60_000],
  ["secretariat", "Sekretariat (to årsverk)", 2_100_000],
  ["released_time", "Frikjøp til arbeidsutvalg og faggrupper", 450_000],
  ["projects", "Felles prosjekter, nettverkets andel", 900_000],
  ["gatherings", "Nettverkssamlinger og seminarer", 250_000],
  ["other_cost", "Reiser, møter og lisenser", 120_000],
];

/** Released hours per seat and year, by the body's kind: the working committee meets most. */
const HOURS: Record<string, number> = { working_committee: 60, subject_group: 30 };

/**
 * Two years of budgets (2025, 2026) for each demo network: a cost-sharing key, member fees that add up
 * to the budgeted income, the county governor's development funds and DigiFin, the secretariat,
 * released time for the members' people in the working committee and subject groups, projects and
 * gatherings; actual amounts for all of 2025 and part of 2026.
 */
export async function seedDemoEconomy({ db, services }: AppContext): Promise<void> {
  const actor = systemActor("demo data");
  const { economy } = services;
  const demoNetworks = await db
    .select({ id: networks.id, slug: networks.slug })
    .from(networks)
    .where(eq(networks.isDemo, true))
    .orderBy(asc(networks.id));
  for (const network of demoNetworks) {
    const key = KEYS[network.slug] ?? KEYS["digi-trondelag"]!;
    const [members, seats] = await Promise.all([economy.repo.memberships(network.id), economy.repo.seats(network.id)]);
    const memberIds = new Set(members.map((m) => m.organisationId));
    for (const year of [2025, 2026]) {
      if (await economy.repo.budget(network.id, year)) continue;
      const budget = resultOf(await economy.create(actor, network.id, { year, visibility: "network", copyPrevious: false }));
      await economy.repo.updateBudget(budget.id, { isDemo: true });
      const rise = year === 2025 ? 1 : 1.04;
      const settings = resultOf(
        await economy.updateSettings(actor, budget, {
          // Digi Rogaland shows its closed year to everyone; the rest is kept to each network.
          visibility: network.slug === "digi-rogaland" && year === 2025 ? "public" : "network",
          note: year === 2026 ? "Vedtatt av styringsgruppa i desember 2025. Regnskapstall til og med oktober." : "",
          feeMethod: key.feeMethod,
          feeFixed: String(Math.round(key.feeFixed * rise)),
          feePerInhabitant: String(Math.round(key.feePerInhabitant * rise * 100) / 100),
          ...Object.fromEntries(
            ["under_5000", "5000_20000", "20000_50000", "over_50000"].map((c, i) => [
              `size_${c}`,
              String(Math.round((key.bySize?.[i] ?? 0) * rise)),
            ]),
          ),
          populationOn: "2025-01-01",
          payingLevels: ["member"],
        }),
      );
      const fees = (await economy.view(network.id, year, actor)).check.fees;
      // Released time: the members' people in the working committee and the subject groups.
      let releasedSum = 0;
      for (const [i, seat] of seats.entries()) {
        const hours = HOURS[seat.bodyKind];
        if (!hours || seat.organisationId === null || !memberIds.has(seat.organisationId)) continue;
        const rate = 700 + (i % 4) * 50;
        const h = hours + (i % 3) * 5 + (year === 2026 ? 5 : 0);
        releasedSum += h * rate;
        resultOf(
          await economy.addReleased(actor, settings, {
            organisationId: seat.organisationId,
            personId: seat.personId,
            bodyId: seat.bodyId,
            hours: String(h),
            rate: String(rate),
            note: seat.bodyKind === "working_committee" ? "Arbeidsutvalget" : "Faggruppe",
          }),
        );
      }
      const lines: [string, string, number][] = [
        ["member_fees", "Medlemskontingent", fees],
        ...LINES.map(([c, label, amount]): [string, string, number] => [
          c,
          label,
          c === "released_time" ? Math.max(amount, Math.ceil(releasedSum / 10_000) * 10_000) : Math.round(amount * rise),
        ]),
      ];
      for (const [i, [category, label, budgeted]] of lines.entries()) {
        // 2025 is closed with every actual amount; 2026 has the fees, the grants and most costs so far.
        // Released time's actual is what was recorded, so the check beside the line agrees.
        const actual =
          category === "released_time"
            ? releasedSum
            : year === 2025
              ? category === "member_fees"
                ? budgeted
                : Math.round(budgeted * (0.93 + ((i * 37) % 12) / 100))
              : ["member_fees", "grant", "secretariat", "released_time"].includes(category)
                ? Math.round(budgeted * (category === "member_fees" || category === "grant" ? 1 : 0.8))
                : null;
        resultOf(
          await economy.addLine(actor, settings, {
            category,
            label,
            budgeted: String(budgeted),
            actual: actual === null ? "" : String(actual),
          }),
        );
      }
    }
  }
}
