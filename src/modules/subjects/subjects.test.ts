import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { PASSWORD, testAccount } from "../../../test/support/accounts.ts";
import { createTestApp, Session, type TestApp } from "../../../test/support/app.ts";
import { systemActor } from "../../platform/access/actor.ts";
import { osloParts } from "../../platform/i18n/i18n.ts";
import { projects } from "../projects/index.ts";
import { experienceNotes, subjectNetworkMembers, subjectNetworks, subjectQuestions, subjectReviews } from "./schema.ts";

let t: TestApp;
let rogaland: { id: number; slug: string };
let nordland: { id: number; slug: string };
let trondelag: { id: number; slug: string };
let publicProjectId: number;
let restrictedProjectId: number;
const ids: Record<string, number> = {};

before(async () => {
  t = await createTestApp();
  const { networks } = t.app.services;
  rogaland = (await networks.bySlug("digi-rogaland"))!;
  nordland = (await networks.bySlug("digi-nordland"))!;
  trondelag = (await networks.bySlug("digi-trondelag"))!;
  const db = t.database.db;
  ids.sekRogaland = await testAccount(t.app, db, "sek@sn-rogaland.example", { networkId: rogaland.id, role: "secretariat" });
  ids.sekNordland = await testAccount(t.app, db, "sek@sn-nordland.example", { networkId: nordland.id, role: "secretariat" });
  ids.sekTrondelag = await testAccount(t.app, db, "sek@sn-trondelag.example", { networkId: trondelag.id, role: "secretariat" });
  ids.memberNordland = await testAccount(t.app, db, "member@sn-nordland.example", { networkId: nordland.id, role: "member" });
  ids.outsider = await testAccount(t.app, db, "outsider@sn.example", { networkId: trondelag.id, role: "member" });
  const [pub] = await db
    .insert(projects)
    .values({ networkId: rogaland.id, title: "Felles velferdsteknologi", kind: "regional", sector: "health" })
    .returning();
  publicProjectId = pub!.id;
  const [restricted] = await db
    .insert(projects)
    .values({ networkId: nordland.id, title: "LUKKET-PROSJEKT-7Q", kind: "regional", sector: "health", visibility: "network" })
    .returning();
  restrictedProjectId = restricted!.id;
});
after(() => t.close());

const login = async (email: string) => {
  const s = await new Session(t.app).login(email, PASSWORD);
  await s.get("/");
  return s;
};
const anonymous = () => new Session(t.app);
const subjectBySlug = async (slug: string) =>
  (await t.database.db.select().from(subjectNetworks).where(eq(subjectNetworks.slug, slug)))[0];

