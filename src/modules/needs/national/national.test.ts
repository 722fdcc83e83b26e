import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { and, count, eq, inArray } from "drizzle-orm";
import type { LightMyRequestResponse } from "fastify";
import { PASSWORD, testAccount } from "../../../../test/support/accounts.ts";
import { createTestApp, Session, type TestApp } from "../../../../test/support/app.ts";
import { sheetText } from "../../../../test/support/xlsx.ts";
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
  const created = await t.app.services.needs.create(actor, networkId, {
    organisationId,
    title: "Felles behov for digital søknad om parkeringstillatelse",
    problem: "Søknadene kommer på papir og tastes inn på nytt.",
    visibility: "public",
    ...fields,
  });
  assert.ok(created.ok, JSON.stringify(!created.ok && created.errors));
  for (const s of supporters) {
    const supported = await t.app.services.needs.support(actor, created.value.id, { organisationId: s, note: "" });
    assert.ok(supported.ok);
  }
  return created.value;
}

const linkOf = async (needId: number) =>
  (await t.database.db.select().from(nationalNeedLinks).where(eq(nationalNeedLinks.needId, needId)))[0];
const auditCount = async () => (await t.database.db.select({ n: count() }).from(auditLog))[0]!.n;

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
    const sheet = await sheetText(book.rawPayload);
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

/** A bearer token of the signed-in session, with its scopes and network. */
async function tokenOf(session: Session, networkId: number | null) {
  await session.get("/account/tokens");
  const made = await session.post("/account/tokens", {
    name: `National ${Math.random()}`,
    scopes: ["read", "write"],
    networkId: networkId === null ? "" : String(networkId),
    days: "30",
  });
  assert.equal(made.statusCode, 201, made.body.slice(0, 300));
  const token = made.body.match(/svk_[\w-]+/)?.[0];
  assert.ok(token);
  return (method: "POST" | "PUT" | "PATCH" | "DELETE", url: string, payload: unknown = {}) =>
    t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      payload: JSON.stringify(payload),
    });
}

/** The fields of a 422 answer, by field, in the language asked for. */
const fieldsOf = (res: LightMyRequestResponse): Record<string, string> =>
  Object.fromEntries(((res.json().error?.fields ?? []) as { field: string; message: string }[]).map((f) => [f.field, f.message]));

