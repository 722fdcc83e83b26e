import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { count, eq } from "drizzle-orm";
import { PASSWORD, testAccount } from "../../../test/support/accounts.ts";
import { createTestApp, Session, type TestApp } from "../../../test/support/app.ts";
import { auditLog, users } from "../../platform/schema.ts";
import { needEvents, needSupporters, needs } from "./schema.ts";

let t: TestApp;
let rogaland: { id: number; slug: string };
let trondelag: { id: number; slug: string };
let stavanger: { id: number; name: string; population: number | null };
let sandnes: { id: number; name: string; population: number | null };

before(async () => {
  t = await createTestApp({ env: { SAMVERK_PUBLIC_URL: "https://samverk.test.example" } });
  const { networks, access, directory } = t.app.services;
  rogaland = (await networks.bySlug("digi-rogaland"))!;
  trondelag = (await networks.bySlug("digi-trondelag"))!;
  const members = await access.repo.memberOrganisations(rogaland.id);
  // Two member municipalities with their population from the reference data.
  const [a, b] = await Promise.all([directory.organisations.byId(members[0]!.id), directory.organisations.byId(members[1]!.id)]);
  stavanger = { id: a!.id, name: a!.name, population: a!.population };
  sandnes = { id: b!.id, name: b!.name, population: b!.population };
  const db = t.database.db;
  await testAccount(t.app, db, "rep@stavanger.example", {
    networkId: rogaland.id,
    role: "member",
    organisationIds: [stavanger.id],
  });
  await testAccount(t.app, db, "rep@sandnes.example", { networkId: rogaland.id, role: "member", organisationIds: [sandnes.id] });
  await testAccount(t.app, db, "member@rogaland.example", { networkId: rogaland.id, role: "member" });
  await testAccount(t.app, db, "sek@rogaland.example", { networkId: rogaland.id, role: "secretariat" });
});
after(() => t.close());

/** Signs in, in the language given (a page read with ?lang= keeps it in a cookie, as the switcher does). */
const login = async (email: string, lang?: "nb" | "nn" | "en") => {
  const session = new Session(t.app);
  if (lang) await session.get(`/?lang=${lang}`);
  return session.login(email, PASSWORD);
};
const idFrom = (location: string | undefined) => Number(location?.match(/\/needs\/(\d+)/)?.[1]);
const auditCount = async () => (await t.database.db.select({ n: count() }).from(auditLog))[0]!.n;
const needCount = async () => (await t.database.db.select({ n: count() }).from(needs))[0]!.n;

const valid = (overrides: Record<string, string> = {}) => ({
  organisationId: String(stavanger.id),
  kind: "need",
  title: "Digital timebestilling for fastlegekontora",
  problem: "Innbyggjarane ringjer fastlegekontoret for å bestille time, og telefonkøane er lange om morgonen.",
  affected: "Innbyggjarar, legekontor",
  benefit: "Kortare telefonkø",
  urgency: "high",
  legalRequirement: "",
  costEstimate: "350 000",
  effort: "medium",
  visibility: "public",
  ...overrides,
});

test("a representative registers a need for their organisation; the list, search and API find it", async () => {
  const rep = await login("rep@stavanger.example");
  const form = await rep.get(`/n/${rogaland.slug}/needs/new?lang=en`);
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /Does this exist already\?/);
  const res = await rep.post(`/n/${rogaland.slug}/needs`, valid());
  assert.equal(res.statusCode, 303);
  const id = idFrom(res.headers.location);
  const need = (await t.app.services.needs.repo.byId(id))!;
  assert.equal(need.costEstimate, 350_000, "kroner typed with spaces");
  assert.equal(need.state, "registered");
  const events = await t.database.db.select().from(needEvents).where(eq(needEvents.needId, id));
  assert.deepEqual(
    events.map((e) => e.toState),
    ["registered"],
  );
  // Norwegian stemming: "fastlegekontor" finds "fastlegekontora".
  const found = await new Session(t.app).get("/needs?q=fastlegekontor&lang=en");
  assert.ok(found.body.includes(`/needs/${id}"`));
  const csv = await new Session(t.app).get("/needs.csv?q=fastlegekontor");
  assert.match(csv.body, /Digital timebestilling for fastlegekontora/);
  const api = await new Session(t.app).api("GET", `/api/v1/needs/${id}`);
  assert.equal(api.statusCode, 200);
  assert.equal(api.json().title, "Digital timebestilling for fastlegekontora");
});