/** A subject network started by Digi Rogaland's secretariat through the form. */
async function started(name: string, fields: Record<string, string> = {}) {
  const sek = await login("sek@sn-rogaland.example");
  const res = await sek.post("/subject-networks", {
    name,
    mandate: "Dele erfaring.",
    joinPolicy: "open",
    ownerNetworkId: String(rogaland.id),
    ...fields,
  });
  assert.equal(res.statusCode, 303, res.body.slice(0, 500));
  const subject = await subjectBySlug(
    String(res.headers.location)
      .replace(/^\/subject-networks\//, "")
      .replace("?saved=1", ""),
  );
  assert.ok(subject);
  return { sek, subject };
}

test("a secretariat starts a subject network; bad input comes back with errors and nothing is stored; it is listed on its owners' pages", async () => {
  const sek = await login("sek@sn-rogaland.example");
  assert.equal((await sek.get("/subject-networks/new")).statusCode, 200);
  const empty = await sek.post("/subject-networks?lang=en", { name: " ", mandate: "Noko", ownerNetworkId: String(rogaland.id) });
  assert.equal(empty.statusCode, 422);
  assert.match(empty.body, /Fill in this field/);
  assert.match(empty.body, /Noko/, "what was typed comes back");
  const foreign = await sek.post("/subject-networks?lang=en", { name: "Arkiv", ownerNetworkId: String(nordland.id) });
  assert.equal(foreign.statusCode, 422, "a network the secretariat does not run cannot own it");
  const national = await sek.post("/subject-networks?lang=en", { name: "Arkiv", national: "1" });
  assert.equal(national.statusCode, 422);
  assert.match(national.body, /Only an administrator can make a subject network national/);
  assert.equal(await subjectBySlug("arkiv"), undefined, "nothing stored");
  assert.equal((await login("member@sn-nordland.example").then((m) => m.get("/subject-networks/new"))).statusCode, 403);

  const { subject } = await started("Arkiv og dokumentasjon");
  const [creator] = await t.database.db
    .select()
    .from(subjectNetworkMembers)
    .where(eq(subjectNetworkMembers.subjectNetworkId, subject.id));
  assert.equal(creator?.userId, ids.sekRogaland);
  assert.equal(creator?.role, "coordinator", "whoever starts it coordinates it");
  assert.match((await anonymous().get(`/n/${rogaland.slug}`)).body, /Arkiv og dokumentasjon/);
  assert.doesNotMatch((await anonymous().get(`/n/${nordland.slug}`)).body, /Arkiv og dokumentasjon/);

  // Nordland's secretariat cannot make its network an owner on its own (that would give it the running of it);
  // once a coordinator, it can, and only for a network it runs.
  const nordlandSek = await login("sek@sn-nordland.example");
  assert.equal(
    (await nordlandSek.post(`/subject-networks/${subject.slug}/owners`, { networkId: String(nordland.id) })).statusCode,
    403,
  );
  await nordlandSek.post(`/subject-networks/${subject.slug}/join`, {});
  const coordinator = await login("sek@sn-rogaland.example");
  await coordinator.post(`/subject-networks/${subject.slug}/members/${ids.sekNordland}`, { action: "coordinator" });
  const forged = await nordlandSek.post(`/subject-networks/${subject.slug}/owners?lang=en`, { networkId: String(trondelag.id) });
  assert.equal(forged.statusCode, 422);
  assert.equal(
    (await nordlandSek.post(`/subject-networks/${subject.slug}/owners`, { networkId: String(nordland.id) })).statusCode,
    303,
  );
  assert.match((await anonymous().get(`/n/${nordland.slug}`)).body, /Arkiv og dokumentasjon/);
  // And it may take its own network off, but not Rogaland's; the last owner stays.
  assert.equal((await nordlandSek.post(`/subject-networks/${subject.slug}/owners/${rogaland.id}/remove`, {})).statusCode, 404);
  assert.equal((await nordlandSek.post(`/subject-networks/${subject.slug}/owners/${nordland.id}/remove`, {})).statusCode, 303);
  const sek2 = await login("sek@sn-rogaland.example");
  const last = await sek2.post(`/subject-networks/${subject.slug}/owners/${rogaland.id}/remove`, {});
  assert.match(String(last.headers.location), /lastOwner=1/);
  assert.match((await anonymous().get(`/n/${rogaland.slug}`)).body, /Arkiv og dokumentasjon/);

  // Editing: the coordinator may, another network's secretariat that does not run it may not.
  const trondelagSek = await login("sek@sn-trondelag.example");
  assert.equal((await trondelagSek.post(`/subject-networks/${subject.slug}`, { name: "Kapra" })).statusCode, 403);
  const renamed = await sek2.post(`/subject-networks/${subject.slug}`, {
    name: "Arkiv",
    mandate: "Nytt mandat",
    joinPolicy: "approval",
  });
  assert.equal(renamed.statusCode, 303);
  assert.equal((await subjectBySlug(subject.slug))?.mandate, "Nytt mandat");
});

test("people join an open subject network at once and wait for a coordinator where it approves; they leave themselves", async () => {
  const { sek, subject } = await started("Skole og oppvekst", { joinPolicy: "approval" });
  const member = await login("member@sn-nordland.example");
  assert.equal((await member.post(`/subject-networks/${subject.slug}/join`, { organisationId: "" })).statusCode, 303);
  let page = await member.get(`/subject-networks/${subject.slug}?lang=en`);
  assert.match(page.body, /A coordinator has to approve it/);
  assert.equal((await member.get(`/subject-networks/${subject.slug}/experience/new`)).statusCode, 403, "not yet in");

  // Someone who does not run it cannot let them in.
  const outsider = await login("outsider@sn.example");
  assert.equal(
    (await outsider.post(`/subject-networks/${subject.slug}/members/${ids.memberNordland}`, { action: "approve" })).statusCode,
    403,
  );
  assert.equal(
    (await sek.post(`/subject-networks/${subject.slug}/members/${ids.memberNordland}`, { action: "promote" })).statusCode,
    400,
  );
  assert.equal(
    (await sek.post(`/subject-networks/${subject.slug}/members/${ids.memberNordland}`, { action: "approve" })).statusCode,
    303,
  );
  page = await member.get(`/subject-networks/${subject.slug}?lang=en`);
  assert.match(page.body, /You take part as member/);
  assert.equal((await member.get(`/subject-networks/${subject.slug}/experience/new`)).statusCode, 200);

  // The names of those who take part are theirs; everyone sees the coordinators and the count.
  const anon = await anonymous().get(`/subject-networks/${subject.slug}?lang=en`);
  assert.doesNotMatch(anon.body, /member@sn-nordland|>member</);
  assert.match(anon.body, /1 more member/);

  assert.equal((await member.post(`/subject-networks/${subject.slug}/leave`, {})).statusCode, 303);
  const rows = await t.database.db
    .select()
    .from(subjectNetworkMembers)
    .where(eq(subjectNetworkMembers.subjectNetworkId, subject.id));
  assert.deepEqual(
    rows.map((r) => r.userId),
    [ids.sekRogaland],
  );
});

test("experience notes: written by members, searchable in Norwegian across networks, members-only ones kept inside", async () => {
  const { subject } = await started("Velferd");
  const member = await login("member@sn-nordland.example");
  await member.post(`/subject-networks/${subject.slug}/join`, {});
  await member.get(`/subject-networks/${subject.slug}/experience/new`);

  const bad = await member.post(`/subject-networks/${subject.slug}/experience?lang=en`, {
    title: "",
    whatWeDid: "Vi gjorde mykje",
    projectId: "999999",
    visibility: "secret",
  });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /Fill in this field/);
  assert.match(bad.body, /Vi gjorde mykje/);
  assert.equal(
    (await t.database.db.select().from(experienceNotes).where(eq(experienceNotes.subjectNetworkId, subject.id))).length,
    0,
  );

  const note = await member.post(`/subject-networks/${subject.slug}/experience`, {
    title: "Digitalt tilsyn i heimetenesta",
    whatWeDid: "Vi starta med tolv brukarar og digitale tilsyn om natta.",
    cost: "400 000 kroner",
    differently: "Involvere nattpatruljen tidlegare.",
    projectId: String(publicProjectId),
    visibility: "public",
  });
  assert.equal(note.statusCode, 303);
  const noteUrl = String(note.headers.location).replace("?saved=1", "");
  const shown = await anonymous().get(noteUrl);
  assert.match(shown.body, /Digitalt tilsyn i heimetenesta/);
  assert.match(shown.body, /Felles velferdsteknologi/, "linked to the project");
  // The project's page shows the experience written about it.
  assert.match((await anonymous().get(`/projects/${publicProjectId}`)).body, /Digitalt tilsyn i heimetenesta/);
  // Searched in Norwegian: an inflected word finds it, across every network, and the site search too.
  assert.match((await anonymous().get("/experience?q=brukarane")).body, /Digitalt tilsyn i heimetenesta/);
  assert.doesNotMatch((await anonymous().get("/experience?q=barnehage")).body, /Digitalt tilsyn i heimetenesta/);
  // (The site search marks the words it found.)
  assert.match((await anonymous().get("/search?q=tilsyn")).body, /Digitalt <mark>tilsyn<\/mark> i heimetenesta/);

  // A members-only note stays inside: not listed, not found, not in the API, for those outside.
  const internal = await member.post(`/subject-networks/${subject.slug}/experience`, {
    title: "INTERN-ERFARING-K9",
    whatWeDid: "Leverandøren leverte ikkje.",
    visibility: "members",
  });
  assert.equal(internal.statusCode, 303);
  const internalUrl = String(internal.headers.location).replace("?saved=1", "");
  const outsider = await login("outsider@sn.example");
  for (const session of [anonymous(), outsider]) {
    for (const url of [
      "/experience",
      `/subject-networks/${subject.slug}`,
      "/api/v1/experience",
      "/search?q=leverand%C3%B8ren",
      "/experience?q=leverand%C3%B8ren",
    ])
      assert.doesNotMatch((await session.get(url)).body, /INTERN-ERFARING-K9/, url);
    assert.equal((await session.get(internalUrl)).statusCode, 404);
    assert.equal((await session.get(`/api/v1${internalUrl}`)).statusCode, 404);
  }
  assert.match((await member.get(internalUrl)).body, /INTERN-ERFARING-K9/);
  // Rogaland's secretariat owns it and reads it; Nordland's does not.
  assert.match((await (await login("sek@sn-rogaland.example")).get("/experience")).body, /INTERN-ERFARING-K9/);
  assert.doesNotMatch((await (await login("sek@sn-nordland.example")).get("/experience")).body, /INTERN-ERFARING-K9/);

  // A note about a project its reader may not see does not name the project.
  const nordlandSek = await login("sek@sn-nordland.example");
  await nordlandSek.post(`/subject-networks/${subject.slug}/join`, {});
  const aboutRestricted = await nordlandSek.post(`/subject-networks/${subject.slug}/experience`, {
    title: "Om eit lukka prosjekt",
    whatWeDid: "Vi lærte mykje.",
    projectId: String(restrictedProjectId),
    visibility: "public",
  });
  assert.equal(aboutRestricted.statusCode, 303);
  const aboutUrl = String(aboutRestricted.headers.location).replace("?saved=1", "");
  const seen = await anonymous().get(aboutUrl);
  assert.match(seen.body, /Om eit lukka prosjekt/);
  assert.doesNotMatch(seen.body, /LUKKET-PROSJEKT-7Q/);
  const api = JSON.parse((await anonymous().get(`/api/v1${aboutUrl}`)).body);
  assert.equal(api.projectId, null);
  // A writer cannot link a project they may not see (Rogaland's secretariat, a coordinator, may not see Nordland's).
  const linked = await (await login("sek@sn-rogaland.example")).post(`/subject-networks/${subject.slug}/experience?lang=en`, {
    title: "Lenkje",
    whatWeDid: "x",
    projectId: String(restrictedProjectId),
  });
  assert.equal(linked.statusCode, 422);

  // Only its author (or a coordinator) changes it; another member gets 404.
  const noteId = noteUrl.split("/").pop();
  assert.equal((await nordlandSek.post(`/experience/${noteId}`, { title: "Kapra", whatWeDid: "x" })).statusCode, 404);
  assert.equal((await member.post(`/experience/${noteId}/delete`, {})).statusCode, 303);
  assert.equal((await anonymous().get(noteUrl)).statusCode, 404);
});