test("the API links, starts, unlinks and edits national needs under the pages' rules: 422 with field errors, another network refused with nothing changed, a limited token only in its network", async () => {
  const rogNeed = await need(rogaland.id, rogOrgs[3]!.id, { title: "API-lenke behov i Rogaland" });
  const nordNeed = await need(nordland.id, nordOrgs[3]!.id, { title: "API-lenke behov i Nordland" });
  const sek = await login("sek@rogaland.national.example");
  const other = await login("sek@nordland.national.example");
  const groups = async () => (await t.database.db.select({ n: count() }).from(nationalNeeds))[0]!.n;

  // Bad input: the field named, in the caller's language; nothing stored.
  const stored = await groups();
  const changes = await auditCount();
  const blank = await sek.api("POST", `/api/v1/needs/${rogNeed.id}/national-need?lang=en`, { title: " " });
  assert.equal(blank.statusCode, 422);
  assert.match(fieldsOf(blank).title!, /Fill in this field/);
  const missing = await sek.api("POST", `/api/v1/needs/${rogNeed.id}/national-need?lang=nb`, {});
  assert.equal(missing.statusCode, 422);
  assert.ok(fieldsOf(missing).title, "a missing title is named");
  const tooLong = await sek.api("POST", `/api/v1/needs/${rogNeed.id}/national-need?lang=en`, { title: "x".repeat(201) });
  assert.equal(tooLong.statusCode, 422);
  assert.equal(await groups(), stored);
  assert.equal(await auditCount(), changes, "nothing was written");

  const started = await sek.api("POST", `/api/v1/needs/${rogNeed.id}/national-need`, {
    title: "API felles behov",
    description: "Offentlig.",
  });
  assert.equal(started.statusCode, 201, started.body);
  const group = started.json().id as number;
  assert.deepEqual(started.json(), { id: group, title: "API felles behov", description: "Offentlig." });
  assert.equal((await linkOf(rogNeed.id))?.nationalNeedId, group);

  // Nordland's secretariat links its own need: a national need that is not there, or not a number, is a field error.
  const unknown = await other.api("PUT", `/api/v1/needs/${nordNeed.id}/national-need?lang=en`, { nationalNeedId: 99_999_999 });
  assert.equal(unknown.statusCode, 422);
  assert.match(fieldsOf(unknown).nationalNeedId!, /Choose one of the options/);
  const notNumber = await other.api("PUT", `/api/v1/needs/${nordNeed.id}/national-need`, { nationalNeedId: "x" });
  assert.equal(notNumber.statusCode, 422);
  assert.ok(fieldsOf(notNumber).nationalNeedId);
  assert.equal(await linkOf(nordNeed.id), undefined);
  const linked = await other.api("PUT", `/api/v1/needs/${nordNeed.id}/national-need`, { nationalNeedId: group });
  assert.equal(linked.statusCode, 200, linked.body);
  assert.equal((await linkOf(nordNeed.id))?.nationalNeedId, group);

  // Never Rogaland's need, nor by a representative of its organisation: 403, nothing changed.
  const rep = await login("rep@rogaland.national.example");
  const before = await auditCount();
  for (const session of [other, rep])
    for (const [method, payload] of [
      ["POST", { title: "Kapret" }],
      ["PUT", { nationalNeedId: group }],
      ["DELETE", undefined],
    ] as const)
      assert.equal(
        (await session.api(method, `/api/v1/needs/${rogNeed.id}/national-need`, payload)).statusCode,
        403,
        `${method} by another`,
      );
  assert.equal((await linkOf(rogNeed.id))?.nationalNeedId, group);
  assert.equal(await groups(), stored + 1);
  // Anonymous: 401.
  assert.equal((await new Session(t.app).api("DELETE", `/api/v1/needs/${rogNeed.id}/national-need`)).statusCode, 401);

  // The national need's text: a secretariat with a need in it; fields left out keep their value.
  const emptyTitle = await other.api("PATCH", `/api/v1/national-needs/${group}?lang=en`, { title: "" });
  assert.equal(emptyTitle.statusCode, 422);
  assert.match(fieldsOf(emptyTitle).title!, /Fill in this field/);
  const renamed = await other.api("PATCH", `/api/v1/national-needs/${group}`, { title: "API felles behov, nytt navn" });
  assert.equal(renamed.statusCode, 200, renamed.body);
  assert.equal(renamed.json().description, "Offentlig.", "the description is kept");
  assert.equal((await rep.api("PATCH", `/api/v1/national-needs/${group}`, { title: "Kapret" })).statusCode, 403);
  assert.equal(await auditCount(), before + 1, "only the change of text was written");

  // A token limited to Nordland, of one who runs both networks, writes only in Nordland.
  const both = await testAccount(t.app, t.database.db, "sek@both.national.example", {
    networkId: nordland.id,
    role: "secretariat",
  });
  await t.app.services.access.repo.setAccess(rogaland.id, both, "secretariat", []);
  const bearer = await tokenOf(await login("sek@both.national.example"), nordland.id);
  const atToken = await auditCount();
  assert.equal((await bearer("DELETE", `/api/v1/needs/${rogNeed.id}/national-need`)).statusCode, 403);
  assert.equal((await bearer("POST", `/api/v1/needs/${rogNeed.id}/national-need`, { title: "Via token" })).statusCode, 403);
  const alone = await need(rogaland.id, rogOrgs[3]!.id, { title: "API-lenke Rogaland alene" });
  const rogOnly = await t.app.services.nationalNeeds.start(actor, alone.id, { title: "Bare Rogaland" });
  assert.ok(rogOnly.ok);
  const atRogOnly = await auditCount();
  assert.equal((await bearer("PATCH", `/api/v1/national-needs/${rogOnly.value.id}`, { title: "Via token" })).statusCode, 403);
  assert.equal(await auditCount(), atRogOnly, "nothing written in Rogaland through the token");
  assert.equal((await linkOf(rogNeed.id))?.nationalNeedId, group);
  // In Nordland it writes: the text of a national need with Nordland's need in it, and Nordland's own link.
  assert.equal((await bearer("PATCH", `/api/v1/national-needs/${group}`, { description: "Via token." })).statusCode, 200);
  assert.ok(atRogOnly > atToken);

  // Unlinking through the API: 204, then 404 as it is in none; the national need stays with Rogaland's.
  assert.equal((await bearer("DELETE", `/api/v1/needs/${nordNeed.id}/national-need`)).statusCode, 204);
  assert.equal(await linkOf(nordNeed.id), undefined);
  assert.equal((await other.api("DELETE", `/api/v1/needs/${nordNeed.id}/national-need`)).statusCode, 404);
  assert.ok(await t.app.services.nationalNeeds.repo.byId(group));
});

