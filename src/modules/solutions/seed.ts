import { and, eq, inArray, isNull } from "drizzle-orm";
import { systemActor } from "../../platform/access/actor.ts";
import { recordAudit } from "../../platform/audit/audit.ts";
import { rng } from "../../platform/demo.ts";
import { addDays } from "../../platform/i18n/i18n.ts";
import type { AppContext } from "../../platform/module.ts";
import { memberships, networks } from "../networks/index.ts";
import { projects } from "../projects/index.ts";
import { type Maturity, type SolutionOrigin, solutionProjects, solutions, solutionUsers } from "./schema.ts";

/**
 * A catalogue of reusable solutions of the kinds municipalities share, each offered by a demo
 * network's member and used by others. Vendors are invented; everything is marked as demo data.
 */
const CATALOGUE: {
  name: string;
  summary: string;
  vendor: string;
  origin: SolutionOrigin;
  category: string;
  licence: string;
  maturity: Maturity;
  /** A word in the title of the demo projects that introduced it. */
  introducedBy?: string;
}[] = [
  {
    name: "Innbyggerchat",
    summary: "Chatbot for servicetorget som svarer på vanlige spørsmål.",
    vendor: "Demo Dialog AS",
    origin: "product",
    category: "Innbyggerdialog",
    licence: "proprietary",
    maturity: "stable",
    introducedBy: "chatbot",
  },
  {
    name: "Tilsynsportalen",
    summary: "Digitalt nattilsyn med sensorer og samtykke.",
    vendor: "Demo Velferd AS",
    origin: "product",
    category: "Velferdsteknologi",
    licence: "proprietary",
    maturity: "stable",
    introducedBy: "tilsyn",
  },
  {
    name: "Felles ISMS-mal",
    summary: "Maler og rutiner for styringssystem for informasjonssikkerhet.",
    vendor: "",
    origin: "in_house",
    category: "Informasjonssikkerhet",
    licence: "CC-BY-4.0",
    maturity: "stable",
    introducedBy: "styringssystem",
  },
  {
    name: "Fakturarobot",
    summary: "Programvarerobot som kontrollerer og konterer inngående faktura.",
    vendor: "Demo Automasjon AS",
    origin: "service",
    category: "Økonomi",
    licence: "proprietary",
    maturity: "beta",
    introducedBy: "Robotisering",
  },
  {
    name: "Vannmåler-API",
    summary: "Åpen integrasjon mellom fjernavleste vannmålere og fagsystemet.",
    vendor: "",
    origin: "open_source",
    category: "Vann og avløp",
    licence: "MIT",
    maturity: "development",
    introducedBy: "vannmålere",
  },
  {
    name: "Meråpent-styring",
    summary: "Adgangskontroll og kameraløsning for meråpne bibliotek.",
    vendor: "Demo Bibliotekdrift AS",
    origin: "product",
    category: "Kultur",
    licence: "proprietary",
    maturity: "stable",
    introducedBy: "Meråpne",
  },
  {
    name: "Skjemaløsning for byggesak",
    summary: "Digitale skjema koblet til Fellestjenester BYGG.",
    vendor: "Demo Plan AS",
    origin: "product",
    category: "Byggesak",
    licence: "proprietary",
    maturity: "stable",
    introducedBy: "byggesak",
  },
  {
    name: "Personvernmal for skolen",
    summary: "Mal for vurdering av personvern og databehandleravtaler i skolen.",
    vendor: "",
    origin: "in_house",
    category: "Skole",
    licence: "CC-BY-4.0",
    maturity: "stable",
    introducedBy: "Læringsplattform",
  },
  {
    name: "Kompetanseportal",
    summary: "E-læringskurs i digital kompetanse for kommuneansatte.",
    vendor: "",
    origin: "open_source",
    category: "Kompetanse",
    licence: "EUPL-1.2",
    maturity: "beta",
    introducedBy: "kompetanse",
  },
  {
    name: "Arkivplan.no-oppsett",
    summary: "Felles oppsett av arkivplan for kommunene.",
    vendor: "",
    origin: "service",
    category: "Arkiv",
    licence: "",
    maturity: "stable",
    introducedBy: "Noark",
  },
  {
    name: "Møtebook",
    summary: "Digital møtebok for politiske møter og utvalg.",
    vendor: "Demo Politikk AS",
    origin: "product",
    category: "Politisk saksbehandling",
    licence: "proprietary",
    maturity: "stable",
  },
  {
    name: "Kartinnsyn",
    summary: "Innsyn i plan- og temakart for innbyggere.",
    vendor: "",
    origin: "open_source",
    category: "Geodata",
    licence: "GPL-3.0-or-later",
    maturity: "stable",
  },
  {
    name: "Digital timebestilling",
    summary: "Innbyggerne bestiller time hos helsestasjon og legevakt på nett.",
    vendor: "Demo Helseteknikk AS",
    origin: "product",
    category: "Helse",
    licence: "proprietary",
    maturity: "stable",
  },
  {
    name: "Medisineringsstøtte",
    summary: "Digital medisindispenser med varsel til hjemmetjenesten.",
    vendor: "Demo Velferd AS",
    origin: "product",
    category: "Velferdsteknologi",
    licence: "proprietary",
    maturity: "stable",
  },
  {
    name: "Elektronisk meldingsbok i barnehagen",
    summary: "Meldinger, fravær og bilder mellom barnehage og foreldre.",
    vendor: "Demo Oppvekst AS",
    origin: "product",
    category: "Barnehage",
    licence: "proprietary",
    maturity: "stable",
  },
  {
    name: "Felles vikarportal",
    summary: "Oversikt over ledige vikarer på tvers av kommunene.",
    vendor: "",
    origin: "in_house",
    category: "Personal",
    licence: "",
    maturity: "beta",
  },
  {
    name: "Innbyggerpanel-verktøy",
    summary: "Spørreundersøkelser til et fast panel av innbyggere.",
    vendor: "Demo Dialog AS",
    origin: "service",
    category: "Innbyggerdialog",
    licence: "proprietary",
    maturity: "stable",
  },
  {
    name: "Risikoregister for informasjonssikkerhet",
    summary: "Regneark og rutine for risikovurderinger, delt mellom kommunene.",
    vendor: "",
    origin: "in_house",
    category: "Informasjonssikkerhet",
    licence: "CC-BY-4.0",
    maturity: "stable",
  },
  {
    name: "Sensorplattform for bygg",
    summary: "Måling av inneklima og energi i kommunale bygg.",
    vendor: "",
    origin: "open_source",
    category: "Eiendom",
    licence: "Apache-2.0",
    maturity: "development",
  },
  {
    name: "Søknadsveileder for startlån",
    summary: "Veiviser som hjelper innbyggere gjennom søknad om startlån.",
    vendor: "",
    origin: "in_house",
    category: "Bolig",
    licence: "MIT",
    maturity: "beta",
  },
  {
    name: "Lokal skjemaplattform",
    summary: "Bygg egne digitale skjema og send dem rett til sak og arkiv.",
    vendor: "Demo Skjema AS",
    origin: "product",
    category: "Skjema",
    licence: "proprietary",
    maturity: "stable",
  },
  {
    name: "Oppmelding til kulturskolen",
    summary: "Søknad om plass og venteliste for kulturskolen.",
    vendor: "Demo Kultur AS",
    origin: "product",
    category: "Kultur",
    licence: "proprietary",
    maturity: "stable",
  },
  {
    name: "Tilgangsstyring for små kommuner",
    summary: "Felles oppsett for brukere og tilganger med ID-porten og Entra ID.",
    vendor: "",
    origin: "service",
    category: "Infrastruktur",
    licence: "",
    maturity: "beta",
  },
  {
    name: "Gammel sak/arkiv-modul",
    summary: "Den forrige sak- og arkivløsningen, som fases ut.",
    vendor: "Demo Arkiv AS",
    origin: "product",
    category: "Arkiv",
    licence: "proprietary",
    maturity: "obsolete",
  },
];

