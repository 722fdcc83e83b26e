import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { PASSWORD, testAccount } from "../../../test/support/accounts.ts";
import { createTestApp, Session, type TestApp } from "../../../test/support/app.ts";
import { marker } from "../../../test/support/search.ts";
import { searchWordPairs } from "../../platform/schema.ts";
import { PER_PAGE, READ_PER_SOURCE, SCORED_PER_SOURCE } from "../../platform/search/engine.ts";
import { organisations } from "../directory/index.ts";
import { needs } from "../needs/index.ts";
import { bodies, networks } from "../networks/index.ts";
import { projects } from "../projects/index.ts";

/**
 * The site search, tried as a reader would: both written standards, inflections, compounds, typos,
 * filters in the URL, the same in the API, and nothing found that the reader may not see. The query
 * table at the end measures recall and precision over a corpus planted in a network of its own.
 */
let t: TestApp;
let network: { id: number; slug: string };
let other: { id: number; slug: string };
const ids: Record<string, { kind: string; id: number }> = {};

type Row = {
  key: string;
  kind: "project" | "need";
  title: string;
  summary: string;
  body?: string;
  visibility?: "public" | "network" | "body";
};
/** The corpus: written as the networks write, half bokmål, half nynorsk. */
const CORPUS: Row[] = [
  {
    key: "P1",
    kind: "project",
    title: "Digitalt tilsyn i hjemmetjenesten",
    summary: "Sensorer varsler nattevakten",
    body: "Kommunen prøver ut velferdsteknologi i heimetenesta.",
  },
  { key: "P2", kind: "project", title: "Felles tjenestekatalog", summary: "En oversikt over alle tjenester kommunene tilbyr" },
  {
    key: "P3",
    kind: "project",
    title: "Tenestedesign for innbyggjarane",
    summary: "Innbyggjarane er med frå start",
    body: "Vi nyttar tenestedesign i kvar verksemd.",
  },
  {
    key: "P4",
    kind: "project",
    title: "Informasjonssikkerhet i skolen",
    summary: "Felles løsning for tilgangsstyring",
    body: "Skolene får en sikker pålogging med Feide.",
  },
  {
    key: "P5",
    kind: "project",
    title: "Felles løysing for arkiv",
    summary: "Ei løysing for heile regionen",
    body: "Arkivet skal vere tilgjengeleg for alle tilsette.",
  },
  {
    key: "P6",
    kind: "project",
    title: "Digitalisering av byggesak",
    summary: "Søknader om byggetillatelse digitalt",
    body: "Saksbehandlingen går raskere.",
  },
  { key: "P7", kind: "project", title: "Digitalisering i barnehagen", summary: "Barnehagane får nye verktøy" },
  {
    key: "P8",
    kind: "project",
    title: "Chatbot for innbyggere",
    summary: "Svarer på spørsmål døgnet rundt",
    body: "Innbyggerne får svar på nettstedet.",
  },
  { key: "P9", kind: "project", title: "Lukket pilot for hjemmetjenesten", summary: "Kodeord fjelltrost", visibility: "network" },
  { key: "P10", kind: "project", title: "Sjukeheimen får nytt pasientvarsel", summary: "Varslinga går til vaktrommet" },
  // For the ranking: the word itself in the title, an inflection in it, the word in the summary, a compound in the title, the word in the body.
  { key: "K1", kind: "project", title: "Kartverk i skyen", summary: "Nye kart" },
  { key: "K2", kind: "project", title: "Kartverket i skyen", summary: "Nye kart" },
  { key: "K3", kind: "project", title: "Nytt oppslag", summary: "Bruker kartverk i skyen" },
  { key: "K4", kind: "project", title: "Sjøkartverket i skyen", summary: "Nye kart" },
  { key: "K5", kind: "project", title: "Nye kart", summary: "I skyen", body: "Data fra kartverk." },
  {
    key: "N1",
    kind: "need",
    title: "Velferdsteknologi: digitale medisindispensere",
    summary: "Hjemmeboende eldre glemmer medisiner",
  },
  {
    key: "N2",
    kind: "need",
    title: "Betre oversikt over bustader",
    summary: "Kommunen manglar oversikt over kommunale bustader",
  },
  { key: "N3", kind: "need", title: "For få ansatte i helsetjenesten", summary: "Vi trenger automatisering av rutinearbeid" },
  { key: "N4", kind: "need", title: "Arbeidsflyt for verksemdene", summary: "Verksemdene treng felles arbeidsflyt" },
  {
    key: "N5",
    kind: "need",
    title: "Vurdering av leverandør fjelltrost",
    summary: "Konfidensielt for styringsgruppa",
    visibility: "body",
  },
  { key: "N6", kind: "need", title: "Sykehjem trenger bedre nettverk", summary: "Trådløst nett på alle avdelinger" },
];

