import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { and, desc, eq, inArray } from "drizzle-orm";
import { PASSWORD, testAccount } from "../../../test/support/accounts.ts";
import { createTestApp, Session, type TestApp } from "../../../test/support/app.ts";
import { startSmtpServer } from "../../../test/support/smtp.ts";
import { type Actor, systemActor } from "../../platform/access/actor.ts";
import { osloInstant, osloToday } from "../../platform/i18n/i18n.ts";
import { auditLog, mailOutbox } from "../../platform/schema.ts";
import { organisations } from "../directory/index.ts";
import { surveysModule } from "./manifest.ts";
import { surveyResults } from "./results.ts";
import { surveyAnswers, surveyRecipients, surveyResponses, surveys } from "./schema.ts";
import type { AnswerCount, Question } from "./surveys.repo.ts";
import { RECIPIENT_RETENTION_DAYS } from "./surveys.service.ts";

let t: TestApp;
let rogaland: { id: number; slug: string };
let nordland: { id: number; slug: string };
let members: { id: number; name: string }[];
let secretariat: Actor;

before(async () => {
  t = await createTestApp();
  rogaland = (await t.app.services.networks.bySlug("digi-rogaland"))!;
  nordland = (await t.app.services.networks.bySlug("digi-nordland"))!;
  const sekId = await testAccount(t.app, t.database.db, "sek@survey.example", { networkId: rogaland.id, role: "secretariat" });
  secretariat = { userId: sekId, label: "sek", isAdmin: false, networks: await t.app.services.access.grantsFor(sekId) };
  await testAccount(t.app, t.database.db, "sek@nordland-survey.example", { networkId: nordland.id, role: "secretariat" });
  members = await t.app.services.access.memberOrganisations(rogaland.id);
  await testAccount(t.app, t.database.db, "rep@survey.example", {
    networkId: rogaland.id,
    role: "member",
    organisationIds: [members[0]!.id],
  });
  assert.ok(members.length >= 3, "the demo network has members");
});
after(() => t.close());

const login = (email: string) => new Session(t.app).login(email, PASSWORD);
const actor = systemActor("test");
const day = (offset: number) => osloToday(new Date(Date.now() + offset * 24 * 3600_000));

const question = (id: number, fields: Partial<Question>): Question => ({
  id,
  surveyId: 1,
  position: id,
  kind: "scale",
  text: `Q${id}`,
  help: "",
  choices: [],
  scaleMin: 1,
  scaleMax: 5,
  scaleMinLabel: "",
  scaleMaxLabel: "",
  allowDontKnow: true,
  required: false,
  repeatsQuestionId: null,
  ...fields,
});
const row = (organisationId: number, questionId: number, v: Partial<AnswerCount> & { n: number }): AnswerCount => ({
  surveyId: 1,
  organisationId,
  questionId,
  scale: null,
  choice: null,
  dontKnow: false,
  hasText: false,
  ...v,
});

test("a group's mean of one question rests on at least five answers to it, not five responses, and none is given away by subtraction", () => {
  const questions = [question(1, {}), question(2, {})];
  const member = (organisationId: number, population: number, responses: number) => ({
    organisationId,
    name: `M${organisationId}`,
    population,
    recipients: responses,
    responses,
  });
  // A (5 responses) answered question 1 five times, 4 each; B (5 responses) answered it once (2) and
  // said "don't know" four times. Both answered question 2 five times. The question's six answers are
  // shown (mean (20 + 2) / 6); B's mean of question 1 would be one answer, so it is hidden, and A's with
  // it, since the total less A's would be B's answer: 6 × 22/6 − 5 × 4 = 2. The means over every scale
  // answer carry question 1's, so both are hidden too; question 2's are shown.
  const rows = [
    row(1, 1, { scale: 4, n: 5 }),
    row(2, 1, { scale: 2, n: 1 }),
    row(2, 1, { dontKnow: true, n: 4 }),
    row(1, 2, { scale: 3, n: 5 }),
    row(2, 2, { scale: 5, n: 5 }),
  ];
  const r = surveyResults(questions, rows, [member(1, 3000, 5), member(2, 30_000, 5)], true);
  assert.equal(r.questions[0]!.mean, 22 / 6);
  assert.deepEqual(
    r.members.map((m) => [m.name, m.hidden, m.means[1], m.means[2], m.scaleMean]),
    [
      ["M1", false, null, 3, null],
      ["M2", false, null, 5, null],
    ],
  );
  assert.deepEqual(
    r.sizeClasses.map((c) => [c.sizeClass, c.means[1], c.scaleMean]),
    [
      ["under_5000", null, null],
      ["20000_50000", null, null],
    ],
  );
  // Unguarded (the network's people on a survey that is not anonymous), everything is shown.
  const open = surveyResults(questions, rows, [member(1, 3000, 5), member(2, 30_000, 5)], false);
  assert.deepEqual(
    open.members.map((m) => m.means[1]),
    [4, 2],
  );
});

test("results against a hand-worked example: distribution, means without don't know, per member, per size class, rate", () => {
  const questions = [
    question(1, {}),
    question(2, { kind: "choice", choices: ["Ja", "Nei"] }),
    question(3, { kind: "text", allowDontKnow: false }),
  ];
  // A (3 000 inhabitants) answered 4 and 5; B (12 000) answered 2 and "don't know"; C (60 000) not at all.
  const rows = [
    row(10, 1, { scale: 4, n: 1 }),
    row(10, 1, { scale: 5, n: 1 }),
    row(10, 2, { choice: "Ja", n: 2 }),
    row(10, 3, { hasText: true, n: 1 }),
    row(20, 1, { scale: 2, n: 1 }),
    row(20, 1, { dontKnow: true, n: 1 }),
    row(20, 2, { choice: "Nei", n: 1 }),
    row(20, 2, { dontKnow: true, n: 1 }),
  ];
  const counts = [
    { organisationId: 10, name: "A", population: 3000, recipients: 2, responses: 2 },
    { organisationId: 20, name: "B", population: 12_000, recipients: 3, responses: 2 },
    { organisationId: 30, name: "C", population: 60_000, recipients: 1, responses: 0 },
  ];
  const r = surveyResults(questions, rows, counts, false);
  assert.equal(r.responses, 4);
  assert.equal(r.recipients, 6);
  assert.equal(r.rate, 4 / 6);
  const [q1, q2, q3] = r.questions;
  assert.deepEqual(
    q1!.distribution.map((b) => [b.label, b.count]),
    [
      ["1", 0],
      ["2", 1],
      ["3", 0],
      ["4", 1],
      ["5", 1],
    ],
  );
  assert.equal(q1!.dontKnow, 1);
  assert.equal(q1!.answered, 4);
  // (4 + 5 + 2) / 3: "don't know" is not a point on the scale.
  assert.equal(q1!.mean, 11 / 3);
  assert.deepEqual(
    q2!.distribution.map((b) => [b.label, b.count]),
    [
      ["Ja", 2],
      ["Nei", 1],
    ],
  );
  assert.equal(q2!.dontKnow, 1);
  assert.equal(q2!.mean, null);
  assert.equal(q3!.answered, 1);
  const byName = Object.fromEntries(r.members.map((m) => [m.name, m]));
  // Each point at 0–1 of its 1–5 scale: A (4 → 0.75, 5 → 1) 0.875; B (2 → 0.25).
  assert.equal(byName.A!.scaleMean, 0.875);
  assert.equal(byName.A!.means[1], 4.5, "one question's mean stays in its own points");
  assert.equal(byName.B!.scaleMean, 0.25);
  assert.equal(byName.C!.scaleMean, null);
  assert.deepEqual(
    r.sizeClasses.map((c) => [c.sizeClass, c.responses, c.recipients, c.scaleMean]),
    [
      ["under_5000", 2, 2, 0.875],
      ["5000_20000", 2, 3, 0.25],
      ["over_50000", 0, 1, null],
    ],
  );
  // The same answers where the threshold applies: every group is under five, so none shows a figure.
  const guarded = surveyResults(questions, rows, counts, true);
  assert.ok(guarded.questions.every((q) => q.hidden && q.mean === null && q.distribution.length === 0));
  assert.ok(guarded.members.every((m) => m.hidden && m.scaleMean === null));
  // A fifth answer to the first question shows it: 5 answers, (4 + 5 + 2 + 3) / 4.
  const five = surveyResults(questions, [...rows, row(30, 1, { scale: 3, n: 1 })], counts, true);
  assert.equal(five.questions[0]!.hidden, false);
  assert.equal(five.questions[0]!.mean, 14 / 4);
  assert.equal(five.questions[1]!.hidden, true);
});

