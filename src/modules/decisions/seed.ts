import { and, eq, gte, inArray } from "drizzle-orm";
import { systemActor } from "../../platform/access/actor.ts";
import { rng } from "../../platform/demo.ts";
import { addDays, i18nFor, labelFor, osloToday } from "../../platform/i18n/i18n.ts";
import type { AppContext } from "../../platform/module.ts";
import { needEvents } from "../needs/index.ts";
import { bodies, networks } from "../networks/index.ts";
import { projects } from "../projects/index.ts";
import { meetings, priorityRankings } from "./schema.ts";

/** What the steering group decides on the working committee's recommendation, in the demo. */
const OUTCOME_FOR = { recommend: "prioritised", needs_more_work: "parked", do_not_recommend: "rejected" } as const;

/**
 * For every demo network, the steering group's history through the services, as a secretariat
 * would make it: a meeting three weeks after each closed assessment round, with one item per need,
 * a decision on each (the best need of the second round approved as a project), approved minutes
 * and a new ranking; and an upcoming meeting with the open round's needs on its agenda.
 */
export async function seedDemoDecisions({ db, services }: AppContext): Promise<void> {
  const actor = systemActor("demo data");
  const { t } = i18nFor("nb");
  const today = osloToday();
  const random = rng(77);
  const seededFrom = new Date();
  const demoNetworks = await db.select().from(networks).where(eq(networks.isDemo, true)).orderBy(networks.id);
  for (const network of demoNetworks) {
    const [steering] = await db
      .select()
      .from(bodies)
      .where(and(eq(bodies.networkId, network.id), eq(bodies.kind, "steering_group")));
    if (!steering) continue;
    const rounds = (await services.assessment.roundsOf(network.id, actor)).reverse();
    for (const [r, { round }] of rounds.entries()) {
      const closed = round.deadline < today;
      const meetingDate = closed ? addDays(round.deadline, 21) : addDays(today, 30);
      const meeting = await services.meetings.create(actor, network.id, {
        title: `Styringsgruppemøte ${meetingDate}`,
        bodyId: steering.id,
        meetingDate,
        startTime: "10:00",
        place: "Kommunestyresalen",
        link: "https://meet.demo.samverk.example/styringsgruppe",
      });
      if (!meeting.ok) throw new Error(`demo meeting: ${JSON.stringify(meeting.errors)}`);
      const meetingId = meeting.value.id;
      const { results } = await services.assessment.results(round.id, actor);
      const ranked = [...results].sort((a, b) => (b.summary.total ?? 0) - (a.summary.total ?? 0));
      for (const [i, result] of ranked.entries()) {
        const item = await services.meetings.addItem(actor, meetingId, {
          title: `Behandling av behov: ${result.title}`,
          description: result.recommendation
            ? `Arbeidsutvalet tilrår: ${labelFor(t, "assessment.recommendation", result.recommendation.recommendation)}. ${result.recommendation.justification}\n\nVekta sum ${result.summary.total} av 100 (${result.summary.band}).`
            : "Arbeidsutvalet vurderer behovet i runden som går no.",
          needId: result.needId,
        });
        if (!item.ok) throw new Error(`demo item: ${JSON.stringify(item.errors)}`);
        if (!closed || !result.recommendation) continue;
        const approve = r === 1 && i === 0;
        const outcome = approve ? "approved_as_project" : OUTCOME_FOR[result.recommendation.recommendation];
        const decision = await services.meetings.decide(
          actor,
          meetingId,
          {
            agendaItemId: item.value,
            text: approve
              ? "Styringsgruppa vedtek å starte eit felles prosjekt. Sekretariatet får i oppdrag å lage prosjektplan."
              : outcome === "prioritised"
                ? "Behovet blir prioritert og teke med i porteføljen for neste år."
                : outcome === "parked"
                  ? "Behovet blir parkert til det er betre greidd ut."
                  : "Behovet blir ikkje følgt opp i nettverket no.",
            outcome,
            decidedOn: meetingDate,
          },
          t,
        );
        if (!decision.ok) throw new Error(`demo decision: ${JSON.stringify(decision.errors)}`);
        // The need's history shows the change on the day of the meeting, not the day the demo was made.
        await db
          .update(needEvents)
          .set({ createdAt: new Date(`${meetingDate}T12:00:00Z`) })
          .where(and(eq(needEvents.needId, result.needId), gte(needEvents.createdAt, seededFrom)));
        // A seed marks its own invented rows as demo data, the project the decision created included.
        if (decision.value.projectId)
          await db.update(projects).set({ isDemo: true }).where(eq(projects.id, decision.value.projectId));
      }
      if (closed) {
        await services.meetings.saveMinutes(actor, meetingId, {
          minutesNote: "Til stades: alle medlemmene i styringsgruppa. Sekretariatet førte protokollen.",
        });
        await services.meetings.approveMinutes(actor, meetingId);
        // Minutes are approved a week after the meeting, as the demo's history has it.
        await db
          .update(meetings)
          .set({ minutesApprovedAt: new Date(`${addDays(meetingDate, 7)}T12:00:00Z`) })
          .where(eq(meetings.id, meetingId));
        const candidates = await services.priorities.candidates(network.id, actor);
        // Each ranking shuffles the last a little: the new prioritised needs go in among the projects.
        const order = candidates
          .map((c) => ({ c, weight: (c.rank ?? candidates.length) + random() * 4 - (c.kind === "need" ? 2 : 0) }))
          .sort((a, b) => a.weight - b.weight)
          .map((x) => x.c);
        const places = { national: 0, local: 0 };
        const ranking = await services.priorities.rank(actor, network.id, {
          decidedOn: meetingDate,
          meetingId,
          note: "Vedteke av styringsgruppa etter tilrådinga frå arbeidsutvalet.",
          entries: order.map((c) => ({ key: c.key, track: c.track, rank: ++places[c.track] })),
        });
        if (!ranking.ok) throw new Error(`demo ranking: ${JSON.stringify(ranking.errors)}`);
      }
      await db.update(meetings).set({ isDemo: true }).where(eq(meetings.id, meetingId));
    }
    await db
      .update(priorityRankings)
      .set({ isDemo: true })
      .where(inArray(priorityRankings.networkId, [network.id]));
    const annualMeeting = await seedAnnualAdoptions(services, actor, network.id, steering.id, t);
    await db.update(meetings).set({ isDemo: true }).where(eq(meetings.id, annualMeeting));
  }
}

