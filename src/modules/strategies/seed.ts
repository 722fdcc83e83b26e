import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { recordAudit, systemActor } from "../../platform/audit/audit.ts";
import { rng } from "../../platform/demo.ts";
import type { AppContext } from "../../platform/module.ts";
import { organisations } from "../directory/schema.ts";
import { memberships, networks } from "../networks/schema.ts";
import type { MeasureStatus } from "./schema.ts";
import { StrategyRepo } from "./strategies.repo.ts";
import { ThemeRepo } from "./themes.ts";

/** Invented focus areas, each with why, what and measures, that members' strategies draw from. */
const AREAS: { title: string; theme: string; why: string; what: string; measures: string[] }[] = [
  {
    title: "Digitale tenester for innbyggjarane",
    theme: "citizen_services",
    why: "Innbyggjarane ventar å kunne søkje, melde og følgje saka si digitalt.",
    what: "Sjølvbetening på nett for dei tenestene som er mest brukte.",
    measures: ["Digital søknad om barnehageplass", "Chatbot på heimesida", "Digital post til alle innbyggjarar"],
  },
  {
    title: "Informasjonssikkerheit og personvern",
    theme: "security",
    why: "Tillit krev at opplysningane om innbyggjarane er trygge.",
    what: "Styringssystem, risikovurderingar og opplæring.",
    measures: ["Innføre styringssystem for informasjonssikkerheit", "Årleg opplæring i personvern for alle tilsette"],
  },
  {
    title: "Digital kompetanse hos dei tilsette",
    theme: "competence",
    why: "Verktøya gir gevinst berre når dei tilsette kan bruke dei.",
    what: "Kompetanseplan og digitale rettleiarar i kvar eining.",
    measures: ["Kompetanseplan for digitalisering", "Digitale rettleiarar i alle einingar"],
  },
  {
    title: "Velferdsteknologi",
    theme: "welfare_technology",
    why: "Fleire eldre skal kunne bu lenger heime.",
    what: "Digitalt tilsyn, medisindispenserar og felles responssenter.",
    measures: ["Digitalt tilsyn i heimetenesta", "Elektroniske medisindispenserar"],
  },
  {
    title: "Samhandling og felles løysingar",
    theme: "cooperation",
    why: "Små kommunar står sterkare saman.",
    what: "Felles innkjøp, felles arkiv og nasjonale fellesløysingar.",
    measures: ["Ta i bruk eFormidling", "Felles arkivløysing i regionen"],
  },
];

const GOALS = [
  "Innbyggjarane opplever kommunen som tilgjengeleg og enkel",
  "Kommunen arbeider effektivt og trygt",
  "Dei tilsette meistrar digitale verktøy",
];

const STATUSES: MeasureStatus[] = ["done", "done", "in_progress", "in_progress", "not_started", "postponed"];

/**
 * Invented strategies, marked as demo: three members of each demo network with an adopted strategy
 * drawn from the focus areas above, and the network's shared strategy as a draft built from the
 * areas they have in common.
 */
export async function seedDemoStrategies({ db }: AppContext): Promise<void> {
  const random = rng(707);
  const repo = new StrategyRepo(db);
  const themeIds = new Map((await new ThemeRepo(db).list(null)).map((t) => [t.key, t.id]));
  const demoNetworks = await db.select({ id: networks.id, name: networks.name }).from(networks).where(eq(networks.isDemo, true));
  await db.transaction(async (tx) => {
    const r = repo.with(tx);
    const th = new ThemeRepo(tx);
    for (const network of demoNetworks) {
      const members = await tx
        .select({ id: organisations.id, name: organisations.name })
        .from(memberships)
        .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
        .where(
          and(eq(memberships.networkId, network.id), isNull(memberships.toDate), inArray(organisations.kind, ["municipality"])),
        )
        .orderBy(asc(organisations.id))
        .limit(3);
      const used = new Map<string, number>();
      for (const [i, member] of members.entries()) {
        const areas = AREAS.filter((_, n) => (n + i) % 5 !== 4).slice(0, 3 + (i % 2));
        for (const a of areas) used.set(a.title, (used.get(a.title) ?? 0) + 1);
        await build(
          r,
          th,
          { organisationId: member.id },
          `Digitaliseringsstrategi for ${member.name} 2024–2027`,
          2024,
          2027,
          areas,
          "adopted",
        );
      }
      // The shared strategy starts from the focus areas at least two members have.
      const common = AREAS.filter((a) => (used.get(a.title) ?? 0) >= 2);
      await build(
        r,
        th,
        { networkId: network.id },
        `Felles digitaliseringsstrategi for ${network.name} 2026–2029`,
        2026,
        2029,
        common,
        "draft",
      );
    }
    await recordAudit(tx, systemActor("demo data"), {
      action: "create",
      entity: "strategy",
      entityId: "demo",
      after: { networks: demoNetworks.length },
    });
  });

  async function build(
    r: StrategyRepo,
    th: ThemeRepo,
    owner: { organisationId: number } | { networkId: number },
    title: string,
    firstYear: number,
    lastYear: number,
    areas: typeof AREAS,
    status: "adopted" | "draft",
  ) {
    const strategy = await r.insert({
      ...owner,
      title,
      firstYear,
      lastYear,
      status,
      ...(status === "adopted"
        ? { adoptedOn: `${firstYear - 1}-12-${10 + Math.floor(random() * 9)}`, adoptedBy: "kommunestyret" }
        : {}),
      vision: "Ein open og effektiv kommune der digitale tenester gjer kvardagen enklare for innbyggjarar og tilsette.",
      isDemo: true,
    });
    const goalIds: number[] = [];
    const areaTags: { id: number; themeId: number }[] = [];
    for (const [position, goal] of GOALS.entries())
      goalIds.push((await r.insertGoal({ strategyId: strategy.id, title: goal, position })).id);
    for (const [position, area] of areas.entries()) {
      const focus = await r.insertFocusArea(
        { strategyId: strategy.id, title: area.title, why: area.why, what: area.what, position },
        [goalIds[position % goalIds.length]!],
      );
      const themeId = themeIds.get(area.theme);
      if (themeId) areaTags.push({ id: focus.id, themeId });
      for (const description of area.measures) {
        const measureStatus = status === "draft" ? "not_started" : STATUSES[Math.floor(random() * STATUSES.length)]!;
        const measure = await r.insertMeasure(
          {
            strategyId: strategy.id,
            focusAreaId: focus.id,
            description,
            responsible: "IKT-leiar",
            deadlineYear: firstYear + Math.floor(random() * (lastYear - firstYear + 1)),
            status: measureStatus,
            position,
          },
          [],
        );
        if (measureStatus !== "not_started")
          await r.insertReport({ measureId: measure.id, status: measureStatus, comment: "", byLabel: "demo data" });
      }
    }
    // Members' strategies come tagged, so the comparison of themes has something to show.
    if (status === "adopted") await th.replaceTags(strategy.id, areaTags, []);
  }
}
