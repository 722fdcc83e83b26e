import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { and, count, desc, eq } from "drizzle-orm";
import { PASSWORD, testAccount } from "../../../test/support/accounts.ts";
import { createTestApp, Session, type TestApp } from "../../../test/support/app.ts";
import { sheetText } from "../../../test/support/xlsx.ts";
import { systemActor } from "../../platform/access/actor.ts";
import { clockOf } from "../../platform/db/data-version.ts";
import { osloParts } from "../../platform/i18n/i18n.ts";
import { mailOutbox } from "../../platform/schema.ts";
import { organisations } from "../directory/index.ts";
import { consultationInputs, consultations } from "./schema.ts";

let t: TestApp;
let rogaland: { id: number; slug: string };
let draftId: number;

before(async () => {
  t = await createTestApp();
  rogaland = (await t.app.services.networks.bySlug("digi-rogaland"))!;
  await testAccount(t.app, t.database.db, "sek@consult.example", { networkId: rogaland.id, role: "secretariat" });
  const [member] = await t.app.services.access.repo.memberOrganisations(rogaland.id);
  await testAccount(t.app, t.database.db, "rep@consult.example", {
    networkId: rogaland.id,
    role: "member",
    organisationIds: [member!.id],
  });
  const actor = systemActor("test");
  const created = await t.app.services.strategies.create(
    actor,
    { networkId: rogaland.id },
    {
      title: "Felles strategi til høyring",
      firstYear: 2027,
      lastYear: 2030,
      vision: "Saman om gode tenester",
    },
  );
  assert.ok(created.ok);
  draftId = created.value.id;
  await t.app.services.strategies.addGoal(actor, draftId, { title: "Enklare tenester" });
  await t.app.services.strategies.addFocusArea(actor, draftId, { title: "Tryggleik", why: "Tillit", what: "Styringssystem" });
});
after(() => t.close());

const login = (email: string) => new Session(t.app).login(email, PASSWORD);
const inputs = async (consultationId: number) =>
  (
    await t.database.db
      .select({ n: count() })
      .from(consultationInputs)
      .where(eq(consultationInputs.consultationId, consultationId))
  )[0]!.n;
const day = (offset: number) => osloParts(new Date(Date.now() + offset * 24 * 3600_000)).date;
/** A form token handed out ten seconds ago, as if a person had filled in the form. */
const oldToken = (consultationId: number) =>
  t.app.services.consultations.formToken(consultationId, new Date(Date.now() - 10_000));

/** An open consultation on a fresh strategy draft, with a choice question. */
async function openConsultation(audience = "anyone") {
  const actor = systemActor("test");
  const s = await t.app.services.strategies.create(
    actor,
    { networkId: rogaland.id },
    { title: "Utkast", firstYear: 2027, lastYear: 2028 },
  );
  assert.ok(s.ok);
  await t.app.services.strategies.addFocusArea(actor, s.value.id, { title: "Område" });
  const c = await t.app.services.consultations.openOnStrategy(
    actor,
    s.value.id,
    { title: "Høyring", opensDate: day(-1), opensTime: "08:00", closesDate: day(10), closesTime: "23:59", audience },
    (k) => k,
  );
  assert.ok(c.ok);
  const q = await t.app.services.consultations.addQuestion(actor, c.value.id, {
    text: "Er du einig?",
    kind: "choice",
    options: "Ja\nNei",
  });
  assert.ok(q.ok);
  const { sections } = await t.app.services.consultations.detail(c.value.id);
  return { id: c.value.id, questionId: q.value, sectionId: sections[0]!.id };
}

