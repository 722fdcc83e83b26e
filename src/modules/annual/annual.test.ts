import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { PASSWORD, testAccount } from "../../../test/support/accounts.ts";
import { createTestApp, Session, type TestApp } from "../../../test/support/app.ts";
import { systemActor } from "../../platform/access/actor.ts";
import { osloToday } from "../../platform/i18n/i18n.ts";
import { organisations } from "../directory/index.ts";
import { gatheringRegistrations, gatherings } from "../gatherings/index.ts";
import { projects } from "../projects/index.ts";
import { annualDocuments } from "./schema.ts";

let t: TestApp;
let rogaland: { id: number; slug: string };
let nordland: { id: number; slug: string };

const YEAR = 2031;
const href = (kind: string, year = YEAR) => `/n/${rogaland.slug}/annual/${kind}/${year}`;
const login = (email: string) => new Session(t.app).login(email, PASSWORD);

before(async () => {
  t = await createTestApp();
  rogaland = (await t.app.services.networks.bySlug("digi-rogaland"))!;
  nordland = (await t.app.services.networks.bySlug("digi-nordland"))!;
  await testAccount(t.app, t.database.db, "sek@annual.example", { networkId: rogaland.id, role: "secretariat" });
  await testAccount(t.app, t.database.db, "member@annual.example", { networkId: rogaland.id, role: "member" });
  await testAccount(t.app, t.database.db, "sek@nordland-annual.example", { networkId: nordland.id, role: "secretariat" });
  const db = t.database.db;
  // A public project and a restricted one, both started in the year; the restricted one's title is the marker.
  await db.insert(projects).values([
    { networkId: rogaland.id, title: "Open annual project", kind: "regional", sector: "health_care", startDate: `${YEAR}-03-01` },
    {
      networkId: rogaland.id,
      title: "RESTRICTED-annual-marker",
      kind: "regional",
      sector: "health_care",
      startDate: `${YEAR}-04-01`,
      visibility: "network",
    },
  ]);
  // A gathering in the year: three registered, two of them came (the report counts 3 and 2).
  const [g] = await db
    .insert(gatherings)
    .values({
      networkId: rogaland.id,
      kind: "seminar",
      title: "Annual seminar",
      startsAt: new Date(`${YEAR}-05-05T08:00:00Z`),
      endsAt: new Date(`${YEAR}-05-05T14:00:00Z`),
    })
    .returning();
  await db.insert(gatheringRegistrations).values(
    [true, true, false].map((attended, i) => ({
      gatheringId: g!.id,
      status: "confirmed" as const,
      name: `P${i}`,
      email: `p${i}@example.org`,
      receiptHash: `annual-receipt-${i}`,
      attended,
    })),
  );
});
after(() => t.close());

test("a secretariat starts a draft in its own network only; the draft is read by the network's people alone", async () => {
  const sek = await login("sek@annual.example");
  await sek.get(`/n/${rogaland.slug}/annual`);
  const bad = await sek.post(`/n/${rogaland.slug}/annual?lang=en`, { kind: "plan", year: "1999" });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /Write a number no less than 2000/);
  await sek.get(`/n/${rogaland.slug}/annual`);
  const empty = await sek.post(`/n/${rogaland.slug}/annual?lang=en`, { kind: "plan", year: "" });
  assert.equal(empty.statusCode, 422);
  assert.doesNotMatch(empty.body, /no less than/, "an empty year is a missing one, not a small one");
  const made = await sek.post(`/n/${rogaland.slug}/annual?lang=en`, { kind: "report", year: String(YEAR) });
  assert.equal(made.statusCode, 303, made.body);
  assert.equal(made.headers.location, `${href("report")}?saved=1`);
  // The same form sent twice is stored once (and answered the same); another form naming the same year is refused.
  await sek.get(`/n/${rogaland.slug}/annual`);
  const again = await sek.post(`/n/${rogaland.slug}/annual?lang=en`, { kind: "report", year: `0${YEAR}` });
  assert.equal(again.statusCode, 422);
  assert.match(again.body, /already has this document/);

  const outsider = await login("sek@nordland-annual.example");
  await outsider.get(`/n/${nordland.slug}/annual`);
  const refused = await outsider.post(`/n/${rogaland.slug}/annual`, { kind: "plan", year: String(YEAR) });
  assert.equal(refused.statusCode, 403);
  // Refused alike whether the document exists or not: another network cannot tell which ones do.
  assert.equal((await outsider.get(`${href("report")}/edit`)).statusCode, 403);
  assert.equal((await outsider.get(`${href("plan", 2099)}/edit`)).statusCode, 403);
  assert.equal((await sek.get(`${href("plan", 2099)}/edit`)).statusCode, 404);
  assert.equal((await outsider.get(href("report"))).statusCode, 404);
  assert.equal((await new Session(t.app).get(href("report"))).statusCode, 404);
  assert.equal(
    (await new Session(t.app).get(`/api/v1/networks/${rogaland.slug}/annual-documents/report/${YEAR}`)).statusCode,
    404,
  );
  const member = await login("member@annual.example");
  const page = await member.get(`${href("report")}?lang=en`);
  assert.equal(page.statusCode, 200);
  // The draft's tables are drawn now, as the reader may see them: the network's people see the restricted project.
  assert.match(page.body, /RESTRICTED-annual-marker/);
  assert.match(page.body, /Open annual project/);
  assert.doesNotMatch(page.body, /Record the adoption/);
});

