import { eq, inArray } from "drizzle-orm";
import { systemActor } from "../../platform/access/actor.ts";
import type { AppContext } from "../../platform/module.ts";
import { mailOutbox } from "../../platform/schema.ts";
import { networks } from "../networks/index.ts";
import { subjectNetworks } from "../subjects/index.ts";
import { newsItems, newsletterSubscribers } from "./schema.ts";

const demoActor = systemActor("demo data");

/** Each demo subject network's news, and each network's demo news: published and public, one kept to members, one draft, and a newsletter sent to two subscribers. */
const NEWS = [
  {
    title: "Felles innføring av digital postkasse er i gang",
    intro: "Kommunene i nettverket går sammen om å ta i bruk digital postkasse til innbyggere i løpet av våren.",
    body: "# Hva skjer nå\n\nArbeidsgruppa har laget en felles plan med milepæler for hver kommune.\n\n- Kartlegging av dagens løsninger\n- Felles anskaffelse\n- Opplæring av saksbehandlere\n\nLes mer på [veikartet](/roadmap).",
    visibility: "public" as const,
    publish: true,
  },
  {
    title: "Ny sikkerhetsrutine for felles systemer",
    intro: "Styringsgruppa har vedtatt en ny rutine for tilgangsstyring i felles systemer.",
    body: "Rutinen gjelder fra neste måned. Kontaktpersonene i kommunene får opplæring på nettverkssamlingen.",
    visibility: "network" as const,
    publish: true,
  },
  {
    title: "Invitasjon til erfaringsdeling om KI i saksbehandling",
    intro: "Vi samler kommunene som har prøvd ut KI-verktøy, for å dele erfaringer.",
    body: "Utkast: dato og sted kommer.",
    visibility: "public" as const,
    publish: false,
  },
];

/** A subject network's demo news, written by its coordinators. */
const SUBJECT_NEWS = {
  title: "Erfaringer fra første halvår er samlet",
  intro: "Medlemmene har delt erfaringer fra utprøvingene, og vi har samlet de viktigste rådene.",
  body: "# Det viktigste vi lærte\n\n- Start med en liten gruppe brukere\n- Avklar personvernet tidlig\n- Del malene med hverandre\n\nSkriv gjerne flere erfaringer i fagnettverket.",
  visibility: "public" as const,
};

export async function seedDemoNews({ db, services }: AppContext): Promise<void> {
  const { news } = services;
  for (const subject of await db
    .select({ id: subjectNetworks.id })
    .from(subjectNetworks)
    .where(eq(subjectNetworks.isDemo, true))) {
    const created = await news.create(demoActor, { subjectNetworkId: subject.id }, { ...SUBJECT_NEWS, related: "" }, 1024 * 1024);
    if (!created.ok) throw new Error(`demo subject news: ${JSON.stringify(created.errors)}`);
    await db.update(newsItems).set({ isDemo: true }).where(eq(newsItems.id, created.value.id));
    await news.publish(demoActor, created.value);
  }
  for (const network of await db.select({ id: networks.id, slug: networks.slug, name: networks.name }).from(networks)) {
    const published: number[] = [];
    for (const n of NEWS) {
      const created = await news.create(demoActor, { networkId: network.id }, { ...n, related: "" }, 1024 * 1024);
      if (!created.ok) throw new Error(`demo news: ${JSON.stringify(created.errors)}`);
      await db.update(newsItems).set({ isDemo: true }).where(eq(newsItems.id, created.value.id));
      if (n.publish) await news.publish(demoActor, created.value);
      if (n.publish && n.visibility === "public") published.push(created.value.id);
    }
    const addresses = [`nyhetsbrev@${network.slug}.example`, `les.meir@${network.slug}.example`];
    for (const email of addresses) await news.subscribe(null, email, network, { email }, { locale: "nb", ipKey: "demo data" });
    await db.update(newsletterSubscribers).set({ isDemo: true }).where(eq(newsletterSubscribers.networkId, network.id));
    const letter = await news.sendNewsletter(demoActor, network, {
      subject: `Nyhetsbrev fra ${network.name}`,
      intro: "Her er det siste fra nettverket.",
      itemIds: published.map(String),
    });
    if (!letter.ok) throw new Error(`demo newsletter: ${JSON.stringify(letter.errors)}`);
    // Demo data sends nothing: the letter is recorded as sent, its mails to made-up addresses dropped.
    await db.delete(mailOutbox).where(inArray(mailOutbox.to, addresses));
  }
}