test("quality assurance: the project's runner asks, the coordinators record a verdict that shows on the project with its date", async () => {
  const { sek, subject } = await started("Kvalitet");
  const projectUrl = `/projects/${publicProjectId}`;
  // Only those who run the project ask.
  const outsider = await login("outsider@sn.example");
  assert.equal((await outsider.get(`${projectUrl}/reviews`)).statusCode, 403);
  const empty = await sek.post(`${projectUrl}/reviews?lang=en`, { subjectNetworkId: String(subject.id), request: "" });
  assert.equal(empty.statusCode, 422);
  assert.match(empty.body, /Fill in this field/);
  const asked = await sek.post(`${projectUrl}/reviews`, {
    subjectNetworkId: String(subject.id),
    request: "Vurder gevinstplanen.",
  });
  assert.equal(asked.statusCode, 303);
  const [review] = await t.database.db.select().from(subjectReviews).where(eq(subjectReviews.subjectNetworkId, subject.id));
  assert.equal(review?.status, "requested");

  // A coordinator records it; a verdict is needed; someone else may not.
  const reviewUrl = `/subject-networks/${subject.slug}/reviews/${review!.id}`;
  assert.equal((await outsider.get(reviewUrl)).statusCode, 403);
  const noVerdict = await sek.post(`${reviewUrl}?lang=en`, { outcome: "reviewed", verdict: "", findings: "Bra." });
  assert.equal(noVerdict.statusCode, 422);
  assert.match(noVerdict.body, /Bra\./);
  const done = await sek.post(reviewUrl, {
    outcome: "reviewed",
    verdict: "sound_with_changes",
    findings: "GEVINSTFUNN-3",
    recommendations: "Peik ut ein gevinsteigar.",
  });
  assert.equal(done.statusCode, 303);
  const page = await anonymous().get(`${projectUrl}?lang=en`);
  assert.match(page.body, /GEVINSTFUNN-3/);
  assert.match(page.body, /Sound with changes/);

  // A review of a project the reader may not see is not shown to them.
  await t.database.db.insert(subjectReviews).values({
    subjectNetworkId: subject.id,
    projectId: restrictedProjectId,
    request: "x",
    requestedByLabel: "x",
    status: "reviewed",
    verdict: "sound",
    findings: "LUKKA-FUNN-8",
  });
  assert.doesNotMatch((await anonymous().get(`/subject-networks/${subject.slug}`)).body, /LUKKA-FUNN-8/);
  assert.doesNotMatch((await anonymous().get(`/api/v1/subject-networks/${subject.slug}`)).body, /LUKKA-FUNN-8/);
  assert.match((await (await login("sek@sn-nordland.example")).get(`/subject-networks/${subject.slug}`)).body, /LUKKA-FUNN-8/);
});

