import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq, inArray } from "drizzle-orm";
import { PASSWORD, testAccount } from "../../../test/support/accounts.ts";
import { createTestApp, Session, type TestApp } from "../../../test/support/app.ts";
import { startSmtpServer } from "../../../test/support/smtp.ts";
import { activityEvents, activityMail, activitySettings, follows, users } from "../../platform/schema.ts";
import { projects } from "../projects/index.ts";

/**
 * One digest of what one follows (issue 25, decision 0035), through the outbox to a real SMTP server:
 * at once or daily as each person chose, each event told once, only what they may see when it is
 * sent, in their language, with a one-click way out (RFC 8058).
 */

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let rogaland: { id: number; slug: string };
let ownerId: number;
let projectId: number;

before(async () => {
  smtp = await startSmtpServer();
  t = await createTestApp({ env: { SMTP_URL: smtp.url, SAMVERK_PUBLIC_URL: "https://samverk.test" } });
  const { networks, access } = t.app.services;
  rogaland = (await networks.bySlug("digi-rogaland"))!;
  const nordland = (await networks.bySlug("digi-nordland"))!;
  ownerId = (await access.repo.memberOrganisations(rogaland.id))[0]!.id;
  const db = t.database.db;
  await testAccount(t.app, db, "sek@dg-rogaland.example", { networkId: rogaland.id, role: "secretariat" });
  await testAccount(t.app, db, "rep@dg-rogaland.example", { networkId: rogaland.id, role: "member", organisationIds: [ownerId] });
  await testAccount(t.app, db, "reader@dg-nordland.example", { networkId: nordland.id, role: "member" });
  const [p] = await db
    .insert(projects)
    .values({
      networkId: rogaland.id,
      title: "Felles KI-assistent",
      kind: "regional",
      sector: "other",
      ownerOrganisationId: ownerId,
    })
    .returning();
  projectId = p!.id;
});
after(async () => {
  await t.close();
  await smtp.close();
});

const login = (email: string) => new Session(t.app).login(email, PASSWORD);
const mailsTo = (address: string) => smtp.mails.filter((m) => m.to.includes(address));

async function send(at: Date) {
  const written = await t.app.services.activityDigests.send(at);
  await t.app.services.mail.delivery.deliverDue();
  return written;
}

async function setPhase(phase: string) {
  const sek = await login("sek@dg-rogaland.example");
  await sek.get(`/projects/${projectId}`);
  assert.equal((await sek.post(`/projects/${projectId}/phase`, { phase })).statusCode, 303);
}

/** 05:30 and 07:30 in Oslo on a winter's day. */
const EARLY = new Date("2026-12-08T04:30:00Z");
const LATE = new Date("2026-12-08T06:30:00Z");
const dayAfter = (at: Date) => new Date(at.getTime() + 24 * 3600_000);

test("a follower who chose 'at once' gets one mail per run with what they may see, once, with a one-click way out", async () => {
  const reader = await login("reader@dg-nordland.example");
  await reader.get(`/projects/${projectId}`);
  await reader.post(`/follow/project/${projectId}`, {});
  await reader.get("/following?lang=en");
  const saved = await reader.post("/following?lang=en", { project: "immediately", need: "daily", network: "never" });
  assert.equal(saved.statusCode, 303, saved.body.slice(0, 400));

  await setPhase("planning");
  assert.equal(await send(EARLY), 1);
  const [first] = mailsTo("reader@dg-nordland.example");
  assert.ok(first, "mailed");
  assert.equal(first.subject, "News about what you follow (1)");
  assert.match(first.text, /DIGI ROGALAND/);
  assert.match(first.text, /Felles KI-assistent\s+https:\/\/samverk\.test\/projects\/\d+/);
  assert.match(first.text, /Moved to the Planning phase/);
  assert.match(first.raw, /^List-Unsubscribe:\s+<https:\/\/samverk\.test\/mail\/stop\/[\w-]+>/im);
  assert.match(first.raw, /^List-Unsubscribe-Post: List-Unsubscribe=One-Click/im);

  // Told once: the next run has nothing new.
  assert.equal(await send(EARLY), 0);
  assert.equal(mailsTo("reader@dg-nordland.example").length, 1);

  // Kept from the reader since: not told, though they still follow it.
  await t.database.db.update(projects).set({ visibility: "network" }).where(eq(projects.id, projectId));
  await setPhase("execution");
  await send(EARLY);
  assert.equal(mailsTo("reader@dg-nordland.example").length, 1, "a record kept from them is not mailed");
  await t.database.db.update(projects).set({ visibility: "public" }).where(eq(projects.id, projectId));

  // One click in the mail program, no session and no CSRF token: every kind is set to never.
  const stop = String(first.raw.match(/\/mail\/stop\/([\w-]+)/)?.[0]);
  const anonymous = new Session(t.app);
  assert.equal((await anonymous.get(stop)).statusCode, 200);
  const clicked = await t.app.inject({
    method: "POST",
    url: stop,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    payload: "List-Unsubscribe=One-Click",
  });
  assert.equal(clicked.statusCode, 200, clicked.body.slice(0, 300));
  await setPhase("closing");
  await send(LATE);
  assert.equal(mailsTo("reader@dg-nordland.example").length, 1, "no mail after the one click");
  const wrong = await t.app.inject({ method: "POST", url: "/mail/stop/AAAAAAAAAAAAAAAAAAAAAAAA", payload: "" });
  assert.equal(wrong.statusCode, 404);
});