/** Each query and the records it must find; a record of the corpus not named is one it should not find. */
const QUERIES: [string, string[]][] = [
  // Both written standards
  ["tjeneste", ["P1", "P2", "P3", "N3"]],
  ["teneste", ["P1", "P2", "P3", "N3"]],
  ["tenesta", ["P1", "P2", "P3", "N3"]],
  ["tjenestene", ["P1", "P2", "P3", "N3"]],
  ["løsning", ["P4", "P5"]],
  ["løysing", ["P4", "P5"]],
  ["løysinga", ["P4", "P5"]],
  ["løsningen", ["P4", "P5"]],
  ["verksemd", ["P3", "N4"]],
  ["virksomhet", ["P3", "N4"]],
  ["virksomhetene", ["P3", "N4"]],
  ["innbygger", ["P3", "P8"]],
  ["innbyggjar", ["P3", "P8"]],
  ["innbyggerne", ["P3", "P8"]],
  ["sikkerhet", ["P4"]],
  ["tryggleik", ["P4"]],
  ["bolig", ["N2"]],
  ["boliger", ["N2"]],
  ["bustad", ["N2"]],
  ["ansatt", ["N3", "P5"]],
  ["tilsett", ["N3", "P5"]],
  ["skole", ["P4"]],
  ["skule", ["P4"]],
  ["sykehjem", ["P10", "N6"]],
  ["sjukeheim", ["P10", "N6"]],
  ["tjenestedesign", ["P3"]],
  ["heimeteneste", ["P1"]],
  ["hjemmetjeneste", ["P1"]],
  // Inflections
  ["barnehage", ["P7"]],
  ["barnehagene", ["P7"]],
  ["byggesaker", ["P6"]],
  ["arkivet", ["P5"]],
  ["arkiva", ["P5"]],
  ["sensor", ["P1"]],
  ["medisin", ["N1"]],
  ["kommunane", ["P1", "P2", "N2"]],
  ["digitaliseringa", ["P6", "P7"]],
  ["søknad", ["P6"]],
  ["varsel", ["P10"]],
  // Compounds: a word finds the compounds that start or end with it
  ["velferd", ["N1", "P1"]],
  ["teknologi", ["N1", "P1"]],
  ["katalog", ["P2"]],
  ["sikker", ["P4"]],
  ["saksbehandling", ["P6"]],
  ["styring", ["P4"]],
  ["flyt", ["N4"]],
  ["dispenser", ["N1"]],
  ["pasient", ["P10"]],
  ["nettverk", ["N6"]],
  // Spelling neighbours
  ["digitalsering", ["P6", "P7"]],
  ["chatbott", ["P8"]],
  ["velferdsteknolgi", ["N1", "P1"]],
  ["barnehgen", ["P7"]],
  ["byggessak", ["P6"]],
  ["informasjonsikkerhet", ["P4"]],
  // Several words: every word must be found
  ["digitalisering barnehage", ["P7"]],
  ["felles løysing arkiv", ["P5"]],
  ["tilsyn heimetenesta", ["P1"]],
  ["oversikt bustader kommunale", ["N2"]],
  ["chatbot innbyggjarar", ["P8"]],
  // Not inside another word: a part stands at a compound's start or end, a short word on its own
  ["ikke", []],
  ["a", []],
  // Restricted: never found by a reader outside the network or the body
  ["fjelltrost", []],
  ["lukket pilot", []],
  ["leverandør", []],
];

async function plant(row: Row, networkId: number, bodyId: number, organisationId: number) {
  const visibility = row.visibility ?? "public";
  if (row.kind === "project") {
    const [p] = await t.database.db
      .insert(projects)
      .values({
        networkId,
        title: row.title,
        summary: row.summary,
        description: row.body ?? "",
        kind: "regional",
        sector: "health_care",
        visibility,
        bodyId: visibility === "body" ? bodyId : null,
      })
      .returning({ id: projects.id });
    return p!.id;
  }
  const [n] = await t.database.db
    .insert(needs)
    .values({
      networkId,
      organisationId,
      title: row.title,
      problem: row.summary,
      affected: row.body ?? "",
      createdByLabel: "test",
      visibility,
      bodyId: visibility === "body" ? bodyId : null,
    })
    .returning({ id: needs.id });
  return n!.id;
}