test("the draft's text: bad sections come back with their errors and nothing is saved; good ones are kept in order", async () => {
  const sek = await login("sek@annual.example");
  await sek.get(`${href("report")}/edit`);
  const bad = await sek.post(`${href("report")}?lang=en`, {
    title: "Annual report",
    "sections.0.heading": "",
    "sections.0.body": "Text without a heading",
    "sections.1.heading": "x".repeat(201),
    "sections.1.body": "",
  });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /Text without a heading/, "what was typed comes back");
  // Each error stands at its own field, also after an empty section in between.
  const gap = await sek.post(`${href("report")}?lang=en`, {
    title: "Annual report",
    "sections.0.heading": "",
    "sections.0.body": "",
    "sections.3.heading": "",
    "sections.3.body": "Body of the fourth",
  });
  assert.equal(gap.statusCode, 422);
  assert.match(gap.body, /href="#field-sections-3-heading"/);
  const many = Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`sections.${i}.heading`, `H${i}`]));
  const tooMany = await sek.post(`${href("report")}?lang=en`, { title: "Annual report", ...many });
  assert.equal(tooMany.statusCode, 422);
  assert.match(tooMany.body, /at most 30 sections/);
  const stored = await t.app.services.annual.get(rogaland.id, "report", YEAR, systemActor());
  assert.notEqual(stored.title, "Annual report");
  const good = await sek.post(href("report"), {
    title: "Annual report",
    "sections.0.heading": "Foreword",
    "sections.0.body": "First paragraph.\n\nSecond paragraph.",
    "sections.1.heading": "",
    "sections.1.body": "",
    "sections.2.heading": "The way ahead",
    "sections.2.body": "More.",
  });
  assert.equal(good.statusCode, 303, good.body);
  const saved = await t.app.services.annual.get(rogaland.id, "report", YEAR, systemActor());
  assert.deepEqual(saved.sections, [
    { heading: "Foreword", body: "First paragraph.\n\nSecond paragraph." },
    { heading: "The way ahead", body: "More." },
  ]);
  const page = await sek.get(href("report"));
  assert.match(page.body, /<p class="ds-paragraph prewrap">Second paragraph.<\/p>/);
});

