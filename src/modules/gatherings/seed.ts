import { randomBytes } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { systemActor } from "../../platform/access/actor.ts";
import { hashToken } from "../../platform/auth/tokens.ts";
import { osloParts } from "../../platform/i18n/i18n.ts";
import type { AppContext } from "../../platform/module.ts";
import { networks } from "../networks/index.ts";
import { gatheringRegistrations, gatherings } from "./schema.ts";

const DAY = 24 * 3600_000;

/** Invented people who register, from the member municipalities. */
const PEOPLE = ["Kari Nordmann", "Ola Hansen", "Ingrid Berg", "Per Olsen", "Sigrid Lie", "Nils Dahl", "Marit Moen", "Jon Bakke"];

/**
 * Demo gatherings for each demo network: a network gathering three weeks ahead with a programme, a
 * capacity that is nearly full and a waiting list; a webinar for the network's own people; and a
 * past seminar with its report and attendance marked. Registrations are invented and marked as demo.
 */
export async function seedDemoGatherings({ db, services }: AppContext): Promise<void> {
  const actor = systemActor("demo data");
  const demoNetworks = await db
    .select({ id: networks.id, name: networks.shortName })
    .from(networks)
    .where(eq(networks.isDemo, true))
    .orderBy(asc(networks.id));
  for (const network of demoNetworks) {
    const members = (await services.access.memberOrganisations(network.id)).slice(0, PEOPLE.length);
    const at = (days: number, time: string) => ({ ...osloParts(new Date(Date.now() + days * DAY)), time });
    const start = at(21, "09:30");
    const plan = [
      {
        kind: "conference",
        title: `Nettverkssamling i ${network.name}`,
        description:
          "Årets samling for kommunedirektørar, digitaliseringsleiarar og faggruppene: status i prosjekta, erfaringsdeling og det som kjem nasjonalt.",
        audience: "everyone",
        place: "Kommunehuset, store sal",
        videoUrl: "",
        startsDate: start.date,
        startsTime: "09:30",
        endsDate: start.date,
        endsTime: "15:30",
        capacity: "6",
        personalDataDays: "90",
        sessions: [
          ["09:30", "Velkommen og status i nettverket", "Leiar i styringsgruppa", "Store sal"],
          ["10:15", "Erfaringar frå felles innføring av velferdsteknologi", "Prosjektleiar", "Store sal"],
          ["12:30", "Nasjonale løysingar som kjem: kva må vi gjere no?", "Sekretariatet", "Store sal"],
          ["14:00", "Gruppearbeid i faggruppene", "", "Grupperom"],
        ],
        registrations: 7,
      },
      {
        kind: "webinar",
        title: "Informasjonsmøte om digital postkasse",
        description:
          "Eit kort webinar for kommunane i nettverket om kva som må på plass før digital postkasse blir obligatorisk.",
        audience: "members",
        place: "",
        videoUrl: "https://video.example.invalid/samverk-demo",
        startsDate: at(9, "13:00").date,
        startsTime: "13:00",
        endsDate: at(9, "14:00").date,
        endsTime: "14:00",
        capacity: "",
        personalDataDays: "30",
        sessions: [],
        registrations: 3,
      },
      {
        kind: "seminar",
        title: "Seminar om informasjonstryggleik",
        description: "Korleis små kommunar utan eiga IT-avdeling kan arbeide systematisk med informasjonstryggleik.",
        audience: "everyone",
        place: "Rådhuset, møterom 2",
        videoUrl: "",
        startsDate: at(-40, "10:00").date,
        startsTime: "10:00",
        endsDate: at(-40, "14:00").date,
        endsTime: "14:00",
        capacity: "30",
        personalDataDays: "90",
        report: "Tolv kommunar deltok. Vi blei samde om å lage ein felles mal for risikovurderingar, som faggruppa tek vidare.",
        sessions: [],
        registrations: 5,
      },
    ] as const;
    for (const [n, g] of plan.entries()) {
      const created = await services.gatherings.create(actor, network.id, g);
      if (!created.ok) throw new Error(`demo gathering: ${JSON.stringify(created.errors)}`);
      const gathering = created.value;
      await db.update(gatherings).set({ isDemo: true }).where(eq(gatherings.id, gathering.id));
      const isPast = gathering.startsAt <= new Date();
      // A past seminar left a recording behind.
      if (isPast)
        await services.gatherings.addLink(actor, gathering, {
          title: "Opptak av seminaret",
          url: "https://video.example.invalid/opptak",
        });
      for (const [time, title, speakers, room] of g.sessions)
        await services.gatherings.addSession(actor, gathering, { date: g.startsDate, time, title, speakers, room });
      const capacity = gathering.capacity ?? Number.MAX_SAFE_INTEGER;
      for (let i = 0; i < g.registrations; i++) {
        const organisation = members[(i + n) % Math.max(1, members.length)];
        const name = PEOPLE[(i + n) % PEOPLE.length]!;
        await db.insert(gatheringRegistrations).values({
          gatheringId: gathering.id,
          status: i < capacity ? "confirmed" : "waiting",
          name,
          organisationId: organisation?.id ?? null,
          organisationName: organisation ? null : "Demo",
          email: `${name.toLowerCase().replace(/\s+/g, ".")}.${gathering.id}@demo.example`,
          receiptHash: hashToken(randomBytes(24).toString("base64url")),
          attended: isPast ? i % 4 !== 3 : null,
          isDemo: true,
        });
      }
    }
  }
  // Two demo networks hold the first one's conference together: invited, and accepted.
  const [first, second] = demoNetworks;
  if (first && second) {
    const [conference] = await db
      .select({ id: gatherings.id })
      .from(gatherings)
      .where(and(eq(gatherings.networkId, first.id), eq(gatherings.kind, "conference"), eq(gatherings.isDemo, true)))
      .limit(1);
    if (conference) {
      await db
        .update(gatherings)
        .set({ invitedNetworkIds: [second.id] })
        .where(eq(gatherings.id, conference.id));
      await services.gatherings.acceptHosting(actor, conference.id, second.id);
    }
  }

  // Each demo subject network meets too: a workshop for its own people, held by its first owner.
  const at = (days: number) => osloParts(new Date(Date.now() + days * DAY)).date;
  for (const { subject, owners } of await services.subjects.list()) {
    const holder = owners[0];
    if (!subject.isDemo || !holder) continue;
    const created = await services.gatherings.create(actor, holder.id, {
      kind: "workshop",
      title: `Fagnettverkssamling: ${subject.name}`,
      description:
        "Arbeidsmøte for deltakarane i fagnettverket: erfaringsdeling, spørsmål frå prosjekta og planen for neste halvår.",
      audience: "subject_network",
      subjectNetworkId: String(subject.id),
      place: "Digitalt og i kommunehuset",
      videoUrl: "https://video.example.invalid/fagnettverk",
      startsDate: at(30),
      startsTime: "10:00",
      endsDate: at(30),
      endsTime: "13:00",
      capacity: "40",
      personalDataDays: "90",
    });
    if (!created.ok) throw new Error(`demo gathering: ${JSON.stringify(created.errors)}`);
    await db.update(gatherings).set({ isDemo: true }).where(eq(gatherings.id, created.value.id));
  }
}