test("registering is refused, with the user's input kept, for an organisation the user does not act for or that is not a member", async () => {
  const rep = await login("rep@stavanger.example");
  const before = { needs: await needCount(), audit: await auditCount() };
  const notMine = await rep.post(`/n/${rogaland.slug}/needs?lang=en`, valid({ organisationId: String(sandnes.id) }));
  assert.equal(notMine.statusCode, 422);
  assert.match(notMine.body, /You can only choose organisations you act for/);
  assert.match(notMine.body, /Digital timebestilling for fastlegekontora/, "what was typed comes back");
  const outsider = (await t.app.services.access.repo.memberOrganisations(trondelag.id))[0]!;
  const notMember = await rep.post(`/n/${rogaland.slug}/needs?lang=en`, valid({ organisationId: String(outsider.id) }));
  assert.equal(notMember.statusCode, 422);
  assert.match(notMember.body, /The organisation is not a member of the network/);
  const empty = await rep.post(`/n/${rogaland.slug}/needs?lang=nn`, valid({ title: " ", costEstimate: "12,5" }));
  assert.equal(empty.statusCode, 422);
  assert.match(empty.body, /Fyll ut feltet/);
  assert.match(empty.body, /heile kroner/i);
  assert.deepEqual({ needs: await needCount(), audit: await auditCount() }, before, "nothing saved");
  const anonymous = await new Session(t.app).post(`/n/${rogaland.slug}/needs`, valid());
  assert.match(anonymous.headers.location ?? "", /^\/login\?returnTo=/, "anonymous visitors are sent to sign in");
  const member = await login("member@rogaland.example");
  assert.equal((await member.post(`/n/${rogaland.slug}/needs`, valid())).statusCode, 403, "a member without an organisation");
});

test("similar needs and projects are suggested while typing, across networks, and by a button without JavaScript", async () => {
  // The demo data has the same need in every demo network.
  const fragment = await new Session(t.app).get("/needs/similar?text=s%C3%B8knad+barnehage+SFO&lang=en");
  assert.equal(fragment.statusCode, 200);
  assert.match(fragment.body, /Similar needs/);
  assert.ok((fragment.body.match(/Digital søknad om plass i barnehage og SFO/g) ?? []).length >= 2, "from several networks");
  const api = await new Session(t.app).api("GET", "/api/v1/needs/similar?text=chatbot%20innbyggartorg");
  assert.ok(api.json().projects.some((p: { title: string }) => p.title === "Felles chatbot for innbyggertorget"));
  const nothing = await new Session(t.app).get("/needs/similar?text=zz&lang=en");
  assert.match(nothing.body, /No similar needs or projects found/);

  const rep = await login("rep@stavanger.example");
  const before = await needCount();
  const checked = await rep.post(
    `/n/${rogaland.slug}/needs?lang=en`,
    valid({ title: "Søknad om barnehageplass på nett", problem: "Papirskjema for barnehage", check: "1" }),
  );
  assert.equal(checked.statusCode, 200);
  assert.match(checked.body, /Digital søknad om plass i barnehage og SFO/);
  assert.match(checked.body, /Søknad om barnehageplass på nett/, "the typed title stays in the form");
  assert.equal(await needCount(), before, "checking saves nothing");
});