before(async () => {
  t = await createTestApp();
  const [n] = await t.database.db.insert(networks).values({ slug: "sok-test", name: "Søkenettet", shortName: "Søk" }).returning();
  const [o] = await t.database.db
    .insert(networks)
    .values({ slug: "sok-andre", name: "Det andre nettet", shortName: "Andre" })
    .returning();
  network = n!;
  other = o!;
  const [body] = await t.database.db
    .insert(bodies)
    .values({ networkId: network.id, kind: "steering_group", name: "Styringsgruppa" })
    .returning();
  const [organisation] = await t.database.db.select({ id: organisations.id }).from(organisations).limit(1);
  for (const row of CORPUS) ids[row.key] = { kind: row.kind, id: await plant(row, network.id, body!.id, organisation!.id) };
  await testAccount(t.app, t.database.db, "member@sok.example", { networkId: network.id, role: "member" });
  await testAccount(t.app, t.database.db, "outsider@sok.example", { networkId: other.id, role: "secretariat" });
});
after(() => t?.close());

interface ApiHit {
  kind: string;
  id: number;
  title: string;
  href: string;
  network: { slug: string; name: string } | null;
  date: string | null;
  excerpt: string;
  excerptMarks: [number, number][];
  titleMarks: [number, number][];
}
interface ApiResult {
  query: string;
  total: number;
  atLeast: boolean;
  didYouMean: string | null;
  groups: { kind: string; total: number; atLeast: boolean; hits: ApiHit[] }[];
}

const search = async (params: string, session?: Session) => {
  const url = `/api/v1/search?${params}`;
  const res = session ? await session.get(url) : await t.app.inject({ url });
  assert.equal(res.statusCode, 200, res.body);
  return JSON.parse(res.body) as ApiResult;
};

/** The corpus's records a query finds in the test network, by key, the best first within each kind. */
async function foundKeys(q: string, session?: Session): Promise<string[]> {
  const keyOf = new Map(Object.entries(ids).map(([key, r]) => [`${r.kind}:${r.id}`, key]));
  const found: string[] = [];
  for (const kind of ["project", "need"]) {
    const result = await search(`q=${encodeURIComponent(q)}&network=${network.slug}&kind=${kind}`, session);
    for (const g of result.groups)
      for (const h of g.hits) {
        const key = keyOf.get(`${h.kind}:${h.id}`);
        if (key) found.push(key);
      }
  }
  return found;
}

test("the query table: recall and precision over both standards, inflections, compounds and typos", async () => {
  assert.ok(QUERIES.length >= 60, "at least 60 queries");
  let expected = 0;
  let expectedFound = 0;
  let foundAll = 0;
  const misses: string[] = [];
  const lines: string[] = [];
  for (const [q, want] of QUERIES) {
    const found = await foundKeys(q);
    const hit = want.filter((k) => found.includes(k));
    expected += want.length;
    expectedFound += hit.length;
    foundAll += found.length;
    if (hit.length < want.length) misses.push(`${q}: missed ${want.filter((k) => !found.includes(k)).join(", ")}`);
    const extra = found.filter((k) => !want.includes(k));
    lines.push(`${q.padEnd(30)} ${hit.length}/${want.length}${extra.length ? `  also ${extra.join(", ")}` : ""}`);
  }
  const recall = expectedFound / expected;
  const precision = foundAll ? expectedFound / foundAll : 1;
  console.log(`${lines.join("\n")}\nqueries ${QUERIES.length}, recall ${recall.toFixed(3)}, precision ${precision.toFixed(3)}`);
  assert.deepEqual(misses, [], "every record a query must find is found");
  assert.ok(precision >= 0.8, `precision ${precision.toFixed(3)}`);
});

