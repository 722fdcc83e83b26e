import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { systemActor } from "../../platform/access/actor.ts";
import { recordAudit } from "../../platform/audit/audit.ts";
import { rng } from "../../platform/demo.ts";
import { i18nFor, osloToday } from "../../platform/i18n/i18n.ts";
import type { AppContext } from "../../platform/module.ts";
import { organisations } from "../directory/index.ts";
import { memberships, networks } from "../networks/index.ts";
import { AmbitionRepo } from "./ambitions/ambitions.repo.ts";
import type { MeasureStatus } from "./schema.ts";
import { StrategyRepo } from "./strategies.repo.ts";
import { ThemeRepo } from "./themes/themes.repo.ts";
import { themeName } from "./themes/themes.service.ts";

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
 * drawn from the focus areas above, the network's shared strategy as a draft built from the themes
 * they have in common, and the network's ambitions.
 */
export async function seedDemoStrategies({ db, services }: AppContext): Promise<void> {
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
      for (const [i, member] of members.entries()) {
        const areas = AREAS.filter((_, n) => (n + i) % 5 !== 4).slice(0, 3 + (i % 2));
        await buildAdopted(r, th, member, areas);
      }
    }
    await recordAudit(tx, systemActor("demo data"), {
      action: "create",
      entity: "strategy",
      entityId: "demo",
      after: { networks: demoNetworks.length },
    });
  });
  for (const network of demoNetworks) await seedShared(network);

  /**
   * The network's shared strategy, started the way a secretariat does it from the table of themes:
   * one focus area for each theme at least two members have, linked back to theirs. And the
   * network's ambitions, one of each kind.
   */
  async function seedShared(network: { id: number; name: string }) {
    const actor = systemActor("demo data");
    const { rows } = await services.themes.overlap(network.id);
    const nb = i18nFor("nb").t;
    const shared = await services.themes.startShared(
      actor,
      network.id,
      {
        title: `Felles digitaliseringsstrategi for ${network.name} 2026–2029`,
        firstYear: 2026,
        lastYear: 2029,
        vision: "Saman om digitale tenester som er like gode i små og store kommunar.",
        themeIds: rows.filter((x) => x.members >= 2).map((x) => x.theme.id),
      },
      (theme) => themeName(nb, theme),
    );
    if (shared.ok) await seedSharedPlan(shared.value.id, network.id);
    const year = Number(osloToday().slice(0, 4));
    // The ambition of use names the solution most members have taken up, so its page has a history.
    const { solutions, totals } = await services.adoption.matrix({ networkId: network.id });
    const best = [...totals].sort((a, b) => b.share - a.share)[0];
    const solution = solutions.find((x) => x.id === best?.solutionId);
    const ambitions = new AmbitionRepo(db);
    await ambitions.insert({
      networkId: network.id,
      title: `Alle medlemmene har ein vedteken digitaliseringsstrategi for ${year}`,
      kind: "strategy_coverage",
      target: 100,
      year,
      deadline: `${year}-12-31`,
      isDemo: true,
    });
    if (solution)
      await ambitions.insert({
        networkId: network.id,
        title: `Alle medlemmene brukar ${solution.name}`,
        kind: "solution_adoption",
        target: 100,
        solutionId: solution.id,
        deadline: `${year + 2}-12-31`,
        isDemo: true,
      });
    await ambitions.insert({
      networkId: network.id,
      title: "Tre nye fellesprosjekt i året",
      kind: "joint_projects",
      target: 3,
      deadline: `${year + 3}-12-31`,
      isDemo: true,
    });
  }

  /** The shared draft's action plan: a joint measure per focus area, some of them under way. */
  async function seedSharedPlan(strategyId: number, networkId: number) {
    await repo.update(strategyId, { isDemo: true });
    const [lead] = await repo.networkMembers(networkId);
    // The first joint measure is carried out by a project of the portfolio and should give one of its benefits.
    const [benefit] = await repo.benefitOptions([networkId]);
    for (const [position, area] of (await repo.focusAreasOf(strategyId)).entries()) {
      const status: MeasureStatus = position === 0 ? "in_progress" : position === 1 ? "done" : "not_started";
      const measure = await repo.insertMeasure(
        {
          strategyId,
          focusAreaId: area.id,
          description: `Felles tiltak: ${area.title.toLowerCase()}`,
          goal: "Alle medlemmene er med innan utgangen av 2027",
          responsibleOrganisationId: lead?.id ?? null,
          responsible: "Arbeidsutvalet",
          deadlineYear: 2027,
          years: [2026, 2027],
          expectedBenefits: "Same teneste i alle kommunane, og mindre dobbeltarbeid",
          status,
          position,
        },
        position === 0 && benefit
          ? { projectIds: [benefit.projectId], benefitIds: [benefit.id] }
          : { projectIds: [], benefitIds: [] },
      );
      if (status !== "not_started") await repo.insertReport({ measureId: measure.id, status, comment: "", byLabel: "demo data" });
    }
  }

  /** A member's adopted strategy for 2024–2027 with these focus areas, tagged with their themes. */
  async function buildAdopted(r: StrategyRepo, th: ThemeRepo, member: { id: number; name: string }, areas: typeof AREAS) {
    const [firstYear, lastYear] = [2024, 2027];
    const strategy = await r.insert({
      organisationId: member.id,
      title: `Digitaliseringsstrategi for ${member.name} ${firstYear}–${lastYear}`,
      firstYear,
      lastYear,
      status: "adopted",
      adoptedOn: `${firstYear - 1}-12-${10 + Math.floor(random() * 9)}`,
      adoptedBy: "kommunestyret",
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
        const measureStatus = STATUSES[Math.floor(random() * STATUSES.length)]!;
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
          { projectIds: [], benefitIds: [] },
        );
        if (measureStatus !== "not_started")
          await r.insertReport({ measureId: measure.id, status: measureStatus, comment: "", byLabel: "demo data" });
      }
    }
    // Members' strategies come tagged, so the comparison of themes has something to show.
    await th.replaceTags(strategy.id, areaTags, []);
  }
}