test("questions: a member asks, another answers, and the next one finds it by the answer's words", async () => {
  const { sek, subject } = await started("Personvern");
  const member = await login("member@sn-nordland.example");
  assert.equal((await member.post(`/subject-networks/${subject.slug}/questions`, { title: "x" })).statusCode, 403, "not in it");
  await member.post(`/subject-networks/${subject.slug}/join`, {});
  const bad = await member.post(`/subject-networks/${subject.slug}/questions?lang=en`, { title: "", body: "Utan tittel" });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /Utan tittel/);
  const asked = await member.post(`/subject-networks/${subject.slug}/questions`, {
    title: "Kven er behandlingsansvarleg?",
    body: "I eit interkommunalt prosjekt.",
    visibility: "public",
  });
  assert.equal(asked.statusCode, 303);
  const url = String(asked.headers.location).replace("?saved=1", "");
  const emptyAnswer = await sek.post(`${url}/answers?lang=en`, { body: " " });
  assert.equal(emptyAnswer.statusCode, 422);
  assert.equal(
    (await sek.post(`${url}/answers`, { body: "Vertskommunen er behandlingsansvarleg etter avtalen." })).statusCode,
    303,
  );
  const outsider = await login("outsider@sn.example");
  assert.equal((await outsider.post(`${url}/answers`, { body: "Kapra" })).statusCode, 403);
  const page = await anonymous().get(url);
  assert.match(page.body, /Vertskommunen er behandlingsansvarleg/);
  // Found by a word only its answer has, in another inflection.
  assert.match((await anonymous().get("/questions?q=vertskommunen")).body, /Kven er behandlingsansvarleg/);
  assert.match((await anonymous().get("/questions?q=avtale")).body, /Kven er behandlingsansvarleg/);

  // A members-only question stays inside.
  const internal = await member.post(`/subject-networks/${subject.slug}/questions`, {
    title: "INTERNT-SPORSMAL-4",
    visibility: "members",
  });
  const internalUrl = String(internal.headers.location).replace("?saved=1", "");
  assert.equal((await anonymous().get(internalUrl)).statusCode, 404);
  assert.equal((await outsider.get(internalUrl)).statusCode, 404);
  assert.equal((await outsider.post(`${internalUrl}/answers`, { body: "x" })).statusCode, 404);
  assert.doesNotMatch((await anonymous().get("/api/v1/questions")).body, /INTERNT-SPORSMAL-4/);
  assert.match((await member.get(internalUrl)).body, /INTERNT-SPORSMAL-4/);
  const [stored] = await t.database.db.select().from(subjectQuestions).where(eq(subjectQuestions.title, "INTERNT-SPORSMAL-4"));
  assert.equal(stored?.visibility, "members");
});

