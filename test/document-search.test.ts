import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { consultations } from "../src/modules/consultations/schema.ts";
import { meetings } from "../src/modules/decisions/schema.ts";
import { needs } from "../src/modules/needs/schema.ts";
import { bodies } from "../src/modules/networks/schema.ts";
import { projects } from "../src/modules/projects/schema.ts";
import { strategies } from "../src/modules/strategies/schema.ts";
import { saveFile } from "../src/platform/files/files.ts";
import { PASSWORD, testAccount } from "./support/accounts.ts";
import { createTestApp, Session, type TestApp } from "./support/app.ts";
import { searchAs } from "./support/search.ts";

/**
 * The text of uploaded documents in the site search (issue 24): one kind, "document", whose sources
 * each module declares over its own documents table. Each is uploaded through its module's own form;
 * a document is found where its parent record may be seen (and, for a body's documents, where the
 * document's own visibility lets the reader in), and nowhere else.
 */

let t: TestApp;
let rogaland: { id: number; slug: string };
let nordland: { id: number; slug: string };
const ids: Record<string, number> = {};

before(async () => {
  t = await createTestApp();
  const { networks, access } = t.app.services;
  rogaland = (await networks.bySlug("digi-rogaland"))!;
  nordland = (await networks.bySlug("digi-nordland"))!;
  const db = t.database.db;
  const nordlandMember = (await access.repo.memberOrganisations(nordland.id))[0]!;
  await testAccount(t.app, db, "member@ds-rogaland.example", { networkId: rogaland.id, role: "member" });
  await testAccount(t.app, db, "member@ds-nordland.example", { networkId: nordland.id, role: "member" });
  await testAccount(t.app, db, "sek@ds-nordland.example", { networkId: nordland.id, role: "secretariat" });
  const project = async (networkId: number, title: string, visibility: "public" | "network") =>
    (await db.insert(projects).values({ networkId, title, kind: "regional", sector: "other", visibility }).returning())[0]!.id;
  ids.openProject = await project(rogaland.id, "Open prosjekt", "public");
  ids.keptProject = await project(nordland.id, "Internt prosjekt", "network");
  ids.keptNeed = (
    await db
      .insert(needs)
      .values({
        networkId: nordland.id,
        organisationId: nordlandMember.id,
        title: "Internt behov",
        problem: "Noko",
        createdByLabel: "test",
        visibility: "network",
      })
      .returning()
  )[0]!.id;
  ids.openBody = (
    await db.insert(bodies).values({ networkId: nordland.id, kind: "working_group", name: "Open gruppe" }).returning()
  )[0]!.id;
  ids.keptBody = (
    await db
      .insert(bodies)
      .values({ networkId: nordland.id, kind: "working_group", name: "Lukka gruppe", visibility: "body" })
      .returning()
  )[0]!.id;
  const meeting = async (title: string, visibility: "public" | "network") =>
    (
      await db
        .insert(meetings)
        .values({ networkId: nordland.id, bodyId: ids.openBody!, title, meetingDate: "2026-03-02", visibility })
        .returning()
    )[0]!.id;
  ids.openMeeting = await meeting("Opent møte", "public");
  ids.keptMeeting = await meeting("Internt møte", "network");
  ids.strategy = (
    await db
      .insert(strategies)
      .values({ networkId: rogaland.id, title: "Digitaliseringsstrategi", firstYear: 2026, lastYear: 2029 })
      .returning()
  )[0]!.id;
  // A consultation's document is stored when it is opened: planted here, with its text extracted as the opening does.
  const consultation = async (title: string, audience: "anyone" | "bodies", text: string) => {
    const file = await saveFile(
      db,
      { name: `${title}.txt`, mediaType: "text/plain; charset=utf-8", data: Buffer.from(text) },
      null,
    );
    const opensAt = new Date(Date.now() - 24 * 3600_000);
    const closesAt = new Date(Date.now() + 30 * 24 * 3600_000);
    await db
      .insert(consultations)
      .values({ networkId: nordland.id, title, opensAt, closesAt, audience, documentFileId: file.id });
  };
  await consultation("Høyringsutkast", "anyone", "Utkastet om FLATVAERET er ope.");
  await consultation("Gjennomgang", "bodies", "Merkeord SJUSOSTRENE.");
});
after(() => t.close());

/** Uploads a small text file through a module's form, after opening the page it is on. */
async function upload(session: Session, page: string, action: string, fields: Record<string, string>, text: string) {
  await session.get(page);
  const res = await session.upload(action, fields, {
    field: "file",
    filename: "notat.txt",
    data: Buffer.from(text),
    type: "text/plain",
  });
  assert.equal(res.statusCode, 303, `${action}: ${res.body.slice(0, 300)}`);
}