test("the API writes submissions under the pages' rules: bad input named, restricted needs kept out of public submissions, another network refused with nothing changed, the answer, the delete", async () => {
  const today = osloToday();
  const tomorrow = new Date(Date.now() + 36 * 3600_000).toISOString().slice(0, 10);
  const word = `APIinnspill${Math.random().toString(36).slice(2, 8)}`;
  const open = await need(rogaland.id, rogOrgs[4]!.id, { title: `${word} offentlig`, problem: "Som sendt." });
  const kept = await need(rogaland.id, rogOrgs[4]!.id, { title: `${word} skjermet`, visibility: "network" });
  const foreign = await need(nordland.id, nordOrgs[4]!.id, { title: `${word} Nordland` });
  const sek = await login("sek@rogaland.national.example");
  const other = await login("sek@nordland.national.example");
  const rows = async () => ({
    submissions: (await t.database.db.select({ n: count() }).from(needSubmissions))[0]!.n,
    items: (await t.database.db.select({ n: count() }).from(needSubmissionItems))[0]!.n,
    audit: await auditCount(),
  });
  const url = `/api/v1/networks/${rogaland.slug}/need-submissions`;
  const stored = await rows();

  const bad = await sek.api("POST", `${url}?lang=en`, {
    recipientKind: "ministry",
    title: "Innspill",
    sentOn: tomorrow,
    needIds: [],
  });
  assert.equal(bad.statusCode, 422);
  const errors = fieldsOf(bad);
  assert.match(errors.recipientName!, /Write the name of the ministry or body/);
  assert.match(errors.needIds!, /Choose at least one need to pass on/);
  assert.match(errors.sentOn!, /cannot be after today/);
  const nn = await sek.api("POST", `${url}?lang=nn`, {
    recipientKind: "ministry",
    title: "Innspill",
    sentOn: today,
    needIds: [open.id],
  });
  assert.match(fieldsOf(nn).recipientName!, /Skriv namnet på departementet eller organet/);
  const wrongKind = await sek.api("POST", `${url}?lang=en`, {
    recipientKind: "king",
    title: "x",
    sentOn: today,
    needIds: [open.id],
  });
  assert.equal(wrongKind.statusCode, 422);
  assert.ok(fieldsOf(wrongKind).recipientKind);
  const badDate = await sek.api("POST", `${url}?lang=en`, {
    recipientKind: "digdir",
    title: "x",
    sentOn: "31.12.2025",
    needIds: [open.id],
  });
  assert.equal(badDate.statusCode, 422);
  assert.ok(fieldsOf(badDate).sentOn);
  // A restricted need in a public submission, and another network's need: refused, named.
  const restricted = await sek.api("POST", `${url}?lang=en`, {
    recipientKind: "digdir",
    title: "Til Digdir",
    sentOn: today,
    needIds: [open.id, kept.id],
  });
  assert.equal(restricted.statusCode, 422);
  assert.match(
    fieldsOf(restricted).needIds!,
    new RegExp(`${word} skjermet.{1,20} is restricted and cannot go into a public submission`),
  );
  const notOurs = await sek.api("POST", `${url}?lang=en`, {
    recipientKind: "digdir",
    title: "x",
    sentOn: today,
    needIds: [foreign.id],
  });
  assert.equal(notOurs.statusCode, 422);
  assert.match(fieldsOf(notOurs).needIds!, /Choose one of the options/);
  // Another network's secretariat, a representative, anonymous: refused.
  const rep = await login("rep@rogaland.national.example");
  const good = {
    recipientKind: "digdir",
    title: `${word} til Digdir`,
    coverNote: "Se på dette.",
    sentOn: today,
    needIds: [open.id],
  };
  assert.equal((await other.api("POST", url, good)).statusCode, 403);
  assert.equal((await rep.api("POST", url, good)).statusCode, 403);
  assert.equal((await new Session(t.app).api("POST", url, good)).statusCode, 401);
  assert.deepEqual(await rows(), stored, "nothing was stored");

  const created = await sek.api("POST", url, good);
  assert.equal(created.statusCode, 201, created.body);
  const s = created.json();
  assert.equal(s.network, rogaland.slug);
  assert.equal(s.visibility, "public");
  assert.deepEqual(s.needs, [{ needId: open.id, title: `${word} offentlig`, problem: "Som sendt.", asSent: true }]);

  // Changing it: fields left out keep their value; a need added is copied; public with a restricted need is refused.
  const retitled = await sek.api("PATCH", `/api/v1/need-submissions/${s.id}`, { title: `${word} til Digdir, endret` });
  assert.equal(retitled.statusCode, 200, retitled.body);
  assert.equal(retitled.json().coverNote, "Se på dette.");
  assert.equal(retitled.json().needs.length, 1);
  const publicRestricted = await sek.api("PATCH", `/api/v1/need-submissions/${s.id}?lang=en`, { needIds: [open.id, kept.id] });
  assert.equal(publicRestricted.statusCode, 422);
  assert.match(fieldsOf(publicRestricted).needIds!, /is restricted and cannot go into a public submission/);
  const internal = await sek.api("PATCH", `/api/v1/need-submissions/${s.id}`, {
    visibility: "network",
    needIds: [open.id, kept.id],
  });
  assert.equal(internal.statusCode, 200, internal.body);
  assert.deepEqual(
    internal.json().needs.map((n: { title: string; asSent: boolean }) => [n.title, n.asSent]),
    [
      [`${word} offentlig`, true],
      [`${word} skjermet`, true],
    ],
  );

  // The answer: before it was sent, refused; then recorded.
  const early = await sek.api("PUT", `/api/v1/need-submissions/${s.id}/answer?lang=en`, {
    answer: "Takk.",
    answeredOn: "2020-01-01",
  });
  assert.equal(early.statusCode, 422);
  assert.match(fieldsOf(early).answeredOn!, /cannot be dated before the submission was sent/);
  const noText = await sek.api("PUT", `/api/v1/need-submissions/${s.id}/answer?lang=en`, { answer: "", answeredOn: today });
  assert.match(fieldsOf(noText).answer!, /Fill in this field/);
  const answered = await sek.api("PUT", `/api/v1/need-submissions/${s.id}/answer`, {
    answer: "Vi ser på det.",
    answeredOn: today,
  });
  assert.equal(answered.statusCode, 200, answered.body);
  assert.equal(answered.json().answeredOn, today);

  // Another network's secretariat neither sees the network's submission nor changes, answers or deletes it.
  const at = await rows();
  const [row] = await t.database.db.select().from(needSubmissions).where(eq(needSubmissions.id, s.id));
  for (const session of [other, rep]) {
    const expected = session === other ? 404 : 403;
    assert.equal((await session.api("PATCH", `/api/v1/need-submissions/${s.id}`, { title: "Kapret" })).statusCode, expected);
    assert.equal(
      (await session.api("PUT", `/api/v1/need-submissions/${s.id}/answer`, { answer: "Kapret", answeredOn: today })).statusCode,
      expected,
    );
    assert.equal((await session.api("DELETE", `/api/v1/need-submissions/${s.id}`)).statusCode, expected);
  }
  assert.deepEqual(await rows(), at, "nothing changed");
  assert.deepEqual((await t.database.db.select().from(needSubmissions).where(eq(needSubmissions.id, s.id)))[0], row);

  // A token limited to Nordland, of one who runs Rogaland too, writes no submission of Rogaland's.
  const both = await testAccount(t.app, t.database.db, "sek@both2.national.example", {
    networkId: rogaland.id,
    role: "secretariat",
  });
  await t.app.services.access.repo.setAccess(nordland.id, both, "secretariat", []);
  const bearer = await tokenOf(await login("sek@both2.national.example"), nordland.id);
  const open2 = await t.app.services.needSubmissions.create(actor, rogaland.id, { ...good, title: `${word} offentlig 2` });
  assert.ok(open2.ok);
  const atToken = await rows();
  assert.equal((await bearer("POST", url, good)).statusCode, 403);
  for (const [id, status] of [
    [open2.value.id, 403],
    // Kept to Rogaland's people, whom the token does not act for: not even found.
    [s.id, 404],
  ] as const) {
    assert.equal((await bearer("PATCH", `/api/v1/need-submissions/${id}`, { title: "Via token" })).statusCode, status);
    assert.equal(
      (await bearer("PUT", `/api/v1/need-submissions/${id}/answer`, { answer: "Via token", answeredOn: today })).statusCode,
      status,
    );
    assert.equal((await bearer("DELETE", `/api/v1/need-submissions/${id}`)).statusCode, status);
  }
  assert.deepEqual(await rows(), atToken, "nothing changed through the token");

  // Deleting it: 204, gone with what was sent, audited with the needs it passed on.
  assert.equal((await sek.api("DELETE", `/api/v1/need-submissions/${s.id}`)).statusCode, 204);
  assert.equal((await sek.api("GET", `/api/v1/need-submissions/${s.id}`)).statusCode, 404);
  assert.equal(
    (await t.database.db.select().from(needSubmissionItems).where(eq(needSubmissionItems.submissionId, s.id))).length,
    0,
  );
  const [gone] = await t.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entity, "need_submission"), eq(auditLog.entityId, String(s.id)), eq(auditLog.action, "delete")));
  assert.ok(gone, "the delete is audited");
  assert.deepEqual((gone.before as { needIds: number[] }).needIds.sort(), [open.id, kept.id].sort());
  assert.ok(await t.app.services.needs.repo.byId(open.id), "the needs themselves stay");
});