export async function seedDemoSolutions({ db }: AppContext): Promise<void> {
  const random = rng(11);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const demoNetworks = await db.select({ id: networks.id }).from(networks).where(eq(networks.isDemo, true));
  const members = await db
    .select({ id: memberships.organisationId })
    .from(memberships)
    .where(
      and(
        inArray(
          memberships.networkId,
          demoNetworks.map((n) => n.id),
        ),
        eq(memberships.level, "member"),
        isNull(memberships.toDate),
      ),
    );
  const demoProjects = await db
    .select({ id: projects.id, title: projects.title })
    .from(projects)
    .where(eq(projects.isDemo, true));
  if (members.length === 0) return;
  await db.transaction(async (tx) => {
    for (const entry of CATALOGUE) {
      const { introducedBy, ...values } = entry;
      const [solution] = await tx
        .insert(solutions)
        .values({
          ...values,
          description: `Demo: ${entry.summary} Løsningen er oppfunnen for å vise katalogen.`,
          ownerOrganisationId: pick(members).id,
          url:
            entry.origin === "open_source"
              ? `https://git.demo.samverk.example/${entry.name.toLowerCase().replace(/[^a-z]+/g, "-")}`
              : "",
          maintenanceType: entry.origin === "open_source" ? "community" : "contract",
          isDemo: true,
        })
        .returning({ id: solutions.id });
      const users = new Set<number>();
      for (let k = 0; k < 3 + Math.floor(random() * 12); k++) users.add(pick(members).id);
      await tx.insert(solutionUsers).values(
        [...users].map((organisationId) => ({
          solutionId: solution!.id,
          organisationId,
          since: addDays("2021-01-01", Math.floor(random() * 1800)),
        })),
      );
      const introducing = introducedBy ? demoProjects.filter((p) => p.title.includes(introducedBy)) : [];
      if (introducing.length)
        await tx.insert(solutionProjects).values(introducing.map((p) => ({ solutionId: solution!.id, projectId: p.id })));
    }
    await recordAudit(tx, systemActor("demo data"), {
      action: "create",
      entity: "solution",
      entityId: "demo",
      after: { solutions: CATALOGUE.length },
    });
  });
}
