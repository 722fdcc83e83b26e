import { and, eq, isNull } from "drizzle-orm";
import { systemActor } from "../../platform/access/actor.ts";
import { type AuditEntry, recordAudit } from "../../platform/audit/audit.ts";
import { rng } from "../../platform/demo.ts";
import { addDays, i18nFor, osloToday } from "../../platform/i18n/i18n.ts";
import type { AppContext } from "../../platform/module.ts";
import { users } from "../../platform/schema.ts";
import { people } from "../directory/index.ts";
import { bodies, bodyMembers, memberships, networkAccess, networks } from "../networks/index.ts";
import { summarise } from "./assessment/summary.ts";
import {
  assessmentBands,
  assessmentCriteria,
  assessmentRounds,
  assessmentScores,
  type Effort,
  type NeedState,
  nationalNeedLinks,
  nationalNeeds,
  needEvents,
  needSubmissionItems,
  needSubmissions,
  needSupporters,
  needs,
  type Recommendation,
  recommendations,
  roundCriteria,
  roundNeeds,
  type Urgency,
} from "./schema.ts";

/** Invented needs on the themes municipalities really raise. */
const TEMPLATES: {
  title: string;
  problem: string;
  affected: string;
  benefit: string;
  urgency: Urgency;
  legal?: string;
  cost?: number;
  effort: Effort;
}[] = [
  {
    title: "Digital søknad om plass i barnehage og SFO",
    problem: "Foreldre fyller ut papirskjema, og saksbehandlerne taster inn alt på nytt i fagsystemet.",
    affected: "Foreldre, barnehagekontoret, skolene",
    benefit: "Færre feil og raskere svar til foreldrene.",
    urgency: "medium",
    cost: 400_000,
    effort: "medium",
  },
  {
    title: "Felles løsning for varsling av innbyggere ved kriser",
    problem: "Kommunene mangler en rask måte å varsle innbyggere i et område på SMS ved flom, ras eller vannbrudd.",
    affected: "Beredskap, teknisk drift, alle innbyggere",
    benefit: "Innbyggerne får beskjed i tide, og kommunen slipper å ringe rundt.",
    urgency: "high",
    legal: "Sivilbeskyttelsesloven § 15",
    cost: 250_000,
    effort: "small",
  },
  {
    title: "Oversikt over avtaler og lisenser",
    problem: "Ingen har oversikt over hvilke IT-avtaler kommunen har, når de løper ut og hva de koster.",
    affected: "IT, innkjøp, økonomi",
    benefit: "Sparte lisenskostnader og bedre forhandlingsposisjon.",
    urgency: "medium",
    effort: "small",
  },
  {
    title: "Journalføring av e-post i sak- og arkivsystemet",
    problem: "Saksbehandlere glemmer å arkivere e-post som er saksdokumenter, og etterslepet vokser.",
    affected: "Alle saksbehandlere, arkivet",
    benefit: "Komplett arkiv og mindre tid på manuell arkivering.",
    urgency: "high",
    legal: "Arkivlova § 6 og arkivforskriften",
    effort: "medium",
  },
  {
    title: "Velferdsteknologi: digitale medisindispensere",
    problem: "Hjemmetjenesten kjører lange avstander bare for å gi medisiner til faste tider.",
    affected: "Hjemmetjenesten, brukere som bor hjemme, pårørende",
    benefit: "Sparte kjøretimer og mer selvstendige brukere.",
    urgency: "high",
    cost: 1_500_000,
    effort: "large",
  },
  {
    title: "Automatisk behandling av startlån",
    problem: "Søknader om startlån behandles manuelt med mye innhenting av opplysninger.",
    affected: "Startlånsforvaltningen, søkere",
    benefit: "Raskere svar og færre timer per søknad.",
    urgency: "low",
    cost: 300_000,
    effort: "medium",
  },
  {
    title: "Digitalt skjema for melding om bekymring for barn",
    problem: "Bekymringsmeldinger til barnevernet kommer på papir og e-post uten sikker kanal.",
    affected: "Barnevernet, skoler, helsestasjoner",
    benefit: "Sikker og rask mottak av meldinger.",
    urgency: "critical",
    legal: "Barnevernsloven kapittel 13 og personvernforordningen",
    effort: "small",
  },
  {
    title: "Felles opplæring i informasjonssikkerhet",
    problem: "Ansatte klikker på phishing-lenker, og små kommuner har ikke egne kurs.",
    affected: "Alle ansatte",
    benefit: "Færre hendelser og bedre sikkerhetskultur.",
    urgency: "medium",
    cost: 150_000,
    effort: "small",
  },
  {
    title: "Sensorer for inneklima i skoler",
    problem: "Klager på dårlig luft i klasserom blir fulgt opp først når noen klager.",
    affected: "Elever, lærere, eiendomsforvaltningen",
    benefit: "Bedre læringsmiljø og målrettet vedlikehold.",
    urgency: "low",
    cost: 800_000,
    effort: "medium",
  },
  {
    title: "Selvbetjening for kommunale avgifter",
    problem: "Innbyggerne ringer for å få vite hva avgiftene er og for å endre betalingsmåte.",
    affected: "Innbyggere, økonomiavdelingen",
    benefit: "Færre telefoner og riktigere fakturering.",
    urgency: "medium",
    effort: "medium",
  },
  {
    title: "Tolketjeneste på video",
    problem: "Det er vanskelig å få tak i tolk raskt, særlig i små kommuner.",
    affected: "Helse, NAV, skole, flyktningtjenesten",
    benefit: "Likeverdige tjenester og mindre reisetid for tolker.",
    urgency: "medium",
    legal: "Tolkeloven § 6",
    cost: 200_000,
    effort: "small",
  },
  {
    title: "Digital kartlegging av kompetanse",
    problem: "Kommunene vet ikke hvilken digital kompetanse de ansatte har, og planlegger opplæring i blinde.",
    affected: "HR, ledere, alle ansatte",
    benefit: "Målrettet opplæring.",
    urgency: "low",
    effort: "small",
  },
];