test("the secretariat opens a consultation on the shared strategy draft; its text becomes sections", async () => {
  const sek = await login("sek@consult.example");
  const before = (await t.app.services.consultations.repo.ofNetwork(rogaland.id)).length;
  const form = await sek.get(`/strategies/${draftId}/consultations/new?lang=en`);
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /Consultation: Felles strategi til høyring/);
  const backwards = await sek.post(`/strategies/${draftId}/consultations?lang=en`, {
    title: "Høyring",
    opensDate: day(5),
    opensTime: "08:00",
    closesDate: day(2),
    closesTime: "12:00",
    audience: "anyone",
    personalDataDays: "90",
  });
  assert.equal(backwards.statusCode, 422);
  assert.match(backwards.body, /The closing time must be after the opening time/);
  const badTime = await sek.post(`/strategies/${draftId}/consultations?lang=en`, {
    title: "Høyring",
    opensDate: day(1),
    opensTime: "25:00",
    closesDate: day(20),
    closesTime: "12:00",
  });
  assert.equal(badTime.statusCode, 422);
  assert.match(badTime.body, /Write the time as hh:mm/);
  assert.equal(
    (await t.app.services.consultations.repo.ofNetwork(rogaland.id)).length,
    before,
    "the refused forms created nothing",
  );

  const created = await sek.post(`/strategies/${draftId}/consultations`, {
    title: "Høyring om felles strategi",
    intro: "Vi vil høyre frå deg",
    opensDate: day(0),
    opensTime: "00:00",
    closesDate: day(30),
    closesTime: "12:00",
    audience: "anyone",
    personalDataDays: "60",
  });
  assert.equal(created.statusCode, 303, created.body.slice(0, 400));
  const id = Number(created.headers.location?.match(/consultations\/(\d+)/)?.[1]);
  const { consultation, sections } = await t.app.services.consultations.detail(id);
  assert.equal(consultation.personalDataDays, 60);
  assert.equal(osloParts(consultation.closesAt).time, "12:00", "entered in Norway's time");
  // Headings in the language of the one who opened it (English, chosen above).
  assert.deepEqual(
    sections.map((s) => s.heading),
    ["Vision", "Goals", "Tryggleik"],
  );
  assert.match(sections[2]!.body, /Tillit/);
  assert.equal((await t.app.services.strategies.get(draftId)).status, "consultation");
  assert.equal((await t.app.services.consultations.repo.ofNetwork(rogaland.id)).length, before + 1);
  const page = await new Session(t.app).get(`/consultations/${id}?lang=en`);
  assert.match(page.body, /Give input on this section/);
  assert.match(page.body, /Vi vil høyre frå deg/);
  const list = await new Session(t.app).get(`/n/${rogaland.slug}/consultations?lang=en`);
  assert.ok(list.body.includes(`href="/consultations/${id}"`));

  // A question with too few options is refused; a good one is added.
  const oneOption = await sek.post(`/consultations/${id}/questions?lang=en`, {
    text: "Kva meiner du?",
    kind: "choice",
    options: "Ja",
  });
  assert.equal(oneOption.statusCode, 422);
  assert.match(oneOption.body, /at least two options/);
  assert.equal((await sek.post(`/consultations/${id}/questions`, { text: "Kva meiner du?", kind: "text" })).statusCode, 303);

  // Only the network's secretariat; and not an adopted strategy.
  const rep = await login("rep@consult.example");
  assert.equal((await rep.get(`/strategies/${draftId}/consultations/new`)).statusCode, 403);
  const actor = systemActor("test");
  const adopted = await t.app.services.strategies.create(
    actor,
    { networkId: rogaland.id },
    { title: "Vedteken", firstYear: 2027, lastYear: 2028 },
  );
  assert.ok(adopted.ok);
  await t.app.services.strategies.adopt(actor, adopted.value.id, { adoptedOn: day(-1), adoptedBy: "styret" });
  const refused = await sek.post(`/strategies/${adopted.value.id}/consultations?lang=en`, {
    title: "X",
    opensDate: day(0),
    opensTime: "08:00",
    closesDate: day(3),
    closesTime: "08:00",
  });
  assert.equal(refused.statusCode, 422);
  assert.match(refused.body, /Only a draft can be put out for consultation/);
});

test("anyone gives input without an account: a receipt with a reference, a receipt by mail, the form stored once", async () => {
  const { id, questionId, sectionId } = await openConsultation();
  const visitor = new Session(t.app);
  const form = await visitor.get(`/consultations/${id}/input?section=${sectionId}&lang=en`);
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /Fields marked with \* are required/);
  assert.match(form.body, /Only needed if you want a receipt and an answer by e-mail/);
  assert.match(form.body, new RegExp(`<option value="${sectionId}" selected`));
  // Sent at once: a person cannot; the text is kept.
  const fresh = form.body.match(/name="formToken" value="([^"]+)"/)![1]!;
  const tooFast = await visitor.post(`/consultations/${id}/input?lang=en`, { formToken: fresh, body: "Godt utkast" });
  assert.equal(tooFast.statusCode, 422);
  assert.match(tooFast.body, /only seconds after it was opened/);
  assert.match(tooFast.body, />Godt utkast<\/textarea>/);
  assert.equal(await inputs(id), 0);

  const formToken = await oldToken(id);
  const fields = {
    formToken,
    sectionId: String(sectionId),
    body: "Godt utkast, men meir om tryggleik",
    [`q${questionId}`]: "Ja",
    respondentKind: "citizen",
    name: "Kari Nordmann",
    email: "kari@example.no",
  };
  const sent = await visitor.post(`/consultations/${id}/input`, fields);
  assert.equal(sent.statusCode, 303, sent.body.slice(0, 400));
  const receiptPath = sent.headers.location!;
  const receipt = await visitor.get(`${receiptPath}?lang=en`);
  const reference = receipt.body.match(/Reference: (K\d+-[0-9A-F]+)/)?.[1];
  assert.ok(reference, "the receipt names the reference");
  assert.match(receipt.body, /We have sent a receipt to your e-mail address/);
  const [stored] = await t.database.db.select().from(consultationInputs).where(eq(consultationInputs.reference, reference));
  assert.equal(stored!.sectionId, sectionId);
  assert.deepEqual(stored!.answers, { [questionId]: "Ja" });
  assert.ok(stored!.sourceKey && !stored!.sourceKey.includes("127.0.0.1"), "the address is kept only as a keyed hash");
  const mail = await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.to, "kari@example.no"));
  assert.equal(mail.length, 1);
  assert.ok(mail[0]!.body.includes(reference!));
  assert.ok(mail[0]!.body.includes(receiptPath));

  // The same form again: the same receipt, nothing stored twice, no second mail.
  const again = await visitor.post(`/consultations/${id}/input`, fields);
  assert.equal(again.headers.location, receiptPath);
  assert.equal(await inputs(id), 1);
  assert.equal((await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.to, "kari@example.no"))).length, 1);

  // Many times at once: stored once.
  const concurrent = { ...fields, formToken: await oldToken(id), email: "" };
  const answers = await Promise.all(
    Array.from({ length: 25 }, () => new Session(t.app).post(`/consultations/${id}/input`, concurrent)),
  );
  assert.deepEqual(new Set(answers.map((a) => a.statusCode)), new Set([303]));
  assert.equal(new Set(answers.map((a) => a.headers.location)).size, 1);
  assert.equal(await inputs(id), 2);
});

