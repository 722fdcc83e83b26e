import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { PASSWORD, testAccount } from "../../../test/support/accounts.ts";
import { createTestApp, Session, type TestApp } from "../../../test/support/app.ts";
import { assertFound as found, marker, assertNotFound as notFound } from "../../../test/support/search.ts";
import { systemActor } from "../../platform/access/actor.ts";

/**
 * Meetings, agenda items and decisions in the site search (issue 24): found by their words, with their
 * network and date, and never by a reader their meeting's page would refuse them to.
 */
let t: TestApp;
let rogaland: { id: number; slug: string };
let nordland: { id: number; slug: string };
const actor = systemActor("search test");

const ok = <T>(result: { ok: true; value: T } | { ok: false; errors: unknown }): T => {
  if (!result.ok) assert.fail(`expected ok, got ${JSON.stringify(result.errors)}`);
  return result.value;
};

/** A public body of the first network; a public and a body-only body of the second. */
let publicBody: number;
let openBody: number;
let closedBody: number;

before(async () => {
  t = await createTestApp();
  rogaland = (await t.app.services.networks.bySlug("digi-rogaland"))!;
  nordland = (await t.app.services.networks.bySlug("digi-nordland"))!;
  const { networks } = t.app.services;
  publicBody = ok(await networks.createBody(actor, rogaland.slug, { kind: "working_group", name: "Søkegruppa" })).id;
  openBody = ok(await networks.createBody(actor, nordland.slug, { kind: "working_group", name: "Open gruppe" })).id;
  closedBody = ok(
    await networks.createBody(actor, nordland.slug, { kind: "working_group", name: "Lukka gruppe", visibility: "body" }),
  ).id;
  await testAccount(t.app, t.database.db, "rogaland@search.example", { networkId: rogaland.id, role: "secretariat" });
  await testAccount(t.app, t.database.db, "member@search.example", { networkId: nordland.id, role: "member" });
  await testAccount(t.app, t.database.db, "seat@search.example", {
    networkId: nordland.id,
    role: "member",
    seats: [
      { bodyId: openBody, role: "member" },
      { bodyId: closedBody, role: "member" },
    ],
  });
});
after(() => t.close());

const anonymous = () => new Session(t.app);
const login = (email: string) => new Session(t.app).login(email, PASSWORD);

/** A held meeting of a body with one agenda item and its decision. */
async function meetingWith(
  network: { id: number },
  bodyId: number,
  m: { title: string; minutesNote?: string; visibility?: string },
  item: { title: string; description?: string },
  decision: { text: string; isPublic?: boolean },
) {
  const { meetings } = t.app.services;
  const meeting = ok(
    await meetings.create(actor, network.id, {
      title: m.title,
      bodyId,
      meetingDate: "2026-03-10",
      place: "Rådhuset",
      visibility: m.visibility ?? "public",
    }),
  );
  if (m.minutesNote) ok(await meetings.saveMinutes(actor, meeting.id, { minutesNote: m.minutesNote }));
  const itemId = ok(await meetings.addItem(actor, meeting.id, item));
  const decided = ok(
    await meetings.decide(
      actor,
      meeting.id,
      {
        agendaItemId: itemId,
        text: decision.text,
        outcome: "other",
        decidedOn: "2026-03-12",
        isPublic: decision.isPublic ?? true,
      },
      (key) => key,
    ),
  );
  return {
    meeting: `/meetings/${meeting.id}`,
    item: `/meetings/${meeting.id}#item-${itemId}`,
    decision: `/meetings/${meeting.id}#item-${decided.agendaItemId}`,
    decisionId: decided.id,
  };
}