/** The agenda items whose decisions adopt the annual report and plan in the demo (the annual module looks them up by title). */
export const DEMO_ANNUAL_ITEMS = { report: "Årsrapport for 2025", plan: "Årsplan for 2026" } as const;

/** The steering group's meeting in February that adopted last year's annual report and this year's plan. */
async function seedAnnualAdoptions(
  services: AppContext["services"],
  actor: ReturnType<typeof systemActor>,
  networkId: number,
  steeringId: number,
  t: Parameters<AppContext["services"]["meetings"]["decide"]>[3],
): Promise<number> {
  const meetingDate = "2026-02-12";
  const meeting = await services.meetings.create(actor, networkId, {
    title: `Styringsgruppemøte ${meetingDate}`,
    bodyId: steeringId,
    meetingDate,
    startTime: "10:00",
    place: "Kommunestyresalen",
    link: "",
  });
  if (!meeting.ok) throw new Error(`demo meeting: ${JSON.stringify(meeting.errors)}`);
  for (const title of Object.values(DEMO_ANNUAL_ITEMS)) {
    const item = await services.meetings.addItem(actor, meeting.value.id, {
      title,
      description: "Sekretariatet legg fram utkastet. Arbeidsutvalet har gått gjennom det.",
    });
    if (!item.ok) throw new Error(`demo item: ${JSON.stringify(item.errors)}`);
    const decision = await services.meetings.decide(
      actor,
      meeting.value.id,
      {
        agendaItemId: item.value,
        text: `${title} blir vedteken slik sekretariatet la han fram.`,
        outcome: "other",
        decidedOn: meetingDate,
      },
      t,
    );
    if (!decision.ok) throw new Error(`demo decision: ${JSON.stringify(decision.errors)}`);
  }
  return meeting.value.id;
}
