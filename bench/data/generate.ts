/**
 * A generated national installation for the benchmarks: every real municipality and county, a
 * network per region, and invented content in the numbers a whole country would have. The same seed
 * and scale give the same rows; only the open consultations are placed around the day it runs, so
 * that there is something to send input to.
 *
 * Rows go in with multi-row inserts in batches (not through the services, which audit and check each
 * write one by one), so a national data set takes seconds.
 */
import { inArray, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { hashPassword } from "../../src/platform/auth/password.ts";
import { hashToken } from "../../src/platform/auth/tokens.ts";
import type { DbOrTx } from "../../src/platform/db/client.ts";
import { rng } from "../../src/platform/demo.ts";
import { bulkInsert } from "./bulk.ts";
import { generateAnnual } from "./generate-annual.ts";
import { generateEconomy } from "./generate-economy.ts";
import { generateReports } from "./generate-reports.ts";
import { generateSurveys } from "./generate-surveys.ts";
import * as t from "./tables.ts";

export interface GenerateOptions {
  /** 1 is the national installation; 10 the same country with ten times the content; 0.02 is CI's. */
  scale: number;
  seed?: number;
  onProgress?: (step: string, rows: number) => void;
}

/** What the benchmarks look up in the generated data: sign-ins and one of each page's subjects. */
export interface Manifest {
  scale: number;
  seed: number;
  generatedAt: string;
  rows: Record<string, number>;
  password: string;
  adminEmail: string;
  secretariatEmail: string;
  networkSlug: string;
  countyCode: string;
  municipalityId: number;
  projectId: number;
  strategyId: number;
  consultationId: number;
  /** A consultation open to anyone for the input benchmark (not the one whose page is measured). */
  openConsultationId: number;
  /** A coming gathering of the first network, with a programme and a full waiting list. */
  gatheringId: number;
  /** The first network's newest news item (public). */
  newsId: number;
  /** How many national needs link needs of several networks (the national view is measured). */
  nationalNeeds: number;
  /** A submission of the first network's to a national body. */
  submissionId: number;
  searchTerm: string;
}

export const BENCH_PASSWORD = "samverk-bench-2026";

/** Twelve networks on the fifteen counties, as the regional networks are organised today. */
const NETWORKS: { slug: string; name: string; counties: string[] }[] = [
  { slug: "digi-oslo-akershus", name: "Digi Oslo og Akershus", counties: ["03", "32"] },
  { slug: "digi-ostfold", name: "Digi Østfold", counties: ["31"] },
  { slug: "digi-buskerud", name: "Digi Buskerud", counties: ["33"] },
  { slug: "digi-innlandet", name: "Digi Innlandet", counties: ["34"] },
  { slug: "digi-vestfold-telemark", name: "Digi Vestfold og Telemark", counties: ["39", "40"] },
  { slug: "digi-agder", name: "Digi Agder", counties: ["42"] },
  { slug: "digi-rogaland", name: "Digi Rogaland", counties: ["11"] },
  { slug: "digi-vestland", name: "Digi Vestland", counties: ["46"] },
  { slug: "digi-more-og-romsdal", name: "Digi Møre og Romsdal", counties: ["15"] },
  { slug: "digi-trondelag", name: "Digi Trøndelag", counties: ["50"] },
  { slug: "digi-nordland", name: "Digi Nordland", counties: ["18"] },
  { slug: "digi-troms-finnmark", name: "Digi Troms og Finnmark", counties: ["55", "56"] },
];

const VERBS = ["Felles", "Digital", "Ny", "Samordnet", "Regional", "Sikker", "Enklere", "Automatisert", "Mobil", "Open"];
const NOUNS = [
  "byggesaksbehandling",
  "skoleskyss",
  "velferdsteknologi",
  "arkivløsning",
  "innbyggerdialog",
  "sakshandsaming",
  "kartløsning",
  "e-helse",
  "fakturaflyt",
  "chatbot",
  "datadeling",
  "tilsynsløsning",
  "opplæring i informasjonssikkerhet",
  "journalløsning",
  "søknadsmottak",
  "digital postkasse",
  "kvalitetssystem",
  "kompetanseportal",
  "barnehageopptak",
  "ROS-analyse",
];
const FIRST = ["Kari", "Ola", "Ingrid", "Lars", "Marit", "Nils", "Sigrid", "Per", "Astrid", "Jon", "Hilde", "Erik", "Liv"];
const LAST = ["Hansen", "Johansen", "Olsen", "Larsen", "Berg", "Haugen", "Dahl", "Bakke", "Lie", "Moen", "Nygård", "Strand"];
const SENTENCE =
  "Kommunene trenger en felles løsning som sparer tid for de ansatte og gir innbyggerne bedre tjenester, og ønsker å dele erfaringer med hele regionen.";

const BODY_KINDS = [
  ["steering_group", "Styringsgruppe"],
  ["working_committee", "Arbeidsutvalg"],
  ["secretariat", "Sekretariat"],
  ["subject_group", "Faggruppe helse og velferd"],
  ["subject_group", "Faggruppe oppvekst"],
  ["subject_group", "Faggruppe informasjonssikkerhet"],
] as const;

const BATCH = 5000;

export async function generateNationalData(db: DbOrTx, options: GenerateOptions): Promise<Manifest> {
  const scale = options.scale;
  const seed = options.seed ?? 2026;
  const random = rng(seed);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const chance = (p: number) => random() < p;
  const count = (n: number) => Math.max(1, Math.round(n * scale));
  const rows: Record<string, number> = {};
  const progress = (step: string, n: number) => {
    rows[step] = (rows[step] ?? 0) + n;
    options.onProgress?.(step, n);
  };
  const day = (base: string, offsetDays: number) => {
    const d = new Date(`${base}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + offsetDays);
    return d.toISOString().slice(0, 10);
  };
  const instant = (offsetDays: number) => new Date(Date.UTC(2026, 0, 1) + offsetDays * 86_400_000);
  const title = () => `${pick(VERBS)} ${pick(NOUNS)}`;

  async function insert<T extends PgTable>(step: string, table: T, values: T["$inferInsert"][]): Promise<void> {
    for (let i = 0; i < values.length; i += BATCH) {
      const batch = values.slice(i, i + BATCH);
      await bulkInsert(db, table, batch as Record<string, unknown>[]);
      progress(step, batch.length);
    }
  }
  async function insertReturningIds<T extends PgTable>(step: string, table: T, values: T["$inferInsert"][]): Promise<number[]> {
    const ids: number[] = [];
    for (let i = 0; i < values.length; i += BATCH) {
      const batch = values.slice(i, i + BATCH);
      ids.push(...(await bulkInsert(db, table, batch as Record<string, unknown>[], "id")));
      progress(step, batch.length);
    }
    return ids;
  }

  const [existing] = await db.select({ n: sql<number>`count(*)::int` }).from(t.networks);
  if ((existing?.n ?? 0) > 0) throw new Error("The database already has networks: generate into a new, empty database.");

  // The real country, from the reference import.
  const orgs = await db
    .select({
      id: t.organisations.id,
      kind: t.organisations.kind,
      countyCode: t.organisations.countyCode,
      name: t.organisations.nameNorwegian,
    })
    .from(t.organisations)
    .where(inArray(t.organisations.kind, ["municipality", "county_municipality"]));
  const municipalities = orgs.filter((o) => o.kind === "municipality");
  const nationalSolutions = await db.select({ id: t.nationalSolutions.id }).from(t.nationalSolutions);

  // Sign-ins: one administrator, one secretariat account per network (one password hash for them all:
  // hashing is slow on purpose), and accounts without a password for the people, as a real
  // installation's single sign-on users would be.
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const adminEmail = "bench-admin@samverk.example";
  const [, ...secretariatIds] = await insertReturningIds("users", t.users, [
    { email: adminEmail, name: "Benchmark Administrator", passwordHash, isAdmin: true },
    ...NETWORKS.map((n) => ({
      email: `sekretariat@${n.slug}.example`,
      name: `Sekretariat ${n.name}`,
      passwordHash,
      isAdmin: false,
    })),
  ]);

  const personCount = count(400);
  const personRows = Array.from({ length: personCount }, (_, i) => {
    const org = pick(municipalities);
    return {
      name: `${pick(FIRST)} ${pick(LAST)}`,
      title: pick(["Digitaliseringsleder", "Rådgiver", "IKT-sjef", "Kommunalsjef", "Prosjektleder"]),
      organisationId: org.id,
      email: `person${i + 1}@bench.example`,
    };
  });
  const userIds = await insertReturningIds(
    "users",
    t.users,
    personRows.map((p) => ({ email: p.email, name: p.name })),
  );
  const personIds = await insertReturningIds(
    "people",
    t.people,
    personRows.map((p, i) => ({ ...p, userId: userIds[i] })),
  );

  // Networks, their members, bodies and access.
  const networkIds = await insertReturningIds(
    "networks",
    t.networks,
    NETWORKS.map((n) => ({
      slug: n.slug,
      name: n.name,
      shortName: n.name,
      description: `${n.name} er samarbeidet om digitalisering mellom kommunene i regionen.`,
      hostOrganisationId: municipalities.find((m) => m.countyCode === n.counties[0])?.id ?? null,
    })),
  );
  const membersOf = new Map<number, number[]>();
  const networkCountyRows: (typeof t.networkCounties.$inferInsert)[] = [];
  const membershipRows: (typeof t.memberships.$inferInsert)[] = [];
  NETWORKS.forEach((n, i) => {
    const networkId = networkIds[i]!;
    const members = orgs.filter((o) => n.counties.includes(o.countyCode ?? ""));
    membersOf.set(
      networkId,
      members.map((m) => m.id),
    );
    for (const county of n.counties) networkCountyRows.push({ networkId, countyCode: county });
    for (const m of members) membershipRows.push({ networkId, organisationId: m.id, level: "member", fromDate: "2019-01-01" });
  });
  await insert("networks", t.networkCounties, networkCountyRows);
  await insert("memberships", t.memberships, membershipRows);
  const bodyIds = await insertReturningIds(
    "bodies",
    t.bodies,
    networkIds.flatMap((networkId) => BODY_KINDS.map(([kind, name]) => ({ networkId, kind, name, mandate: SENTENCE }))),
  );
  await insert(
    "bodies",
    t.bodyMembers,
    bodyIds.flatMap((bodyId) =>
      Array.from({ length: 5 }, (_, k) => ({
        bodyId,
        personId: pick(personIds),
        role: k === 0 ? ("leader" as const) : ("member" as const),
        fromDate: "2024-01-01",
      })),
    ),
  );
  await insert(
    "access",
    t.networkAccess,
    networkIds.flatMap((networkId, i) => [
      { networkId, userId: secretariatIds[i]!, role: "secretariat" as const },
      ...userIds.filter((_, k) => k % NETWORKS.length === i).map((userId) => ({ networkId, userId, role: "member" as const })),
    ]),
  );
  const criterionRows = networkIds.flatMap((networkId) =>
    ["Nytte for innbyggerne", "Gevinst", "Kostnad", "Risiko"].map((name, position) => ({
      networkId,
      name,
      position,
      direction: name === "Kostnad" || name === "Risiko" ? ("higher_is_worse" as const) : ("higher_is_better" as const),
    })),
  );
  await insert("assessment", t.assessmentCriteria, criterionRows);

  // Shared solutions.
  const solutionCount = count(2000);
  const solutionIds = await insertReturningIds(
    "solutions",
    t.solutions,
    Array.from({ length: solutionCount }, (_, i) => ({
      name: `${title()} ${i + 1}`,
      summary: SENTENCE,
      description: `${SENTENCE} ${SENTENCE}`,
      vendor: pick(["Acos", "Tieto", "Visma", "Egen utvikling", "KS Digital"]),
      origin: pick(["product", "service", "in_house", "open_source"] as const),
      maturity: pick(["development", "beta", "stable", "stable", "obsolete"] as const),
      ownerOrganisationId: pick(municipalities).id,
      contactPersonId: pick(personIds),
    })),
  );
  await insert(
    "solutions",
    t.solutionUsers,
    solutionIds.flatMap((solutionId) => {
      const usedBy = new Set(Array.from({ length: int(0, 5) }, () => pick(municipalities).id));
      return [...usedBy].map((organisationId) => ({ solutionId, organisationId, since: day("2020-01-01", int(0, 2000)) }));
    }),
  );

  // Projects and what hangs on them.
  const projectCount = count(5000);
  const projectNetwork: number[] = [];
  const projectValues = Array.from({ length: projectCount }, (_, i) => {
    const n = i % networkIds.length;
    const networkId = networkIds[n]!;
    projectNetwork.push(networkId);
    const start = int(-900, 400);
    return {
      networkId,
      ownerOrganisationId: pick(membersOf.get(networkId)!),
      title: `${title()} (${i + 1})`,
      summary: SENTENCE,
      description: `${SENTENCE} ${SENTENCE} ${SENTENCE}`,
      problem: SENTENCE,
      kind: pick(["local", "regional", "regional", "national", "innovation"] as const),
      sector: pick(["health_care", "schools", "planning_building", "technical", "finance_admin", "archive"]),
      phase: pick(["idea", "concept", "planning", "execution", "execution", "closing", "operation"] as const),
      contactPersonId: pick(personIds),
      startDate: day("2026-01-01", start),
      endDate: day("2026-01-01", start + int(90, 900)),
      budget: int(1, 200) * 50_000,
      tags: [pick(["KI", "sky", "personvern", "helse", "skole", "arkiv"])],
      visibility: chance(0.9) ? ("public" as const) : ("network" as const),
    };
  });
  const projectIds = await insertReturningIds("projects", t.projects, projectValues);
  await insert(
    "projects",
    t.projectParticipants,
    projectIds.flatMap((projectId, i) => {
      const members = membersOf.get(projectNetwork[i]!)!;
      const chosen = new Set(Array.from({ length: int(1, 6) }, () => pick(members)));
      return [...chosen].map((organisationId, k) => ({
        projectId,
        organisationId,
        role: k === 0 ? ("lead" as const) : ("participant" as const),
      }));
    }),
  );
  await insert(
    "status reports",
    t.statusReports,
    projectIds.flatMap((projectId) =>
      Array.from({ length: int(0, 4) }, (_, k) => {
        const colour = () => pick(["green", "green", "yellow", "red"] as const);
        return {
          projectId,
          reportDate: day("2025-01-01", k * 90 + int(0, 30)),
          overall: colour(),
          overallComment: "Framdrift etter plan, men noe forsinkelse i leveransene.",
          time: colour(),
          cost: colour(),
          quality: colour(),
          risk: colour(),
          benefit: colour(),
        };
      }),
    ),
  );
  const benefitProject: number[] = [];
  const benefitIds = await insertReturningIds(
    "benefits",
    t.benefits,
    projectIds.flatMap((projectId) =>
      Array.from({ length: int(0, 2) }, () => {
        benefitProject.push(projectId);
        return {
          projectId,
          title: "Spart saksbehandlingstid",
          type: pick(["money", "time", "quality"] as const),
          indicator: "Timer per sak",
          unit: "timer",
          baseline: 10,
          target: 6,
          targetDate: day("2027-01-01", int(0, 700)),
          ownerPersonId: pick(personIds),
        };
      }),
    ),
  );
  await insert(
    "benefits",
    t.benefitMeasurements,
    benefitIds.flatMap((benefitId) =>
      Array.from({ length: int(0, 3) }, (_, k) => ({ benefitId, measuredOn: day("2025-06-01", k * 120), value: 10 - k })),
    ),
  );
  await insert(
    "projects",
    t.projectPhaseChanges,
    projectIds.map((projectId) => ({
      projectId,
      toPhase: "idea" as const,
      changedByLabel: "Generert",
      at: instant(-int(100, 900)),
    })),
  );

  // Needs, their supporters and assessments.
  const needCount = count(20_000);
  const needNetwork: number[] = [];
  const needIds = await insertReturningIds(
    "needs",
    t.needs,
    Array.from({ length: needCount }, (_, i) => {
      const networkId = networkIds[i % networkIds.length]!;
      needNetwork.push(networkId);
      return {
        networkId,
        organisationId: pick(membersOf.get(networkId)!),
        kind: chance(0.8) ? ("need" as const) : ("idea" as const),
        title: `Behov: ${pick(NOUNS)} ${i + 1}`,
        problem: SENTENCE,
        affected: "Saksbehandlere og innbyggere",
        benefit: "Raskere svar til innbyggerne",
        urgency: pick(["low", "medium", "medium", "high", "critical"] as const),
        state: pick(["registered", "registered", "in_assessment", "assessed", "prioritised", "parked", "approved"] as const),
        createdByLabel: "Generert",
        visibility: chance(0.9) ? ("public" as const) : ("network" as const),
      };
    }),
  );
  await insert(
    "needs",
    t.needSupporters,
    needIds.flatMap((needId, i) => {
      const chosen = new Set(Array.from({ length: int(0, 5) }, () => pick(membersOf.get(needNetwork[i]!)!)));
      return [...chosen].map((organisationId) => ({ needId, organisationId, userLabel: "Generert" }));
    }),
  );
  await insert(
    "needs",
    t.needEvents,
    needIds.map((needId) => ({ needId, toState: "registered" as const, byLabel: "Generert" })),
  );
  // Needs passed on nationally: groups of two to six needs of different networks linked as the same
  // national need, and each network's dated submissions of its needs to a national body.
  const groupCount = count(2_000);
  const nationalNeedIds = await insertReturningIds(
    "national needs",
    t.nationalNeeds,
    Array.from({ length: groupCount }, (_, k) => ({
      title: `Felles behov: ${pick(NOUNS)} ${k + 1}`,
      description: SENTENCE,
      networkId: needNetwork[k * 6]!,
      createdByLabel: "Generert",
    })),
  );
  await insert(
    "national needs",
    t.nationalNeedLinks,
    // Disjoint runs of consecutive needs: the needs go round the networks, so each run spans several.
    nationalNeedIds.flatMap((nationalNeedId, k) =>
      Array.from({ length: int(2, 6) }, (_, m) => needIds[k * 6 + m]!)
        .filter((needId) => needId !== undefined)
        .map((needId) => ({ nationalNeedId, needId, linkedByLabel: "Generert" })),
    ),
  );
  const submissionIds = await insertReturningIds(
    "submissions",
    t.needSubmissions,
    networkIds.flatMap((networkId) =>
      Array.from({ length: Math.max(1, Math.round(count(120) / networkIds.length)) }, (_, k) => ({
        networkId,
        recipientKind: pick(["ks_digitaliseringsutvalget", "komit_radet", "digdir", "ministry"] as const),
        title: `Innspill ${k + 1}`,
        coverNote: SENTENCE,
        sentOn: day("2024-01-01", int(0, 900)),
        answer: chance(0.5) ? SENTENCE : "",
        createdByLabel: "Generert",
      })),
    ),
  );
  const submissionNetworks = await db
    .select({ id: t.needSubmissions.id, networkId: t.needSubmissions.networkId })
    .from(t.needSubmissions);
  await insert(
    "submissions",
    t.needSubmissionItems,
    submissionNetworks.flatMap((sub) => {
      const own = needIds.filter((_, i) => needNetwork[i] === sub.networkId);
      return [...new Set(Array.from({ length: 5 }, () => pick(own)))].map((needId, position) => ({
        submissionId: sub.id,
        needId,
        titleSent: "Sendt tittel",
        problemSent: SENTENCE,
        position,
      }));
    }),
  );
  const roundIds = await insertReturningIds(
    "assessment",
    t.assessmentRounds,
    networkIds.map((networkId, i) => ({
      networkId,
      bodyId: bodyIds[i * BODY_KINDS.length + 1]!,
      title: "Vurderingsrunde 2026",
      cycle: "2026",
      deadline: "2026-12-15",
      bands: [
        { name: "Høy", min: 3.5 },
        { name: "Middels", min: 2.5 },
        { name: "Lav", min: 0 },
      ],
    })),
  );
  const roundCriterionIds = await insertReturningIds(
    "assessment",
    t.roundCriteria,
    roundIds.flatMap((roundId) =>
      ["Nytte for innbyggerne", "Gevinst", "Kostnad", "Risiko"].map((name, position) => ({
        roundId,
        name,
        scaleMin: 1,
        scaleMax: 5,
        weight: 1,
        direction: position >= 2 ? ("higher_is_worse" as const) : ("higher_is_better" as const),
        position,
      })),
    ),
  );
  const roundNeedRows: (typeof t.roundNeeds.$inferInsert)[] = [];
  const scoreRows: (typeof t.assessmentScores.$inferInsert)[] = [];
  roundIds.forEach((roundId, r) => {
    const inNetwork = needIds.filter((_, i) => needNetwork[i] === networkIds[r]).slice(0, count(60));
    for (const needId of inNetwork) {
      roundNeedRows.push({ roundId, needId });
      for (let c = 0; c < 4; c++)
        scoreRows.push({
          roundId,
          needId,
          criterionId: roundCriterionIds[r * 4 + c]!,
          assessorId: secretariatIds[r]!,
          assessorLabel: "Sekretariat",
          score: int(1, 5),
        });
    }
  });
  await insert("assessment", t.roundNeeds, roundNeedRows);
  await insert("assessment", t.assessmentScores, scoreRows);

  // Strategies: most members have an adopted one with an action plan; each network a shared one.
  const themes = await db.select({ id: t.strategyThemes.id }).from(t.strategyThemes);
  const strategyOwners = orgs.filter(() => chance(0.8));
  const sharedStrategyValues = networkIds.map((networkId, i) => ({
    organisationId: null,
    networkId,
    title: `Felles digitaliseringsstrategi for ${NETWORKS[i]!.name} 2025–2028`,
    firstYear: 2025,
    lastYear: 2028,
    status: "adopted" as const,
    adoptedOn: "2024-12-12",
    adoptedBy: "Styringsgruppen",
    vision: SENTENCE,
  }));
  const strategyIds = await insertReturningIds("strategies", t.strategies, [
    ...sharedStrategyValues,
    ...strategyOwners.map((o) => ({
      organisationId: o.id,
      networkId: null,
      title: `Digitaliseringsstrategi for ${o.name}`,
      firstYear: 2024 + int(0, 2),
      lastYear: 2028 + int(0, 2),
      status: chance(0.85) ? ("adopted" as const) : ("draft" as const),
      adoptedOn: day("2024-01-01", int(0, 500)),
      adoptedBy: "Kommunestyret",
      vision: SENTENCE,
    })),
  ]);
  const goalIds = await insertReturningIds(
    "strategies",
    t.strategyGoals,
    strategyIds.flatMap((strategyId) =>
      ["Bedre tjenester", "Effektiv drift", "Trygg digitalisering"].map((title, position) => ({ strategyId, title, position })),
    ),
  );
  const focusIds = await insertReturningIds(
    "strategies",
    t.focusAreas,
    strategyIds.flatMap((strategyId) =>
      ["Innbyggertjenester", "Informasjonssikkerhet", "Kompetanse"].map((title, position) => ({
        strategyId,
        title,
        why: SENTENCE,
        what: SENTENCE,
        position,
      })),
    ),
  );
  await insert(
    "strategies",
    t.focusAreaGoals,
    focusIds.map((focusAreaId, i) => ({ focusAreaId, goalId: goalIds[i]! })),
  );
  await insert(
    "strategies",
    t.focusAreaThemes,
    focusIds.map((focusAreaId) => ({ focusAreaId, themeId: pick(themes).id })),
  );
  const measureStrategy: number[] = [];
  const measureIds = await insertReturningIds(
    "measures",
    t.measures,
    strategyIds.flatMap((strategyId, s) =>
      Array.from({ length: s < networkIds.length ? count(40) : 6 }, (_, k) => {
        measureStrategy.push(s);
        return {
          strategyId,
          focusAreaId: focusIds[s * 3 + (k % 3)]!,
          description: `Tiltak ${k + 1}: ${title().toLowerCase()}`,
          goal: "Halvere svartiden",
          indicator: "Svartid i dager",
          responsible: "Digitaliseringsleder",
          deadlineYear: 2025 + (k % 4),
          years: [2025 + (k % 4)],
          status: pick(["not_started", "in_progress", "in_progress", "done", "postponed"] as const),
          position: k,
        };
      }),
    ),
  );
  // The shared plans' measures are carried out through the network's projects.
  await insert(
    "measures",
    t.measureProjects,
    measureIds.flatMap((measureId, i) => {
      const s = measureStrategy[i]!;
      if (s >= networkIds.length) return [];
      const inNetwork = projectIds.filter((_, p) => projectNetwork[p] === networkIds[s] && p % 7 === i % 7).slice(0, 3);
      return inNetwork.map((projectId) => ({ measureId, projectId }));
    }),
  );
  await insert(
    "strategies",
    t.ambitions,
    networkIds.flatMap((networkId) => [
      {
        networkId,
        title: "Alle medlemmer har en vedtatt digitaliseringsstrategi",
        kind: "strategy_coverage" as const,
        target: 100,
        deadline: "2027-12-31",
        year: 2027,
      },
      {
        networkId,
        title: "Ti felles prosjekter i året",
        kind: "joint_projects" as const,
        target: 10,
        deadline: "2028-12-31",
        year: null,
      },
    ]),
  );

  // Consultations: closed ones on the shared strategies with their inputs, and one open per network.
  const consultationIds = await insertReturningIds(
    "consultations",
    t.consultations,
    networkIds.flatMap((networkId, i) => [
      {
        networkId,
        strategyId: strategyIds[i]!,
        title: `Høring: ${sharedStrategyValues[i]!.title}`,
        intro: SENTENCE,
        opensAt: instant(-400),
        closesAt: instant(-340),
        audience: "anyone" as const,
      },
      {
        networkId,
        strategyId: strategyIds[i]!,
        title: `Innspill til handlingsplan for ${NETWORKS[i]!.name}`,
        intro: SENTENCE,
        opensAt: new Date(Date.now() - 7 * 86_400_000),
        closesAt: new Date(Date.now() + 60 * 86_400_000),
        audience: "anyone" as const,
      },
    ]),
  );
  const sectionIds = await insertReturningIds(
    "consultations",
    t.consultationSections,
    consultationIds.flatMap((consultationId) =>
      ["Visjon og mål", "Satsingsområder", "Tiltak"].map((heading, position) => ({
        consultationId,
        heading,
        body: SENTENCE,
        position,
      })),
    ),
  );
  await insert(
    "consultations",
    t.consultationQuestions,
    consultationIds.map((consultationId) => ({
      consultationId,
      text: "Støtter du retningen i utkastet?",
      kind: "choice" as const,
      options: ["Ja", "Delvis", "Nei"],
    })),
  );
  const inputCount = count(100_000);
  const inputBatch = BATCH;
  for (let start = 0; start < inputCount; start += inputBatch) {
    const batch: (typeof t.consultationInputs.$inferInsert)[] = [];
    for (let k = start; k < Math.min(inputCount, start + inputBatch); k++) {
      const c = k % consultationIds.length;
      const consultationId = consultationIds[c]!;
      batch.push({
        consultationId,
        sectionId: chance(0.7) ? sectionIds[c * 3 + int(0, 2)]! : null,
        reference: `K${consultationId}-G${k + 1}`,
        formToken: `generated-${k + 1}`,
        receiptHash: hashToken(`generated-receipt-${k + 1}`),
        body: `${SENTENCE} Vi ber om at ${pick(NOUNS)} prioriteres.`,
        answers: { "1": pick(["Ja", "Delvis", "Nei"]) },
        respondentKind: pick(["citizen", "employee", "municipality", "organisation", "business"] as const),
        status: pick(["received", "handled", "handled", "spam"] as const),
        category: pick(["", "Personvern", "Kompetanse", "Økonomi"]),
        submittedAt: instant(-int(340, 400)),
      });
    }
    await bulkInsert(db, t.consultationInputs, batch);
    progress("consultation inputs", batch.length);
  }

  // Gatherings: each network's past year and coming months, the coming ones open, each with a
  // programme and registrations at its capacity and beyond.
  const gatheringIds = await insertReturningIds(
    "gatherings",
    t.gatherings,
    networkIds.flatMap((networkId, i) =>
      Array.from({ length: Math.max(2, Math.round(count(240) / networkIds.length)) }, (_, k) => {
        // Alternately past and coming, a few weeks apart; coming ones around the day the data is made.
        const days = k % 2 === 0 ? -14 * (k + 1) : 10 + 14 * k;
        const starts = new Date(Date.now() + days * 86_400_000);
        return {
          networkId,
          kind: pick(["conference", "seminar", "workshop", "webinar", "information_meeting"] as const),
          title: `${NETWORKS[i]!.name}: ${title()}`,
          description: SENTENCE,
          place: "Kommunehuset",
          startsAt: starts,
          endsAt: new Date(starts.getTime() + 6 * 3_600_000),
          capacity: 80,
          report: days < 0 ? SENTENCE : "",
        };
      }),
    ),
  );
  const gatheringRows = await db.select({ id: t.gatherings.id, startsAt: t.gatherings.startsAt }).from(t.gatherings);
  await insert(
    "gatherings",
    t.gatheringSessions,
    gatheringRows.flatMap((g) =>
      ["Velkommen", "Erfaringsdeling", "Nasjonale løsninger", "Gruppearbeid"].map((item, n) => ({
        gatheringId: g.id,
        startsAt: new Date(g.startsAt.getTime() + n * 3_600_000),
        title: item,
        speakers: "Sekretariatet",
      })),
    ),
  );
  const registrationRows: (typeof t.gatheringRegistrations.$inferInsert)[] = [];
  for (const [n, gatheringId] of gatheringIds.entries())
    for (let k = 0; k < 100; k++)
      registrationRows.push({
        gatheringId,
        status: k < 80 ? "confirmed" : "waiting",
        name: `Deltaker ${n}-${k}`,
        organisationId: pick(orgs).id,
        email: `deltaker-${n}-${k}@generated.example`,
        receiptHash: hashToken(`generated-gathering-${n}-${k}`),
      });
  await insert("gathering registrations", t.gatheringRegistrations, registrationRows);

  // News: each network's past two years, published, one in five kept to its members, the newest public.
  const newsIds = await insertReturningIds(
    "news",
    t.newsItems,
    networkIds.flatMap((networkId, i) =>
      Array.from({ length: Math.max(3, Math.round(count(1200) / networkIds.length)) }, (_, k) => ({
        networkId,
        title: `${NETWORKS[i]!.name}: ${title()}`,
        intro: SENTENCE,
        body: `# ${title()}\n\n${SENTENCE}\n\n- ${pick(NOUNS)}\n- ${pick(NOUNS)}\n\n${SENTENCE} [Les mer](/roadmap).`,
        visibility: k % 5 === 4 ? ("network" as const) : ("public" as const),
        state: "published" as const,
        // The first is the newest: its page is measured.
        publishedAt: instant(-k * 3 - 1),
        authorLabel: "Sekretariatet",
      })),
    ),
  );

  // Adoption of the national solutions: a status for every organisation, with its history.
  const adoptionRows: (typeof t.adoptions.$inferInsert)[] = [];
  const historyRows: (typeof t.adoptionHistory.$inferInsert)[] = [];
  for (const o of orgs)
    for (const s of nationalSolutions) {
      const status = pick(["not_started", "planned", "in_progress", "in_use", "in_use", "not_relevant"] as const);
      const row = { organisationId: o.id, solutionId: s.id, status, byLabel: "Generert" };
      adoptionRows.push({ ...row, sinceDate: status === "in_use" ? day("2022-01-01", int(0, 1400)) : null });
      historyRows.push({ ...row, status: "planned", at: instant(-int(400, 900)) }, { ...row, at: instant(-int(1, 399)) });
    }
  await insert("adoptions", t.adoptions, adoptionRows);
  await insert("adoptions", t.adoptionHistory, historyRows);

  // A long audit trail.
  const auditCount = count(200_000);
  const auditEntities = [
    ["project", projectIds],
    ["need", needIds],
    ["solution", solutionIds],
  ] as const;
  for (let start = 0; start < auditCount; start += BATCH) {
    const batch: (typeof t.auditLog.$inferInsert)[] = [];
    for (let k = start; k < Math.min(auditCount, start + BATCH); k++) {
      const [entity, ids] = pick(auditEntities);
      batch.push({
        at: instant(-int(0, 1000)),
        actorUserId: pick(userIds),
        actorLabel: "Generert bruker",
        action: pick(["create", "update", "update", "update"]),
        entity,
        entityId: String(pick(ids)),
        after: { title: "Endret tittel" },
      });
    }
    await bulkInsert(db, t.auditLog, batch);
    progress("audit log", batch.length);
  }

  // Benefits measured by each participating organisation too, for the member reports.
  await generateReports(db, progress);

  // The economy: two years of budgets per network, with lines and released time.
  await generateEconomy({
    networkIds,
    membersOf,
    bodies: bodyIds.map((id, k) => ({
      id,
      networkId: networkIds[Math.floor(k / BODY_KINDS.length)]!,
      kind: BODY_KINDS[k % BODY_KINDS.length]![0],
    })),
    personIds,
    count,
    int,
    pick,
    insert,
    insertReturningIds,
  });

  // Evaluation surveys: the same survey per network in 2025 and repeated in 2026, answered by most members.
  await generateSurveys({ networkIds, membersOf, count, int, chance, insert, insertReturningIds });

  // Annual plans and reports: last year's report published, this year's plan adopted, next year's a draft.
  await generateAnnual({ networks: NETWORKS.map((n, i) => ({ id: networkIds[i]!, name: n.name })), insert });

  const firstNetwork = NETWORKS[0]!;
  const firstMunicipality = municipalities.find((m) => firstNetwork.counties.includes(m.countyCode ?? ""))!;
  return {
    scale,
    seed,
    generatedAt: new Date().toISOString(),
    rows,
    password: BENCH_PASSWORD,
    adminEmail,
    secretariatEmail: `sekretariat@${firstNetwork.slug}.example`,
    networkSlug: firstNetwork.slug,
    countyCode: firstNetwork.counties[1] ?? firstNetwork.counties[0]!,
    municipalityId: firstMunicipality.id,
    projectId: projectIds[0]!,
    strategyId: strategyIds[0]!,
    consultationId: consultationIds[1]!,
    openConsultationId: consultationIds[3]!,
    // The first network's first coming gathering: its page and the network's feed are measured.
    gatheringId: gatheringIds[1]!,
    newsId: newsIds[0]!,
    nationalNeeds: nationalNeedIds.length,
    submissionId: submissionIds[0]!,
    searchTerm: "byggesaksbehandling",
  };
}