test("the mean over scale questions puts each answer at 0–1 of its own scale before combining them", () => {
  const questions = [question(1, {}), question(2, { scaleMin: 0, scaleMax: 10 })];
  // 5 of 1–5 is the top (1), 0 of 0–10 the bottom (0), 4 of 0–10 is 0.4: (1 + 0 + 0.4) / 3, not (5 + 0 + 4) / 3 = 3.
  const rows = [row(10, 1, { scale: 5, n: 1 }), row(10, 2, { scale: 0, n: 1 }), row(10, 2, { scale: 4, n: 1 })];
  const r = surveyResults(
    questions,
    rows,
    [{ organisationId: 10, name: "A", population: 3000, recipients: 2, responses: 2 }],
    false,
  );
  assert.equal(r.members[0]!.scaleMean, 1.4 / 3);
  assert.equal(r.members[0]!.means[2], 2);
});

test("no hidden group can be worked out by subtraction: the group beside it is hidden too", () => {
  const questions = [question(1, {})];
  const member = (organisationId: number, population: number, responses: number) => ({
    organisationId,
    name: `M${organisationId}`,
    population,
    recipients: responses,
    responses,
  });
  // The review's example: A answered 1 (hidden), B 5 (mean 5), both under 5 000. The size class shows
  // 6 responses with mean (1 + 25) / 6; had B been shown, A's answer = 6 × 4.333 − 5 × 5 = 1.
  const rows = [row(1, 1, { scale: 1, n: 1 }), row(2, 1, { scale: 5, n: 5 })];
  const r = surveyResults(questions, rows, [member(1, 3000, 1), member(2, 4000, 5)], true);
  assert.deepEqual(
    r.members.map((m) => [m.name, m.hidden, m.scaleMean]),
    [
      ["M1", true, null],
      ["M2", true, null],
    ],
  );
  assert.equal(r.sizeClasses[0]!.hidden, false, "the class of six is shown");
  assert.equal(r.questions[0]!.mean, 26 / 6);
  // Across size classes: A (1 response) alone in its class, B (6) alone in another. The question's total
  // less B's class would be A's answer, so B's class is hidden, and B with it (B alone would be the class).
  const apart = surveyResults(
    questions,
    [row(1, 1, { scale: 1, n: 1 }), row(2, 1, { scale: 5, n: 6 })],
    [member(1, 3000, 1), member(2, 30_000, 6)],
    true,
  );
  assert.deepEqual(
    apart.sizeClasses.map((c) => [c.sizeClass, c.hidden]),
    [
      ["under_5000", true],
      ["20000_50000", true],
    ],
  );
  assert.ok(apart.members.every((m) => m.hidden && m.scaleMean === null));
  // Two hidden members of three responses each leave six: nothing more needs hiding.
  const six = surveyResults(
    questions,
    [row(1, 1, { scale: 1, n: 3 }), row(3, 1, { scale: 2, n: 3 }), row(2, 1, { scale: 5, n: 5 })],
    [member(1, 3000, 3), member(3, 3500, 3), member(2, 4000, 5)],
    true,
  );
  assert.deepEqual(
    six.members.map((m) => m.hidden),
    [true, true, false],
  );
  // Not guarded (the network's people on a survey that is not anonymous): everything is shown.
  assert.ok(surveyResults(questions, rows, [member(1, 3000, 1), member(2, 4000, 5)], false).members.every((m) => !m.hidden));
});

/** A survey of Digi Rogaland with a scale, a choice and a free text question, and these recipients, opened. */
async function openSurvey(options: {
  title: string;
  anonymous?: boolean;
  visibility?: "public" | "network";
  recipients: { organisationId: number; email: string }[];
  year?: number;
}) {
  const s = t.app.services.surveys;
  const created = await s.create(actor, rogaland.id, {
    title: options.title,
    year: String(options.year ?? 2026),
    closesOn: day(10),
    anonymous: options.anonymous ? "on" : "",
    visibility: options.visibility ?? "network",
  });
  assert.ok(created.ok, JSON.stringify(!created.ok && created.errors));
  const survey = created.value;
  const q1 = await s.addQuestion(actor, survey, { kind: "scale", text: "Hvor nyttig?", allowDontKnow: "on", required: "on" });
  const q2 = await s.addQuestion(actor, survey, { kind: "choice", text: "Fortsette?", choices: "Ja\nNei", allowDontKnow: "on" });
  const q3 = await s.addQuestion(actor, survey, { kind: "text", text: "Hva bør endres?" });
  assert.ok(q1.ok && q2.ok && q3.ok);
  for (const r of options.recipients) assert.ok((await s.addRecipient(actor, survey, r)).ok);
  const opened = await s.open(actor, survey);
  assert.ok(opened.ok, JSON.stringify(!opened.ok && opened.errors));
  return { survey: (await s.get(survey.id)).survey, questions: [q1.value.id, q2.value.id, q3.value.id] as const };
}

/** The personal link's secret in the latest mail to an address. */
async function tokenFor(email: string) {
  const [mail] = await t.database.db
    .select()
    .from(mailOutbox)
    .where(eq(mailOutbox.to, email))
    .orderBy(desc(mailOutbox.id))
    .limit(1);
  const token = mail?.body.match(/\/survey\/([A-Za-z0-9_-]+)/)?.[1];
  assert.ok(token, `a link was mailed to ${email}`);
  return token;
}

