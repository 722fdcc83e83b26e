import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { inflateRawSync } from "node:zlib";
import { and, count, eq, inArray } from "drizzle-orm";
import type { LightMyRequestResponse } from "fastify";
import { PASSWORD, testAccount } from "../../../../test/support/accounts.ts";
import { createTestApp, Session, type TestApp } from "../../../../test/support/app.ts";
import { systemActor } from "../../../platform/access/actor.ts";
import { osloToday } from "../../../platform/i18n/i18n.ts";
import { auditLog } from "../../../platform/schema.ts";
import { nationalNeedLinks, nationalNeeds, needSubmissionItems, needSubmissions, needs } from "../schema.ts";

let t: TestApp;
let rogaland: { id: number; slug: string };
let nordland: { id: number; slug: string };
/** Member organisations of each network that are members of that network only, with their population. */
let rogOrgs: { id: number; population: number | null }[];
let nordOrgs: { id: number; population: number | null }[];

const actor = systemActor("test");
/** This run's unique marker: a restricted need's title carries it, and it must appear nowhere it may not. */
const MARKER = `Hemmeligbehov${Math.random().toString(36).slice(2, 10)}`;

before(async () => {
  t = await createTestApp();
  const { networks, access, directory } = t.app.services;
  rogaland = (await networks.bySlug("digi-rogaland"))!;
  nordland = (await networks.bySlug("digi-nordland"))!;
  const own = async (networkId: number, other: number) => {
    const others = new Set((await access.repo.memberOrganisations(other)).map((o) => o.id));
    const members = (await access.repo.memberOrganisations(networkId)).filter((o) => !others.has(o.id));
    const full = await Promise.all(members.map((o) => directory.organisations.byId(o.id)));
    // Municipalities with a known population first, so the sums are known.
    return full
      .filter((o) => o && o.population !== null)
      .map((o) => ({ id: o!.id, population: o!.population }))
      .slice(0, 6);
  };
  rogOrgs = await own(rogaland.id, nordland.id);
  nordOrgs = await own(nordland.id, rogaland.id);
  const db = t.database.db;
  await testAccount(t.app, db, "sek@rogaland.national.example", { networkId: rogaland.id, role: "secretariat" });
  await testAccount(t.app, db, "sek@nordland.national.example", { networkId: nordland.id, role: "secretariat" });
  await testAccount(t.app, db, "member@nordland.national.example", { networkId: nordland.id, role: "member" });
  await testAccount(t.app, db, "rep@rogaland.national.example", {
    networkId: rogaland.id,
    role: "member",
    organisationIds: [rogOrgs[0]!.id],
  });
});
after(() => t.close());

const login = (email: string) => new Session(t.app).login(email, PASSWORD);

/** A need of the network, registered by the organisation, with supporters. */
async function need(networkId: number, organisationId: number, fields: Record<string, unknown> = {}, supporters: number[] = []) {
  const created = await t.app.services.needs.create(
    actor,
    networkId,
    {
      organisationId,
      title: "Felles behov for digital søknad om parkeringstillatelse",
      problem: "Søknadene kommer på papir og tastes inn på nytt.",
      visibility: "public",
      ...fields,
    },
    "nb",
  );
  assert.ok(created.ok, JSON.stringify(!created.ok && created.errors));
  for (const s of supporters) {
    const supported = await t.app.services.needs.support(actor, created.value.id, { organisationId: s, note: "" }, "nb");
    assert.ok(supported.ok);
  }
  return created.value;
}

const linkOf = async (needId: number) =>
  (await t.database.db.select().from(nationalNeedLinks).where(eq(nationalNeedLinks.needId, needId)))[0];
const auditCount = async () => (await t.database.db.select({ n: count() }).from(auditLog))[0]!.n;