test("a subject network's gathering: only its people register; it is on the subject network's page and in its calendar", async () => {
  const { subject } = await started("Informasjonstryggleik");
  const day = osloParts(new Date(Date.now() + 20 * 24 * 3600_000)).date;
  const fields = {
    kind: "workshop",
    title: "Fagnettverksmøte om tryggleik",
    startsDate: day,
    startsTime: "10:00",
    endsDate: day,
    endsTime: "12:00",
    audience: "subject_network",
    subjectNetworkId: String(subject.id),
  };
  // A network that does not hold the subject network cannot make a gathering for it.
  const foreign = await t.app.services.gatherings.create(systemActor("test"), nordland.id, fields);
  assert.equal(foreign.ok, false);
  const missing = await t.app.services.gatherings.create(systemActor("test"), rogaland.id, { ...fields, subjectNetworkId: "" });
  assert.equal(missing.ok, false);
  const created = await t.app.services.gatherings.create(systemActor("test"), rogaland.id, fields);
  assert.ok(created.ok);
  const id = created.value.id;
  assert.match((await anonymous().get(`/subject-networks/${subject.slug}`)).body, /Fagnettverksmøte om tryggleik/);
  const calendar = await anonymous().get(`/subject-networks/${subject.slug}/gatherings/calendar.ics`);
  assert.equal(calendar.statusCode, 200);
  assert.match(calendar.body, /SUMMARY:Fagnettverksmøte om tryggleik/);

  const outsider = await login("outsider@sn.example");
  const refused = await outsider.get(`/gatherings/${id}/register?lang=en`);
  assert.match(refused.body, /for the people in the subject network/);
  const member = await login("member@sn-nordland.example");
  await member.post(`/subject-networks/${subject.slug}/join`, {});
  const form = await member.get(`/gatherings/${id}/register`);
  assert.match(form.body, /name="email"/);
});