/** Answers through the personal link as a browser without an account does: GET the form, POST it. */
async function answer(token: string, fields: Record<string, string>, lang = "nb") {
  const session = new Session(t.app);
  const page = await session.get(`/survey/${token}?lang=${lang}`);
  assert.equal(page.statusCode, 200);
  return session.post(`/survey/${token}?lang=${lang}`, fields);
}

const emails = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}@survey.example`);

test("the secretariat builds a survey through the forms; bad input comes back with its errors and nothing stored", async () => {
  const sek = await login("sek@survey.example");
  await sek.get(`/n/${rogaland.slug}/surveys/new`);
  const bad = await sek.post(`/n/${rogaland.slug}/surveys?lang=en`, { title: "Feil", year: "20x6", closesOn: "2026-13-01" });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /value="Feil"/, "what was typed comes back");
  assert.match(bad.body, /Write the date as yyyy-mm-dd/);
  const created = await sek.post(`/n/${rogaland.slug}/surveys`, {
    title: "Skjemaundersøkelse",
    year: "2026",
    closesOn: day(20),
    visibility: "network",
  });
  assert.equal(created.statusCode, 303);
  const id = Number(created.headers.location!.match(/\/surveys\/(\d+)/)![1]);
  await sek.get(`/surveys/${id}`);
  const oneChoice = await sek.post(`/surveys/${id}/questions?lang=en`, { kind: "choice", text: "Velg", choices: "Bare én" });
  assert.equal(oneChoice.statusCode, 422);
  assert.match(oneChoice.body, /Write at least two choices/);
  const badScale = await sek.post(`/surveys/${id}/questions?lang=en`, {
    kind: "scale",
    text: "Skala",
    scaleMin: "5",
    scaleMax: "3",
  });
  assert.equal(badScale.statusCode, 422);
  assert.match(badScale.body, /value="Skala"/);
  assert.equal((await t.app.services.surveys.questions(id)).length, 0, "nothing stored");
  for (const text of ["Første", "Andre"])
    assert.equal((await sek.post(`/surveys/${id}/questions`, { kind: "scale", text, allowDontKnow: "on" })).statusCode, 303);
  const [first, second] = await t.app.services.surveys.questions(id);
  await sek.post(`/surveys/${id}/questions/${second!.id}/up`, {});
  assert.deepEqual(
    (await t.app.services.surveys.questions(id)).map((q) => q.text),
    ["Andre", "Første"],
    "reordered",
  );
  await sek.post(`/surveys/${id}/questions/${first!.id}/delete`, {});
  assert.deepEqual(
    (await t.app.services.surveys.questions(id)).map((q) => q.text),
    ["Andre"],
  );
  // Opening without recipients is refused with the reason.
  const refused = await sek.post(`/surveys/${id}/open?lang=en`, {});
  assert.equal(refused.statusCode, 422);
  assert.match(refused.body, /Add at least one recipient/);
  const noAddress = await sek.post(`/surveys/${id}/recipients?lang=en`, { organisationId: String(members[0]!.id), email: "" });
  assert.equal(noAddress.statusCode, 422);
  const stranger = await sek.post(`/surveys/${id}/recipients?lang=en`, { organisationId: "999999", email: "x@survey.example" });
  assert.equal(stranger.statusCode, 422, "only members of the network");
  assert.equal(
    (
      await sek.post(`/surveys/${id}/recipients`, {
        organisationId: String(members[0]!.id),
        name: "Kari",
        email: "kari@form.example",
      })
    ).statusCode,
    303,
  );
  const opened = await sek.post(`/surveys/${id}/open`, {});
  assert.equal(opened.statusCode, 303);
  assert.match(opened.headers.location!, /sent=1/);
  // The questions are fixed once sent.
  const late = await sek.post(`/surveys/${id}/questions?lang=en`, { kind: "text", text: "For sent" });
  assert.equal(late.statusCode, 422);
});

test("answering through the personal link without an account or script: errors in the recipient's language, nothing stored, once only", async () => {
  const address = "svar@survey.example";
  const { survey, questions } = await openSurvey({
    title: "Svarundersøkelse",
    recipients: [{ organisationId: members[0]!.id, email: address }],
  });
  const [scale, choice, text] = questions;
  const token = await tokenFor(address);
  const bad = await answer(token, { [`q${scale}`]: "9", [`q${choice}`]: "7", [`q${text}`]: "Skrive litt" }, "nn");
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /Vel ein verdi frå 1 til 5/, "out of range, in nynorsk");
  assert.match(bad.body, /Skrive litt/, "what was typed comes back");
  const missing = await answer(token, { [`q${choice}`]: "0" }, "nn");
  assert.equal(missing.statusCode, 422);
  assert.match(missing.body, /Fyll ut|Fyll inn|feltet/i, "the required question");
  const stored = await t.database.db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, survey.id));
  assert.equal(stored.length, 0, "nothing stored");
  const good = await answer(token, { [`q${scale}`]: "4", [`q${choice}`]: "1", [`q${text}`]: "Mer deling" });
  assert.equal(good.statusCode, 303);
  const [response] = await t.database.db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, survey.id));
  assert.ok(response);
  assert.equal(response.organisationId, members[0]!.id);
  const answers = await t.database.db.select().from(surveyAnswers).where(eq(surveyAnswers.responseId, response.id));
  assert.deepEqual(
    answers.map((a) => [a.scale, a.choice, a.text]).sort(),
    [
      [4, null, ""],
      [null, "Nei", ""],
      [null, null, "Mer deling"],
    ].sort(),
  );
  const again = await new Session(t.app).get(`/survey/${token}?lang=en`);
  assert.equal(again.statusCode, 200);
  assert.match(again.body, /already answered/, "the link shows that it has been answered");
  const session = new Session(t.app);
  await session.get(`/survey/${token}`);
  const second = await session.post(`/survey/${token}?lang=en`, { [`q${scale}`]: "1" });
  assert.equal(second.statusCode, 422);
  assert.match(second.body, /already answered/);
  assert.equal((await t.database.db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, survey.id))).length, 1);
  const forged = await new Session(t.app).get(`/survey/${"x".repeat(43)}`);
  assert.equal(forged.statusCode, 404);
});

test("a survey past its closing date or closed by hand takes no answers", async () => {
  const { survey, questions } = await openSurvey({
    title: "Lukkes",
    recipients: [
      { organisationId: members[0]!.id, email: "sen@survey.example" },
      { organisationId: members[1]!.id, email: "sen2@survey.example" },
    ],
  });
  const token = await tokenFor("sen@survey.example");
  const later = new Date(Date.now() + 12 * 24 * 3600_000);
  const refused = await t.app.services.surveys.answer(token, { [`q${questions[0]}`]: "3" }, later);
  assert.deepEqual(!refused.ok && refused.errors.map((e) => e.key), ["errors.surveyClosed"]);
  assert.equal((await t.app.services.surveys.close(actor, survey)).ok, true);
  const page = await new Session(t.app).get(`/survey/${await tokenFor("sen2@survey.example")}?lang=en`);
  assert.match(page.body, /The survey is closed/);
  const direct = await t.app.services.surveys.answer(token, { [`q${questions[0]}`]: "3" });
  assert.equal(direct.ok, false);
});

test("reminders go only to those who have not answered, once a round, by the button and by themselves before the closing date", async () => {
  const [a, b, c] = emails("remind", 3);
  const { survey, questions } = await openSurvey({
    title: "Påminnes",
    recipients: [a!, b!, c!].map((email, i) => ({ organisationId: members[i]!.id, email })),
  });
  assert.equal((await answer(await tokenFor(a!), { [`q${questions[0]}`]: "5" })).statusCode, 303);
  const reminded = await t.app.services.surveys.remind(actor, survey);
  assert.deepEqual(reminded.ok && reminded.value, { reminded: 2 });
  // In the member's written form: "Påminnelse" in bokmål, "Påminning" in nynorsk.
  const reminders = async (to: string) =>
    (await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.to, to)).orderBy(mailOutbox.id)).filter((m) =>
      /^Påminn(else|ing): /.test(m.subject),
    );
  assert.equal((await reminders(a!)).length, 0, "not the one who answered");
  assert.equal((await reminders(b!)).length, 1);
  // The reminder carries the same personal link as the first mail.
  const [first] = await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.to, b!)).orderBy(mailOutbox.id).limit(1);
  const [reminder] = await reminders(b!);
  assert.equal(reminder!.body.match(/\/survey\/([A-Za-z0-9_-]+)/)?.[1], first!.body.match(/\/survey\/([A-Za-z0-9_-]+)/)?.[1]);
  const again = await t.app.services.surveys.remind(actor, survey);
  assert.deepEqual(again.ok && again.value, { reminded: 0 }, "nobody twice in a round");
  // Two processes running the automatic round at once remind each at most once.
  const dueAt = new Date(Date.now() + 8 * 24 * 3600_000);
  const [x, y] = await Promise.all([
    t.app.services.surveys.sendDueReminders(dueAt),
    t.app.services.surveys.sendDueReminders(dueAt),
  ]);
  assert.ok(x + y >= 2, "the automatic round reaches those not answered");
  assert.equal((await reminders(b!)).length, 2);
  assert.equal((await reminders(c!)).length, 2);
  assert.equal(await t.app.services.surveys.sendDueReminders(dueAt), 0, "nothing twice");
  const [rec] = await t.database.db.select().from(surveyRecipients).where(eq(surveyRecipients.email, a!));
  assert.equal(rec!.remindedAt, null);
});

test("an anonymous survey shows its figures only in groups of at least five, and its free text without who, only to the network", async () => {
  const addresses = emails("anon", 5);
  const { survey, questions } = await openSurvey({
    title: "Anonym",
    anonymous: true,
    visibility: "public",
    recipients: addresses.map((email, i) => ({ organisationId: members[i % 3]!.id, email })),
  });
  const [scale, , text] = questions;
  for (const [i, email] of addresses.slice(0, 4).entries())
    assert.equal(
      (
        await answer(await tokenFor(email), {
          [`q${scale}`]: String(i + 1),
          [`q${text}`]: `${["delta", "bravo", "echo", "alfa"][i]} FRITEKST-MARKØR-${i}`,
        })
      ).statusCode,
      303,
    );
  const [stored] = await t.database.db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, survey.id));
  assert.equal(stored!.recipientId, null, "an anonymous response does not keep who answered");
  const sek = await login("sek@survey.example");
  const four = await sek.get(`/surveys/${survey.id}/results?lang=en`);
  assert.equal(four.statusCode, 200);
  assert.match(four.body, /Fewer than five answers/);
  assert.doesNotMatch(four.body, /FRITEKST-MARKØR/, "not even the secretariat reads free text under five");
  const summary4 = await t.app.services.surveys.resultsSummary(survey.id, null);
  assert.equal(summary4!.questions[0]!.hidden, true);
  assert.equal(summary4!.questions[0]!.mean, null);
  assert.equal(
    (await answer(await tokenFor(addresses[4]!), { [`q${scale}`]: "5", [`q${text}`]: "charlie FRITEKST-MARKØR-4" })).statusCode,
    303,
  );
  // The database keeps only the day: on the recipient, on the response, and the trail names no response.
  const noon = osloInstant(osloToday(), "12:00").getTime();
  const answered = await t.database.db.select().from(surveyRecipients).where(eq(surveyRecipients.surveyId, survey.id));
  assert.ok(answered.every((r) => r.answeredAt?.getTime() === noon));
  const responses = await t.database.db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, survey.id));
  assert.ok(responses.every((r) => r.submittedAt.getTime() === noon));
  const trail = await t.database.db
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.entity, "survey_response"),
        inArray(
          auditLog.entityId,
          responses.map((r) => String(r.id)),
        ),
      ),
    );
  assert.equal(trail.length, 0, "no audit row per anonymous response");
  // Five answers, but the survey is still open: nothing but the counts, not even to the secretariat, who
  // could otherwise watch a recipient turn "answered" and the figures move by one.
  const open5 = await sek.get(`/surveys/${survey.id}/results?lang=en`);
  assert.match(open5.body, /shown once it has closed/);
  assert.doesNotMatch(open5.body, /FRITEKST-MARKØR/);
  const whileOpen = await t.app.services.surveys.resultsSummary(survey.id, secretariat);
  assert.equal(whileOpen!.responses, 5);
  assert.equal(whileOpen!.questions[0]!.hidden, true);
  assert.equal(whileOpen!.questions[0]!.mean, null);
  assert.deepEqual(whileOpen!.questions[0]!.distribution, []);
  const api5 = JSON.parse((await sek.get(`/api/v1/surveys/${survey.id}/results`)).body);
  assert.equal(api5.questions[0].mean, null);
  assert.ok(api5.members.every((m: { hidden: boolean }) => m.hidden));
  assert.ok((await t.app.services.surveys.close(actor, survey)).ok);
  const five = await sek.get(`/surveys/${survey.id}/results?lang=en`);
  assert.match(five.body, /FRITEKST-MARKØR-4/);
  assert.doesNotMatch(five.body, /anon4@survey/, "without who wrote it");
  // In the order of the text, not the order the answers came (which would tie each person's texts together).
  const at = (word: string) => five.body.indexOf(`${word} FRITEKST`);
  assert.ok(at("alfa") > 0 && at("alfa") < at("bravo") && at("bravo") < at("charlie") && at("charlie") < at("delta"));
  assert.ok(at("delta") < at("echo"));
  const summary5 = await t.app.services.surveys.resultsSummary(survey.id, null);
  // (1 + 2 + 3 + 4 + 5) / 5
  assert.equal(summary5!.questions[0]!.mean, 3);
  assert.equal(summary5!.questions[0]!.hidden, false);
  // The public reads the figures of a public survey, never its free text: page, downloads, API.
  const anonymous = new Session(t.app);
  for (const url of [
    `/surveys/${survey.id}/results`,
    `/surveys/${survey.id}/results.csv`,
    `/api/v1/surveys/${survey.id}/results`,
  ]) {
    const res = await anonymous.get(url);
    assert.equal(res.statusCode, 200, url);
    assert.doesNotMatch(res.body, /FRITEKST-MARKØR/, url);
  }
  const outsider = await login("sek@nordland-survey.example");
  assert.doesNotMatch((await outsider.get(`/surveys/${survey.id}/results`)).body, /FRITEKST-MARKØR/);
  const member = await login("rep@survey.example");
  assert.match((await member.get(`/surveys/${survey.id}/results`)).body, /FRITEKST-MARKØR-0/, "the network's people read it");
});

test("an anonymous survey's free text of a question fewer than five answered stays back everywhere, whatever the survey's total", async () => {
  const addresses = emails("fewtext", 5);
  const { survey, questions } = await openSurvey({
    title: "Få fritekster",
    anonymous: true,
    recipients: addresses.map((email, i) => ({ organisationId: members[i % 3]!.id, email })),
  });
  const [scale, , text] = questions;
  // Five answered, four of them wrote something in the free text.
  for (const [i, email] of addresses.entries())
    assert.equal(
      (
        await answer(await tokenFor(email), {
          [`q${scale}`]: String((i % 5) + 1),
          ...(i < 4 ? { [`q${text}`]: `FÅ-TEKST-MARKØR-${i}` } : {}),
        })
      ).statusCode,
      303,
    );
  assert.ok((await t.app.services.surveys.close(actor, survey)).ok);
  const sek = await login("sek@survey.example");
  const member = await login("rep@survey.example");
  for (const viewer of [sek, member]) {
    const page = await viewer.get(`/surveys/${survey.id}/results?lang=en`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /4 answers · Fewer than five answers/);
    assert.match(page.body, /Fewer than five answered this question/);
    assert.doesNotMatch(page.body, /FÅ-TEKST-MARKØR/, "the page");
    for (const format of ["csv", "xlsx"]) {
      const file = await viewer.get(`/surveys/${survey.id}/results.${format}`);
      assert.equal(file.statusCode, 200);
      assert.doesNotMatch(file.rawPayload.toString("latin1"), /TEKST-MARK/, format);
    }
    const api = JSON.parse((await viewer.get(`/api/v1/surveys/${survey.id}/results`)).body);
    const q = api.questions.find((x: { id: number }) => x.id === text);
    assert.deepEqual([q.answered, q.hidden, q.texts], [4, true, null], "the API");
    assert.doesNotMatch(JSON.stringify(api), /FÅ-TEKST-MARKØR/);
  }
  const full = await t.app.services.surveys.results(secretariat, survey.id);
  assert.equal(full!.texts?.has(text), false, "the service other modules read keeps them back too");
  // The scale question that all five answered is shown, and the members and size classes stay hidden (under five each).
  assert.equal(full!.questions[0]!.hidden, false);
  assert.ok(full!.members.every((m) => m.hidden && m.scaleMean === null && Object.values(m.means).every((v) => v === null)));
  assert.ok(full!.sizeClasses.every((c) => c.hidden || Object.values(c.means).every((v) => v === null)));
});

test("the results download holds the free text the viewer may read and each scale question's mean per size class and member", async () => {
  const addresses = emails("csvtext", 5);
  const { survey, questions } = await openSurvey({
    title: "Nedlasting",
    recipients: addresses.map((email) => ({ organisationId: members[0]!.id, email })),
  });
  const [scale, , text] = questions;
  for (const [i, email] of addresses.entries())
    assert.equal(
      (await answer(await tokenFor(email), { [`q${scale}`]: String(i + 1), [`q${text}`]: `CSV-TEKST-${i}` })).statusCode,
      303,
    );
  const sek = await login("sek@survey.example");
  const csv = (await sek.get(`/surveys/${survey.id}/results.csv?lang=en`)).body.replace(/^\uFEFF/, "");
  const lines = csv.trim().split(/\r?\n/);
  assert.equal(lines[0], "Part,Member or size class,Question,Answer,Count,Mean");
  for (let i = 0; i < 5; i++)
    assert.ok(
      lines.some((l) => l.startsWith("Free text answers,") && l.includes("Hva bør endres?") && l.endsWith(`CSV-TEKST-${i},,`)),
      `free text ${i}`,
    );
  const name = members[0]!.name;
  // One member of five answers 1–5: its mean of the question is 3, and over the scale questions 0.5 of the scale.
  assert.ok(lines.includes(`Per member,${name},Hvor nyttig?,,,3`), csv);
  assert.ok(lines.includes(`Per member,${name},Mean on the scale questions (0–1),,5,0.5`), csv);
  assert.ok(
    lines.some((l) => l.startsWith("Per size,") && l.endsWith(",Hvor nyttig?,,,3")),
    csv,
  );
  // Outside the network: figures under the threshold, never the free text.
  const outsider = await login("sek@nordland-survey.example");
  assert.equal((await outsider.get(`/surveys/${survey.id}/results.csv`)).statusCode, 404);
});

test("a survey's last day to answer cannot be before today when it is made or changed", async () => {
  const sek = await login("sek@survey.example");
  await sek.get(`/n/${rogaland.slug}/surveys/new`);
  const before = await t.database.db.select().from(surveys);
  const past = await sek.post(`/n/${rogaland.slug}/surveys?lang=en`, {
    title: "Fortid",
    year: "2026",
    closesOn: "2020-06-30",
    visibility: "network",
  });
  assert.equal(past.statusCode, 422);
  assert.match(past.body, /The last day to answer cannot be before today/);
  assert.match(past.body, /value="Fortid"/, "what was typed comes back");
  assert.match(past.body, /value="2020-06-30"/);
  const nn = await sek.post(`/n/${rogaland.slug}/surveys?lang=nn`, { title: "Fortid", year: "2026", closesOn: day(-1) });
  assert.match(nn.body, /Siste svardag kan ikkje vere før i dag/);
  const api = await sek.api("POST", `/api/v1/networks/${rogaland.slug}/surveys`, {
    title: "Fortid",
    year: 2026,
    closesOn: "2020-01-01",
  });
  assert.equal(api.statusCode, 422);
  assert.equal((await t.database.db.select().from(surveys)).length, before.length, "nothing stored");
  // Today is allowed; a change to a past day is refused, and leaving a passed day as it was is not.
  const created = await t.app.services.surveys.create(actor, rogaland.id, { title: "I dag", year: "2026", closesOn: day(0) });
  assert.ok(created.ok);
  const s = created.value;
  await sek.get(`/surveys/${s.id}/edit`);
  const moved = await sek.post(`/surveys/${s.id}?lang=en`, { title: "I dag", year: "2026", closesOn: "2020-01-01" });
  assert.equal(moved.statusCode, 422);
  assert.match(moved.body, /The last day to answer cannot be before today/);
  assert.equal((await t.app.services.surveys.get(s.id)).survey.closesOn, day(0), "nothing changed");
  await t.database.db.update(surveys).set({ closesOn: "2020-01-01" }).where(eq(surveys.id, s.id));
  const renamed = await t.app.services.surveys.update(
    actor,
    { ...s, closesOn: "2020-01-01" },
    {
      title: "Nytt navn",
      year: "2026",
      closesOn: "2020-01-01",
    },
  );
  assert.ok(renamed.ok, "an unchanged last day that has passed does not stop other changes");
});

test("another network's secretariat and anonymous visitors cannot edit, send or read a network's survey; the API the same", async () => {
  const { survey, questions } = await openSurvey({
    title: "INTERN-TITTEL-MARKØR",
    recipients: [{ organisationId: members[0]!.id, email: "intern@survey.example" }],
  });
  await answer(await tokenFor("intern@survey.example"), { [`q${questions[0]}`]: "2", [`q${questions[2]}`]: "INTERN-SVAR" });
  const outsider = await login("sek@nordland-survey.example");
  assert.equal((await outsider.get(`/surveys/${survey.id}`)).statusCode, 403);
  assert.equal((await outsider.get(`/surveys/${survey.id}/edit`)).statusCode, 403);
  for (const action of ["remind", "close", "repeat"])
    assert.equal((await outsider.post(`/surveys/${survey.id}/${action}`, {})).statusCode, 403, action);
  assert.equal((await outsider.get(`/surveys/${survey.id}/results`)).statusCode, 404);
  assert.equal((await outsider.get(`/surveys/${survey.id}/results.xlsx`)).statusCode, 404);
  assert.doesNotMatch((await outsider.get(`/n/${rogaland.slug}/surveys`)).body, /INTERN-TITTEL-MARKØR/);
  assert.equal((await outsider.api("GET", `/api/v1/surveys/${survey.id}/results`)).statusCode, 404);
  assert.equal((await outsider.api("POST", `/api/v1/surveys/${survey.id}/close`, {})).statusCode, 403);
  assert.equal(
    (await outsider.api("POST", `/api/v1/networks/${rogaland.slug}/surveys`, { title: "X", year: 2026, closesOn: day(5) }))
      .statusCode,
    403,
  );
  const listed = (await outsider.api("GET", `/api/v1/networks/${rogaland.slug}/surveys`)).json();
  assert.ok(!listed.items.some((s: { title: string }) => s.title === "INTERN-TITTEL-MARKØR"));
  const anonymous = new Session(t.app);
  assert.equal((await anonymous.get(`/surveys/${survey.id}/results`)).statusCode, 404);
  const signIn = await anonymous.get(`/surveys/${survey.id}`);
  assert.equal(signIn.statusCode, 303, "sent to sign in");
  assert.match(signIn.headers.location ?? "", /\/login/);
  assert.equal(await t.app.services.surveys.resultsSummary(survey.id, null), null);
  assert.equal(
    (await t.app.services.surveys.visibleSurveys(rogaland.id, { from: 2000, to: 2100 }, null)).some((s) => s.id === survey.id),
    false,
  );
  // The network's own people read it, and its secretariat works it through the API.
  const member = await login("rep@survey.example");
  const read = await member.get(`/surveys/${survey.id}/results?lang=en`);
  assert.equal(read.statusCode, 200);
  assert.match(read.body, /INTERN-SVAR/);
  assert.equal((await member.get(`/surveys/${survey.id}`)).statusCode, 403, "a member does not run it");
  const sek = await login("sek@survey.example");
  const api = (await sek.api("GET", `/api/v1/surveys/${survey.id}/results`)).json();
  assert.equal(api.questions[2].texts[0].text, "INTERN-SVAR");
  assert.equal((await sek.api("POST", `/api/v1/surveys/${survey.id}/close`, {})).statusCode, 200);
});

test("the API: the secretariat makes, fills and opens a survey", async () => {
  const sek = await login("sek@survey.example");
  const created = await sek.api("POST", `/api/v1/networks/${rogaland.slug}/surveys`, {
    title: "API-undersøkelse",
    year: 2026,
    closesOn: day(7),
  });
  assert.equal(created.statusCode, 201, created.body);
  const { id } = created.json();
  const bad = await sek.api("POST", `/api/v1/surveys/${id}/questions`, { kind: "scale", text: "X", scaleMin: 4, scaleMax: 2 });
  assert.equal(bad.statusCode, 422);
  assert.equal((await sek.api("POST", `/api/v1/surveys/${id}/questions`, { kind: "scale", text: "Nytte" })).statusCode, 201);
  assert.equal(
    (await sek.api("POST", `/api/v1/surveys/${id}/recipients`, { organisationId: members[1]!.id, email: "api@survey.example" }))
      .statusCode,
    201,
  );
  const opened = await sek.api("POST", `/api/v1/surveys/${id}/open`, {});
  assert.equal(opened.statusCode, 200, opened.body);
  assert.equal(opened.json().sent, 1);
  const list = (await sek.api("GET", `/api/v1/networks/${rogaland.slug}/surveys?from=2026&to=2026`)).json();
  const listed = list.items.find((s: { id: number }) => s.id === id);
  assert.deepEqual([listed.status, listed.recipients, listed.responses], ["open", 1, 0]);
  const doc = (await new Session(t.app).get("/api/openapi.json")).json();
  assert.ok(doc.paths["/api/v1/surveys/{id}/results"] ?? doc.paths["/surveys/{id}/results"], "documented");
});

test("repeat next year: the copy repeats each question, and each result shows last time's beside it", async () => {
  const addresses = emails("trend", 5);
  const { survey, questions } = await openSurvey({
    title: "Trend",
    year: 2025,
    recipients: addresses.map((email, i) => ({ organisationId: members[i % 3]!.id, email })),
  });
  // Last time: 2, 3, 4, "don't know", 5 → mean 3.5.
  for (const [i, v] of ["2", "3", "4", "dk", "5"].entries())
    assert.equal((await answer(await tokenFor(addresses[i]!), { [`q${questions[0]}`]: v })).statusCode, 303);
  await t.app.services.surveys.close(actor, survey);
  const sek = await login("sek@survey.example");
  await sek.get(`/surveys/${survey.id}`);
  const repeated = await sek.post(`/surveys/${survey.id}/repeat`, { withRecipients: "on" });
  assert.equal(repeated.statusCode, 303);
  const copyId = Number(repeated.headers.location!.match(/\/surveys\/(\d+)/)![1]);
  const copy = (await t.app.services.surveys.get(copyId)).survey;
  assert.equal(copy.year, 2026);
  assert.equal(copy.repeatsId, survey.id);
  assert.equal(copy.status, "draft");
  const copied = await t.app.services.surveys.questions(copyId);
  assert.deepEqual(
    copied.map((q) => q.repeatsQuestionId),
    [...questions],
  );
  assert.equal((await t.app.services.surveys.recipients(copyId)).length, 5);
  await t.app.services.surveys.update(actor, copy, { ...copy, closesOn: day(10), year: "2026", anonymous: "" });
  assert.ok((await t.app.services.surveys.open(actor, (await t.app.services.surveys.get(copyId)).survey)).ok);
  for (const [i, v] of ["4", "4", "5", "5", "5"].entries())
    assert.equal((await answer(await tokenFor(addresses[i]!), { [`q${copied[0]!.id}`]: v })).statusCode, 303);
  const summary = await t.app.services.surveys.resultsSummary(copyId, secretariat);
  const first = summary!.questions[0]!;
  assert.equal(first.mean, 23 / 5);
  assert.deepEqual(first.previous, { mean: 3.5, answered: 5 });
  const page = await sek.get(`/surveys/${copyId}/results?lang=en`);
  assert.match(page.body, /Last time \(2025\)/);
  assert.match(page.body, /3\.5/);
  // Per member, each survey of the years: the public reads none of this network-only pair.
  const byMember = await t.app.services.surveys.memberSummaries(rogaland.id, { from: 2025, to: 2026 }, secretariat);
  const mine = byMember.get(members[0]!.id)!.filter((x) => x.surveyId === copyId)[0]!;
  // members[0] answered 4 and 5 (addresses 0 and 3): mean 4.5, at 0–1 of the scale 0.875.
  assert.equal(mine.responses, 2);
  // 4.5 on the 1–5 scale is 0.875 of it.
  assert.equal(mine.scaleMean, 0.875);
  assert.equal(mine.hidden, false);
  const publicView = await t.app.services.surveys.memberSummaries(rogaland.id, { from: 2025, to: 2026 }, null);
  assert.ok(![...publicView.values()].flat().some((x) => x.surveyId === copyId));
});

test("the personal link goes by mail over SMTP, in the member's language, and a recipient added later gets theirs at once", async () => {
  const smtp = await startSmtpServer();
  const app = await createTestApp({ env: { SMTP_URL: smtp.url, SAMVERK_PUBLIC_URL: "https://samverk.test" } });
  try {
    const s = app.app.services.surveys;
    const network = (await app.app.services.networks.bySlug("digi-rogaland"))!;
    const orgs = await app.app.services.access.memberOrganisations(network.id);
    const created = await s.create(actor, network.id, { title: "Post", year: "2026", closesOn: day(10), visibility: "network" });
    assert.ok(created.ok);
    assert.ok((await s.addQuestion(actor, created.value, { kind: "scale", text: "Nytte" })).ok);
    assert.ok((await s.addRecipient(actor, created.value, { organisationId: orgs[0]!.id, email: "first@smtp.example" })).ok);
    assert.ok((await s.open(actor, created.value)).ok);
    const opened = (await s.get(created.value.id)).survey;
    assert.ok((await s.addRecipient(actor, opened, { organisationId: orgs[1]!.id, email: "later@smtp.example" })).ok);
    for (let i = 0; i < 20 && smtp.mails.length < 2; i++) await app.app.services.mail.delivery.deliverDue();
    for (const to of ["first@smtp.example", "later@smtp.example"]) {
      const mail = smtp.mails.find((m) => m.to.includes(to));
      assert.ok(mail, `mailed to ${to}`);
      const link = mail.text.match(/https:\/\/samverk\.test\/survey\/([A-Za-z0-9_-]+)\?lang=(nb|nn)/);
      assert.ok(link, "with a personal link on the public address");
      const page = await new Session(app.app).get(`/survey/${link[1]}?lang=${link[2]}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Nytte/);
    }
  } finally {
    await app.close();
    await smtp.close();
  }
});