test("daily mail goes out after seven, once a day, to those who follow by their part and without choosing", async () => {
  await setPhase("operation");
  const before = mailsTo("rep@dg-rogaland.example").length;
  await send(dayAfter(EARLY));
  assert.equal(mailsTo("rep@dg-rogaland.example").length, before, "not before seven");
  await send(dayAfter(LATE));
  const daily = mailsTo("rep@dg-rogaland.example");
  assert.equal(daily.length, before + 1);
  assert.match(daily.at(-1)!.subject, /^Nytt i det du følger \(\d+\)$/, "in their language (bokmål by default)");
  assert.match(daily.at(-1)!.text, /Gikk over i fasen Forvaltning/);
  await setPhase("closing");
  await send(new Date(dayAfter(LATE).getTime() + 3600_000));
  assert.equal(mailsTo("rep@dg-rogaland.example").length, before + 1, "once a day");
});

test("two runs at once (two processes) write each mail once", async () => {
  const reader = await login("reader@dg-nordland.example");
  await reader.get("/following");
  await reader.post("/following", { project: "immediately" });
  await setPhase("execution");
  const before = mailsTo("reader@dg-nordland.example").length;
  const [a, b] = await Promise.all([t.app.services.activityDigests.send(LATE), t.app.services.activityDigests.send(LATE)]);
  await t.app.services.mail.delivery.deliverDue();
  assert.equal(a + b >= 1, true);
  assert.equal(mailsTo("reader@dg-nordland.example").length, before + 1);
});

test("bad settings are refused in the reader's language and change nothing", async () => {
  const reader = await login("reader@dg-nordland.example");
  await reader.get("/following");
  const [row] = await t.database.db.select().from(activityMail).limit(1);
  assert.ok(row);
  const settingsBefore = await t.database.db.select().from(activitySettings);
  for (const body of [{ project: "sometimes" }, { bogus: "daily" }] as Record<string, string>[]) {
    const res = await reader.post("/following?lang=nn", body);
    assert.equal(res.statusCode, 422, JSON.stringify(body));
    assert.match(res.body, /error-summary/);
  }
  assert.deepEqual(await t.database.db.select().from(activitySettings), settingsBefore);
});

test("a batch of readers with different rights: each is told only what they may see, and a long list ends with a link", async () => {
  const db = t.database.db;
  const [kept] = await db
    .insert(projects)
    .values({
      networkId: rogaland.id,
      title: "KEPT-IN-ROGALAND",
      kind: "regional",
      sector: "other",
      ownerOrganisationId: ownerId,
      visibility: "network",
    })
    .returning();
  const readers = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(inArray(users.email, ["reader@dg-nordland.example", "rep@dg-rogaland.example"]));
  for (const r of readers) {
    await db
      .insert(follows)
      .values([
        { userId: r.id, kind: "project", recordId: kept!.id, state: "following" },
        { userId: r.id, kind: "project", recordId: projectId, state: "following" },
      ])
      .onConflictDoNothing();
    await db
      .insert(activitySettings)
      .values({ userId: r.id, kind: "project", frequency: "immediately" })
      .onConflictDoUpdate({ target: [activitySettings.userId, activitySettings.kind], set: { frequency: "immediately" } });
  }
  const event = (recordId: number) => ({ kind: "project", recordId, type: "phase_changed", data: { phase: "execution" } });
  await db.insert(activityEvents).values([event(kept!.id), ...Array.from({ length: 205 }, () => event(projectId))]);
  const before = { reader: mailsTo("reader@dg-nordland.example").length, rep: mailsTo("rep@dg-rogaland.example").length };

  await send(LATE);
  const toReader = mailsTo("reader@dg-nordland.example");
  const toRep = mailsTo("rep@dg-rogaland.example");
  assert.equal(toReader.length, before.reader + 1);
  assert.equal(toRep.length, before.rep + 1);
  assert.ok(!toReader.at(-1)!.text.includes("KEPT-IN-ROGALAND"), "a project kept to Rogaland is not told in Nordland");
  assert.ok(toRep.at(-1)!.text.includes("KEPT-IN-ROGALAND"), "but is told to its member");
  assert.equal(toRep.at(-1)!.subject, "Nytt i det du følger (200)", "at most 200 events in one mail");
  assert.ok(toRep.at(-1)!.text.includes("Det er mer enn dette; alt står på https://samverk.test/following"), "cut with a link");
  assert.ok(/Det er mer enn dette/.test(toReader.at(-1)!.text), "the reader's mail is cut too");
});