test("other organisations say they have the need too; the need shows how many organisations and inhabitants share it", async () => {
  const rep = await login("rep@stavanger.example");
  const created = await rep.post(`/n/${rogaland.slug}/needs`, valid({ title: "Felles løysing for politiske saker" }));
  const id = idFrom(created.headers.location);
  const sandnesRep = await login("rep@sandnes.example");
  await sandnesRep.get(`/needs/${id}`);
  const res = await sandnesRep.post(`/needs/${id}/supporters`, {
    organisationId: String(sandnes.id),
    note: "Vi òg, særleg for utvala.",
  });
  assert.equal(res.statusCode, 303);
  const page = await new Session(t.app).get(`/needs/${id}?lang=en`);
  const inhabitants = (stavanger.population ?? 0) + (sandnes.population ?? 0);
  assert.match(page.body, new RegExp(`Shared by 2 organisations with ${inhabitants.toLocaleString("en-GB")} inhabitants in all`));
  assert.match(page.body, /Vi òg, særleg for utvala\./);
  // Its own organisation cannot support it, and nobody supports for an organisation they do not act for.
  const own = await rep.post(`/needs/${id}/supporters?lang=en`, { organisationId: String(stavanger.id), note: "" });
  assert.equal(own.statusCode, 422);
  assert.match(own.body, /registered the need itself/);
  const foreign = await rep.post(`/needs/${id}/supporters?lang=en`, { organisationId: String(sandnes.id), note: "x" });
  assert.equal(foreign.statusCode, 422);
  const rows = await t.database.db.select().from(needSupporters).where(eq(needSupporters.needId, id));
  assert.deepEqual(
    rows.map((r) => [r.organisationId, r.note]),
    [[sandnes.id, "Vi òg, særleg for utvala."]],
  );
  // Withdrawing support.
  assert.equal((await sandnesRep.post(`/needs/${id}/supporters/${sandnes.id}/delete`, {})).statusCode, 303);
  assert.equal((await t.database.db.select().from(needSupporters).where(eq(needSupporters.needId, id))).length, 0);
});

test("the secretariat merges a duplicate: every supporter and note moves to the need that stays", async () => {
  const rep = await login("rep@stavanger.example");
  const sandnesRep = await login("rep@sandnes.example");
  const keep = idFrom(
    (await rep.post(`/n/${rogaland.slug}/needs`, valid({ title: "Felles ordning for varsling" }))).headers.location,
  );
  const dup = idFrom(
    (await sandnesRep.post(`/n/${rogaland.slug}/needs`, valid({ organisationId: String(sandnes.id), title: "Varsling på SMS" })))
      .headers.location,
  );
  // Stavanger also supports the duplicate, with a note of its own.
  await rep.post(`/needs/${dup}/supporters`, { organisationId: String(stavanger.id), note: "Same hos oss." });
  const refused = await rep.post(`/needs/${dup}/merge`, { intoId: String(keep), note: "" });
  assert.equal(refused.statusCode, 403, "only the secretariat merges");
  const sek = await login("sek@rogaland.example");
  const res = await sek.post(`/needs/${dup}/merge`, { intoId: String(keep), note: "Same behov" });
  assert.equal(res.statusCode, 303);
  assert.equal(idFrom(res.headers.location), keep);
  const merged = (await t.app.services.needs.repo.byId(dup))!;
  assert.equal(merged.state, "merged");
  assert.equal(merged.mergedIntoId, keep);
  const supporters = await t.app.services.needs.repo.supportersOf([keep]);
  // Sandnes registered the duplicate, so it now supports the need that stays, with its text as the note.
  assert.deepEqual(
    supporters.map((s) => s.organisationId),
    [sandnes.id],
  );
  assert.match(supporters[0]!.note, /Varsling på SMS/);
  const page = await new Session(t.app).get(`/needs/${dup}?lang=en`);
  assert.match(page.body, /This need has been merged into/);
  // A merged need takes no more changes.
  const again = await sek.post(`/needs/${dup}/merge?lang=en`, { intoId: String(keep) });
  assert.equal(again.statusCode, 422);
});