test("adoption records the steering group's decision and freezes the tables; publishing shows the public ones to everyone", async () => {
  const sek = await login("sek@annual.example");
  const page = await sek.get(`${href("report")}?lang=en`);
  assert.match(page.body, /Record the adoption/);
  const choices = await t.app.services.annual.decisionChoices(systemActor(), rogaland.id);
  const today = osloToday();
  // A decision of a meeting held before today, so that a day between the two exists.
  const decision = choices.find((c) => c.meetingDate < today)!;
  assert.ok(decision, "the demo's steering group has decided something");
  const elsewhere = (await t.app.services.annual.decisionChoices(systemActor(), nordland.id))[0]!;
  const wrong = await sek.post(`${href("report")}/adopt?lang=en`, {
    decisionId: String(elsewhere.decision.id),
    adoptedOn: "2032-02-01",
  });
  assert.equal(wrong.statusCode, 422, "another network's decision cannot adopt it");
  const noDate = await sek.post(`${href("report")}/adopt?lang=en`, { decisionId: String(decision.decision.id), adoptedOn: "" });
  assert.equal(noDate.statusCode, 422);
  // Adopted in the future, or before the meeting that decided it: refused in the reader's language, what was typed kept.
  const future = await sek.post(`${href("report")}/adopt?lang=en`, {
    decisionId: String(decision.decision.id),
    adoptedOn: "2030-01-01",
  });
  assert.equal(future.statusCode, 422);
  assert.match(future.body, new RegExp(`The date adopted cannot be later than today \\(${today}\\)`));
  assert.match(future.body, /value="2030-01-01"/);
  const dayBefore = new Date(`${decision.meetingDate}T12:00:00Z`);
  dayBefore.setUTCDate(dayBefore.getUTCDate() - 1);
  const early = await sek.post(`${href("report")}/adopt?lang=nn`, {
    decisionId: String(decision.decision.id),
    adoptedOn: dayBefore.toISOString().slice(0, 10),
  });
  assert.equal(early.statusCode, 422);
  assert.match(
    early.body,
    new RegExp(`Vedtaksdatoen kan ikkje vere før møtet som gjorde vedtaket \\(${decision.meetingDate}\\)`),
  );
  const untouched = await t.app.services.annual.get(rogaland.id, "report", YEAR, systemActor());
  assert.deepEqual(
    [untouched.status, untouched.adoptedOn, untouched.decisionId, untouched.snapshot],
    ["draft", null, null, null],
  );
  assert.equal((await sek.post(`${href("report")}/publish`, {})).statusCode, 422, "nothing to publish");

  const outsider = await login("sek@nordland-annual.example");
  await outsider.get(`/n/${nordland.slug}/annual`);
  const foreign = await outsider.post(`${href("report")}/adopt`, {
    decisionId: String(decision.decision.id),
    adoptedOn: "2032-02-01",
  });
  assert.equal(foreign.statusCode, 403, "another network's secretariat is refused");

  const adopted = await sek.post(`${href("report")}/adopt`, {
    decisionId: String(decision.decision.id),
    adoptedOn: decision.meetingDate,
  });
  assert.equal(adopted.statusCode, 303, adopted.body);
  const doc = await t.app.services.annual.get(rogaland.id, "report", YEAR, systemActor());
  assert.equal(doc.status, "adopted");
  assert.equal(doc.adoptedOn, decision.meetingDate, "the meeting's own day is allowed");
  assert.equal(doc.decisionId, decision.decision.id);

  // A later change of the data does not change the adopted tables.
  await t.database.db.insert(projects).values({
    networkId: rogaland.id,
    title: "Started after the adoption",
    kind: "regional",
    sector: "health_care",
    startDate: `${YEAR}-11-01`,
  });
  const frozen = await sek.get(href("report"));
  assert.doesNotMatch(frozen.body, /Started after the adoption/);
  assert.match(frozen.body, /RESTRICTED-annual-marker/, "the network's frozen tables hold what its people saw");
  // The text can no longer change.
  const edit = await sek.post(`${href("report")}?lang=en`, {
    title: "Changed",
    "sections.0.heading": "x",
    "sections.0.body": "",
  });
  assert.equal(edit.statusCode, 422);
  assert.match(edit.body, /has been adopted and cannot change/);

  assert.equal((await new Session(t.app).get(href("report"))).statusCode, 404, "adopted but not published: still the network's");
  const published = await sek.post(`${href("report")}/publish`, {});
  assert.equal(published.statusCode, 303);
  const anonymous = await new Session(t.app).get(`${href("report")}?lang=en`);
  assert.equal(anonymous.statusCode, 200);
  assert.match(anonymous.body, /Open annual project/);
  assert.doesNotMatch(anonymous.body, /RESTRICTED-annual-marker/, "the public frozen tables never held the restricted project");
  // A project made restricted after the adoption leaves the public tables; the network's people still see it.
  await t.database.db.update(projects).set({ visibility: "network" }).where(eq(projects.title, "Open annual project"));
  assert.doesNotMatch((await new Session(t.app).get(href("report"))).body, /Open annual project/);
  assert.match((await (await login("member@annual.example")).get(href("report"))).body, /Open annual project/);
  await t.database.db.update(projects).set({ visibility: "public" }).where(eq(projects.title, "Open annual project"));
  const api = JSON.parse(
    (await new Session(t.app).get(`/api/v1/networks/${rogaland.slug}/annual-documents/report/${YEAR}`)).body,
  );
  assert.equal(api.status, "published");
  assert.doesNotMatch(JSON.stringify(api), /RESTRICTED-annual-marker/);
  const gatheringTable = api.tables.find((x: { id: string }) => x.id === "gatherings");
  // Hand-worked: three registered with a place, two marked as having come.
  assert.deepEqual(
    gatheringTable.rows.find((r: unknown[]) => JSON.stringify(r).includes("Annual seminar")).slice(3),
    [3, 2],
    JSON.stringify(gatheringTable),
  );
  const csv = await new Session(t.app).get(`${href("report")}/tables/projects.csv`);
  assert.equal(csv.statusCode, 200);
  assert.match(csv.body, /Open annual project/);
  assert.doesNotMatch(csv.body, /RESTRICTED-annual-marker/);
  const memberCsv = await (await login("member@annual.example")).get(`${href("report")}/tables/projects.csv`);
  assert.match(memberCsv.body, /RESTRICTED-annual-marker/);
  assert.equal((await new Session(t.app).get(`${href("report")}/tables/nothing.csv`)).statusCode, 404);
  assert.equal((await new Session(t.app).get(`${href("report")}/tables/projects.pdf`)).statusCode, 400);
});

