import { asc, eq, inArray } from "drizzle-orm";
import { systemActor } from "../../platform/access/actor.ts";
import { type AuditEntry, recordAudit } from "../../platform/audit/audit.ts";
import { rng } from "../../platform/demo.ts";
import type { AppContext } from "../../platform/module.ts";
import { users } from "../../platform/schema.ts";
import { cooperationMembers, organisations, people } from "../directory/index.ts";
import {
  type BodyKind,
  type BodyRole,
  bodies,
  bodyMembers,
  memberships,
  networkAccess,
  networkContacts,
  networkCounties,
  networks,
  representations,
} from "./schema.ts";

/**
 * Four demo networks on real regions and real municipalities. Every person, every IT cooperation
 * and every network here is invented and marked as demo data, and the pages say so.
 */
interface DemoNetwork {
  slug: string;
  name: string;
  shortName: string;
  county: string;
  host: string;
  fromDate: string;
  description: string;
  includeCountyMunicipality: boolean;
  cooperations: { name: string; members: string[] }[];
  observers: string[];
  projectOnly: string[];
  subjectGroups: string[];
}

const DEMO: DemoNetwork[] = [
  {
    slug: "digi-more-og-romsdal",
    name: "Digi Møre og Romsdal",
    shortName: "Digi MR",
    county: "15",
    host: "1506",
    fromDate: "2019-01-01",
    description:
      "Demo: Samarbeid om digitalisering mellom kommunane i Møre og Romsdal og Møre og Romsdal fylkeskommune. Nettverket deler gode løysingar, køyrer felles prosjekt og førebur innføring av nasjonale løysingar.",
    includeCountyMunicipality: true,
    cooperations: [
      {
        name: "Demo IKT Nordmøre og Romsdal",
        members: ["1505", "1506", "1535", "1539", "1547", "1554", "1557", "1560", "1563", "1566", "1573", "1576", "1579"],
      },
      { name: "Demo Sunnmøre IKT-samarbeid", members: ["1511", "1514", "1515", "1516", "1517"] },
    ],
    observers: [],
    projectOnly: [],
    subjectGroups: ["Faggruppe helse og omsorg", "Faggruppe oppvekst", "Faggruppe informasjonssikkerheit"],
  },
  {
    slug: "digi-rogaland",
    name: "Digi Rogaland",
    shortName: "Digi Rogaland",
    county: "11",
    host: "1103",
    fromDate: "2018-06-01",
    description:
      "Demo: Kommunene i Rogaland samarbeider om digitalisering av tjenester, felles anskaffelser og innføring av nasjonale fellesløsninger.",
    includeCountyMunicipality: false,
    cooperations: [],
    observers: ["1144"],
    projectOnly: ["1135"],
    subjectGroups: ["Faggruppe helse og velferd", "Faggruppe plan, bygg og geodata", "Faggruppe arkiv"],
  },
  {
    slug: "digi-nordland",
    name: "Digi Nordland",
    shortName: "Digi Nordland",
    county: "18",
    host: "1804",
    fromDate: "2020-01-01",
    description:
      "Demo: Digitaliseringsnettverket for kommunene i Nordland. Små kommuner med lange avstander deler kompetanse, løsninger og ressurser.",
    includeCountyMunicipality: false,
    cooperations: [{ name: "Demo Salten IKT-samarbeid", members: ["1804", "1838", "1839", "1840", "1841", "1845", "1848"] }],
    observers: ["1856", "1857"],
    projectOnly: [],
    subjectGroups: ["Faggruppe helse og omsorg", "Faggruppe skole og barnehage"],
  },
  {
    slug: "digi-trondelag",
    name: "Digi Trøndelag",
    shortName: "Digi Trøndelag",
    county: "50",
    host: "5001",
    fromDate: "2019-09-01",
    description:
      "Demo: Alle kommunene i Trøndelag samarbeider om digitalisering gjennom felles prosjekter, kompetansenettverk og et felles veikart for nasjonale løsninger.",
    includeCountyMunicipality: false,
    cooperations: [{ name: "Demo Værnesregionen IT", members: ["5032", "5033", "5034", "5035", "5036"] }],
    observers: [],
    projectOnly: ["5043"],
    subjectGroups: ["Faggruppe helse og velferd", "Faggruppe informasjonssikkerhet", "Faggruppe arkiv og dokumentasjon"],
  },
];