test("an input names its organisation by id when the name matches one: a member of the network first, never a guess between namesakes", async () => {
  const { id } = await openConsultation();
  const organisationOf = async (organisation: string) => {
    const sent = await new Session(t.app).post(`/consultations/${id}/input`, {
      formToken: await oldToken(id),
      body: "Innspel",
      respondentKind: "municipality",
      organisation,
    });
    assert.equal(sent.statusCode, 303, sent.body.slice(0, 300));
    const [row] = await t.database.db
      .select({ organisationId: consultationInputs.organisationId })
      .from(consultationInputs)
      .where(eq(consultationInputs.organisation, organisation.trim()))
      .orderBy(desc(consultationInputs.id))
      .limit(1);
    return row!.organisationId;
  };
  const [sola] = await t.database.db
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(organisations.kind, "municipality"), eq(organisations.code, "1124")));
  assert.equal(await organisationOf("  sola "), sola!.id, "a member of Digi Rogaland, named in any case");
  // Two municipalities are called Herøy, neither in Digi Rogaland: no guess.
  assert.equal(await organisationOf("Herøy"), null);
  assert.equal(await organisationOf("Laget vårt"), null);
});

test("bad input is refused with a message to a person and nothing stored", async () => {
  const { id, questionId } = await openConsultation();
  const other = await openConsultation();
  const visitor = new Session(t.app);
  await visitor.get(`/consultations/${id}/input`);
  const post = async (fields: Record<string, string>) =>
    visitor.post(`/consultations/${id}/input?lang=en`, { formToken: await oldToken(id), body: "Innspel", ...fields });
  const empty = await post({ body: " " });
  assert.equal(empty.statusCode, 422);
  assert.match(empty.body, /Fill in this field/);
  const long = await post({ body: "x".repeat(10_001) });
  assert.match(long.body, /at most 10000 characters|at most 10 000 characters|at most 10,000 characters/);
  const foreignSection = await post({ sectionId: String(other.sectionId) });
  assert.match(foreignSection.body, /Choose one of the options/);
  const notOffered = await post({ [`q${questionId}`]: "Kanskje" });
  assert.equal(notOffered.statusCode, 422);
  const badEmail = await post({ email: "ikkje-ei-adresse", name: "Ola" });
  assert.match(badEmail.body, /Enter a valid email address/);
  assert.match(badEmail.body, /value="Ola"/, "what was typed is kept");
  const noToken = await visitor.post(`/consultations/${id}/input?lang=en`, { body: "Utan skjema" });
  assert.match(noToken.body, /The form had expired or was incomplete/);
  const forged = await post({ formToken: `${id}.1.abc.def` });
  assert.match(forged.body, /The form had expired or was incomplete/);
  const otherForm = await post({ formToken: await oldToken(other.id) });
  assert.match(otherForm.body, /The form had expired or was incomplete/);
  const bot = await post({ website: "http://spam.example" });
  assert.equal(bot.statusCode, 422);
  assert.match(bot.body, /Leave the field/);
  assert.equal(await inputs(id), 0);

  // After closing, and before opening.
  const [closed] = await t.database.db
    .insert(consultations)
    .values({
      networkId: rogaland.id,
      title: "Ferdig",
      opensAt: new Date(Date.now() - 10 * 864e5),
      closesAt: new Date(Date.now() - 864e5),
    })
    .returning();
  const late = await visitor.post(`/consultations/${closed!.id}/input?lang=en`, {
    formToken: await oldToken(closed!.id),
    body: "For seint",
  });
  assert.equal(late.statusCode, 422);
  assert.match(late.body, /The consultation has closed/);
  assert.equal(await inputs(closed!.id), 0);

  // Members only: a visitor is refused, a signed-in member is not.
  const members = await openConsultation("members");
  const anonymous = await visitor.post(`/consultations/${members.id}/input?lang=en`, {
    formToken: await oldToken(members.id),
    body: "Hei",
  });
  assert.match(
    anonymous.body,
    /Only the network&#39;s members, signed in, can give input here|Only the network's members, signed in, can give input here/,
  );
  // A signed-in person from another network is not one of this network's members.
  const more = (await t.app.services.networks.bySlug("digi-more-og-romsdal"))!;
  await testAccount(t.app, t.database.db, "other@consult.example", { networkId: more.id, role: "member" });
  const outsider = await login("other@consult.example");
  await outsider.get(`/consultations/${members.id}/input`);
  const otherNetwork = await outsider.post(`/consultations/${members.id}/input`, {
    formToken: await oldToken(members.id),
    body: "Hei",
  });
  assert.equal(otherNetwork.statusCode, 422);
  const rep = await login("rep@consult.example");
  await rep.get(`/consultations/${members.id}/input`);
  const signedIn = await rep.post(`/consultations/${members.id}/input`, { formToken: await oldToken(members.id), body: "Hei" });
  assert.equal(signedIn.statusCode, 303);
});

test("one sender is limited to a number of inputs in ten minutes, counted from what was stored", async () => {
  const { id } = await openConsultation();
  const service = t.app.services.consultations;
  const send = async (formToken: string) =>
    service.submit(id, { formToken, body: "Innspel" }, { actor: null, ipKey: "rate-test-key", locale: "en" });
  const first = await oldToken(id);
  for (let i = 0; i < 10; i++) assert.ok((await send(i === 0 ? first : await oldToken(id))).ok);
  // A form already stored answers its receipt even at the limit; a new one waits.
  assert.ok((await send(first)).ok);
  const eleventh = await send(await oldToken(id));
  assert.equal(eleventh.ok, false);
  assert.deepEqual(!eleventh.ok && eleventh.errors.map((e) => e.key), ["errors.tooManyInputs"]);
  assert.ok(
    (
      await service.submit(
        id,
        { formToken: await oldToken(id), body: "Frå ein annan" },
        { actor: null, ipKey: "another", locale: "en" },
      )
    ).ok,
  );
});