test("the demo: each demo network's survey run in 2025 and repeated in 2026, answered by most members, with its trend", async () => {
  const { surveys } = t.app.services;
  const rows = (await surveys.list(rogaland.id, secretariat)).filter((r) => r.isDemo);
  const closed = rows.find((r) => r.year === 2025)!;
  const open = rows.find((r) => r.year === 2026)!;
  assert.equal(closed.status, "closed");
  assert.equal(open.status, "open");
  assert.equal(closed.recipients, members.length, "a contact at every member");
  assert.ok(
    closed.responses >= closed.recipients * 0.7 && closed.responses < closed.recipients,
    "most members answered last year",
  );
  const results = await surveys.results(secretariat, open.id);
  assert.equal(results!.previousSurvey?.id, closed.id);
  assert.ok(
    results!.questions.some((q) => q.kind === "scale" && results!.previous.get(q.id)?.mean != null),
    "a trend",
  );
  assert.ok(
    results!.questions.some((q) => q.dontKnow > 0),
    "some don't know",
  );
  // A demo recipient who has not answered opens the form through their personal link.
  const waiting = (await surveys.recipients(open.id)).find((r) => !r.recipient.answeredAt)!.recipient;
  const page = await new Session(t.app).get(`/survey/${await surveys.tokenOf({ ...waiting, email: waiting.email! })}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Hvor nyttig har samarbeidet/);
  // Last year's figures are public, this year's are the network's.
  assert.equal((await new Session(t.app).get(`/surveys/${closed.id}/results`)).statusCode, 200);
  assert.equal((await new Session(t.app).get(`/surveys/${open.id}/results`)).statusCode, 404);
});

test("the reads other modules use take a fixed number of queries, whatever the number of members, answers and surveys", async () => {
  const { surveys } = t.app.services;
  const counted = async (run: () => Promise<unknown>) => {
    const before = t.database.queries.count;
    await run();
    return t.database.queries.count - before;
  };
  const demo = (await surveys.list(rogaland.id, secretariat)).find((r) => r.isDemo && r.year === 2026)!;
  const small = await openSurvey({
    title: "Liten",
    recipients: [{ organisationId: members[0]!.id, email: "liten@survey.example" }],
  });
  const again = await surveys.repeat(actor, small.survey, {});
  assert.ok(again.ok);
  // A repeat with no answers against the demo's repeat with answers from most of 23 members.
  assert.equal(
    await counted(() => surveys.resultsSummary(again.value.id, secretariat)),
    await counted(() => surveys.resultsSummary(demo.id, secretariat)),
  );
  const years = { from: 2025, to: 2026 };
  const nordlandSecretariat: Actor = { userId: null, label: "x", isAdmin: true };
  assert.equal(
    await counted(() => surveys.memberSummaries(rogaland.id, years, secretariat)),
    await counted(() => surveys.memberSummaries(nordland.id, years, nordlandSecretariat)),
  );
  assert.equal(await counted(() => surveys.visibleSurveys(rogaland.id, years, null)), 1);
});

test("each recipient is mailed in the member's written form: nynorsk for a nynorsk municipality, else bokmål", async () => {
  const rows = await t.database.db
    .select({ id: organisations.id, malform: organisations.malform })
    .from(organisations)
    .where(
      inArray(
        organisations.id,
        members.map((m) => m.id),
      ),
    );
  const nynorsk = rows.find((r) => r.malform === "nynorsk");
  const bokmal = rows.find((r) => r.malform !== "nynorsk");
  assert.ok(nynorsk && bokmal, "the demo network has members of both written forms");
  await openSurvey({
    title: "Målform",
    recipients: [
      { organisationId: nynorsk.id, email: "nn@survey.example" },
      { organisationId: bokmal.id, email: "nb@survey.example" },
    ],
  });
  const subject = async (to: string) => (await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.to, to)))[0]!.subject;
  assert.equal(await subject("nn@survey.example"), "Kva meiner de? Målform");
  assert.equal(await subject("nb@survey.example"), "Hva mener dere? Målform");
  const [mail] = await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.to, "nn@survey.example"));
  assert.match(mail!.body, /\?lang=nn/, "the link opens the form in nynorsk");
});

test("retention clears recipients' names and addresses some days after the survey closed; repeat next year takes contacts from the directory", async () => {
  const s = t.app.services.surveys;
  const contact = (await s.recipientChoices(rogaland.id)).contacts[0]!;
  const { survey } = await openSurvey({
    title: "Oppbevaring",
    recipients: [{ organisationId: members[1]!.id, email: "typed@retention.example" }],
  });
  assert.ok((await s.addRecipient(actor, survey, { personId: String(contact.id) })).ok);
  assert.ok((await s.close(actor, survey)).ok);
  const later = (days: number) => new Date(Date.now() + days * 24 * 3600_000);
  const rows = () => t.database.db.select().from(surveyRecipients).where(eq(surveyRecipients.surveyId, survey.id));
  await s.removeExpiredRecipientData(later(RECIPIENT_RETENTION_DAYS - 1));
  assert.ok(
    (await rows()).every((r) => r.email !== null && r.email !== ""),
    "not before the time",
  );
  assert.ok((await s.removeExpiredRecipientData(later(RECIPIENT_RETENTION_DAYS + 1))) >= 2);
  const kept = await rows();
  assert.equal(kept.length, 2, "the rows stay, for the counts");
  assert.ok(kept.every((r) => r.email === null && r.name === ""));
  // The step runs in the retention run through the module's hook.
  assert.ok(Object.keys(surveysModule.retention!(t.app as never)).includes("surveyRecipientData"));
  // Repeat next year: the directory contact again with their address as it is now, the typed address gone.
  const copy = await s.repeat(actor, (await s.get(survey.id)).survey, { withRecipients: "on" });
  assert.ok(copy.ok);
  const copied = await s.recipients(copy.value.id);
  assert.deepEqual(
    copied.map((r) => [r.recipient.personId, r.recipient.email]),
    [[contact.id, contact.email]],
  );
});

test("a question can repeat only one of the same kind with the same scale ends; an empty closing date is required", async () => {
  const s = t.app.services.surveys;
  const { survey, questions } = await openSurvey({
    title: "Likt",
    recipients: [{ organisationId: members[0]!.id, email: "like@survey.example" }],
  });
  assert.ok((await s.close(actor, survey)).ok);
  const copy = await s.repeat(actor, (await s.get(survey.id)).survey, {});
  assert.ok(copy.ok);
  const scale = String(questions[0]);
  for (const body of [
    { kind: "choice", text: "Annen art", choices: "Ja\nNei", repeatsQuestionId: scale },
    { kind: "scale", text: "Annen skala", scaleMin: "0", scaleMax: "10", repeatsQuestionId: scale },
  ]) {
    const r = await s.addQuestion(actor, copy.value, body);
    assert.deepEqual(!r.ok && r.errors, [{ field: "repeatsQuestionId", key: "errors.surveyRepeatsUnlike" }], body.text);
  }
  assert.ok((await s.addQuestion(actor, copy.value, { kind: "scale", text: "Samme", repeatsQuestionId: scale })).ok);
  const empty = await s.create(actor, rogaland.id, { title: "Uten dato", year: "2026", closesOn: " " });
  assert.deepEqual(!empty.ok && empty.errors, [{ field: "closesOn", key: "errors.required" }]);
});

test("the API's survey list is paged in the database and shows drafts to the network's secretariat only", async () => {
  const s = t.app.services.surveys;
  const draft = await s.create(actor, rogaland.id, {
    title: "API-UTKAST",
    year: "2031",
    closesOn: day(10),
    visibility: "public",
  });
  assert.ok(draft.ok);
  const sek = await login("sek@survey.example");
  const all = JSON.parse((await sek.get(`/api/v1/networks/${rogaland.slug}/surveys?limit=500`)).body);
  assert.ok(all.items.some((i: { title: string }) => i.title === "API-UTKAST"));
  const page = JSON.parse((await sek.get(`/api/v1/networks/${rogaland.slug}/surveys?limit=2&offset=1`)).body);
  assert.equal(page.total, all.total);
  assert.deepEqual(
    page.items.map((i: { id: number }) => i.id),
    all.items.slice(1, 3).map((i: { id: number }) => i.id),
  );
  for (const viewer of [new Session(t.app), await login("sek@nordland-survey.example")]) {
    const list = JSON.parse((await viewer.get(`/api/v1/networks/${rogaland.slug}/surveys?limit=500`)).body);
    assert.ok(!list.items.some((i: { title: string }) => i.title === "API-UTKAST"));
  }
});

test("the automatic reminder round starts at midnight in Norway three days before the closing date", async () => {
  const s = t.app.services.surveys;
  const { survey } = await openSurvey({
    title: "Runde",
    recipients: [{ organisationId: members[0]!.id, email: "round@survey.example" }],
  });
  // Closing on a winter day: the round's first day is 3 days before, from 00:00 in Norway (23:00 UTC the day before).
  await t.database.db.update(surveys).set({ closesOn: "2027-01-10" }).where(eq(surveys.id, survey.id));
  // Reminded by hand at 23:30 UTC on 6 January, which is already 7 January in Norway: inside the round.
  await t.database.db
    .update(surveyRecipients)
    .set({ remindedAt: new Date("2027-01-06T23:30:00Z") })
    .where(eq(surveyRecipients.surveyId, survey.id));
  assert.equal(await s.sendDueReminders(new Date("2027-01-07T10:00:00Z")), 0, "not twice in the round");
  // Reminded at 22:30 UTC on 6 January (23:30 in Norway, the day before the round): reminded again.
  await t.database.db
    .update(surveyRecipients)
    .set({ remindedAt: new Date("2027-01-06T22:30:00Z") })
    .where(eq(surveyRecipients.surveyId, survey.id));
  assert.equal(await s.sendDueReminders(new Date("2027-01-07T10:00:00Z")), 1);
});