test("a subject network's documents: those who take part upload, readers download what they may read, members-only ones stay inside", async () => {
  const { sek, subject } = await started("Dokumentasjon");
  const base = `/subject-networks/${subject.slug}/documents`;
  const pdf = {
    field: "file",
    filename: "mal.pdf",
    data: Buffer.from("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"),
    type: "application/pdf",
  };
  const outsider = await login("outsider@sn.example");
  await outsider.get(`/subject-networks/${subject.slug}`);
  assert.equal((await outsider.upload(base, { title: "Kapra" }, pdf)).statusCode, 403);
  const noTitle = await sek.upload(`${base}?lang=en`, { title: "", visibility: "public" }, pdf);
  assert.equal(
    noTitle.statusCode,
    422,
    noTitle.body.match(/<ds-error-summary[\s\S]*?<\/ds-error-summary>/)?.[0] ?? noTitle.body.slice(0, 3000),
  );
  assert.match(noTitle.body, /Fill in this field/);
  assert.equal((await sek.upload(base, { title: "DPIA-mal", visibility: "public" }, pdf)).statusCode, 303);
  assert.equal((await sek.upload(base, { title: "INTERNT-DOKUMENT-2", visibility: "members" }, pdf)).statusCode, 303);
  const docs = await t.app.services.subjects.repo.documents.list(subject.id);
  const open = docs.find((d) => d.title === "DPIA-mal")!;
  const internal = docs.find((d) => d.title === "INTERNT-DOKUMENT-2")!;
  const page = await anonymous().get(`/subject-networks/${subject.slug}`);
  assert.match(page.body, /DPIA-mal/);
  assert.doesNotMatch(page.body, /INTERNT-DOKUMENT-2/);
  assert.equal((await anonymous().get(`${base}/${open.id}`)).statusCode, 200);
  assert.equal((await anonymous().get(`${base}/${internal.id}`)).statusCode, 404);
  assert.equal((await outsider.get(`${base}/${internal.id}`)).statusCode, 404);
  assert.equal((await sek.get(`${base}/${internal.id}`)).statusCode, 200);
  // A document id under another subject network's path finds nothing.
  assert.equal((await sek.get(`/subject-networks/helse-og-omsorg/documents/${open.id}`)).statusCode, 404);
  assert.equal((await outsider.post(`${base}/${open.id}/delete`, {})).statusCode, 403);
  assert.equal((await sek.post(`${base}/${open.id}/delete`, {})).statusCode, 303);
  assert.equal((await anonymous().get(`${base}/${open.id}`)).statusCode, 404);
});