test("the secretariat's count of inputs is counted once until the data changes, and exact at the next request", async () => {
  const { id } = await openConsultation();
  const service = t.app.services.consultations;
  const original = service.repo.countInputs.bind(service.repo);
  let counted = 0;
  service.repo.countInputs = (consultationId) => {
    counted += 1;
    return original(consultationId);
  };
  try {
    const before = await service.inputCount(id);
    assert.equal(await service.inputCount(id), before);
    assert.equal(counted, 1);
    const sent = await service.submit(
      id,
      { formToken: await oldToken(id), body: "Ein til" },
      { actor: null, ipKey: "count", locale: "nn" },
    );
    assert.ok(sent.ok);
    // Sent through the service, not a request: wait as a request's answer does until the app has
    // heard of the commit (a moment after it on PostgreSQL, decision 0043).
    await clockOf(t.database)?.caughtUp();
    assert.equal(await service.inputCount(id), before + 1);
    assert.equal(counted, 2);
  } finally {
    service.repo.countInputs = original;
  }
});

test("an input that draws a reference already taken draws again; it is stored once, under the new one", async () => {
  const { id } = await openConsultation();
  const service = t.app.services.consultations;
  const send = (formToken: string) =>
    service.submit(id, { formToken, body: "Innspel" }, { actor: null, ipKey: "ref", locale: "en" });
  const first = await send(await oldToken(id));
  assert.ok(first.ok);
  const drawn = [first.value.reference, first.value.reference, `K${id}-FRESH01`];
  const original = service.newReference;
  service.newReference = () => drawn.shift()!;
  try {
    const token = await oldToken(id);
    const second = await send(token);
    assert.ok(second.ok);
    assert.equal(second.value.reference, `K${id}-FRESH01`);
    assert.equal(drawn.length, 0, "drew three times");
    const stored = await t.database.db.select().from(consultationInputs).where(eq(consultationInputs.formToken, token));
    assert.deepEqual(
      stored.map((i) => i.reference),
      [`K${id}-FRESH01`],
    );
    // Five draws, all taken: the error is not hidden, and nothing is stored.
    service.newReference = () => (first.ok ? first.value.reference : "");
    const before = await inputs(id);
    await assert.rejects(send(await oldToken(id)));
    assert.equal(await inputs(id), before);
  } finally {
    service.newReference = original;
  }
});

test("personal data: removed at once through the receipt's link, and automatically after the retention", async () => {
  const { id } = await openConsultation();
  const visitor = new Session(t.app);
  await visitor.get(`/consultations/${id}/input`);
  const sent = await visitor.post(`/consultations/${id}/input`, {
    formToken: await oldToken(id),
    body: "Med namn",
    name: "Per",
    organisation: "Laget",
    email: "per@example.no",
  });
  const receiptPath = sent.headers.location!;
  const page = await visitor.get(`${receiptPath}?lang=en`);
  assert.match(page.body, /Remove my name and e-mail now/);
  assert.equal(page.headers["referrer-policy"], "same-origin");
  // The input names an organisation of the register: the respondent's removal unlinks it too.
  const [named] = await t.database.db.select({ id: organisations.id }).from(organisations).limit(1);
  await t.database.db
    .update(consultationInputs)
    .set({ organisationId: named!.id })
    .where(eq(consultationInputs.consultationId, id));
  const removed = await visitor.post(`${receiptPath}/remove-personal-data`, {});
  assert.equal(removed.statusCode, 303);
  const [row] = await t.database.db.select().from(consultationInputs).where(eq(consultationInputs.consultationId, id));
  assert.deepEqual(
    [row!.name, row!.organisation, row!.organisationId, row!.email, row!.sourceKey],
    [null, null, null, null, null],
  );
  assert.equal(row!.body, "Med namn", "the input itself stays");
  assert.ok(row!.personalDataRemovedAt);
  assert.match((await visitor.get(`${receiptPath}?removed&lang=en`)).body, /have been removed/);
  assert.equal((await visitor.get(`/consultations/${id}/receipt/not-a-real-receipt-link`)).statusCode, 404);

  // Automatically: a consultation that closed longer ago than its retention.
  const [old] = await t.database.db
    .insert(consultations)
    .values({
      networkId: rogaland.id,
      title: "Gammal",
      opensAt: new Date(Date.now() - 100 * 864e5),
      closesAt: new Date(Date.now() - 40 * 864e5),
      personalDataDays: 30,
    })
    .returning();
  await t.database.db.insert(consultationInputs).values({
    consultationId: old!.id,
    reference: "K-OLD-1",
    formToken: "old-form-1",
    receiptHash: "x",
    body: "Gammalt innspel",
    name: "Gammal",
    email: "gammal@example.no",
    organisationId: named!.id,
  });
  const count = await t.app.services.consultations.removeExpiredPersonalData();
  assert.ok(count >= 1);
  const [kept] = await t.database.db.select().from(consultationInputs).where(eq(consultationInputs.consultationId, old!.id));
  assert.deepEqual([kept!.name, kept!.email, kept!.body], [null, null, "Gammalt innspel"]);
  assert.equal(kept!.organisationId, named!.id, "the retention run keeps the organisation: it is not personal data");
  // The open consultation's inputs keep theirs.
  assert.equal(await t.app.services.consultations.removeExpiredPersonalData(), 0);
});