test("the demo has an adopted and published report for 2025 with its survey, an adopted plan for 2026 and a draft for 2027", async () => {
  const rows = await t.database.db.select().from(annualDocuments);
  const demo = rows.filter((r) => r.networkId === rogaland.id && r.isDemo);
  const byKey = new Map(demo.map((d) => [`${d.kind}-${d.year}`, d]));
  assert.equal(byKey.get("report-2025")?.status, "published");
  assert.ok(byKey.get("report-2025")?.surveyId, "the report shows the 2025 survey");
  assert.equal(byKey.get("plan-2026")?.status, "adopted");
  assert.equal(byKey.get("plan-2027")?.status, "draft");
  const page = await new Session(t.app).get(`/n/${rogaland.slug}/annual/report/2025?lang=en`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Meetings and decisions/);
});

test("a long table shows its first rows on the page, every row with ?all=1 (for printing) and in the download", async () => {
  const next = YEAR + 1;
  await t.database.db.insert(projects).values(
    Array.from({ length: 60 }, (_, i) => ({
      networkId: rogaland.id,
      title: `Bulk project ${String(i).padStart(2, "0")}`,
      kind: "regional" as const,
      sector: "health_care",
      startDate: `${next}-06-01`,
    })),
  );
  const sek = await login("sek@annual.example");
  await sek.get(`/n/${rogaland.slug}/annual`);
  assert.equal((await sek.post(`/n/${rogaland.slug}/annual`, { kind: "report", year: String(next) })).statusCode, 303);
  const page = await sek.get(`${href("report", next)}?lang=en`);
  assert.match(page.body, /Showing the first 50 of 60 rows/);
  assert.match(page.body, /Bulk project 49/);
  assert.doesNotMatch(page.body, /Bulk project 50/);
  assert.match((await sek.get(`${href("report", next)}?all=1`)).body, /Bulk project 59/);
  const csv = await sek.get(`${href("report", next)}/tables/projects.csv`);
  assert.match(csv.body, /Bulk project 59/);
});