test("restricted records are never found by those who may not see them, in the page or the API", async () => {
  for (const q of ["fjelltrost", "lukket pilot"]) {
    assert.deepEqual(await foundKeys(q), [], `anonymous: ${q}`);
    const page = await t.app.inject({ url: `/search?q=${encodeURIComponent(q)}` });
    // The query itself is repeated on the page; no record of it is.
    assert.doesNotMatch(page.body, /Lukket pilot for|Kodeord|Vurdering av leverandør|Konfidensielt/);
  }
  const outsider = await new Session(t.app).login("outsider@sok.example", PASSWORD);
  assert.deepEqual(await foundKeys("fjelltrost", outsider), []);
  const member = await new Session(t.app).login("member@sok.example", PASSWORD);
  // A member of the network sees its network-only project, not the steering group's need.
  assert.deepEqual(await foundKeys("fjelltrost", member), ["P9"]);
  const admin = await new Session(t.app).login();
  assert.deepEqual((await foundKeys("fjelltrost", admin)).sort(), ["N5", "P9"]);
});

test("the title before the summary before the body; the word itself before an inflection before a compound", async () => {
  assert.deepEqual(await foundKeys("kartverk"), ["K1", "K2", "K3", "K4", "K5"]);
});

test("a typo still finds something and says what was meant, on the page and in the API", async () => {
  const result = await search("q=digitalsering");
  assert.ok(result.total > 0);
  assert.equal(result.didYouMean, "digitalisering");
  const page = await t.app.inject({ url: "/search?q=digitalsering&lang=nn" });
  assert.match(page.body, /Meinte du/);
  assert.match(page.body, /href="\/search\?q=digitalisering&amp;lang=nn"/);
  assert.equal((await search("q=digitalisering")).didYouMean, null);
});

test("hits come grouped by kind with counts, with their network, date and the words marked", async () => {
  const result = await search(`q=heimetenesta&network=${network.slug}`);
  const project = result.groups.find((g) => g.kind === "project")!;
  const p1 = project.hits.find((h) => h.id === ids.P1!.id)!;
  assert.equal(p1.network?.slug, network.slug);
  assert.match(p1.date ?? "", /^\d{4}-\d{2}-\d{2}$/);
  assert.equal(p1.href, `/projects/${ids.P1!.id}`);
  const [start, end] = p1.titleMarks[0]!;
  assert.equal(p1.title.slice(start, end), "hjemmetjenesten");
  const page = await t.app.inject({ url: `/search?q=heimetenesta&network=${network.slug}&lang=en` });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<mark>hjemmetjenesten<\/mark>/);
  assert.match(page.body, /Søkenettet/);
  assert.match(page.body, /<h2[^>]*>Projects <span[^>]*>\(\d+\)<\/span><\/h2>/);
});

test("a new record is found at the next request, and the filters narrow by kind, network and period", async () => {
  assert.equal((await search("q=blåbærlyng")).total, 0);
  const [p] = await t.database.db
    .insert(projects)
    .values({ networkId: other.id, title: "Blåbærlyng og kart", kind: "regional", sector: "health" })
    .returning();
  assert.equal((await search("q=blåbærlyng")).total, 1);
  assert.equal((await search(`q=blåbærlyng&network=${network.slug}`)).total, 0);
  // One kind chosen: the others come with their counts only.
  const needsOnly = await search("q=blåbærlyng&kind=need");
  assert.deepEqual(needsOnly.groups.find((g) => g.kind === "project")?.hits, []);
  const today = new Date().toISOString().slice(0, 10);
  assert.equal((await search(`q=blåbærlyng&from=${today}`)).total, 1);
  assert.equal((await search("q=blåbærlyng&to=2000-01-01")).total, 0);
  await t.database.db.delete(projects).where(eq(projects.id, p!.id));
  assert.equal((await search("q=blåbærlyng")).total, 0);
});