test("the secretariat sorts, merges and answers the inputs, publishes and mails the answers, and summarises them", async () => {
  const { id, sectionId } = await openConsultation();
  const service = t.app.services.consultations;
  const give = async (body: string, extra: Record<string, string> = {}, ipKey = "queue-test") => {
    const r = await service.submit(id, { formToken: await oldToken(id), body, ...extra }, { actor: null, ipKey, locale: "nb" });
    assert.ok(r.ok);
    return (await service.repo.inputByReference(id, r.value.reference))!;
  };
  const first = await give("Meir om tryggleik", {
    sectionId: String(sectionId),
    respondentKind: "employee",
    email: "a@example.no",
  });
  const duplicate = await give("Meir om tryggleik!", { sectionId: String(sectionId) });
  const spam = await give("Kjøp billige klokker", {}, "spammer");
  const plain = await give("Bra utkast", { respondentKind: "citizen", name: "Anne" });

  const sek = await login("sek@consult.example");
  const queue = await sek.get(`/consultations/${id}/inputs?lang=en`);
  assert.equal(queue.statusCode, 200);
  assert.ok(queue.body.includes(first.reference) && queue.body.includes("a@example.no"), "the secretariat sees who wrote");
  const act = (inputId: number, fields: Record<string, string>) =>
    sek.post(`/consultations/${id}/inputs/${inputId}?lang=en`, fields);
  assert.equal((await act(spam.id, { action: "status", status: "spam" })).statusCode, 303);
  assert.equal((await act(first.id, { action: "category", category: "Tryggleik" })).statusCode, 303);
  assert.equal((await act(plain.id, { action: "category", category: "Ros" })).statusCode, 303);
  const selfMerge = await act(first.id, { action: "merge", into: first.reference });
  assert.equal(selfMerge.statusCode, 422);
  assert.match(selfMerge.body, /cannot be merged into itself/);
  const unknownMerge = await act(first.id, { action: "merge", into: "K0-NOPE" });
  assert.match(unknownMerge.body, /No input in this consultation has that reference/);
  assert.equal((await act(duplicate.id, { action: "merge", into: first.reference.toLowerCase() })).statusCode, 303);
  const badStatus = await act(first.id, { action: "status", status: "deleted" });
  assert.equal(badStatus.statusCode, 422);
  const badAction = await act(first.id, { action: "shred" });
  assert.equal(badAction.statusCode, 422);

  // Answers: one written, one from a template; nothing is public until published.
  assert.equal(
    (await sek.post(`/consultations/${id}/templates`, { title: "Takk", body: "Takk, vi tek det med." })).statusCode,
    303,
  );
  const emptyTemplate = await sek.post(`/consultations/${id}/templates?lang=en`, { title: "", body: "" });
  assert.equal(emptyTemplate.statusCode, 422);
  const [template] = await service.repo.templatesOf(id);
  assert.equal((await act(first.id, { action: "answer", answer: "Vi legg til eit eige tiltak for tryggleik." })).statusCode, 303);
  assert.equal((await act(plain.id, { action: "answer", answer: "", templateId: String(template!.id) })).statusCode, 303);
  assert.equal((await service.repo.inputById(id, plain.id))!.answer, "Takk, vi tek det med.");
  assert.equal((await sek.post(`/consultations/${id}/settings`, { publishInputs: "1" })).statusCode, 303);
  let page = await new Session(t.app).get(`/consultations/${id}?lang=en`);
  assert.match(page.body, /Bra utkast/);
  assert.doesNotMatch(page.body, /Kjøp billige klokker/, "spam is hidden");
  assert.doesNotMatch(page.body, /Meir om tryggleik!/, "duplicates are hidden");
  assert.doesNotMatch(page.body, /Anne|a@example\.no/, "no personal data");
  assert.doesNotMatch(page.body, /Takk, vi tek det med/, "answers wait for publishing");
  assert.equal((await sek.post(`/consultations/${id}/answers/publish`, {})).statusCode, 303);
  page = await new Session(t.app).get(`/consultations/${id}?lang=en`);
  assert.match(page.body, /Takk, vi tek det med/);

  // Mailed to those who gave an e-mail, once.
  assert.equal((await sek.post(`/consultations/${id}/answers/mail`, {})).statusCode, 303);
  assert.equal((await sek.post(`/consultations/${id}/answers/mail`, {})).statusCode, 303);
  const mails = await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.to, "a@example.no"));
  assert.equal(mails.filter((m) => m.body.includes("Vi legg til eit eige tiltak")).length, 1);

  // The summary and the exports: counts without spam, no personal data.
  const summary = await sek.get(`/consultations/${id}/summary?lang=en`);
  assert.equal(summary.statusCode, 200);
  assert.match(summary.body, /3 inputs from .* \(1 set aside as spam\)/);
  assert.match(summary.body, /<th scope="row">Tryggleik<\/th><td class="numeric">1<\/td>/);
  assert.doesNotMatch(summary.body, /a@example\.no|Anne/);
  const csv = await sek.get(`/consultations/${id}/inputs.csv?lang=en`);
  assert.equal(csv.statusCode, 200);
  assert.match(csv.body, /Meir om tryggleik/);
  assert.doesNotMatch(csv.body, /Kjøp billige klokker|a@example\.no/);
  const xlsx = await sek.get(`/consultations/${id}/inputs.xlsx`);
  assert.equal(xlsx.statusCode, 200);
  assert.equal(xlsx.rawPayload.subarray(0, 2).toString(), "PK");
  // A member of the network reads the summary; a visitor does not; only the secretariat handles.
  const rep = await login("rep@consult.example");
  assert.equal((await rep.get(`/consultations/${id}/summary`)).statusCode, 200);
  assert.equal((await rep.get(`/consultations/${id}/inputs`)).statusCode, 403);
  const visitor = await new Session(t.app).get(`/consultations/${id}/summary`);
  assert.ok([401, 303].includes(visitor.statusCode));
  // Filters.
  const filtered = await sek.get(`/consultations/${id}/inputs?status=spam&lang=en`);
  assert.match(filtered.body, /1 input shown/);
});