test("a meeting, its agenda item and its decision are found by their words, inflected and inside compounds", async () => {
  const m = marker();
  const hrefs = await meetingWith(
    rogaland,
    publicBody,
    { title: `Arbeidsmøte ${m}`, minutesNote: "Gruppa drøfta kommunesamanslåingane og breibandsutbygginga." },
    { title: `Medisindispenserar ${m}`, description: "Saka gjeld tenestene i heimetenesta." },
    { text: `Gruppa tilrår ${m} og tek med digitaliseringstiltaka i planen.` },
  );
  const reader = anonymous();
  // The minutes' note: an inflection ("kommunesamanslåing" for "kommunesamanslåingane") and a compound's part.
  const meeting = await found(reader, `${m} kommunesamanslåing`, "meeting", hrefs.meeting);
  assert.deepEqual([meeting.network?.slug, meeting.date], [rogaland.slug, "2026-03-10"]);
  await found(reader, `${m} breiband`, "meeting", hrefs.meeting);
  // The case presentation, by a part of "heimetenesta".
  const item = await found(reader, `${m} teneste`, "agenda-item", hrefs.item);
  assert.deepEqual([item.network?.slug, item.date], [rogaland.slug, "2026-03-10"]);
  // The decision's text, dated the day it was made, by the last part of "digitaliseringstiltaka".
  const decision = await found(reader, `${m} tiltak`, "decision", hrefs.decision);
  assert.deepEqual([decision.network?.slug, decision.date], [rogaland.slug, "2026-03-12"]);
  // Named by its agenda item, with its text as the excerpt.
  assert.deepEqual(
    [decision.title, decision.excerpt],
    [`Medisindispenserar ${m}`, `Gruppa tilrår ${m} og tek med digitaliseringstiltaka i planen.`],
  );
  // The item has an anchor on the meeting's page to land on.
  assert.ok((await reader.get(hrefs.meeting)).body.includes(`id="${hrefs.item.split("#")[1]}"`));
});

test("a meeting of a body-only body, and all it holds, is found only by the body and the secretariat", async () => {
  const m = marker();
  const hrefs = await meetingWith(
    nordland,
    closedBody,
    { title: `Lukka møte ${m}` },
    { title: `Lukka sak ${m}` },
    { text: `Lukka vedtak ${m}` },
  );
  const outsiders = [
    ["anonymous", anonymous()],
    ["another network's secretariat", await login("rogaland@search.example")],
    ["a member outside the body", await login("member@search.example")],
  ] as const;
  for (const [who, session] of outsiders)
    for (const [kind, href] of [
      ["meeting", hrefs.meeting],
      ["agenda-item", hrefs.item],
      ["decision", hrefs.decision],
    ] as const)
      await notFound(session, m, kind, href, who);
  const seat = await login("seat@search.example");
  const admin = await new Session(t.app).login();
  for (const session of [seat, admin]) {
    await found(session, m, "meeting", hrefs.meeting);
    await found(session, m, "agenda-item", hrefs.item);
    await found(session, m, "decision", hrefs.decision);
  }
});

test("a decision marked not public, in a public meeting, is the body's; a public one in a members' meeting the members'", async () => {
  const secret = marker();
  const own = await meetingWith(
    nordland,
    openBody,
    { title: `Ope møte ${secret}` },
    { title: `Open sak ${secret}` },
    { text: `Vedtak ${secret}`, isPublic: false },
  );
  const members = marker();
  const inner = await meetingWith(
    nordland,
    openBody,
    { title: `Medlemsmøte ${members}`, visibility: "network" },
    { title: `Medlemssak ${members}` },
    { text: `Ope vedtak ${members}` },
  );
  const seat = await login("seat@search.example");
  const member = await login("member@search.example");
  const outsider = await login("rogaland@search.example");
  for (const [who, session] of [
    ["anonymous", anonymous()],
    ["another network's secretariat", outsider],
  ] as const) {
    await notFound(session, secret, "decision", own.decision, who);
    await notFound(session, members, "decision", inner.decision, who);
    await notFound(session, members, "meeting", inner.meeting, who);
    await notFound(session, members, "agenda-item", inner.item, who);
  }
  await notFound(member, secret, "decision", own.decision, "a member outside the body");
  await notFound(anonymous(), secret, "decision", own.decision, "anonymous");
  // Its meeting and item are public: only the decision is kept back.
  await found(anonymous(), secret, "meeting", own.meeting);
  await found(anonymous(), secret, "agenda-item", own.item);
  await found(seat, secret, "decision", own.decision);
  await found(member, members, "decision", inner.decision);
  await found(member, members, "agenda-item", inner.item);
  await found(member, members, "meeting", inner.meeting);
  // The register reads decisions through the same rule.
  const register = `/n/${nordland.slug}/decisions`;
  assert.ok(!(await member.get(register)).body.includes(`Vedtak ${secret}`));
  assert.ok((await seat.get(register)).body.includes(`Vedtak ${secret}`));
});
