import { and, eq, isNull } from "drizzle-orm";
import { systemActor } from "../../platform/access/actor.ts";
import { type AuditEntry, recordAudit } from "../../platform/audit/audit.ts";
import { rng } from "../../platform/demo.ts";
import type { AppContext } from "../../platform/module.ts";
import { bodies, bodyMembers, memberships, networks } from "../networks/index.ts";
import {
  type BenefitType,
  benefitMeasurements,
  benefits,
  joinRequests,
  networkSectors,
  PHASES,
  type Phase,
  type ProjectKind,
  phaseChecklistItems,
  projectFunding,
  projectLinks,
  projectParticipants,
  projectPhaseChanges,
  projectRelations,
  projects,
  STATUS_DIMENSIONS,
  type StatusColour,
  statusReports,
} from "./schema.ts";

/**
 * A realistic portfolio for every demo network: invented projects on the themes networks really
 * work on, with participants, phases, status reports and benefits with measurements. Everything is
 * marked as demo data.
 */
interface Template {
  title: string;
  summary: string;
  problem: string;
  kind: ProjectKind;
  sector: string;
  tags: string[];
  budget: number;
  benefit?: { title: string; type: BenefitType; indicator: string; unit: string; baseline: number; target: number };
}

const TEMPLATES: Template[] = [
  {
    title: "Felles chatbot for innbyggertorget",
    summary: "Ein chatbot som svarer på de vanligste spørsmålene fra innbyggerne, døgnet rundt.",
    problem:
      "Servicetorgene svarer på de samme spørsmålene mange ganger om dagen, og innbyggerne vil ha svar utenfor åpningstid.",
    kind: "regional",
    sector: "finance_admin",
    tags: ["chatbot", "innbyggerdialog"],
    budget: 1_800_000,
    benefit: {
      title: "Færre henvendelser til servicetorget",
      type: "time",
      indicator: "Telefonhenvendelser per uke",
      unit: "henvendelser",
      baseline: 420,
      target: 300,
    },
  },
  {
    title: "Digitalt tilsyn i hjemmetjenesten",
    summary: "Sensorer og kamera med samtykke erstatter en del av de fysiske nattilsynene.",
    problem: "Nattilsyn vekker brukere og binder opp mange timer med kjøring.",
    kind: "regional",
    sector: "health_care",
    tags: ["velferdsteknologi", "hjemmetjeneste"],
    budget: 3_200_000,
    benefit: {
      title: "Sparte timer til kjøring",
      type: "time",
      indicator: "Timer brukt på nattilsyn per uke",
      unit: "timer",
      baseline: 160,
      target: 90,
    },
  },
  {
    title: "Innføring av Digihelse i kommunene",
    summary: "Kommunene tar i bruk Digihelse for dialog med pasienter og pårørende.",
    problem: "Pasienter og pårørende ringer og sender brev om ting som kan gjøres digitalt og sikkert.",
    kind: "national",
    sector: "health_care",
    tags: ["digihelse", "helsenorge"],
    budget: 900_000,
  },
  {
    title: "Felles Noark 5-løsning og depot",
    summary: "Kommunene går sammen om sak- og arkivløsning og avtale med interkommunalt arkiv.",
    problem: "Hver kommune har egen avtale, egne rutiner og eget etterslep på avlevering.",
    kind: "regional",
    sector: "archive",
    tags: ["noark", "arkiv"],
    budget: 2_400_000,
  },
  {
    title: "Digital byggesak med Fellestjenester BYGG",
    summary: "Søknader om byggetillatelse kommer inn digitalt og rett inn i fagsystemet.",
    problem: "Papirsøknader og skannede vedlegg gir lang saksbehandlingstid og mange mangelbrev.",
    kind: "national",
    sector: "planning_building",
    tags: ["byggesak", "eByggesak"],
    budget: 1_100_000,
    benefit: {
      title: "Kortere saksbehandlingstid",
      type: "time",
      indicator: "Saksbehandlingstid for byggesaker",
      unit: "dager",
      baseline: 38,
      target: 21,
    },
  },
  {
    title: "Felles styringssystem for informasjonssikkerhet",
    summary: "Maler, risikovurderinger og opplæring som alle kommunene i nettverket kan bruke.",
    problem: "Små kommuner har ikke egen sikkerhetsleder og starter arbeidet fra bunnen hver for seg.",
    kind: "regional",
    sector: "information_security",
    tags: ["isms", "personvern"],
    budget: 750_000,
  },
  {
    title: "Læringsplattform og personvern i skolen",
    summary: "Felles vurdering av læringsplattformer og databehandleravtaler for grunnskolen.",
    problem: "Skolene tar i bruk digitale verktøy uten at personvernet er vurdert.",
    kind: "regional",
    sector: "schools",
    tags: ["skole", "personvern"],
    budget: 600_000,
  },
  {
    title: "Robotisering av fakturamottak",
    summary: "Programvareroboter kontrollerer og konterer inngående faktura.",
    problem: "Manuell kontroll av tusenvis av fakturaer i måneden.",
    kind: "innovation",
    sector: "finance_admin",
    tags: ["rpa", "økonomi"],
    budget: 450_000,
    benefit: {
      title: "Mindre manuell fakturabehandling",
      type: "money",
      indicator: "Kostnad for fakturabehandling per år",
      unit: "kroner",
      baseline: 1_200_000,
      target: 700_000,
    },
  },
  {
    title: "Digitale vannmålere",
    summary: "Fjernavleste vannmålere gir riktig faktura og varsler om lekkasjer.",
    problem: "Selvavlesning gir feil i fakturaene, og lekkasjer oppdages sent.",
    kind: "local",
    sector: "technical",
    tags: ["vann", "sensorer"],
    budget: 5_500_000,
  },
  {
    title: "Mobil- og fiberdekning i distriktene",
    summary: "Kartlegging av dekningen og felles søknad om bredbåndsstøtte.",
    problem: "Innbyggere og næringsliv i grisgrendte strøk mangler stabil dekning.",
    kind: "regional",
    sector: "infrastructure",
    tags: ["bredbånd", "dekning"],
    budget: 400_000,
  },
  {
    title: "Innføring av DigiSos",
    summary: "Søknad om økonomisk sosialhjelp digitalt, med innsyn i egen sak.",
    problem: "Papirsøknader og mange oppmøter for å levere dokumentasjon.",
    kind: "national",
    sector: "health_care",
    tags: ["digisos", "nav"],
    budget: 300_000,
  },
  {
    title: "Meråpne bibliotek",
    summary: "Biblioteket er åpent for innbyggerne også når det ikke er betjent.",
    problem: "Korte åpningstider i små bibliotek.",
    kind: "local",
    sector: "culture",
    tags: ["bibliotek"],
    budget: 350_000,
    benefit: {
      title: "Flere besøk i biblioteket",
      type: "quality",
      indicator: "Besøk per måned",
      unit: "besøk",
      baseline: 1_100,
      target: 1_600,
    },
  },
  {
    title: "Digital post til innbyggerne (SvarUt)",
    summary: "All utgående post sendes digitalt der mottakeren kan ta imot den.",
    problem: "Porto og utskrift koster, og brev kommer fram sent.",
    kind: "national",
    sector: "finance_admin",
    tags: ["svarut", "digital post"],
    budget: 250_000,
  },
  {
    title: "Digital kompetanse for alle ansatte",
    summary: "Kurs og kompetansenettverk for ansatte i kommunene, med støtte fra DigiFin.",
    problem: "Nye løsninger blir ikke brukt fordi ansatte ikke har fått opplæring.",
    kind: "regional",
    sector: "other",
    tags: ["kompetanse", "digifin"],
    budget: 1_000_000,
  },
];