test("an internal review round: the chosen bodies' members comment on the revised draft section by section, nobody else", async () => {
  const { id } = await openConsultation();
  const bodies = await t.app.services.networks.bodiesOf(rogaland.id);
  const steering = bodies.find((b) => b.kind === "steering_group")!;
  const other = bodies.find((b) => b.id !== steering.id)!;
  await testAccount(t.app, t.database.db, "leader@consult.example", {
    networkId: rogaland.id,
    role: "member",
    seats: [{ bodyId: steering.id, role: "leader" }],
  });
  await testAccount(t.app, t.database.db, "outsider@consult.example", {
    networkId: rogaland.id,
    role: "member",
    seats: [{ bodyId: other.id, role: "member" }],
  });
  const sek = await login("sek@consult.example");
  await sek.get(`/consultations/${id}?lang=en`);
  const none = await sek.post(`/consultations/${id}/reviews?lang=en`, { closesDate: day(7), closesTime: "12:00" });
  assert.equal(none.statusCode, 422);
  assert.match(none.body, /Choose at least one body/);
  const past = await sek.post(`/consultations/${id}/reviews?lang=en`, {
    bodyIds: String(steering.id),
    closesDate: day(-2),
    closesTime: "12:00",
  });
  assert.match(past.body, /The closing time must be in the future/);
  const opened = await sek.post(`/consultations/${id}/reviews`, {
    bodyIds: String(steering.id),
    closesDate: day(7),
    closesTime: "12:00",
  });
  assert.equal(opened.statusCode, 303, opened.body.slice(0, 300));
  const reviewId = Number(opened.headers.location?.match(/consultations\/(\d+)/)?.[1]);
  const review = await t.app.services.consultations.get(reviewId);
  assert.deepEqual([review.reviewOfId, review.audience, review.bodyIds], [id, "bodies", [steering.id]]);
  assert.ok((await t.app.services.consultations.repo.sectionsOf(reviewId)).length > 0);
  // A review of a review is refused.
  const nested = await t.app.services.consultations.openReview(
    systemActor("test"),
    reviewId,
    { bodyIds: [steering.id], closesDate: day(7), closesTime: "12:00" },
    (k) => k,
  );
  assert.equal(nested.ok, false);

  // The page is for the network's people; only the body's members may comment.
  assert.ok([401, 303].includes((await new Session(t.app).get(`/consultations/${reviewId}`)).statusCode));
  const outsider = await login("outsider@consult.example");
  await outsider.get(`/consultations/${reviewId}/input`);
  const refused = await outsider.post(`/consultations/${reviewId}/input?lang=en`, {
    formToken: await oldToken(reviewId),
    body: "Nei",
  });
  assert.equal(refused.statusCode, 422);
  assert.match(refused.body, /Only members of the bodies asked to comment can comment here/);
  const leader = await login("leader@consult.example");
  await leader.get(`/consultations/${reviewId}/input`);
  const [section] = await t.app.services.consultations.repo.sectionsOf(reviewId);
  const comment = await leader.post(`/consultations/${reviewId}/input`, {
    formToken: await oldToken(reviewId),
    sectionId: String(section!.id),
    body: "Styringsgruppa vil ha tydelegare mål.",
  });
  assert.equal(comment.statusCode, 303);
  // Listed for the secretariat.
  const queue = await sek.get(`/consultations/${reviewId}/inputs?lang=en`);
  assert.match(queue.body, /Styringsgruppa vil ha tydelegare mål/);
  const publicPage = await sek.get(`/consultations/${id}?lang=en`);
  assert.ok(publicPage.body.includes(`href="/consultations/${reviewId}"`));
});

