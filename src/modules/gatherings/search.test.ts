import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { PASSWORD, testAccount } from "../../../test/support/accounts.ts";
import { createTestApp, Session, type TestApp } from "../../../test/support/app.ts";
import { searchAs } from "../../../test/support/search.ts";
import { systemActor } from "../../platform/access/actor.ts";
import { osloParts } from "../../platform/i18n/i18n.ts";

let t: TestApp;
let rogaland: { id: number; slug: string };
let nordland: { id: number; slug: string };

before(async () => {
  t = await createTestApp();
  rogaland = (await t.app.services.networks.bySlug("digi-rogaland"))!;
  nordland = (await t.app.services.networks.bySlug("digi-nordland"))!;
  await testAccount(t.app, t.database.db, "sek@gs-rogaland.example", { networkId: rogaland.id, role: "secretariat" });
  await testAccount(t.app, t.database.db, "sek@gs-nordland.example", { networkId: nordland.id, role: "secretariat" });
  await testAccount(t.app, t.database.db, "member@gs-nordland.example", { networkId: nordland.id, role: "member" });
  await testAccount(t.app, t.database.db, "member@gs-rogaland.example", { networkId: rogaland.id, role: "member" });
});
after(() => t.close());

const login = (email: string) => new Session(t.app).login(email, PASSWORD);
const day = (offset: number) => osloParts(new Date(Date.now() + offset * 24 * 3600_000)).date;

/** A gathering of the network three weeks ahead, made through the service as its secretariat would. */
async function gathering(networkId: number, fields: Record<string, string | string[]>) {
  const created = await t.app.services.gatherings.create(systemActor("test"), networkId, {
    kind: "seminar",
    startsDate: day(21),
    startsTime: "09:00",
    endsDate: day(21),
    endsTime: "15:00",
    ...fields,
  });
  assert.ok(created.ok, JSON.stringify(!created.ok && created.errors));
  return created.value;
}

/** A small text document, uploaded to a gathering through its form by the organiser. */
async function upload(session: Session, gatheringId: number, title: string, text: string) {
  await session.get(`/gatherings/${gatheringId}`);
  const res = await session.upload(
    `/gatherings/${gatheringId}/documents`,
    { title },
    { field: "file", filename: "notat.txt", data: Buffer.from(text), type: "text/plain" },
  );
  assert.equal(res.statusCode, 303, res.body.slice(0, 300));
}

test("gatherings and their documents are found by the site search; another network's internal gathering and its papers are not", async () => {
  const open = await gathering(rogaland.id, {
    title: "Seminar om velferdsteknologi",
    description: "Korleis kommunane tek i bruk digitale tryggleiksalarmar og medisindispenserar.",
    report: "Deltakarane ønskte ei felles innkjøpsordning neste år.",
  });
  const kept = await gathering(nordland.id, {
    title: "Lukka samling GRANSKOGLIA",
    description: "Intern gjennomgang av leverandøravtalane.",
    visibility: "network",
  });
  const anonymous = new Session(t.app);

  // Found by an inflection, a compound's part, a word of the other written standard, and its report.
  for (const q of ["velferdsteknologien", "alarm", "sikkerhet", "innkjøpsordninga"]) {
    const found = (await searchAs(anonymous, q, "gathering")).hits.find((h) => h.title === "Seminar om velferdsteknologi");
    assert.ok(found, `found by "${q}"`);
    assert.equal(found.href, `/gatherings/${open.id}`);
    assert.equal(found.network?.slug, rogaland.slug);
    assert.equal(found.date, day(21), "the day it starts");
  }

  // Under its network; under another network only once that network holds it together with the organiser.
  const together = await gathering(rogaland.id, {
    title: "Felles konferanse om KVARVESTAD",
    invitedNetworkIds: [String(nordland.id)],
  });
  const inNetwork = async (slug: string): Promise<number> =>
    (await anonymous.get(`/api/v1/search?q=kvarvestad&kind=gathering&network=${slug}`)).json().total;
  assert.equal(await inNetwork(rogaland.slug), 1);
  assert.equal(await inNetwork(nordland.slug), 0, "invited, not yet accepted");
  await t.app.services.gatherings.acceptHosting(systemActor("test"), together.id, nordland.id);
  assert.equal(await inNetwork(nordland.slug), 1, "held together");
  assert.equal(await inNetwork("digi-trondelag"), 0);

  // The papers afterwards: their text is searched, and they lead to the download.
  const sek = await login("sek@gs-rogaland.example");
  await upload(sek, open.id, "Oppsummering frå seminaret", "Kommunane vil samarbeide om HAUKEBERGMODELLEN for nattilsyn.");
  const nordlandSek = await login("sek@gs-nordland.example");
  await upload(nordlandSek, kept.id, "Internt notat", "Avtalen med leverandøren VILDMARKSKONTRAKTEN vert sagt opp.");
  const doc = (await searchAs(anonymous, "haukebergmodellen", "document")).hits[0];
  assert.equal(doc?.title, "Oppsummering frå seminaret");
  assert.match(doc.href, new RegExp(`^/gatherings/${open.id}/documents/\\d+$`));
  assert.equal(doc.network?.slug, rogaland.slug);
  assert.match(doc.excerpt, /HAUKEBERGMODELLEN/);
  assert.equal((await anonymous.get(doc.href)).statusCode, 200, "the hit is the document's download");
  assert.match((await searchAs(anonymous, "nattilsynet", "document")).page, /Oppsummering frå seminaret/);

  // Another network's internal gathering, and what it keeps: not for an anonymous reader, nor a member of another network.
  for (const session of [anonymous, await login("member@gs-rogaland.example"), sek]) {
    for (const [q, kind] of [
      ["granskoglia", "gathering"],
      ["leverandøravtalane", "gathering"],
      ["vildmarkskontrakten", "document"],
    ] as const) {
      const { hits, page } = await searchAs(session, q, kind);
      assert.equal(hits.length, 0, `${q} found`);
      assert.doesNotMatch(page, /GRANSKOGLIA|Internt notat/, q);
    }
  }
  // Its own network's people find both.
  const nordlandMember = await login("member@gs-nordland.example");
  assert.equal((await searchAs(nordlandMember, "granskoglia", "gathering")).hits[0]?.href, `/gatherings/${kept.id}`);
  assert.equal((await searchAs(nordlandMember, "vildmarkskontrakten", "document")).hits[0]?.title, "Internt notat");
});