const FIRST = [
  "Ingrid",
  "Ola",
  "Kari",
  "Lars",
  "Sigrid",
  "Magnus",
  "Astrid",
  "Jonas",
  "Marit",
  "Henrik",
  "Solveig",
  "Eirik",
  "Ragnhild",
  "Håkon",
  "Liv",
  "Anders",
  "Tone",
  "Bjørn",
  "Silje",
  "Odd",
];
const LAST = [
  "Berg",
  "Haugen",
  "Lie",
  "Dahl",
  "Strand",
  "Moen",
  "Solberg",
  "Vik",
  "Aas",
  "Nygård",
  "Brekke",
  "Lund",
  "Fjeld",
  "Myhre",
  "Sæther",
  "Holm",
];
const TITLES = [
  "Digitaliseringsleiar",
  "Kommunedirektør",
  "IKT-sjef",
  "Rådgjevar digitalisering",
  "Prosjektleiar",
  "Kommunalsjef",
];

/** A small deterministic generator, so demo data is the same on every installation. */
const BODY_TEMPLATES: { kind: BodyKind; name: string; mandate: string; size: number }[] = [
  {
    kind: "steering_group",
    name: "Styringsgruppe",
    mandate: "Tar strategiske avgjerder og prioriterer porteføljen av felles prosjekt kvart kvartal.",
    size: 6,
  },
  {
    kind: "working_committee",
    name: "Arbeidsutval",
    mandate: "Vurderer behov og forslag og tilrår kva prosjekt som skal startast.",
    size: 5,
  },
  { kind: "resource_group", name: "Ressursgruppe", mandate: "Fagpersonar som kommenterer utkast og vurderer prosjekt.", size: 4 },
  {
    kind: "secretariat",
    name: "Sekretariat",
    mandate: "Driv nettverket i det daglege: medlemmer, møte, portefølje og vegkart.",
    size: 2,
  },
];