test("the API: open, give input with a form token, and handle; public readers see only what is published, without personal data", async () => {
  const sek = await login("sek@consult.example");
  const actor = systemActor("test");
  const s = await t.app.services.strategies.create(
    actor,
    { networkId: rogaland.id },
    { title: "API-utkast", firstYear: 2027, lastYear: 2028 },
  );
  assert.ok(s.ok);
  await t.app.services.strategies.addFocusArea(actor, s.value.id, { title: "Område" });
  const opened = await sek.api("POST", `/api/v1/strategies/${s.value.id}/consultations`, {
    title: "API-høyring",
    opensDate: day(-1),
    opensTime: "08:00",
    closesDate: day(5),
    closesTime: "12:00",
  });
  assert.equal(opened.statusCode, 201, opened.body);
  const c = opened.json();
  assert.equal(c.state, "open");
  assert.equal(c.sections[0].heading, "Område");
  const backwards = await sek.api("POST", `/api/v1/strategies/${s.value.id}/consultations`, {
    title: "X",
    opensDate: day(5),
    opensTime: "08:00",
    closesDate: day(1),
    closesTime: "12:00",
  });
  assert.equal(backwards.statusCode, 422);

  const visitor = new Session(t.app);
  const { formToken } = (await visitor.api("GET", `/api/v1/consultations/${c.id}/form-token`)).json();
  const tooFast = await visitor.api("POST", `/api/v1/consultations/${c.id}/inputs`, { formToken, body: "Rask" });
  assert.equal(tooFast.statusCode, 422);
  const token = await oldToken(c.id);
  const given = await visitor.api("POST", `/api/v1/consultations/${c.id}/inputs`, {
    formToken: token,
    body: "Innspel via API",
    sectionId: c.sections[0].id,
    email: "api@example.no",
  });
  assert.equal(given.statusCode, 201, given.body);
  const again = await visitor.api("POST", `/api/v1/consultations/${c.id}/inputs`, { formToken: token, body: "Innspel via API" });
  assert.equal(again.json().reference, given.json().reference, "the same token stores nothing new");
  assert.equal(await inputs(c.id), 1);

  // Public readers: nothing until the secretariat publishes; then no personal data.
  assert.deepEqual((await visitor.api("GET", `/api/v1/consultations/${c.id}/inputs`)).json(), { items: [], total: 0 });
  const all = (await sek.api("GET", `/api/v1/consultations/${c.id}/inputs`)).json().items;
  assert.equal(all[0].email, "api@example.no");
  const handled = await sek.api("POST", `/api/v1/consultations/${c.id}/inputs/${all[0].id}/handling`, {
    action: "answer",
    answer: "Takk!",
  });
  assert.equal(handled.statusCode, 200, handled.body);
  const badHandling = await sek.api("POST", `/api/v1/consultations/${c.id}/inputs/${all[0].id}/handling`, {
    action: "merge",
    into: "K0-NONE",
  });
  assert.equal(badHandling.statusCode, 422);
  assert.equal((await sek.api("POST", `/api/v1/consultations/${c.id}/answers/publish`)).json().count, 1);
  await sek.post(`/consultations/${c.id}/settings`, { publishInputs: "1" });
  const published = (await visitor.api("GET", `/api/v1/consultations/${c.id}/inputs`)).json().items;
  assert.deepEqual(Object.keys(published[0]).sort(), [
    "answer",
    "body",
    "reference",
    "respondentKind",
    "sectionId",
    "submittedAt",
  ]);
  assert.equal(published[0].answer, "Takk!");
  const summary = (await sek.api("GET", `/api/v1/consultations/${c.id}/summary`)).json();
  assert.equal(summary.total, 1);
  assert.equal((await visitor.api("GET", `/api/v1/consultations/${c.id}/summary`)).statusCode, 401);
  // Handling is the secretariat's.
  const rep = await login("rep@consult.example");
  assert.equal((await rep.api("POST", `/api/v1/consultations/${c.id}/answers/publish`)).statusCode, 403);
  const listed = (await visitor.api("GET", `/api/v1/networks/${rogaland.slug}/consultations?limit=500`)).json().items;
  assert.ok(listed.some((x: { id: number }) => x.id === c.id));
  assert.ok(
    listed.every((x: { audience: string }) => x.audience !== "bodies"),
    "review rounds are not listed publicly",
  );
});

test("a consultation on a project or on an uploaded document; the secretariat writes a document's sections in", async () => {
  const sek = await login("sek@consult.example");
  const [project] = await t.app.services.strategies.repo.projectOptions([rogaland.id]);
  const base = {
    opensDate: day(0),
    opensTime: "00:00",
    closesDate: day(14),
    closesTime: "12:00",
    audience: "anyone",
    personalDataDays: "30",
  };
  const form = await sek.get(`/n/${rogaland.slug}/consultations/new?lang=en`);
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /enctype="multipart\/form-data"/);
  const noProject = await sek.post(`/n/${rogaland.slug}/consultations?lang=en`, {
    ...base,
    title: "Om prosjektet",
    subject: "project",
  });
  assert.equal(noProject.statusCode, 422);
  assert.match(noProject.body, /value="Om prosjektet"/, "what was typed is kept");
  if (project) {
    const onProject = await sek.post(`/n/${rogaland.slug}/consultations`, {
      ...base,
      title: "Om prosjektet",
      subject: "project",
      projectId: String(project.id),
    });
    assert.equal(onProject.statusCode, 303, onProject.body.slice(0, 300));
    const id = Number(onProject.headers.location?.match(/consultations\/(\d+)/)?.[1]);
    const c = await t.app.services.consultations.get(id);
    assert.equal(c.projectId, project.id);
    assert.ok((await t.app.services.consultations.repo.sectionsOf(id)).length > 0);
  }
  // A document: refused without a file, kept with one; then its sections are written in.
  const noFile = await sek.upload(
    `/n/${rogaland.slug}/consultations?lang=en`,
    { ...base, title: "Om planen", subject: "document" },
    {
      field: "other",
      filename: "x.txt",
      data: Buffer.from("x"),
    },
  );
  assert.equal(noFile.statusCode, 422);
  assert.match(noFile.body, /Choose a file/);
  const pdf = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
  const onDocument = await sek.upload(
    `/n/${rogaland.slug}/consultations`,
    { ...base, title: "Om planen", subject: "document" },
    { field: "file", filename: "plan.pdf", data: pdf },
  );
  assert.equal(onDocument.statusCode, 303, onDocument.body.slice(0, 300));
  const id = Number(onDocument.headers.location?.match(/consultations\/(\d+)/)?.[1]);
  const download = await new Session(t.app).get(`/consultations/${id}/document`);
  assert.equal(download.statusCode, 200);
  assert.equal(download.rawPayload.compare(pdf), 0);
  await sek.get(`/consultations/${id}`);
  const empty = await sek.post(`/consultations/${id}/sections?lang=en`, { heading: "", body: "Tekst" });
  assert.equal(empty.statusCode, 422);
  assert.match(empty.body, />Tekst<\/textarea>/);
  assert.equal((await sek.post(`/consultations/${id}/sections`, { heading: "Kapittel 1", body: "Innleiing" })).statusCode, 303);
  assert.deepEqual(
    (await t.app.services.consultations.repo.sectionsOf(id)).map((s) => s.heading),
    ["Kapittel 1"],
  );
  const rep = await login("rep@consult.example");
  assert.equal((await rep.get(`/n/${rogaland.slug}/consultations/new`)).statusCode, 403);
});