/** The text of the first sheet of a workbook. */
function sheetOf(book: Buffer): string {
  const end = book.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let entry = book.readUInt32LE(end + 16);
  for (let i = 0; i < book.readUInt16LE(end + 10); i++) {
    const size = book.readUInt32LE(entry + 20);
    const nameLength = book.readUInt16LE(entry + 28);
    const local = book.readUInt32LE(entry + 42);
    if (book.subarray(entry + 46, entry + 46 + nameLength).toString() === "xl/worksheets/sheet1.xml") {
      const start = local + 30 + book.readUInt16LE(local + 26) + book.readUInt16LE(local + 28);
      return inflateRawSync(book.subarray(start, start + size)).toString("utf8");
    }
    entry += 46 + nameLength + book.readUInt16LE(entry + 30) + book.readUInt16LE(entry + 32);
  }
  return "";
}

test("a secretariat links its own network's needs as one national need; another network's secretariat is refused and nothing changes", async () => {
  const rogNeed = await need(rogaland.id, rogOrgs[0]!.id, { title: "Lenketest behov i Rogaland" });
  const nordNeed = await need(nordland.id, nordOrgs[0]!.id, { title: "Lenketest behov i Nordland" });
  const sek = await login("sek@rogaland.national.example");

  const page = await sek.get(`/needs/${rogNeed.id}?lang=en`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Same need in other networks/);
  assert.match(page.body, /Start a shared need from this one/);
  assert.match(page.body, /public to everyone/, "the form says the text is public");
  assert.match(page.body, /value="Lenketest behov i Rogaland"/, "the title defaults to the need's");

  // A national need without a title: the form comes back with the error in the user's language, nothing stored.
  const before = (await t.database.db.select({ n: count() }).from(nationalNeeds))[0]!.n;
  const bad = await sek.post(`/needs/${rogNeed.id}/national/new?lang=en`, { title: " ", description: "" });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /Fill in this field/);
  const badNb = await sek.post(`/needs/${rogNeed.id}/national/new?lang=nb`, { title: "", description: "" });
  assert.match(badNb.body, /Fyll ut feltet/);
  assert.equal((await t.database.db.select({ n: count() }).from(nationalNeeds))[0]!.n, before);

  const started = await sek.post(`/needs/${rogNeed.id}/national/new`, {
    title: "Digital parkeringstillatelse",
    description: "Samme behov i flere nettverk.",
  });
  assert.equal(started.statusCode, 303);
  const link = await linkOf(rogNeed.id);
  assert.ok(link, "the need is linked to the national need it started");
  const group = link.nationalNeedId;

  // Digi Nordland's secretariat links its own need to it.
  const other = await login("sek@nordland.national.example");
  assert.equal((await other.post(`/needs/${nordNeed.id}/national`, { nationalNeedId: String(group) })).statusCode, 303);
  assert.equal((await linkOf(nordNeed.id))?.nationalNeedId, group);

  // But never Digi Rogaland's need: take it out, move it, start another from it: 403, nothing changed.
  const changes = await auditCount();
  const elsewhere = await t.app.services.nationalNeeds.start(actor, nordNeed.id, { title: "Et annet felles behov" });
  assert.ok(elsewhere.ok);
  const changesNow = await auditCount();
  assert.ok(changesNow > changes);
  for (const [path, body] of [
    [`/needs/${rogNeed.id}/national/delete`, {}],
    [`/needs/${rogNeed.id}/national`, { nationalNeedId: String(elsewhere.value.id) }],
    [`/needs/${rogNeed.id}/national/new`, { title: "Kapret" }],
  ] as const)
    assert.equal((await other.post(path, body)).statusCode, 403, path);
  // Nor a representative of the organisation that registered it.
  const rep = await login("rep@rogaland.national.example");
  assert.equal((await rep.post(`/needs/${rogNeed.id}/national/delete`, {})).statusCode, 403);
  assert.equal((await linkOf(rogNeed.id))?.nationalNeedId, group);
  assert.equal(await auditCount(), changesNow, "nothing was written");
  // Moving Nordland's need to the other national need left the first with Rogaland's alone.
  assert.equal((await linkOf(nordNeed.id))?.nationalNeedId, elsewhere.value.id);
  assert.equal((await other.post(`/needs/${nordNeed.id}/national`, { nationalNeedId: String(group) })).statusCode, 303);
  const [gone] = await t.database.db.select().from(nationalNeeds).where(eq(nationalNeeds.id, elsewhere.value.id));
  assert.equal(gone, undefined, "a national need left without needs is removed");

  // The need's page shows the same need in the other network.
  const shown = await new Session(t.app).get(`/needs/${rogNeed.id}?lang=en`);
  assert.match(shown.body, /Digital parkeringstillatelse/);
  assert.match(shown.body, new RegExp(`/needs/${nordNeed.id}"`));
  assert.doesNotMatch(shown.body, /Start a shared need/, "no form for a visitor");

  // The national need's text: a secretariat with a need in it changes it; a bad one comes back.
  const edit = await sek.post(`/needs/national/${group}?lang=en`, { title: "", description: "x" });
  assert.equal(edit.statusCode, 422);
  assert.match(edit.body, /Fill in this field/);
  assert.equal(
    (await sek.post(`/needs/national/${group}`, { title: "Parkeringstillatelse på nett", description: "" })).statusCode,
    303,
  );
  assert.equal((await t.app.services.nationalNeeds.repo.byId(group))?.title, "Parkeringstillatelse på nett");
  assert.equal((await rep.post(`/needs/national/${group}`, { title: "Kapret", description: "" })).statusCode, 403);

  // A merged need is not linked.
  const duplicate = await need(rogaland.id, rogOrgs[1]!.id, { title: "Lenketest duplikat" });
  const merged = await t.app.services.needs.merge(actor, duplicate.id, { intoId: rogNeed.id });
  assert.ok(merged.ok);
  const refused = await sek.post(`/needs/${duplicate.id}/national?lang=en`, { nationalNeedId: String(group) });
  assert.equal(refused.statusCode, 422);
  assert.match(refused.body, /has been merged into another/);
  assert.equal(await linkOf(duplicate.id), undefined);

  // Unlinking: Rogaland's need goes out, the national need stays with Nordland's; then it goes too.
  assert.equal((await sek.post(`/needs/${rogNeed.id}/national/delete`, {})).statusCode, 303);
  assert.equal(await linkOf(rogNeed.id), undefined);
  assert.ok(await t.app.services.nationalNeeds.repo.byId(group));
  assert.equal((await other.post(`/needs/${nordNeed.id}/national/delete`, {})).statusCode, 303);
  assert.equal(await t.app.services.nationalNeeds.repo.byId(group), undefined);

  const trail = await t.database.db
    .select({ entity: auditLog.entity, action: auditLog.action })
    .from(auditLog)
    .where(inArray(auditLog.entity, ["national_need", "national_need_link"]));
  for (const [entity, action] of [
    ["national_need", "create"],
    ["national_need", "update"],
    ["national_need", "delete"],
    ["national_need_link", "create"],
    ["national_need_link", "update"],
    ["national_need_link", "delete"],
  ])
    assert.ok(
      trail.some((e) => e.entity === entity && e.action === action),
      `audited: ${action} ${entity}`,
    );
});