export async function seedDemoNetworks({ db }: AppContext): Promise<void> {
  const actor = systemActor("demo data");
  await db.transaction(async (tx) => {
    const reference = await tx
      .select({ id: organisations.id, kind: organisations.kind, code: organisations.code, countyCode: organisations.countyCode })
      .from(organisations)
      .where(inArray(organisations.kind, ["municipality", "county_municipality"]));
    const municipality = new Map(reference.filter((o) => o.kind === "municipality").map((o) => [o.code!, o]));
    const audit: AuditEntry[] = [];
    const random = rng(2026);
    const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
    let personNo = 0;

    for (const demo of DEMO) {
      const [network] = await tx
        .insert(networks)
        .values({
          slug: demo.slug,
          name: demo.name,
          shortName: demo.shortName,
          description: demo.description,
          hostOrganisationId: municipality.get(demo.host)?.id ?? null,
          isDemo: true,
        })
        .returning();
      if (!network) throw new Error(`could not create ${demo.slug}`);
      await tx.insert(networkCounties).values({ networkId: network.id, countyCode: demo.county });

      const coopIds = new Map<string, number>();
      for (const coop of demo.cooperations) {
        const [org] = await tx
          .insert(organisations)
          .values({ kind: "it_cooperation", name: coop.name, nameNorwegian: coop.name, countyCode: demo.county, isDemo: true })
          .returning({ id: organisations.id });
        for (const code of coop.members) coopIds.set(code, org!.id);
        const memberRows = coop.members.map((code) => ({ cooperationId: org!.id, memberId: municipality.get(code)!.id }));
        await tx.insert(cooperationMembers).values(memberRows);
        audit.push({
          action: "create",
          entity: "organisation",
          entityId: org!.id,
          after: { name: coop.name, kind: "it_cooperation" },
        });
      }

      const inCounty = reference.filter(
        (o) =>
          o.countyCode === demo.county &&
          (o.kind === "municipality" || (demo.includeCountyMunicipality && o.kind === "county_municipality")),
      );
      const rows = inCounty.map((o) => ({
        networkId: network.id,
        organisationId: o.id,
        level: demo.observers.includes(o.code!)
          ? ("observer" as const)
          : demo.projectOnly.includes(o.code!)
            ? ("project_only" as const)
            : ("member" as const),
        fromDate: demo.fromDate,
        representedById: o.kind === "municipality" ? (coopIds.get(o.code!) ?? null) : null,
      }));
      const inserted = await tx.insert(memberships).values(rows).returning({ id: memberships.id });

      // People: each sits for a municipality of the region.
      const members = inCounty.filter((o) => o.kind === "municipality");
      const makePeople = async (n: number) => {
        const values = Array.from({ length: n }, () => {
          const first = pick(FIRST);
          const last = pick(LAST);
          personNo++;
          return {
            name: `${first} ${last}`,
            title: pick(TITLES),
            organisationId: pick(members).id,
            email: `${first}.${last}.${personNo}@demo.samverk.example`
              .toLowerCase()
              .replace(/[æøå]/g, (c) => ({ æ: "ae", ø: "o", å: "a" })[c]!),
            phone: `+47 400 ${String(10_000 + personNo).slice(-5, -3)} ${String(personNo).padStart(3, "0")}`,
            isDemo: true,
          };
        });
        return tx.insert(people).values(values).returning({ id: people.id, organisationId: people.organisationId });
      };

      const templates = [
        ...BODY_TEMPLATES,
        ...demo.subjectGroups.map((name) => ({
          kind: "subject_group" as const,
          name,
          mandate: "Deler erfaringar og kvalitetssikrar prosjekt innan fagområdet.",
          size: 5,
        })),
      ];
      let secretariat: { id: number }[] = [];
      for (const template of templates) {
        const [body] = await tx
          .insert(bodies)
          .values({ networkId: network.id, kind: template.kind, name: template.name, mandate: template.mandate })
          .returning({ id: bodies.id });
        const seated = await makePeople(template.size);
        if (template.kind === "secretariat") secretariat = seated;
        await tx.insert(bodyMembers).values(
          seated.map((p, i) => ({
            bodyId: body!.id,
            personId: p.id,
            organisationId: p.organisationId,
            role: (template.kind === "secretariat"
              ? i === 0
                ? "leader"
                : "secretary"
              : i === 0
                ? "leader"
                : i === 1
                  ? "deputy"
                  : "member") as BodyRole,
            fromDate: demo.fromDate,
          })),
        );
      }
      await tx
        .insert(networkContacts)
        .values(secretariat.map((p) => ({ networkId: network.id, personId: p.id, role: "sekretariat" })));
      // The secretariat's leader has an account (without a password, so nobody signs in with it) to
      // show the people and access page with someone on it.
      const [leader] = await tx
        .select({ id: people.id, name: people.name })
        .from(people)
        .where(eq(people.id, secretariat[0]!.id));
      const [account] = await tx
        .insert(users)
        .values({ email: `sekretariat@${demo.slug}.demo.samverk.example`, name: leader!.name })
        .returning({ id: users.id });
      await tx.insert(networkAccess).values({ networkId: network.id, userId: account!.id, role: "secretariat" });
      // Linked as its secretariat links: the seats count in this network only (decision 0018).
      await tx.update(people).set({ userId: account!.id, userNetworkId: network.id }).where(eq(people.id, leader!.id));
      audit.push({
        action: "create",
        entity: "network",
        entityId: network.id,
        after: { slug: demo.slug, memberships: inserted.length },
      });
    }
    // The demo administrator works in Digi Rogaland's secretariat and acts for its first member, so the
    // front page shows what waits for such a person (decision 0036).
    const [admin] = await tx.select({ id: users.id }).from(users).where(eq(users.email, "demo@samverk.example"));
    const [member] = await tx
      .select({ networkId: memberships.networkId, organisationId: memberships.organisationId })
      .from(memberships)
      .innerJoin(networks, eq(networks.id, memberships.networkId))
      .where(eq(networks.slug, "digi-rogaland"))
      .orderBy(asc(memberships.organisationId))
      .limit(1);
    if (admin && member) {
      await tx.insert(networkAccess).values({ networkId: member.networkId, userId: admin.id, role: "secretariat" });
      await tx.insert(representations).values({ ...member, userId: admin.id });
    }
    await recordAudit(tx, actor, audit);
  });
}

export async function hasNetworks({ db }: AppContext): Promise<boolean> {
  const rows = await db.select({ id: networks.id }).from(networks).where(eq(networks.isDemo, true)).limit(1);
  return rows.length > 0;
}