test("a new document's title and headings are in the network's written form, not the browser's; empty sections stay out of the document", async () => {
  const year = YEAR + 2;
  const sek = await login("sek@annual.example");
  await sek.get(`/n/${rogaland.slug}/annual?lang=en`);
  // Digi Rogaland's host, Stavanger, is neutral: bokmål, although the secretariat browses in English.
  assert.equal((await sek.post(`/n/${rogaland.slug}/annual?lang=en`, { kind: "report", year: String(year) })).statusCode, 303);
  const report = await t.app.services.annual.get(rogaland.id, "report", year, systemActor());
  assert.equal(report.title, `Årsrapport ${year} for Digi Rogaland`);
  assert.deepEqual(
    report.sections.map((s) => s.heading),
    ["Leders forord", "Året i korte trekk", "Resultater og gevinster", "Veien videre"],
  );
  // A host that writes nynorsk gives nynorsk.
  const network = (await t.app.services.networks.bySlug(rogaland.slug))!;
  const [host] = await t.database.db.select().from(organisations).where(eq(organisations.id, network.hostOrganisationId!));
  await t.database.db.update(organisations).set({ malform: "nynorsk" }).where(eq(organisations.id, host!.id));
  try {
    await sek.get(`/n/${rogaland.slug}/annual?lang=en`);
    assert.equal((await sek.post(`/n/${rogaland.slug}/annual?lang=en`, { kind: "plan", year: String(year) })).statusCode, 303);
  } finally {
    await t.database.db.update(organisations).set({ malform: host!.malform }).where(eq(organisations.id, host!.id));
  }
  const plan = await t.app.services.annual.get(rogaland.id, "plan", year, systemActor());
  assert.equal(plan.title, `Årsplan ${year} for Digi Rogaland`);
  assert.equal(plan.sections[0]!.heading, "Innleiing");

  // One section written, three left empty: the empty ones are no part of what the network and the public read.
  await sek.get(`${href("report", year)}/edit`);
  const saved = await sek.post(href("report", year), {
    title: report.title,
    ...Object.fromEntries(
      report.sections.flatMap((s, i) => [
        [`sections.${i}.heading`, s.heading],
        [`sections.${i}.body`, ""],
      ]),
    ),
    "sections.1.body": "Eit godt år.",
  });
  assert.equal(saved.statusCode, 303, saved.body);
  const draft = await sek.get(`${href("report", year)}?lang=en`);
  assert.match(draft.body, /Året i korte trekk/);
  assert.match(draft.body, /Leders forord/, "the secretariat writing the draft still sees the empty heading");
  assert.match(draft.body, /<div class="no-print"><section aria-labelledby="section-0-heading">/, "but not in print");
  assert.match(draft.body, /left out of the document until it has text/);
  const edit = await sek.get(`${href("report", year)}/edit`);
  assert.match(edit.body, /value="Leders forord"/, "the editor shows every section");
  const member = await login("member@annual.example");
  const read = await member.get(href("report", year));
  assert.match(read.body, /Eit godt år\./);
  assert.doesNotMatch(read.body, /Leders forord|Resultater og gevinster|Veien videre/);
  const decision = (await t.app.services.annual.decisionChoices(systemActor(), rogaland.id)).find(
    (c) => c.meetingDate < osloToday(),
  )!;
  assert.equal(
    (await sek.post(`${href("report", year)}/adopt`, { decisionId: String(decision.decision.id), adoptedOn: osloToday() }))
      .statusCode,
    303,
  );
  assert.equal((await sek.post(`${href("report", year)}/publish`, {})).statusCode, 303);
  for (const url of [href("report", year), `${href("report", year)}?all=1`]) {
    const page = await new Session(t.app).get(url);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Året i korte trekk/);
    assert.doesNotMatch(page.body, /Leders forord|Resultater og gevinster|Veien videre/, url);
  }
  assert.doesNotMatch((await sek.get(href("report", year))).body, /Leders forord/, "adopted: not even for the secretariat");
  const api = JSON.parse(
    (await new Session(t.app).get(`/api/v1/networks/${rogaland.slug}/annual-documents/report/${year}`)).body,
  );
  assert.deepEqual(api.sections, [{ heading: "Året i korte trekk", body: "Eit godt år." }], "the API the same");
});