test("a need moves only to a network its organisation is a member of; split makes a new need with the chosen supporters", async () => {
  const rep = await login("rep@stavanger.example");
  const id = idFrom((await rep.post(`/n/${rogaland.slug}/needs`, valid({ title: "Behov som skal flyttast" }))).headers.location);
  const sek = await login("sek@rogaland.example");
  const before = await auditCount();
  const refused = await sek.post(`/needs/${id}/move?lang=en`, { networkId: String(trondelag.id), note: "" });
  assert.equal(refused.statusCode, 422);
  assert.match(refused.body, /The organisation is not a member of the network/);
  assert.equal((await t.app.services.needs.repo.byId(id))!.networkId, rogaland.id, "nothing moved");
  assert.equal(await auditCount(), before);
  await t.app.services.networks.repo.insertMemberships([
    { networkId: trondelag.id, organisationId: stavanger.id, level: "member" },
  ]);
  // A secretariat writes only into networks it runs (decision 0018).
  const notRun = await sek.post(`/needs/${id}/move?lang=en`, { networkId: String(trondelag.id), note: "" });
  assert.equal(notRun.statusCode, 422);
  assert.match(notRun.body, /networks you are secretariat for/);
  const [sekUser] = await t.database.db.select().from(users).where(eq(users.email, "sek@rogaland.example"));
  await t.app.services.access.repo.setAccess(trondelag.id, sekUser!.id, "secretariat", []);
  assert.equal(
    (await sek.post(`/needs/${id}/move`, { networkId: String(trondelag.id), note: "Høyrer heime der" })).statusCode,
    303,
  );
  assert.equal((await t.app.services.needs.repo.byId(id))!.networkId, trondelag.id);

  const sandnesRep = await login("rep@sandnes.example");
  const whole = idFrom((await rep.post(`/n/${rogaland.slug}/needs`, valid({ title: "Stort behov" }))).headers.location);
  await sandnesRep.post(`/needs/${whole}/supporters`, { organisationId: String(sandnes.id), note: "Vi òg" });
  const split = await sek.post(`/needs/${whole}/split`, {
    title: "Ein del av det store behovet",
    problem: "Berre delen om arkiv.",
    supporterIds: [String(sandnes.id)],
  });
  assert.equal(split.statusCode, 303);
  const part = idFrom(split.headers.location);
  assert.notEqual(part, whole);
  assert.deepEqual(
    (await t.app.services.needs.repo.supportersOf([part])).map((s) => s.organisationId),
    [sandnes.id],
  );
  assert.equal((await t.app.services.needs.repo.supportersOf([whole])).length, 1, "supporters stay on the original too");
});

test("submitters and supporters hear of changes others made in the one daily digest, in their language, and can stop", async () => {
  const { activityDigests } = t.app.services;
  const rep = await login("rep@stavanger.example", "en");
  const sandnesRep = await login("rep@sandnes.example", "nn");
  const id = idFrom(
    (await rep.post(`/n/${rogaland.slug}/needs?lang=en`, valid({ title: "Behov med nyheiter" }))).headers.location,
  );
  await sandnesRep.post(`/needs/${id}/supporters?lang=nn`, { organisationId: String(sandnes.id), note: "" });
  // Start from a clean slate: whatever happened before this test has been told.
  await activityDigests.send(new Date(Date.now() + 2 * 24 * 3600_000));
  const sek = await login("sek@rogaland.example");
  const other = idFrom((await rep.post(`/n/${rogaland.slug}/needs`, valid({ title: "Anna behov" }))).headers.location);
  await sek.post(`/needs/${other}/merge`, { intoId: String(id) });
  const later = new Date(Date.now() + 4 * 24 * 3600_000);
  const stavangerBefore = (await t.app.services.mail.outbox.to("rep@stavanger.example")).length;
  const written = await activityDigests.send(later);
  assert.ok(written >= 2, "the submitter and the supporter");
  // Newest first: those written by this run.
  const all = await t.app.services.mail.outbox.to("rep@stavanger.example");
  const toStavanger = all.slice(0, all.length - stavangerBefore);
  assert.equal(toStavanger.length, 1, "one digest");
  assert.match(toStavanger[0]!.subject, /^News about what you follow/, "in the language the person signed in with");
  assert.match(toStavanger[0]!.body, /Anna behov\n {2}https:\/\/samverk\.test\.example\/needs\/\d+\n {2}– New status: Merged/);
  const [toSandnes] = await t.app.services.mail.outbox.to("rep@sandnes.example");
  assert.match(toSandnes!.subject, /^Nytt i det du følgjer \(\d+\)$/, "in nynorsk");
  assert.match(toSandnes!.body, /Behov med nyheiter/, "the supporter hears that a need was merged into the one they support");
  // The same day nothing more is sent, whatever happens.
  const third = idFrom((await rep.post(`/n/${rogaland.slug}/needs`, valid({ title: "Tredje behov" }))).headers.location);
  await sek.post(`/needs/${third}/merge`, { intoId: String(id) });
  assert.equal(await activityDigests.send(new Date(later.getTime() + 3600_000)), 0);
  // Choosing "never" for needs stops the next one; the others hear of the second merge the next day.
  await sandnesRep.get("/following");
  assert.equal((await sandnesRep.post("/following", { need: "never" })).statusCode, 303);
  const sandnesBefore = (await t.app.services.mail.outbox.to("rep@sandnes.example")).length;
  const stavangerThen = (await t.app.services.mail.outbox.to("rep@stavanger.example")).length;
  await activityDigests.send(new Date(later.getTime() + 2 * 24 * 3600_000));
  assert.equal((await t.app.services.mail.outbox.to("rep@sandnes.example")).length, sandnesBefore, "no digest after stopping");
  assert.equal(
    (await t.app.services.mail.outbox.to("rep@stavanger.example")).length,
    stavangerThen + 1,
    "the second merge is told",
  );
});