test("its secretariat deletes a submission from its edit page; others are refused and nothing changes", async () => {
  const today = osloToday();
  const word = `Slettetest${Math.random().toString(36).slice(2, 8)}`;
  const open = await need(rogaland.id, rogOrgs[5]!.id, { title: `${word} behov` });
  const sek = await login("sek@rogaland.national.example");
  const created = await t.app.services.needSubmissions.create(actor, rogaland.id, {
    recipientKind: "komit_radet",
    title: `${word} innspill`,
    sentOn: today,
    needIds: [String(open.id)],
  });
  assert.ok(created.ok);
  const id = created.value.id;

  const edit = await sek.get(`/needs/submissions/${id}/edit?lang=en`);
  assert.equal(edit.statusCode, 200);
  assert.match(edit.body, new RegExp(`action="/needs/submissions/${id}/delete"`));
  assert.match(edit.body, /Delete the submission and what was sent/);
  assert.match(edit.body, /This cannot be undone/);
  assert.doesNotMatch((await sek.get(`/n/${rogaland.slug}/needs/submissions/new?lang=en`)).body, /Delete the submission/);

  const outsider = await login("sek@nordland.national.example");
  const rep = await login("rep@rogaland.national.example");
  const changes = await auditCount();
  assert.equal((await outsider.post(`/needs/submissions/${id}/delete`, {})).statusCode, 403);
  assert.equal((await rep.post(`/needs/submissions/${id}/delete`, {})).statusCode, 403);
  assert.equal((await new Session(t.app).post(`/needs/submissions/${id}/delete`, {})).statusCode, 303, "to sign in");
  assert.equal((await sek.post(`/needs/submissions/${id}/delete`, {}, { csrf: "wrong" })).statusCode, 403, "CSRF");
  assert.equal(await auditCount(), changes);
  assert.ok((await t.app.services.needSubmissions.repo.byId(id))?.submission);

  const deleted = await sek.post(`/needs/submissions/${id}/delete`, {});
  assert.equal(deleted.statusCode, 303);
  assert.equal(deleted.headers.location, `/n/${rogaland.slug}/needs/submissions?deleted=1`);
  const list = await sek.get(`/n/${rogaland.slug}/needs/submissions?deleted=1&lang=en`);
  assert.match(list.body, /The submission has been deleted/);
  assert.ok(!list.body.includes(`${word} innspill`));
  assert.equal((await sek.get(`/needs/submissions/${id}`)).statusCode, 404);
  assert.doesNotMatch(
    (await sek.get(`/needs/${open.id}`)).body,
    new RegExp(`/needs/submissions/${id}"`),
    "no longer named on the need",
  );
  assert.equal(
    (await t.database.db.select().from(needSubmissionItems).where(eq(needSubmissionItems.submissionId, id))).length,
    0,
    "what was sent goes with it",
  );
  assert.equal(await auditCount(), changes + 1, "one audit entry, written with the delete");
});

