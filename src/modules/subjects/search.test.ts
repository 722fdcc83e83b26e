import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { PASSWORD, testAccount } from "../../../test/support/accounts.ts";
import { createTestApp, Session, type TestApp } from "../../../test/support/app.ts";
import { searchAs } from "../../../test/support/search.ts";
import { osloParts } from "../../platform/i18n/i18n.ts";

let t: TestApp;
let rogaland: { id: number; slug: string };
let organisationId: number;

before(async () => {
  t = await createTestApp();
  const { networks, access } = t.app.services;
  rogaland = (await networks.bySlug("digi-rogaland"))!;
  const nordland = (await networks.bySlug("digi-nordland"))!;
  const trondelag = (await networks.bySlug("digi-trondelag"))!;
  organisationId = (await access.repo.memberOrganisations(rogaland.id))[0]!.id;
  const db = t.database.db;
  await testAccount(t.app, db, "sek@ss-rogaland.example", { networkId: rogaland.id, role: "secretariat" });
  await testAccount(t.app, db, "sek@ss-nordland.example", { networkId: nordland.id, role: "secretariat" });
  await testAccount(t.app, db, "member@ss-nordland.example", { networkId: nordland.id, role: "member" });
  await testAccount(t.app, db, "neighbour@ss-nordland.example", { networkId: nordland.id, role: "member" });
  await testAccount(t.app, db, "outsider@ss.example", { networkId: trondelag.id, role: "member" });
});
after(() => t.close());

const login = (email: string) => new Session(t.app).login(email, PASSWORD);
const today = () => osloParts(new Date()).date;

const txt = (text: string) => ({ field: "file", filename: "notat.txt", data: Buffer.from(text), type: "text/plain" });

test("subject networks, their experience notes and documents in the site search; members-only ones stay inside", async () => {
  // Started by Digi Rogaland's secretariat, which owns it (and so reads its members-only content).
  const sek = await login("sek@ss-rogaland.example");
  await sek.get("/subject-networks/new");
  const started = await sek.post("/subject-networks", {
    name: "Fagnettverk for arkivdanning",
    mandate: "Dele erfaring med bevaring og kassasjon i kommunale sakarkiv.",
    joinPolicy: "open",
    ownerNetworkId: String(rogaland.id),
  });
  assert.equal(started.statusCode, 303, started.body.slice(0, 300));
  const subjectUrl = String(started.headers.location).replace("?saved=1", "");
  const anonymous = new Session(t.app);
  for (const q of ["arkivdanninga", "sakarkivet", "kassasjon"]) {
    const found = (await searchAs(anonymous, q, "subject_network")).hits.find((h) => h.title === "Fagnettverk for arkivdanning");
    assert.ok(found, `found by "${q}"`);
    assert.equal(found.href, subjectUrl);
  }
  assert.equal((await searchAs(anonymous, "arkivdanning", "subject_network", `&network=${rogaland.slug}`)).hits.length, 1);
  assert.equal((await searchAs(anonymous, "arkivdanning", "subject_network", "&network=digi-nordland")).hits.length, 0);

  // A member from Nordland writes a public note and a members-only one.
  const member = await login("member@ss-nordland.example");
  await member.post(`${subjectUrl}/join`, {});
  await member.get(`${subjectUrl}/experience/new`);
  const note = await member.post(`${subjectUrl}/experience`, {
    title: "Kassasjonsplan for byggesaker",
    whatWeDid: "Vi gjekk gjennom byggesaksarkivet og laga ein felles kassasjonsplan.",
    cost: "Tre vekeverk",
    differently: "Ta med arkivverket tidlegare.",
    organisationId: String(organisationId),
    visibility: "public",
  });
  assert.equal(note.statusCode, 303, note.body.slice(0, 300));
  const noteUrl = String(note.headers.location).replace("?saved=1", "");
  const internal = await member.post(`${subjectUrl}/experience`, {
    title: "Intern erfaring MYRULLHAUGEN",
    whatWeDid: "Leverandøren av sakssystemet leverte ikkje det avtalte uttrekket.",
    visibility: "members",
  });
  assert.equal(internal.statusCode, 303);
  const internalUrl = String(internal.headers.location).replace("?saved=1", "");

  for (const q of ["kassasjonsplanen", "byggesak", "tidlig", "arkivverket"]) {
    const found = (await searchAs(anonymous, q, "experience")).hits.find((h) => h.href === noteUrl);
    assert.ok(found, `found by "${q}"`);
    assert.equal(found.title, "Kassasjonsplan for byggesaker");
    assert.equal(found.network, null, "a subject network spans networks");
    assert.equal(found.date, today());
  }
  // Under the networks that own its subject network, and under its organisation.
  assert.equal((await searchAs(anonymous, "kassasjonsplan", "experience", `&network=${rogaland.slug}`)).hits.length, 1);
  assert.equal((await searchAs(anonymous, "kassasjonsplan", "experience", "&network=digi-nordland")).hits.length, 0);
  assert.equal((await searchAs(anonymous, "kassasjonsplan", "experience", `&organisation=${organisationId}`)).hits.length, 1);

  // Documents: a public one found by its text; a members-only one kept inside.
  await sek.get(subjectUrl);
  assert.equal(
    (
      await sek.upload(
        `${subjectUrl}/documents`,
        { title: "Mal for kassasjon", visibility: "public" },
        txt("Sjå STEINSPRANGMALEN for bevaringsvurdering."),
      )
    ).statusCode,
    303,
  );
  assert.equal(
    (
      await sek.upload(
        `${subjectUrl}/documents`,
        { title: "Internt referat", visibility: "members" },
        txt("Avtalebrotet LYNGHEIVARSELET vart drøfta."),
      )
    ).statusCode,
    303,
  );
  const doc = (await searchAs(anonymous, "steinsprangmalen", "document")).hits[0];
  assert.equal(doc?.title, "Mal for kassasjon");
  assert.match(doc.href, new RegExp(`^${subjectUrl}/documents/\\d+$`));
  assert.match(doc.excerpt, /STEINSPRANGMALEN/);
  assert.equal((await anonymous.get(doc.href)).statusCode, 200, "the hit is the document's download");

  // Members-only: not for an anonymous reader, a member of another network, nor a secretariat whose network does not own it.
  for (const session of [anonymous, await login("outsider@ss.example"), await login("sek@ss-nordland.example")]) {
    for (const [q, kind] of [
      ["myrullhaugen", "experience"],
      ["sakssystemet", "experience"],
      ["lyngheivarselet", "document"],
    ] as const) {
      const { hits, page } = await searchAs(session, q, kind);
      assert.equal(hits.length, 0, `${q} found`);
      assert.doesNotMatch(page, /MYRULLHAUGEN|Internt referat/, q);
    }
  }
  // Those inside find them: the member who takes part, the owning network's secretariat.
  for (const session of [member, sek]) {
    assert.equal((await searchAs(session, "myrullhaugen", "experience")).hits[0]?.href, internalUrl);
    assert.equal((await searchAs(session, "lyngheivarselet", "document")).hits[0]?.title, "Internt referat");
  }
  // A member of the same network with the same rights there, who has not joined, right after the one who
  // has and with nothing written between: searches kept until the data changes are kept per reader.
  const neighbour = await login("neighbour@ss-nordland.example");
  assert.equal((await searchAs(neighbour, "myrullhaugen", "experience")).hits.length, 0);
  assert.equal((await searchAs(member, "myrullhaugen", "experience")).hits[0]?.href, internalUrl);
  assert.equal((await searchAs(neighbour, "myrullhaugen", "experience")).hits.length, 0);
});