test("the national view never shows, counts or sums a restricted need for those who may not see it", async () => {
  const [a, b, c, d] = nordOrgs as [(typeof nordOrgs)[0], (typeof nordOrgs)[0], (typeof nordOrgs)[0], (typeof nordOrgs)[0]];
  const [x, y] = rogOrgs as [(typeof rogOrgs)[0], (typeof rogOrgs)[0]];
  const word = `Synlighetstest${Math.random().toString(36).slice(2, 8)}`;
  // Public in Rogaland (x, supported by y); kept to Nordland's members (a, supported by b); and a
  // national need of Nordland's restricted needs alone.
  const open = await need(rogaland.id, x.id, { title: `${word} åpent behov` }, [y.id]);
  const hidden = await need(nordland.id, a.id, { title: `${word} ${MARKER}`, problem: MARKER, visibility: "network" }, [b.id]);
  const hiddenToo = await need(nordland.id, c.id, { title: `${MARKER} alene`, visibility: "network" }, [d.id]);
  const group = await t.app.services.nationalNeeds.start(actor, open.id, {
    title: `${word} felles`,
    description: "Offentlig tekst.",
  });
  assert.ok(group.ok);
  assert.ok((await t.app.services.nationalNeeds.link(actor, hidden.id, { nationalNeedId: group.value.id })).ok);
  const lonely = await t.app.services.nationalNeeds.start(actor, hiddenToo.id, { title: `${word} skjult gruppe` });
  assert.ok(lonely.ok);

  const sum = (orgs: { population: number | null }[]) => orgs.reduce((s, o) => s + (o.population ?? 0), 0);
  const outsiders = [
    ["anonymous", new Session(t.app)],
    ["another network's secretariat", await login("sek@rogaland.national.example")],
  ] as const;
  for (const [who, session] of outsiders) {
    const answers: LightMyRequestResponse[] = [
      await session.get(`/needs/national?q=${word}&lang=en`),
      await session.get(`/needs/national?q=${word}&unlinked=1`),
      await session.get(`/needs/national?unlinked=1&sort=-inhabitants`),
      await session.get(`/needs/national.csv?q=${word}&unlinked=1`),
      await session.get(`/needs/national/${group.value.id}`),
      await session.api("GET", `/api/v1/national-needs?q=${word}&unlinked=true`),
      await session.api("GET", `/api/v1/national-needs/${group.value.id}`),
      await session.get(`/needs/${open.id}`),
    ];
    for (const res of answers) {
      assert.equal(res.statusCode, 200, `${who}: ${res.statusCode}`);
      assert.ok(!res.body.includes(MARKER), `${who} sees the marker`);
    }
    const book = await session.get(`/needs/national.xlsx?q=${word}&unlinked=1`);
    assert.equal(book.statusCode, 200);
    const sheet = sheetOf(book.rawPayload);
    assert.ok(sheet.includes(`${word} felles`), `${who}: the workbook holds the national need`);
    assert.ok(!sheet.includes(MARKER), `${who} sees the marker in the workbook`);
    // The national need of restricted needs alone is not shown at all.
    assert.equal((await session.get(`/needs/national/${lonely.value.id}`)).statusCode, 404);
    assert.equal((await session.api("GET", `/api/v1/national-needs/${lonely.value.id}`)).statusCode, 404);
    assert.ok(!answers[1]!.body.includes(`${word} skjult gruppe`), `${who}: the hidden national need is not listed`);
    // Counted and summed over the visible need alone: one network, its organisations and their inhabitants.
    const api = (await session.api("GET", `/api/v1/national-needs?q=${word}`)).json();
    assert.equal(api.total, 1, `${who}: only the national need with a visible need`);
    const [row] = api.items;
    assert.equal(row.networks, 1);
    assert.equal(row.organisations, 2);
    assert.equal(row.inhabitants, sum([x, y]));
    assert.deepEqual(
      row.needs.map((n: { id: number }) => n.id),
      [open.id],
    );
    const csv = answers[3]!.body;
    assert.match(csv, new RegExp(`${word} felles`));
  }

  // Digi Nordland's members see their restricted need, counted with the rest.
  const member = await login("member@nordland.national.example");
  const api = (await member.api("GET", `/api/v1/national-needs?q=${word}`)).json();
  assert.equal(api.total, 2);
  const row = api.items.find((r: { nationalNeedId: number }) => r.nationalNeedId === group.value.id);
  assert.equal(row.networks, 2);
  assert.equal(row.organisations, 4);
  assert.equal(row.inhabitants, sum([x, y, a, b]));
  const page = await member.get(`/needs/national/${group.value.id}?lang=en`);
  assert.ok(page.body.includes(MARKER));
  assert.match(page.body, /Priority in each network/);
  // Sorted by inhabitants and by networks, both ways, without a server error.
  for (const sort of ["-inhabitants", "inhabitants", "networks", "-networks", "title", "-title"])
    assert.equal((await member.get(`/needs/national?sort=${sort}&unlinked=1&page=2`)).statusCode, 200, sort);
});