test("choice answers are counted in the summary and its API; the CSV and workbook have a column per question, the page's words and Norway's time", async () => {
  const { i18nFor } = await import("../../platform/i18n/i18n.ts");
  const sek = await login("sek@consult.example");
  const { id, questionId } = await openConsultation();
  const text = await t.app.services.consultations.addQuestion(systemActor("test"), id, { text: "Kva manglar?", kind: "text" });
  assert.ok(text.ok);
  const at = new Date("2026-07-01T10:05:00Z"); // 12:05 in Norway, summer time
  const row = (n: number, answers: Record<string, string>, status: "received" | "spam" = "received") => ({
    consultationId: id,
    reference: `KT${id}-${n}`,
    formToken: `choice-test-${id}-${n}`,
    receiptHash: `choice-test-${id}-${n}`,
    body: `Innspel nummer ${n}`,
    answers,
    status,
    submittedAt: at,
  });
  await t.database.db
    .insert(consultationInputs)
    .values([
      row(1, { [questionId]: "Ja", [text.value]: "Meir om data" }),
      row(2, { [questionId]: "Ja" }),
      row(3, { [questionId]: "Nei" }),
      row(4, {}),
      row(5, { [questionId]: "Nei" }, "spam"),
    ]);

  // The summary: each option's count (spam left out), and those who did not answer.
  const summary = (await sek.get(`/consultations/${id}/summary?lang=en`)).body;
  const choices = summary.slice(summary.indexOf('id="choices-heading"'));
  assert.match(choices, /Answers to the choice questions/);
  assert.match(choices, /<caption>Er du einig\?<\/caption>/);
  assert.match(choices, /<th scope="row">Ja<\/th><td class="numeric">2<\/td>/);
  assert.match(choices, /<th scope="row">Nei<\/th><td class="numeric">1<\/td>/);
  assert.match(choices, /<th scope="row">No answer<\/th><td class="numeric">1<\/td>/);
  assert.match(summary, /<strong>Kva manglar\?<\/strong> Meir om data/);
  const api = (await sek.api("GET", `/api/v1/consultations/${id}/summary`)).json();
  assert.deepEqual(api.byQuestion, [
    {
      questionId,
      text: "Er du einig?",
      options: [
        { option: "Ja", count: 2 },
        { option: "Nei", count: 1 },
      ],
      unanswered: 1,
    },
  ]);

  // The CSV: the page's header words in the reader's language, its times, a column per question.
  for (const lang of ["en", "nb"] as const) {
    const csv = (await sek.get(`/consultations/${id}/inputs.csv?lang=${lang}`)).body.replace(/^\uFEFF/, "");
    const [header, ...lines] = csv.trim().split(/\r?\n/);
    assert.equal(
      header,
      lang === "en"
        ? "Reference,Sent,Section of the draft,Kind of respondent,Category,Status,Input,Answer,Answer published,Er du einig?,Kva manglar?"
        : "Referanse,Sendt,Del av utkastet,Type avsender,Kategori,Status,Innspill,Svar,Svar publisert,Er du einig?,Kva manglar?",
    );
    const first = lines.find((l) => l.includes("Innspel nummer 1"))!;
    assert.ok(first.includes(`"${i18nFor(lang).dateTime(at)}"`), `${lang}: the time as the page writes it: ${first}`);
    assert.ok(first.endsWith(",Ja,Meir om data"), first);
    assert.doesNotMatch(csv, /2026-07-01T10:05/);
    assert.doesNotMatch(csv, /Innspel nummer 5/, "spam is left out");
  }
  assert.equal(i18nFor("nb").dateTime(at), "1. juli 2026, 12:05");

  // The workbook: the same columns.
  const sheet = await sheetText((await sek.get(`/consultations/${id}/inputs.xlsx`)).rawPayload);
  for (const cell of ["Er du einig?", "Kva manglar?", "Meir om data", "Svar publisert", i18nFor("nb").dateTime(at)])
    assert.ok(sheet.split(/\t|\n/).includes(cell), `the workbook holds "${cell}"`);

  // Only those who may read the inputs: not a visitor.
  const visitor = new Session(t.app);
  for (const path of [`/consultations/${id}/inputs.csv`, `/consultations/${id}/inputs.xlsx`, `/consultations/${id}/summary`])
    assert.notEqual((await visitor.get(path)).statusCode, 200, path);
  assert.equal((await visitor.api("GET", `/api/v1/consultations/${id}/summary`)).statusCode, 401);
});