test("what a review found: an edit keeps a link the editor cannot see, a coordinator saves a national one, the last coordinator stays, a hidden project is reviewed only at home", async () => {
  // A Nordland member links a public note to Nordland's members-only project; Rogaland's coordinator
  // (who cannot see that project) corrects the title: the link stays.
  const { sek, subject } = await started("Kontinuitet");
  const member = await login("member@sn-nordland.example");
  await member.post(`/subject-networks/${subject.slug}/join`, {});
  const written = await member.post(`/subject-networks/${subject.slug}/experience`, {
    title: "Skrivefeil",
    whatWeDid: "x",
    projectId: String(restrictedProjectId),
    contactUserId: String(ids.memberNordland),
  });
  const noteId = Number(String(written.headers.location).match(/\/experience\/(\d+)/)![1]);
  const form = await sek.get(`/experience/${noteId}/edit?lang=en`);
  assert.match(form.body, /A project you cannot see \(kept\)/);
  assert.doesNotMatch(form.body, /LUKKET-PROSJEKT-7Q/);
  // The member leaves: still the contact, kept too.
  await member.post(`/subject-networks/${subject.slug}/leave`, {});
  const edited = await sek.post(`/experience/${noteId}`, {
    title: "Utan skrivefeil",
    whatWeDid: "x",
    projectId: String(restrictedProjectId),
    contactUserId: String(ids.memberNordland),
  });
  assert.equal(edited.statusCode, 303);
  const [stored] = await t.database.db.select().from(experienceNotes).where(eq(experienceNotes.id, noteId));
  assert.equal(stored?.projectId, restrictedProjectId);
  assert.equal(stored?.contactUserId, ids.memberNordland);
  assert.equal(stored?.title, "Utan skrivefeil");

  // The last coordinator while others take part cannot leave or step down; with another named, they can.
  const outsider = await login("outsider@sn.example");
  await outsider.post(`/subject-networks/${subject.slug}/join`, {});
  const leave = await sek.post(`/subject-networks/${subject.slug}/leave`, {});
  assert.match(String(leave.headers.location), /lastCoordinator=1/);
  const stepDown = await sek.post(`/subject-networks/${subject.slug}/members/${ids.sekRogaland}`, { action: "member" });
  assert.match(String(stepDown.headers.location), /lastCoordinator=1/);
  assert.match(
    (await sek.get(`/subject-networks/${subject.slug}?lastCoordinator=1&lang=en`)).body,
    /Make someone else a coordinator first/,
  );
  await sek.post(`/subject-networks/${subject.slug}/members/${ids.outsider}`, { action: "coordinator" });
  assert.match(String((await sek.post(`/subject-networks/${subject.slug}/leave`, {})).headers.location), /saved=1/);

  // A national subject network's coordinator (not an administrator) saves its mandate; it stays national.
  const admin = await new Session(t.app).login();
  await admin.get("/subject-networks/new");
  const national = await admin.post("/subject-networks", { name: "Nasjonalt arkivnettverk", national: "1", joinPolicy: "open" });
  assert.equal(national.statusCode, 303);
  const nat = (await subjectBySlug("nasjonalt-arkivnettverk"))!;
  assert.equal(nat.national, true);
  await outsider.post(`/subject-networks/${nat.slug}/join`, {});
  await admin.post(`/subject-networks/${nat.slug}/members/${ids.outsider}`, { action: "coordinator" });
  const saved = await outsider.post(`/subject-networks/${nat.slug}`, {
    name: nat.name,
    mandate: "Nytt mandat",
    joinPolicy: "open",
  });
  assert.equal(saved.statusCode, 303);
  assert.equal((await subjectBySlug(nat.slug))?.national, true);
  assert.equal((await subjectBySlug(nat.slug))?.mandate, "Nytt mandat");

  // A members-only project of Nordland cannot be sent for review to a subject network Nordland does not own.
  const nordlandSek = await login("sek@sn-nordland.example");
  const refused = await nordlandSek.post(`/projects/${restrictedProjectId}/reviews?lang=en`, {
    subjectNetworkId: String(subject.id),
    request: "Vurder",
  });
  assert.equal(refused.statusCode, 422);
  assert.match(refused.body, /Ask a subject network your own network owns/);
  assert.match(refused.body, /Vurder/);

  // A search text longer than the field takes is cut, and kept in the box.
  const long = "tilsyn ".repeat(40);
  const searched = await anonymous().get(`/experience?q=${encodeURIComponent(long)}`);
  assert.equal(searched.statusCode, 200);
  assert.match(searched.body, /value="tilsyn tilsyn/);
});

test("the API: join, write experience, ask and answer, under the same rules as the pages", async () => {
  const { subject } = await started("API-nettverket", { joinPolicy: "open" });
  const member = await login("member@sn-nordland.example");
  const base = `/api/v1/subject-networks/${subject.slug}`;
  // Not in it: nothing to write, and the note is not stored.
  const refused = await member.api("POST", `${base}/experience`, { title: "For tidleg", whatWeDid: "x" });
  assert.equal(refused.statusCode, 403);
  assert.equal((await anonymous().api("POST", `${base}/join`, {})).statusCode, 401);
  const joined = await member.api("POST", `${base}/join`, {});
  assert.equal(joined.statusCode, 200);
  assert.deepEqual(JSON.parse(joined.body), { approved: true });
  const bad = await member.api("POST", `${base}/experience?lang=en`, {
    title: "",
    whatWeDid: "x",
    projectId: restrictedProjectId + 100_000,
  });
  assert.equal(bad.statusCode, 422);
  const fieldsOf = (body: string) => JSON.parse(body).error.fields.map((f: { field: string }) => f.field);
  assert.deepEqual(fieldsOf(bad.body), ["title"]);
  const forged = await member.api("POST", `${base}/experience`, {
    title: "Lenkje",
    whatWeDid: "x",
    projectId: restrictedProjectId + 100_000,
  });
  assert.equal(forged.statusCode, 422);
  assert.deepEqual(fieldsOf(forged.body), ["projectId"]);
  const created = await member.api("POST", `${base}/experience`, {
    title: "Via API",
    whatWeDid: "Vi brukte API-et.",
    projectId: publicProjectId,
  });
  assert.equal(created.statusCode, 201);
  const note = JSON.parse(created.body);
  assert.equal(note.projectId, publicProjectId);
  assert.equal(note.subjectNetwork, subject.slug);
  const asked = await member.api("POST", `${base}/questions`, { title: "Via API?", visibility: "members" });
  assert.equal(asked.statusCode, 201);
  const { id } = JSON.parse(asked.body);
  // A members-only question: outsiders cannot answer it, nor learn it is there.
  const outsider = await login("outsider@sn.example");
  assert.equal((await outsider.api("POST", `/api/v1/questions/${id}/answers`, { body: "Kapra" })).statusCode, 404);
  assert.equal((await member.api("POST", `/api/v1/questions/${id}/answers`, { body: "Svar via API" })).statusCode, 201);
  assert.equal((await member.api("POST", `${base}/leave`, {})).statusCode, 204);
  assert.equal((await member.api("POST", `/api/v1/questions/${id}/answers`, { body: "Etter" })).statusCode, 404);
});