test("a secretariat passes needs on to a national body: clear errors, restricted needs kept out of public submissions, the answer recorded, a printable page", async () => {
  const today = osloToday();
  const tomorrow = new Date(Date.now() + 36 * 3600_000).toISOString().slice(0, 10);
  const word = `Innspillstest${Math.random().toString(36).slice(2, 8)}`;
  const open = await need(rogaland.id, rogOrgs[0]!.id, { title: `${word} offentlig behov`, problem: "Slik det var." });
  const kept = await need(rogaland.id, rogOrgs[1]!.id, { title: `${word} skjermet behov`, visibility: "network" });
  const bodyOnly = await need(rogaland.id, rogOrgs[2]!.id, { title: `${word} ${MARKER} organ`, visibility: "network" });
  const [committee] = await t.app.services.assessment.committeesOf(rogaland.id);
  await t.database.db.update(needs).set({ visibility: "body", bodyId: committee!.id }).where(eq(needs.id, bodyOnly.id));
  const sek = await login("sek@rogaland.national.example");
  const submissionsOf = async () =>
    (await t.database.db.select({ n: count() }).from(needSubmissions).where(eq(needSubmissions.networkId, rogaland.id)))[0]!.n;
  const stored = await submissionsOf();

  const form = await sek.get(`/n/${rogaland.slug}/needs/submissions/new?lang=en`);
  assert.equal(form.statusCode, 200);
  assert.match(form.body, new RegExp(`${word} offentlig behov`));
  assert.match(form.body, /type="checkbox"/);

  // Bad input: every problem named in the user's language, what was typed kept, nothing stored.
  const bad = {
    recipientKind: "ministry",
    recipientName: "",
    title: "Innspill",
    coverNote: "Dette ber vi om.",
    sentOn: tomorrow,
  };
  const en = await sek.post(`/n/${rogaland.slug}/needs/submissions?lang=en`, bad);
  assert.equal(en.statusCode, 422);
  assert.match(en.body, /Write the name of the ministry or body/);
  assert.match(en.body, /Choose at least one need to pass on/);
  assert.match(en.body, /cannot be after today/);
  assert.match(en.body, /Dette ber vi om\./, "what was typed comes back");
  const nn = await sek.post(`/n/${rogaland.slug}/needs/submissions?lang=nn`, bad);
  assert.match(nn.body, /Skriv namnet på departementet eller organet/);
  // A need kept to the network in a public submission: refused, named.
  const restricted = await sek.post(`/n/${rogaland.slug}/needs/submissions?lang=en`, {
    recipientKind: "digdir",
    title: "Til Digdir",
    sentOn: today,
    visibility: "public",
    needIds: [String(open.id), String(kept.id)],
  });
  assert.equal(restricted.statusCode, 422);
  assert.match(restricted.body, new RegExp(`${word} skjermet behov.{1,20} is restricted and cannot go into a public submission`));
  // Another network's need: not a choice.
  const foreign = await need(nordland.id, nordOrgs[0]!.id, { title: `${word} fra Nordland` });
  const wrong = await sek.post(`/n/${rogaland.slug}/needs/submissions?lang=en`, {
    recipientKind: "digdir",
    title: "Til Digdir",
    sentOn: today,
    needIds: [String(foreign.id)],
  });
  assert.equal(wrong.statusCode, 422);
  assert.match(wrong.body, /Choose one of the options/);
  assert.equal(await submissionsOf(), stored, "nothing was stored");

  // A public submission of the public need, and one for the network's people with the restricted ones.
  const created = await sek.post(`/n/${rogaland.slug}/needs/submissions`, {
    recipientKind: "ks_digitaliseringsutvalget",
    title: `${word} til KS`,
    coverNote: "Vi ber utvalget se på dette.",
    sentOn: today,
    visibility: "public",
    needIds: [String(open.id)],
  });
  assert.equal(created.statusCode, 303);
  const id = Number(String(created.headers.location).match(/\/needs\/submissions\/(\d+)/)![1]);
  const internal = await sek.post(`/n/${rogaland.slug}/needs/submissions`, {
    recipientKind: "ministry",
    recipientName: "Kommunal- og distriktsdepartementet",
    title: `${word} internt`,
    sentOn: today,
    visibility: "network",
    needIds: [String(kept.id), String(bodyOnly.id)],
  });
  assert.equal(internal.statusCode, 303);
  const internalId = Number(String(internal.headers.location).match(/\/needs\/submissions\/(\d+)/)![1]);
  const items = await t.database.db.select().from(needSubmissionItems).where(eq(needSubmissionItems.submissionId, internalId));
  assert.equal(items.find((i) => i.needId === kept.id)?.titleSent, kept.title, "a need its readers may read is copied");
  assert.equal(items.find((i) => i.needId === bodyOnly.id)?.titleSent, null, "a body's need is referred to, not copied");

  // What was sent is kept when the need changes later.
  const changed = await t.app.services.needs.update(actor, open.id, {
    ...open,
    title: `${word} nytt navn`,
    problem: "Slik det er nå.",
  });
  assert.ok(changed.ok);
  const visitor = new Session(t.app);
  const shown = await visitor.get(`/needs/submissions/${id}?lang=en`);
  assert.equal(shown.statusCode, 200);
  assert.match(shown.body, new RegExp(`${word} offentlig behov`));
  assert.match(shown.body, /Slik det var\./);
  assert.match(shown.body, /KS Digitaliseringsutvalget/);
  assert.match(shown.body, /class="print-document"/, "printable");
  assert.match(shown.body, /needs\.csv/);
  assert.doesNotMatch(shown.body, /Record the answer/, "no form for a visitor");
  const csv = await visitor.get(`/needs/submissions/${id}/needs.csv`);
  assert.match(csv.body, new RegExp(`${word} offentlig behov`));
  assert.equal((await visitor.get(`/needs/submissions/${id}/needs.xlsx`)).statusCode, 200);
  const needPage = await visitor.get(`/needs/${open.id}?lang=en`);
  assert.match(needPage.body, /Passed on to KS Digitaliseringsutvalget on/);
  assert.match(needPage.body, new RegExp(`/needs/submissions/${id}"`));
  const css = await visitor.get("/assets/app.css");
  assert.match(css.body, /@media print[^}]*\.no-print/);

  // The submission for the network's people: not to a visitor, nor to another network's people.
  const outsider = await login("sek@nordland.national.example");
  for (const session of [visitor, outsider]) {
    assert.equal((await session.get(`/needs/submissions/${internalId}`)).statusCode, 404);
    assert.equal((await session.api("GET", `/api/v1/need-submissions/${internalId}`)).statusCode, 404);
    const list = await session.get(`/n/${rogaland.slug}/needs/submissions`);
    assert.ok(!list.body.includes(`${word} internt`));
    const api = (await session.api("GET", `/api/v1/networks/${rogaland.slug}/need-submissions`)).json();
    assert.ok(!JSON.stringify(api).includes(`${word} internt`));
    assert.ok(!(await session.get(`/needs/${kept.id}`)).body.includes(`${word} internt`));
  }
  // A member of the network sees it, without the body's need; the secretariat sees both.
  const rep = await login("rep@rogaland.national.example");
  const asMember = await rep.get(`/needs/submissions/${internalId}`);
  assert.equal(asMember.statusCode, 200);
  assert.ok(asMember.body.includes(`${word} skjermet behov`));
  assert.ok(!asMember.body.includes(MARKER), "the body's need is not shown to a member outside the body");
  assert.ok((await sek.get(`/needs/submissions/${internalId}`)).body.includes(MARKER));

  // Another network's secretariat neither changes it nor records an answer.
  assert.equal((await outsider.post(`/needs/submissions/${id}/answer`, { answer: "Kapret", answeredOn: today })).statusCode, 403);
  assert.equal((await outsider.get(`/needs/submissions/${id}/edit`)).statusCode, 403);
  assert.equal((await rep.post(`/needs/submissions/${id}/answer`, { answer: "Kapret", answeredOn: today })).statusCode, 403);

  // The answer: dated before it was sent is refused; then recorded, and shown.
  const early = await sek.post(`/needs/submissions/${id}/answer?lang=en`, { answer: "Takk.", answeredOn: "2020-01-01" });
  assert.equal(early.statusCode, 422);
  assert.match(early.body, /cannot be dated before the submission was sent/);
  const answered = await sek.post(`/needs/submissions/${id}/answer`, { answer: "Takk, vi tar det med.", answeredOn: today });
  assert.equal(answered.statusCode, 303);
  const withAnswer = await visitor.get(`/needs/submissions/${id}?lang=en`);
  assert.match(withAnswer.body, /Takk, vi tar det med\./);
  assert.match(withAnswer.body, /Answer received on/);
  const [row] = await t.database.db.select().from(needSubmissions).where(eq(needSubmissions.id, id));
  assert.equal(row!.answeredOn, today);

  // Changing it: a need added now is copied as it is now; making it public with a restricted need is refused.
  const edited = await sek.post(`/needs/submissions/${id}?lang=en`, {
    recipientKind: "ks_digitaliseringsutvalget",
    title: `${word} til KS`,
    sentOn: today,
    visibility: "public",
    needIds: [String(open.id), String(kept.id)],
  });
  assert.equal(edited.statusCode, 422);
  assert.match(edited.body, /is restricted and cannot go into a public submission/);

  const trail = await t.database.db
    .select({ action: auditLog.action })
    .from(auditLog)
    .where(and(eq(auditLog.entity, "need_submission"), eq(auditLog.entityId, String(id))));
  assert.deepEqual(trail.map((e) => e.action).sort(), ["create", "update"]);
});