test("the old page of the need digest leads to the settings of the one digest", async () => {
  const rep = await login("rep@stavanger.example");
  const res = await rep.get("/needs/digest");
  assert.deepEqual([res.statusCode, res.headers.location], [301, "/following#mail"]);
});

test("attachments: the need's keepers upload a document, anyone who may see the need downloads it, a wrong type is refused", async () => {
  const rep = await login("rep@stavanger.example");
  const id = idFrom((await rep.post(`/n/${rogaland.slug}/needs`, valid({ title: "Behov med vedlegg" }))).headers.location);
  await rep.get(`/needs/${id}`);
  const pdf = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF");
  const res = await rep.upload(
    `/needs/${id}/documents`,
    { title: "Kartlegging" },
    { field: "file", filename: "kartlegging.pdf", data: pdf },
  );
  assert.equal(res.statusCode, 303);
  const [doc] = await t.app.services.needs.repo.documents.list(id);
  const download = await new Session(t.app).get(`/needs/${id}/documents/${doc!.id}`);
  assert.equal(download.statusCode, 200);
  assert.match(String(download.headers["content-disposition"]), /attachment/);
  const before = await auditCount();
  const bad = await rep.upload(
    `/needs/${id}/documents?lang=en`,
    { title: "Program" },
    { field: "file", filename: "program.exe", data: Buffer.from("MZ\x90\x00") },
  );
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /Samverk only accepts these file types/);
  assert.match(bad.body, /value="Program"/, "the title typed comes back");
  const sandnesRep = await login("rep@sandnes.example");
  await sandnesRep.get(`/needs/${id}`);
  const foreign = await sandnesRep.upload(
    `/needs/${id}/documents`,
    { title: "X" },
    { field: "file", filename: "x.pdf", data: pdf },
  );
  assert.equal(foreign.statusCode, 403, "only the need's own organisation and the secretariat");
  assert.equal(await auditCount(), before, "nothing saved");
});

test("a need kept to the network's members is not merged into a public one, which would publish its text", async () => {
  const rep = await login("rep@stavanger.example");
  const hidden = idFrom(
    (await rep.post(`/n/${rogaland.slug}/needs`, valid({ title: "Internt behov", visibility: "network" }))).headers.location,
  );
  const open = idFrom((await rep.post(`/n/${rogaland.slug}/needs`, valid({ title: "Ope behov" }))).headers.location);
  const sek = await login("sek@rogaland.example");
  await sek.get(`/needs/${hidden}?lang=en`);
  const before = await auditCount();
  const refused = await sek.post(`/needs/${hidden}/merge?lang=en`, { intoId: String(open), note: "" });
  assert.equal(refused.statusCode, 422);
  assert.match(refused.body, /not as open as the need it would be merged into/);
  assert.equal((await t.app.services.needs.repo.byId(hidden))!.state, "registered", "nothing merged");
  assert.equal(await auditCount(), before);
  // The other way round keeps everything as private as the need that stays.
  await sek.get(`/needs/${open}`);
  assert.equal((await sek.post(`/needs/${open}/merge`, { intoId: String(hidden), note: "" })).statusCode, 303);
});
