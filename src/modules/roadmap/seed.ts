import { and, eq, inArray } from "drizzle-orm";
import { systemActor } from "../../platform/access/actor.ts";
import { type AuditEntry, recordAudit } from "../../platform/audit/audit.ts";
import { rng } from "../../platform/demo.ts";
import type { AppContext } from "../../platform/module.ts";
import { organisations } from "../directory/index.ts";
import { memberships, networks } from "../networks/index.ts";
import { projects } from "../projects/index.ts";
import {
  type AdoptionStatus,
  adoptionHistory,
  adoptions,
  costEstimates,
  type MilestoneKind,
  milestoneChanges,
  milestones,
  nationalSolutions,
  type Precision,
  preparationTasks,
  rollouts,
  type TaskKind,
} from "./schema.ts";

/**
 * Invented milestones, preparation tasks and costs for a handful of the real national solutions:
 * real dates are not known here, so all of it is marked demo. One milestone has been moved, to
 * show how the roadmap tells it.
 */
const DEMO: Record<
  string,
  {
    milestones: [MilestoneKind, string, Precision][];
    tasks: [TaskKind, string, number][];
    costs: [number, number][];
    moved?: [string, Precision];
  }
> = {
  "digital-postkasse": {
    milestones: [
      ["available", "2026-01-01", "year"],
      ["mandatory", "2027-07-01", "quarter"],
    ],
    tasks: [
      ["contract", "Avtale om bruk av Digital postkasse via KS SvarUt", 9],
      ["routines", "Rutinar for kva som skal sendast digitalt", 6],
      ["training", "Opplæring av saksbehandlarar", 3],
    ],
    costs: [
      [20_000, 5_000],
      [40_000, 10_000],
      [80_000, 20_000],
      [150_000, 40_000],
    ],
    moved: ["2027-01-01", "quarter"],
  },
  digisos: {
    milestones: [
      ["pilot", "2025-03-01", "month"],
      ["available", "2026-07-01", "half_year"],
      ["mandatory", "2028-01-01", "year"],
    ],
    tasks: [
      ["integration", "Integrasjon mellom fagsystem for sosialtenesta og Fiks", 12],
      ["information_security", "Risikovurdering og DPIA", 9],
      ["training", "Opplæring av rettleiarar på NAV-kontoret", 2],
    ],
    costs: [
      [60_000, 15_000],
      [120_000, 25_000],
      [200_000, 45_000],
      [350_000, 80_000],
    ],
  },
  "fellestjenester-bygg": {
    milestones: [
      ["available", "2025-01-01", "year"],
      ["switch_off", "2028-07-01", "half_year"],
    ],
    tasks: [
      ["integration", "Byggesakssystemet tek imot søknader frå Fellestjenester BYGG", 12],
      ["routines", "Nye rutinar for mottak og mangelbrev", 4],
    ],
    costs: [
      [50_000, 10_000],
      [90_000, 20_000],
      [160_000, 35_000],
      [300_000, 60_000],
    ],
  },
  digihelse: {
    milestones: [
      ["pilot", "2026-09-01", "month"],
      ["available", "2027-04-01", "quarter"],
    ],
    tasks: [
      ["contract", "Tilknyting til Helsenorge og Norsk helsenett", 8],
      ["routines", "Rutinar for digital dialog i helse- og omsorgstenesta", 4],
    ],
    costs: [
      [30_000, 12_000],
      [70_000, 25_000],
      [120_000, 45_000],
      [220_000, 90_000],
    ],
  },
  eformidling: {
    milestones: [["mandatory", "2027-01-01", "day"]],
    tasks: [["integration", "Sak- og arkivsystemet sender og tek imot via eFormidling", 6]],
    costs: [
      [15_000, 3_000],
      [25_000, 6_000],
      [40_000, 10_000],
      [70_000, 18_000],
    ],
  },
};

const SIZES = ["under_5000", "5000_20000", "20000_50000", "over_50000"] as const;