test("the demo has national needs across networks and an answered submission", async () => {
  const { items } = await t.app.services.nationalNeeds.view(null, {}, "-networks", { limit: 50, offset: 0 });
  const demo = items.filter((r) => r.title === "Varsling av innbyggere ved kriser");
  assert.equal(demo.length, 1);
  assert.ok(demo[0]!.networks >= 2);
  const answered = await t.database.db.select().from(needSubmissions).where(eq(needSubmissions.isDemo, true));
  assert.ok(answered.some((s) => s.answeredOn !== null));
  const res = await new Session(t.app).get("/needs/national?lang=nn");
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /Behov på tvers av nettverka/);
});

test("the national view and a national need's page cost the same number of queries for many needs as for few", async () => {
  const queries = async (session: Session, url: string) => {
    const before = t.database.queries.count;
    const res = await session.get(url);
    assert.equal(res.statusCode, 200, res.body.slice(0, 300));
    return t.database.queries.count - before;
  };
  // Signed in, so the member page cache answers nothing; warmed, so the header's lists are kept.
  const member = await login("member@nordland.national.example");
  await member.get("/needs/national");
  const few = await queries(member, "/needs/national?q=Varsling");
  const many = await queries(member, "/needs/national?unlinked=1");
  assert.equal(many, few);
  const { items } = await t.app.services.nationalNeeds.view(null, {}, "-networks", { limit: 50, offset: 0 });
  const small = items.at(-1)!;
  const large = items[0]!;
  assert.ok(large.needs > small.needs || items.length === 1);
  assert.equal(
    await queries(member, `/needs/national/${large.nationalNeedId}`),
    await queries(member, `/needs/national/${small.nationalNeedId}`),
  );
});