test("bad filters get a clear error in the reader's language, with everything sent kept", async () => {
  const res = await t.app.inject({ url: "/search?q=tjeneste&network=finnes-ikke&from=2026-13-45&lang=nn" });
  assert.equal(res.statusCode, 422);
  assert.match(res.body, /error-summary/);
  assert.match(res.body, /value="tjeneste"/);
  assert.match(res.body, /value="2026-13-45"/);
  const order = await t.app.inject({ url: "/search?q=x&from=2026-02-01&to=2026-01-01&lang=en" });
  assert.equal(order.statusCode, 422);
  assert.match(order.body, /cannot be before the start date/);
  const api = await t.app.inject({ url: "/api/v1/search?q=tjeneste&kind=nonsense" });
  assert.equal(api.statusCode, 400);
  assert.equal((api.json() as { error: { fields: { field: string }[] } }).error.fields[0]?.field, "kind");
  // A mistyped date has its own error, not also one of order.
  const typo = await t.app.inject({ url: "/search?q=x&from=2026-13-45&to=2026-12-31&lang=en" });
  assert.equal(typo.statusCode, 422);
  assert.doesNotMatch(typo.body, /cannot be before the start date/);
  // A page number out of range is "not valid", in the API too.
  const page = await t.app.inject({ url: "/api/v1/search?q=tjeneste&kind=project&page=9999999&lang=en" });
  assert.equal(page.statusCode, 400);
  assert.equal((page.json() as { error: { fields: { field: string }[] } }).error.fields[0]?.field, "page");
  // A page beyond the last, and a kind with nothing found, say so.
  for (const url of ["/search?q=tjeneste&kind=project&page=99&lang=en", "/search?q=tjeneste&kind=organisation&lang=en"])
    assert.match((await t.app.inject({ url })).body, /Nothing found/, url);
  // A long query is cut at a word, not refused: the words searched for are whole.
  const long = await t.app.inject({ url: `/search?q=${encodeURIComponent("tjeneste velferd ".repeat(20))}` });
  assert.equal(long.statusCode, 200);
  assert.doesNotMatch(long.body, /value="[^"]*\s(t|tj|tje|tjen|v|ve|vel|velf)"/);
  // A query of signs only searches nothing.
  assert.equal((await search("q=%22%3B--")).total, 0);
});

test("an administrator's own word pair works at the next search; bad pairs are refused and change nothing", async () => {
  // "Vaktrommet" (P10) is not found by a word the list does not pair with it.
  assert.deepEqual(await foundKeys("vaktsentral"), []);
  const member = await new Session(t.app).login("member@sok.example", PASSWORD);
  assert.equal((await member.get("/admin/search-words")).statusCode, 403);
  const admin = await new Session(t.app).login();
  const page = await admin.get("/admin/search-words?lang=nn");
  assert.equal(page.statusCode, 200);
  const before = (await t.database.db.select().from(searchWordPairs)).length;
  for (const [fields, error] of [
    [{ nynorsk: "", bokmal: "vaktrom" }, /Fyll ut/],
    [{ nynorsk: "vakt rom", bokmal: "vaktrom" }, /eitt ord/],
    [{ nynorsk: "vaktrom", bokmal: "Vaktrom" }, /ulike/],
    [{ nynorsk: "teneste", bokmal: "tjeneste" }, /finst allereie/],
    [{ nynorsk: "tjeneste", bokmal: "teneste" }, /bytte om/],
    [{ nynorsk: "ø", bokmal: "å" }, /minst to bokstavar/],
  ] as const) {
    const res = await admin.post("/admin/search-words?lang=nn", fields);
    assert.equal(res.statusCode, 422, JSON.stringify(fields));
    assert.match(res.body, error);
    assert.match(res.body, new RegExp(`value="${fields.bokmal}"`));
  }
  assert.equal((await t.database.db.select().from(searchWordPairs)).length, before);
  const added = await admin.post("/admin/search-words", { nynorsk: "vaktsentral", bokmal: "vaktrom" });
  assert.equal(added.statusCode, 303);
  assert.deepEqual(await foundKeys("vaktsentral"), ["P10"]);
  const [row] = await t.database.db.select().from(searchWordPairs).where(eq(searchWordPairs.nynorsk, "vaktsentral"));
  // A shipped pair cannot be removed here (it would come back at the next start); the own one can.
  const [shipped] = await t.database.db.select().from(searchWordPairs).where(eq(searchWordPairs.nynorsk, "teneste"));
  assert.equal((await admin.post(`/admin/search-words/${shipped!.id}/delete`, {})).statusCode, 404);
  const removed = await admin.post(`/admin/search-words/${row!.id}/delete`, { q: "vakt" });
  assert.deepEqual([removed.statusCode, removed.headers.location], [303, "/admin/search-words?saved=1&q=vakt"]);
  assert.deepEqual(await foundKeys("vaktsentral"), []);
});