/** A checklist after the public-sector project model, the same for every demo network. */
const CHECKLIST: [Phase, string][] = [
  ["idea", "Behovet er beskrevet og meldt til arbeidsutvalget"],
  ["concept", "Alternativer og gevinster er vurdert"],
  ["planning", "Prosjektplan og gevinstplan er godkjent"],
  ["planning", "Personvern og informasjonssikkerhet er vurdert (DPIA ved behov)"],
  ["execution", "Statusrapport leveres hver måned"],
  ["closing", "Sluttrapport er levert og gevinstansvar overført til linjen"],
  ["operation", "Forvaltningsavtale er på plass"],
];

const COMMENTS: Record<StatusColour, string[]> = {
  green: ["Går etter planen.", "Ingen avvik denne perioden.", "Leveransen kom som avtalt."],
  yellow: ["Noe forsinket på grunn av ferieavvikling.", "Leverandøren ligger litt etter.", "Må avklare finansiering."],
  red: ["Stor forsinkelse fra leverandør.", "Budsjettet er overskredet.", "Mangler ressurser i kommunene."],
};

const addMonths = (iso: string, months: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
};

export async function seedDemoProjects({ db }: AppContext): Promise<void> {
  const actor = systemActor("demo data");
  const random = rng(4);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const colour = (): StatusColour => {
    const r = random();
    return r < 0.6 ? "green" : r < 0.88 ? "yellow" : "red";
  };
  const demoNetworks = await db.select().from(networks).where(eq(networks.isDemo, true)).orderBy(networks.id);
  await db.transaction(async (tx) => {
    const audit: AuditEntry[] = [];
    for (const [n, network] of demoNetworks.entries()) {
      const members = await tx
        .select({ id: memberships.organisationId })
        .from(memberships)
        .where(and(eq(memberships.networkId, network.id), eq(memberships.level, "member"), isNull(memberships.toDate)));
      const [workingCommittee] = await tx
        .select({ id: bodies.id })
        .from(bodies)
        .where(and(eq(bodies.networkId, network.id), eq(bodies.kind, "working_committee")));
      const contacts = await tx
        .select({ id: bodyMembers.personId })
        .from(bodyMembers)
        .where(eq(bodyMembers.bodyId, workingCommittee!.id));
      const ownSector = { networkId: network.id, key: "x-naering", name: "Næring og samfunnsutvikling" };
      await tx.insert(networkSectors).values(ownSector);
      await tx
        .insert(phaseChecklistItems)
        .values(CHECKLIST.map(([phase, text], position) => ({ networkId: network.id, phase, text, position })));
      // Each network skips a different template or two, so the portfolios differ.
      const chosen = TEMPLATES.filter((_, i) => (i + n) % 7 !== 3);
      let previousId: number | undefined;
      for (const [i, template] of chosen.entries()) {
        const owned = template.kind === "local" || template.kind === "innovation";
        const owner = owned ? pick(members).id : null;
        const startDate = addMonths("2024-01-01", Math.floor(random() * 32));
        const endDate = addMonths(startDate, 12 + Math.floor(random() * 24));
        const phase: Phase = PHASES[Math.min(PHASES.length - 1, Math.floor(random() * PHASES.length))]!;
        const [project] = await tx
          .insert(projects)
          .values({
            networkId: network.id,
            ownerOrganisationId: owner,
            title: template.title,
            summary: template.summary,
            description: `Demo: ${template.summary} Prosjektet er oppfunne for å vise korleis porteføljen ser ut.`,
            problem: template.problem,
            kind: template.kind,
            sector: i === 0 && n === 0 ? ownSector.key : template.sector,
            phase,
            contactPersonId: pick(contacts).id,
            startDate,
            endDate,
            budget: template.budget,
            tags: template.tags,
            // One project per network is kept to the network's members, to show that visibility works.
            visibility: i === 2 ? "network" : "public",
            isDemo: true,
          })
          .returning({ id: projects.id });
        const projectId = project!.id;
        const others = members.filter((m) => m.id !== owner);
        const participantIds = new Set<number>();
        for (let k = 0; k < 2 + Math.floor(random() * 5); k++) participantIds.add(pick(others).id);
        await tx.insert(projectParticipants).values([
          ...(owner ? [{ projectId, organisationId: owner, role: "lead" as const, fromDate: startDate }] : []),
          ...[...participantIds].map((organisationId, k) => ({
            projectId,
            organisationId,
            role: k === 0 && !owner ? ("lead" as const) : random() < 0.75 ? ("participant" as const) : ("interested" as const),
            fromDate: startDate,
          })),
        ]);
        // Some early projects have a municipality asking to take part, waiting for the lead's answer.
        const outside = others.filter((m) => !participantIds.has(m.id));
        if (phase === "idea" || phase === "concept")
          if (outside.length)
            await tx.insert(joinRequests).values({
              projectId,
              organisationId: pick(outside).id,
              role: "participant",
              note: "Vi har det same behovet og vil gjerne vere med.",
              requestedByLabel: "demo data",
            });
        // Most projects apply for grants; some are decided.
        if (random() < 0.6)
          await tx.insert(projectFunding).values([
            {
              projectId,
              source: pick(["Statsforvalterens skjønnsmidler", "KS DigiFin", "Fylkeskommunens utviklingsmidler"]),
              applied: Math.round(template.budget * 0.4),
              granted: random() < 0.7 ? Math.round((template.budget * (0.2 + random() * 0.2)) / 10_000) * 10_000 : null,
            },
          ]);
        await tx.insert(projectLinks).values({
          projectId,
          title: "Prosjektside (demo)",
          url: `https://www.${network.slug}.demo.samverk.example/prosjekt/${projectId}`,
        });
        if (previousId && random() < 0.3)
          await tx.insert(projectRelations).values({ projectId, relatedProjectId: previousId, kind: "related" });
        previousId = projectId;
        const reached = PHASES.indexOf(phase);
        await tx.insert(projectPhaseChanges).values(
          PHASES.slice(0, reached + 1).map((p, k) => ({
            projectId,
            fromPhase: k === 0 ? null : PHASES[k - 1]!,
            toPhase: p,
            changedByLabel: "demo data",
            at: new Date(`${addMonths(startDate, k * 3)}T10:00:00Z`),
          })),
        );
        // Projects under way report monthly; the latest report is the one the overview shows.
        const reports = reached >= 2 ? 1 + Math.floor(random() * 4) : 0;
        if (reports)
          await tx.insert(statusReports).values(
            Array.from({ length: reports }, (_, k) => {
              const values = Object.fromEntries(
                STATUS_DIMENSIONS.flatMap((d) => {
                  const c = colour();
                  return [
                    [d, c],
                    [`${d}Comment`, pick(COMMENTS[c])],
                  ];
                }),
              );
              return { projectId, reportDate: addMonths("2026-07-01", k), ...values } as typeof statusReports.$inferInsert;
            }),
          );
        if (template.benefit && reached >= 3) {
          const b = template.benefit;
          const [benefit] = await tx
            .insert(benefits)
            .values({ projectId, ...b, ownerPersonId: pick(contacts).id, targetDate: endDate })
            .returning({ id: benefits.id });
          const steps = 1 + Math.floor(random() * 4);
          await tx.insert(benefitMeasurements).values(
            Array.from({ length: steps }, (_, k) => ({
              benefitId: benefit!.id,
              measuredOn: addMonths("2026-01-01", k * 2),
              value: Math.round(b.baseline + (b.target - b.baseline) * (k + 1) * (0.15 + random() * 0.2)),
              note: k === 0 ? "Første måling etter innføring." : "",
            })),
          );
          // Two participants measure their own share too (no draw from the random stream: the rest of the demo stays as it was).
          const own = [...participantIds].slice(0, 2);
          if (own.length)
            await tx.insert(benefitMeasurements).values(
              own.map((organisationId, k) => ({
                benefitId: benefit!.id,
                organisationId,
                measuredOn: "2026-06-01",
                value: Math.round(b.baseline + (b.target - b.baseline) * (0.3 + 0.25 * k)),
                note: "Målt i kommunen.",
              })),
            );
        }
      }
      audit.push({ action: "create", entity: "project", entityId: `demo:${network.slug}`, after: { projects: chosen.length } });
    }
    await recordAudit(tx, actor, audit);
  });
}