test("a need moved to another network leaves its national need, audited, in the same transaction", async () => {
  // An organisation of Rogaland's that joins Nordland too, and one who runs both networks.
  const org = rogOrgs[2]!;
  await t.app.services.networks.repo.insertMemberships([{ networkId: nordland.id, organisationId: org.id, level: "member" }]);
  const mover = await testAccount(t.app, t.database.db, "sek@mover.national.example", {
    networkId: rogaland.id,
    role: "secretariat",
  });
  await t.app.services.access.repo.setAccess(nordland.id, mover, "secretariat", []);
  const sek = await login("sek@mover.national.example");

  const moving = await need(rogaland.id, org.id, { title: "Flyttetest behov" });
  const staying = await need(nordland.id, nordOrgs[5]!.id, { title: "Flyttetest behov i Nordland" });
  const group = await t.app.services.nationalNeeds.start(actor, moving.id, { title: "Flyttetest felles" });
  assert.ok(group.ok);
  assert.ok((await t.app.services.nationalNeeds.link(actor, staying.id, { nationalNeedId: group.value.id })).ok);

  // The move form says what happens to the link.
  const page = await sek.get(`/needs/${moving.id}?lang=en`);
  assert.match(page.body, /the link is removed, as the network it leaves made it/);

  // A move that is refused leaves the link.
  const refused = await sek.post(`/needs/${moving.id}/move?lang=en`, { networkId: String(rogaland.id) });
  assert.equal(refused.statusCode, 422);
  assert.equal((await linkOf(moving.id))?.nationalNeedId, group.value.id);

  const moved = await sek.post(`/needs/${moving.id}/move`, { networkId: String(nordland.id), note: "Hører hjemme der" });
  assert.equal(moved.statusCode, 303);
  assert.equal((await t.app.services.needs.repo.byId(moving.id))!.networkId, nordland.id);
  assert.equal(await linkOf(moving.id), undefined, "the link made by the old network is gone");
  assert.ok(await t.app.services.nationalNeeds.repo.byId(group.value.id), "the national need stays with the other need");
  const [entry] = await t.database.db
    .select()
    .from(auditLog)
    .where(
      and(eq(auditLog.entity, "national_need_link"), eq(auditLog.entityId, String(moving.id)), eq(auditLog.action, "delete")),
    );
  assert.ok(entry, "the removal is audited");
  assert.deepEqual(entry.after, { reason: "moved" });
  assert.equal((entry.before as { nationalNeedId: number }).nationalNeedId, group.value.id);
  const [move] = await t.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entity, "need"), eq(auditLog.entityId, String(moving.id)), eq(auditLog.action, "update")));
  assert.equal(move?.requestId, entry.requestId, "written by the same request");
  // Its new network's secretariat may link it again.
  assert.equal(
    (await sek.api("PUT", `/api/v1/needs/${moving.id}/national-need`, { nationalNeedId: group.value.id })).statusCode,
    200,
  );

  // A need alone in its national need, moved through the API: the national need goes with the link.
  const lone = await need(rogaland.id, org.id, { title: "Flyttetest alene" });
  const loneGroup = await t.app.services.nationalNeeds.start(actor, lone.id, { title: "Flyttetest alene felles" });
  assert.ok(loneGroup.ok);
  const viaApi = await sek.api("POST", `/api/v1/needs/${lone.id}/move`, { networkId: nordland.id });
  assert.equal(viaApi.statusCode, 200, viaApi.body);
  assert.equal(await linkOf(lone.id), undefined);
  assert.equal(await t.app.services.nationalNeeds.repo.byId(loneGroup.value.id), undefined, "an empty national need is removed");
  const trail = await t.database.db
    .select({ action: auditLog.action })
    .from(auditLog)
    .where(and(eq(auditLog.entity, "national_need"), eq(auditLog.entityId, String(loneGroup.value.id))));
  assert.deepEqual(trail.map((e) => e.action).sort(), ["create", "delete"]);
});