test("a network's filter finds its member organisations, a county's filter the organisations in it", async () => {
  const names = async (params: string) =>
    (await search(params)).groups.flatMap((g) => (g.kind === "organisation" ? g.hits.map((h) => h.title) : []));
  assert.ok((await names("q=stavanger&network=digi-rogaland&kind=organisation")).some((n) => n.startsWith("Stavanger")));
  assert.deepEqual(await names("q=stavanger&network=digi-nordland&kind=organisation"), []);
  assert.ok((await names("q=stavanger&county=11&kind=organisation")).some((n) => n.startsWith("Stavanger")));
  assert.deepEqual(await names("q=stavanger&county=18&kind=organisation"), []);
});

test("each kind is offered once in the filter, though several modules' documents are found as one kind", async () => {
  const page = await t.app.inject({ url: "/search?q=x&lang=en" });
  const options = [...page.body.matchAll(/<option value="document"/g)];
  assert.equal(options.length, 1);
});

test("a word in more records than one search reads: a count of at least so many, the best first, and every page of them", async () => {
  const word = marker();
  // The one holding the word in its title first, then more than a search reads holding it in their text,
  // beyond the number scored in full (SCORED_PER_SOURCE).
  const rows = [{ title: `Prosjekt om ${word}`, description: "" }];
  for (let i = 1; i <= READ_PER_SOURCE + 5; i++) rows.push({ title: `Mengdeprosjekt ${i}`, description: `Nevner ${word}.` });
  await t.database.db
    .insert(projects)
    .values(rows.map((r) => ({ ...r, networkId: other.id, kind: "regional" as const, sector: "other" as const })));

  const result = await search(`q=${word}`);
  const group = result.groups.find((g) => g.kind === "project")!;
  assert.deepEqual([group.total, group.atLeast, result.atLeast], [READ_PER_SOURCE, true, true]);
  assert.equal(group.hits[0]!.title, `Prosjekt om ${word}`, "the title's hit first");
  const page = await t.app.inject({ url: `/search?q=${word}` });
  assert.match(page.body, /Minst 1.000 treff for/);
  assert.match(page.body, /Prosjekter <span[^>]*>\(minst 1.000\)<\/span>/);
  assert.match(page.body, /Flere treff: Prosjekter/);

  // Every page of the kind, none twice, as far as the count goes.
  const seen = new Set<number>();
  const pages = READ_PER_SOURCE / PER_PAGE;
  for (const n of [1, 2, Math.ceil(SCORED_PER_SOURCE / PER_PAGE) + 1, pages]) {
    const hits = (await search(`q=${word}&kind=project&page=${n}`)).groups.find((g) => g.kind === "project")!.hits;
    assert.equal(hits.length, PER_PAGE, `page ${n}`);
    for (const h of hits) {
      assert.ok(!seen.has(h.id), `page ${n}: ${h.id} shown before`);
      seen.add(h.id);
    }
  }
  const beyond = (await search(`q=${word}&kind=project&page=${pages + 1}`)).groups.find((g) => g.kind === "project");
  assert.equal(beyond?.hits.length ?? 0, 0);
});

test("a project is found by a tag it carries, in the site search as in the portfolio", async () => {
  const tag = marker();
  const [p] = await t.database.db
    .insert(projects)
    .values({ networkId: other.id, title: "Prosjekt med merkelapp", kind: "regional", sector: "other", tags: [tag] })
    .returning();
  const found = (await search(`q=${tag}&kind=project`)).groups.find((g) => g.kind === "project")?.hits ?? [];
  assert.deepEqual(
    found.map((h) => h.id),
    [p!.id],
  );
  assert.match((await t.app.inject({ url: `/projects?q=${tag}` })).body, /Prosjekt med merkelapp/);
});

test("a network's bodies are found by their name and mandate, as their page shows them", async () => {
  const open = marker();
  const kept = marker();
  await t.database.db.insert(bodies).values([
    { networkId: other.id, kind: "working_group", name: `Ressursgruppe ${open}`, mandate: "Gruppa følgjer opp tenestene." },
    { networkId: other.id, kind: "working_group", name: `Lukka gruppe ${kept}`, visibility: "body" },
  ]);
  const found = (await search(`q=${open}+tjenester&kind=body`)).groups.find((g) => g.kind === "body")?.hits ?? [];
  assert.equal(found.length, 1);
  assert.match(found[0]!.href, new RegExp(`^/n/${other.slug}/bodies/\\d+$`));
  assert.equal((await t.app.inject({ url: found[0]!.href })).statusCode, 200, "the hit is the body's page");
  assert.equal((await search(`q=${kept}&kind=body`)).total, 0, "a body kept to its members is not found by others");
});