const NOTES = [
  "Vi har det same problemet og vil gjerne vere med.",
  "Hos oss gjeld dette særleg dei minste einingane.",
  "Vi har prøvd ei løysing sjølv, men ho var for dyr for éin kommune.",
  "Dette står i handlingsplanen vår for neste år.",
  "",
];

const RATIONALES: Record<Recommendation, string> = {
  recommend: "Høg nytte for mange kommunar, og kostnaden kan delast.",
  do_not_recommend: "Låg nytte sett mot kostnaden; kommunane kan løyse dette kvar for seg.",
  needs_more_work: "Behovet er reelt, men løysingane og kostnaden må greiast betre ut.",
};

/**
 * For every demo network: the default criteria and bands, a dozen needs with supporters, accounts
 * (without passwords) for the working committee's members, three closed rounds with their scores and
 * recommendations, and one round still open. Everything is marked as demo data.
 */
export async function seedDemoNeeds({ db }: AppContext): Promise<void> {
  const actor = systemActor("demo data");
  const random = rng(55);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const { t } = i18nFor("nb");
  const today = osloToday();
  const demoNetworks = await db.select().from(networks).where(eq(networks.isDemo, true)).orderBy(networks.id);
  await db.transaction(async (tx) => {
    const audit: AuditEntry[] = [];
    for (const network of demoNetworks) {
      const members = await tx
        .select({ id: memberships.organisationId })
        .from(memberships)
        .where(and(eq(memberships.networkId, network.id), eq(memberships.level, "member"), isNull(memberships.toDate)));
      const [committee] = await tx
        .select({ id: bodies.id })
        .from(bodies)
        .where(and(eq(bodies.networkId, network.id), eq(bodies.kind, "working_committee")));
      const seats = await tx
        .select({ personId: bodyMembers.personId, name: people.name })
        .from(bodyMembers)
        .innerJoin(people, eq(people.id, bodyMembers.personId))
        .where(eq(bodyMembers.bodyId, committee!.id));

      // The committee's members get accounts, so their scores have an assessor.
      const assessors: { id: number; name: string }[] = [];
      for (const [i, seat] of seats.entries()) {
        const [account] = await tx
          .insert(users)
          .values({ email: `arbeidsutval-${i + 1}@${network.slug}.demo.samverk.example`, name: seat.name })
          .returning({ id: users.id });
        await tx.insert(networkAccess).values({ networkId: network.id, userId: account!.id, role: "member" });
        // Linked as the network's secretariat links: the seats count in this network only (decision 0018).
        await tx.update(people).set({ userId: account!.id, userNetworkId: network.id }).where(eq(people.id, seat.personId));
        assessors.push({ id: account!.id, name: seat.name });
      }

      const criteria = await tx
        .insert(assessmentCriteria)
        .values(
          (["strategic", "quality", "economic", "necessity", "risk"] as const).map((key, position) => ({
            networkId: network.id,
            name: t(`assessment.default.${key}`),
            description: t(`assessment.default.${key}Help`),
            weight: key === "strategic" ? 3 : key === "risk" ? 1 : 2,
            direction: key === "risk" ? ("higher_is_worse" as const) : ("higher_is_better" as const),
            position,
          })),
        )
        .returning();
      const bands = (["must", "should", "could", "wont"] as const).map((key, i) => ({
        name: t(`assessment.band.${key}`),
        min: [75, 50, 25, 0][i]!,
      }));
      await tx.insert(assessmentBands).values(bands.map((b) => ({ networkId: network.id, ...b })));

      // Needs registered over the last year and a half, each shared by a few others.
      const created: { id: number; organisationId: number; registeredOn: string }[] = [];
      for (const [i, template] of TEMPLATES.entries()) {
        const organisationId = pick(members).id;
        const registeredOn = addDays("2025-06-01", i * 40 + Math.floor(random() * 20));
        const [need] = await tx
          .insert(needs)
          .values({
            networkId: network.id,
            organisationId,
            kind: i % 5 === 4 ? "idea" : "need",
            title: template.title,
            problem: template.problem,
            affected: template.affected,
            benefit: template.benefit,
            urgency: template.urgency,
            legalRequirement: template.legal ?? "",
            costEstimate: template.cost ?? null,
            effort: template.effort,
            createdByLabel: "demo data",
            isDemo: true,
            createdAt: new Date(`${registeredOn}T09:00:00Z`),
          })
          .returning({ id: needs.id });
        const supporters = new Set<number>();
        for (let k = 0; k < Math.floor(random() * 6); k++) supporters.add(pick(members).id);
        supporters.delete(organisationId);
        if (supporters.size)
          await tx.insert(needSupporters).values(
            [...supporters].map((supporter) => ({
              needId: need!.id,
              organisationId: supporter,
              note: pick(NOTES),
              userLabel: "demo data",
              createdAt: new Date(`${addDays(registeredOn, 3 + Math.floor(random() * 30))}T12:00:00Z`),
            })),
          );
        await tx.insert(needEvents).values({
          needId: need!.id,
          toState: "registered",
          byLabel: "demo data",
          createdAt: new Date(`${registeredOn}T09:00:00Z`),
        });
        created.push({ id: need!.id, organisationId, registeredOn });
      }

      // Three closed rounds of four needs each, and one still open for the last needs.
      const rounds = [
        { title: "Vurdering 1. kvartal 2026", cycle: "2026 K1", deadline: "2026-03-13", needs: created.slice(0, 4) },
        { title: "Vurdering 2. kvartal 2026", cycle: "2026 K2", deadline: "2026-06-12", needs: created.slice(4, 7) },
        { title: "Vurdering 3. kvartal 2026", cycle: "2026 K3", deadline: "2026-09-11", needs: created.slice(7, 10) },
        { title: "Vurdering før budsjett 2027", cycle: "Budsjett 2027", deadline: addDays(today, 21), needs: created.slice(10) },
      ];
      for (const [r, spec] of rounds.entries()) {
        const closed = spec.deadline < today;
        const [round] = await tx
          .insert(assessmentRounds)
          .values({
            networkId: network.id,
            bodyId: committee!.id,
            title: spec.title,
            cycle: spec.cycle,
            deadline: spec.deadline,
            bands,
            isDemo: true,
            createdAt: new Date(`${addDays(spec.deadline, -30)}T08:00:00Z`),
          })
          .returning();
        const copies = await tx
          .insert(roundCriteria)
          .values(criteria.map(({ id: _id, networkId: _n, ...c }) => ({ roundId: round!.id, ...c })))
          .returning();
        await tx.insert(roundNeeds).values(spec.needs.map((n) => ({ roundId: round!.id, needId: n.id })));
        for (const need of spec.needs) {
          // Each need has a leaning the assessors roughly agree on; the open round is half scored.
          const leaning = 1 + Math.floor(random() * 5);
          const scorers = closed ? assessors : assessors.slice(0, Math.ceil(assessors.length / 2));
          const rows = scorers.flatMap((a) =>
            copies.map((c) => ({
              roundId: round!.id,
              needId: need.id,
              criterionId: c.id,
              assessorId: a.id,
              assessorLabel: a.name,
              score: Math.min(c.scaleMax, Math.max(c.scaleMin, leaning + Math.floor(random() * 3) - 1)),
              comment: random() < 0.2 ? "Sjå merknaden i saksframlegget." : "",
            })),
          );
          if (rows.length) await tx.insert(assessmentScores).values(rows);
          const opened = new Date(`${addDays(spec.deadline, -30)}T08:00:00Z`);
          const events: (typeof needEvents.$inferInsert)[] = [
            {
              needId: need.id,
              fromState: "registered",
              toState: "in_assessment",
              note: spec.title,
              byLabel: "demo data",
              createdAt: opened,
            },
          ];
          let state: NeedState = "in_assessment";
          if (closed) {
            const { total } = summarise(copies, rows, bands);
            const recommendation: Recommendation =
              (total ?? 0) >= 60 ? "recommend" : (total ?? 0) >= 40 ? "needs_more_work" : "do_not_recommend";
            await tx.insert(recommendations).values({
              roundId: round!.id,
              needId: need.id,
              recommendation,
              justification: RATIONALES[recommendation],
              byLabel: assessors[0]?.name ?? "demo data",
              updatedAt: new Date(`${addDays(spec.deadline, 7)}T14:00:00Z`),
            });
            events.push({
              needId: need.id,
              fromState: "in_assessment",
              toState: "assessed",
              note: RATIONALES[recommendation],
              byLabel: assessors[0]?.name ?? "demo data",
              createdAt: new Date(`${addDays(spec.deadline, 7)}T14:00:00Z`),
            });
            state = "assessed";
          }
          await tx.insert(needEvents).values(events);
          await tx.update(needs).set({ state }).where(eq(needs.id, need.id));
        }
        audit.push({ action: "create", entity: "assessment_round", entityId: round!.id, after: { demo: true, round: r + 1 } });
      }
      audit.push({ action: "create", entity: "need", entityId: `demo:${network.slug}`, after: { needs: created.length } });
    }

    // The same needs in several networks, linked as national needs by their secretariats, and one
    // network's submission of needs to KS' digitalisation committee, answered.
    const demoNeeds = await tx
      .select({ id: needs.id, networkId: needs.networkId, title: needs.title, problem: needs.problem })
      .from(needs)
      .where(and(eq(needs.isDemo, true), eq(needs.visibility, "public")))
      .orderBy(needs.networkId, needs.id);
    const ofTitle = (title: string, networksCount: number) =>
      demoNetworks
        .slice(0, networksCount)
        .flatMap((n) => demoNeeds.filter((d) => d.networkId === n.id && d.title === title).slice(0, 1));
    const nationals = [
      {
        title: "Varsling av innbyggere ved kriser",
        description:
          "Kommunene trenger en felles, rask måte å varsle innbyggere i et område på ved flom, ras, vannbrudd og andre hendelser.",
        needs: ofTitle(TEMPLATES[1]!.title, 4),
      },
      {
        title: "Automatisk journalføring av e-post",
        description: "E-post som er saksdokumenter, bør arkiveres uten at saksbehandleren må gjøre det for hånd.",
        needs: ofTitle(TEMPLATES[3]!.title, 3),
      },
      {
        title: "Digitale medisindispensere i hjemmetjenesten",
        description: "Felles anskaffelse og oppfølging av medisindispensere som varsler hjemmetjenesten.",
        needs: ofTitle(TEMPLATES[4]!.title, 2),
      },
    ];
    for (const [i, spec] of nationals.entries()) {
      if (spec.needs.length < 2) continue;
      const [national] = await tx
        .insert(nationalNeeds)
        .values({
          title: spec.title,
          description: spec.description,
          networkId: spec.needs[0]!.networkId,
          createdByLabel: "demo data",
          isDemo: true,
          createdAt: new Date(`${addDays(today, -120 + i * 10)}T10:00:00Z`),
        })
        .returning({ id: nationalNeeds.id });
      await tx
        .insert(nationalNeedLinks)
        .values(spec.needs.map((n) => ({ nationalNeedId: national!.id, needId: n.id, linkedByLabel: "demo data" })));
      audit.push({
        action: "create",
        entity: "national_need",
        entityId: national!.id,
        after: { demo: true, needs: spec.needs.length },
      });
    }
    const sender = demoNetworks[0];
    const passedOn = sender
      ? demoNeeds.filter((d) => d.networkId === sender.id && [1, 3, 7].some((k) => TEMPLATES[k]?.title === d.title))
      : [];
    if (sender && passedOn.length) {
      const [submission] = await tx
        .insert(needSubmissions)
        .values({
          networkId: sender.id,
          recipientKind: "ks_digitaliseringsutvalget",
          recipientName: "",
          title: `Behov fra ${sender.name} til KS Digitaliseringsutvalget`,
          coverNote:
            "Arbeidsutvalget har vurdert disse behovene som felles for mange kommuner i regionen, og for store til å løses regionalt. Vi ber utvalget ta dem med i arbeidet med felles løsninger for kommunesektoren.",
          sentOn: addDays(today, -60),
          answer:
            "Takk for innspillet. Varsling ved kriser og journalføring av e-post er tatt med i utvalgets arbeid med prioriteringer for neste år. Vi kommer tilbake til opplæringen i informasjonssikkerhet.",
          answeredOn: addDays(today, -20),
          visibility: "public",
          createdByLabel: "demo data",
          isDemo: true,
        })
        .returning({ id: needSubmissions.id });
      await tx.insert(needSubmissionItems).values(
        passedOn.map((n, position) => ({
          submissionId: submission!.id,
          needId: n.id,
          titleSent: n.title,
          problemSent: n.problem,
          position,
        })),
      );
      audit.push({ action: "create", entity: "need_submission", entityId: submission!.id, after: { demo: true } });
    }
    if (audit.length) await recordAudit(tx, actor, audit);
  });
}