export async function seedDemoRoadmap({ db }: AppContext): Promise<void> {
  const actor = systemActor("demo data");
  const solutions = await db
    .select()
    .from(nationalSolutions)
    .where(inArray(nationalSolutions.key, Object.keys(DEMO)));
  await db.transaction(async (tx) => {
    const audit: AuditEntry[] = [];
    for (const solution of solutions) {
      const demo = DEMO[solution.key]!;
      const created = await tx
        .insert(milestones)
        .values(
          demo.milestones.map(([kind, date, precision]) => ({ solutionId: solution.id, kind, date, precision, isDemo: true })),
        )
        .returning();
      if (demo.moved) {
        const mandatory = created.find((m) => m.kind === "mandatory")!;
        await tx.insert(milestoneChanges).values({
          milestoneId: mandatory.id,
          fromDate: demo.moved[0],
          fromPrecision: demo.moved[1],
          toDate: mandatory.date,
          toPrecision: mandatory.precision,
          byLabel: "demo data",
          at: new Date("2026-05-20T10:00:00Z"),
        });
      }
      await tx.insert(preparationTasks).values(
        demo.tasks.map(([kind, description, leadMonths]) => ({
          solutionId: solution.id,
          kind,
          description,
          leadMonths,
          isDemo: true,
        })),
      );
      await tx.insert(costEstimates).values(
        demo.costs.map(([oneOff, yearly], i) => ({
          solutionId: solution.id,
          sizeClass: SIZES[i]!,
          oneOff,
          yearly,
          isDemo: true,
        })),
      );
      audit.push({
        action: "create",
        entity: "milestone",
        entityId: `demo:${solution.key}`,
        after: { milestones: created.length },
      });
    }
    await recordAudit(tx, actor, audit);
  });
}

/** Demo adoption: each demo network's members at different stages with the demo solutions, reported over the last year. */
export async function seedDemoAdoption({ db }: AppContext): Promise<void> {
  const random = rng(606);
  const solutions = await db
    .select()
    .from(nationalSolutions)
    .where(inArray(nationalSolutions.key, Object.keys(DEMO)));
  const demoNetworks = await db.select({ id: networks.id }).from(networks).where(eq(networks.isDemo, true));
  const members = await db
    .selectDistinct({ id: memberships.organisationId })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(
      and(
        inArray(
          memberships.networkId,
          demoNetworks.map((n) => n.id),
        ),
        inArray(organisations.kind, ["municipality", "county_municipality"]),
      ),
    );
  const statuses: AdoptionStatus[] = ["in_use", "in_use", "in_progress", "planned", "not_started", "not_relevant"];
  const rows: (typeof adoptions.$inferInsert)[] = [];
  for (const m of members)
    for (const s of solutions) {
      if (random() < 0.15) continue; // not every municipality has reported everything
      const status = statuses[Math.floor(random() * statuses.length)]!;
      rows.push({
        organisationId: m.id,
        solutionId: s.id,
        status,
        targetDate: status === "planned" ? `202${7 + Math.floor(random() * 2)}-0${1 + Math.floor(random() * 9)}-01` : null,
        sinceDate: status === "in_use" ? `202${3 + Math.floor(random() * 3)}-0${1 + Math.floor(random() * 9)}-01` : null,
        byLabel: "demo data",
        isDemo: true,
      });
    }
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += 500) {
      const batch = rows.slice(i, i + 500);
      await tx.insert(adoptions).values(batch);
      await tx.insert(adoptionHistory).values(
        batch.map(({ organisationId, solutionId, status, targetDate, sinceDate, byLabel }) => ({
          organisationId,
          solutionId,
          status,
          targetDate,
          sinceDate,
          byLabel,
          at: new Date(`${sinceDate ?? "2026-03-01"}T12:00:00Z`),
        })),
      );
    }
    await recordAudit(tx, systemActor("demo data"), {
      action: "create",
      entity: "adoption",
      entityId: "demo",
      after: { rows: rows.length },
    });
  });
}

/** The demo portfolio's rollout projects, by title, and the national solution each rolls out. */
const DEMO_ROLLOUTS: Record<string, string> = {
  "Innføring av Digihelse i kommunene": "digihelse",
  "Digital byggesak med Fellestjenester BYGG": "fellestjenester-bygg",
  "Innføring av DigiSos": "digisos",
  "Digital post til innbyggerne (SvarUt)": "svarut-svarinn",
};

/** Links the demo networks' public rollout projects to the solutions they roll out. */
export async function seedDemoRollouts({ db }: AppContext): Promise<void> {
  const [demoProjects, solutions] = await Promise.all([
    db
      .select({ id: projects.id, title: projects.title })
      .from(projects)
      .where(
        and(eq(projects.isDemo, true), eq(projects.visibility, "public"), inArray(projects.title, Object.keys(DEMO_ROLLOUTS))),
      ),
    db.select({ id: nationalSolutions.id, key: nationalSolutions.key }).from(nationalSolutions),
  ]);
  const byKey = new Map(solutions.map((s) => [s.key, s.id]));
  const rows = demoProjects.flatMap((p) => {
    const solutionId = byKey.get(DEMO_ROLLOUTS[p.title]!);
    return solutionId ? [{ solutionId, projectId: p.id, byLabel: "demo data", isDemo: true }] : [];
  });
  if (rows.length) await db.insert(rollouts).values(rows).onConflictDoNothing();
}