test("the text of uploaded documents is found where the reader may see their parent record, and nowhere else", async () => {
  const admin = await new Session(t.app).login();
  const project = (id: number) => [`/projects/${id}/documents/new`, `/projects/${id}/documents`] as const;
  const body = (id: number) => [`/n/${nordland.slug}/bodies/${id}`, `/n/${nordland.slug}/bodies/${id}/documents`] as const;
  await upload(
    admin,
    ...project(ids.openProject!),
    { title: "Gevinstplan" },
    "Gevinstane av BRATTLIMODELLEN for heimetenestene.",
  );
  await upload(admin, ...project(ids.keptProject!), { title: "Internt prosjektnotat" }, "Merkeord KJERRINGVIKA.");
  await upload(
    admin,
    `/needs/${ids.keptNeed}`,
    `/needs/${ids.keptNeed}/documents`,
    { title: "Internt behovsnotat" },
    "Merkeord SKARVHEIA.",
  );
  await upload(admin, ...body(ids.openBody!), { title: "Open referat", visibility: "public" }, "Merkeord ROSSVOLLEN.");
  await upload(admin, ...body(ids.openBody!), { title: "Nettverksnotat", visibility: "network" }, "Merkeord TRETTESTEIN.");
  await upload(admin, ...body(ids.keptBody!), { title: "Gruppenotat", visibility: "public" }, "Merkeord OKSTINDAN.");
  const meetingPaper = (id: number) => [`/meetings/${id}`, `/meetings/${id}/documents`] as const;
  await upload(admin, ...meetingPaper(ids.openMeeting!), { title: "Saksframlegg" }, "Saka om LOVUNDMODELLEN.");
  await upload(admin, ...meetingPaper(ids.keptMeeting!), { title: "Internt saksframlegg" }, "Merkeord HESTMANNEN.");
  await upload(admin, `/strategies/${ids.strategy}`, `/strategies/${ids.strategy}/document`, {}, "Strategien om TORGHATTEN.");

  // A public project's document: found by an inflection, a compound's part and the other written standard,
  // by its title, and by one word of its title with one of its text (they are matched apart, decision 0034).
  const anonymous = new Session(t.app);
  for (const q of [
    "brattlimodellen",
    "gevinsten",
    "hjemmetjenesten",
    "tjenester",
    "gevinstplanen",
    "gevinstplan brattlimodellen",
  ]) {
    const found = (await searchAs(anonymous, q, "document")).hits.find((h) => h.title === "Gevinstplan");
    assert.ok(found, `found by "${q}"`);
    assert.match(found.href, new RegExp(`^/projects/${ids.openProject}/documents/\\d+$`));
    assert.equal(found.network?.slug, rogaland.slug);
    assert.match(found.date ?? "", /^\d{4}-\d{2}-\d{2}$/);
  }
  const { hits, page } = await searchAs(anonymous, "brattlimodellen", "document");
  assert.match(hits[0]!.excerpt, /BRATTLIMODELLEN/);
  assert.match(page, /Gevinstplan/);
  assert.equal((await anonymous.get(hits[0]!.href)).statusCode, 200, "the hit is the document's download");
  // A public body's public document too.
  assert.match(
    (await searchAs(anonymous, "rossvollen", "document")).hits[0]?.href ?? "",
    new RegExp(`^/n/${nordland.slug}/bodies/${ids.openBody}/documents/\\d+$`),
  );

  // A public meeting's papers, a strategy's adopted document and a public consultation's document.
  for (const [q, href] of [
    ["lovundmodellen", new RegExp(`^/meetings/${ids.openMeeting}/documents/\\d+$`)],
    ["torghatten", new RegExp(`^/strategies/${ids.strategy}/document$`)],
    ["flatvaeret", /^\/consultations\/\d+\/document$/],
  ] as const) {
    const found = (await searchAs(anonymous, q, "document")).hits[0];
    assert.match(found?.href ?? "", href, q);
    assert.equal((await anonymous.get(found!.href)).statusCode, 200, `${q}: the hit is the download`);
  }

  // What each reader finds of the restricted ones: the parent's rule, and the body document's own.
  const restricted = ["kjerringvika", "skarvheia", "trettestein", "okstindan", "hestmannen", "sjusostrene"];
  const titleOf: Record<string, RegExp> = {
    kjerringvika: /Internt prosjektnotat/,
    skarvheia: /Internt behovsnotat/,
    trettestein: /Nettverksnotat/,
    okstindan: /Gruppenotat/,
    hestmannen: /Internt saksframlegg/,
    sjusostrene: /Gjennomgang\.txt/,
  };
  const expected: [string, Session, string[]][] = [
    ["anonymous", anonymous, []],
    ["a member of another network", await new Session(t.app).login("member@ds-rogaland.example", PASSWORD), []],
    [
      "a member of the network (no seat in the closed body)",
      await new Session(t.app).login("member@ds-nordland.example", PASSWORD),
      ["kjerringvika", "skarvheia", "trettestein", "hestmannen", "sjusostrene"],
    ],
    ["the network's secretariat", await new Session(t.app).login("sek@ds-nordland.example", PASSWORD), restricted],
  ];
  for (const [who, session, finds] of expected) {
    for (const q of restricted) {
      const { hits, page } = await searchAs(session, q, "document");
      assert.equal(hits.length, finds.includes(q) ? 1 : 0, `${who}: ${q}`);
      if (!finds.includes(q)) assert.doesNotMatch(page, titleOf[q]!, `${who}: ${q} on the page`);
      else assert.match(page, titleOf[q]!, `${who}: ${q} not on the page`);
      if (hits[0]) assert.equal((await session.get(hits[0].href)).statusCode, 200, `${who} may download ${q}`);
    }
  }

  // Every document found is one hit with an id of its own, whichever module holds it (its file's id).
  const all = (
    await (await new Session(t.app).login("sek@ds-nordland.example", PASSWORD)).get("/api/v1/search?q=merkeord&kind=document")
  ).body;
  const found = (JSON.parse(all) as { groups: { hits: { id: number }[] }[] }).groups.flatMap((g) => g.hits.map((h) => h.id));
  assert.equal(found.length, restricted.length + 1, all.slice(0, 300)); // and the open body's ROSSVOLLEN
  assert.equal(new Set(found).size, found.length, "one id per document");
});
