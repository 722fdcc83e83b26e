import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { PASSWORD, testAccount } from "../../../test/support/accounts.ts";
import { createTestApp, Session, type TestApp } from "../../../test/support/app.ts";
import { searchAs } from "../../../test/support/search.ts";

let t: TestApp;
let rogaland: { id: number; slug: string };

before(async () => {
  t = await createTestApp();
  rogaland = (await t.app.services.networks.bySlug("digi-rogaland"))!;
  await testAccount(t.app, t.database.db, "sek@rs-rogaland.example", { networkId: rogaland.id, role: "secretariat" });
});
after(() => t.close());

/** The site search's hits of one kind, as the session's reader (the page is checked alongside). */
const searchHits = async (session: Session, q: string, kind: string, more = "") => (await searchAs(session, q, kind, more)).hits;

test("national solutions and a network's own initiatives are found by the site search, in either written standard", async () => {
  const anonymous = new Session(t.app);
  // The national catalogue, shipped: no network.
  const idPorten = (await searchHits(anonymous, "ID-porten", "national_solution")).find((h) => h.title === "ID-porten");
  assert.ok(idPorten, "the shipped catalogue is found");
  assert.match(idPorten.href, /^\/roadmap\/\d+$/);
  assert.equal(idPorten.network, null);
  assert.match(idPorten.date ?? "", /^\d{4}-\d{2}-\d{2}$/);
  assert.equal((await anonymous.get(idPorten.href)).statusCode, 200, "the hit leads to the solution's page");

  // A network's initiative, written in nynorsk, belongs to its network.
  const sek = await new Session(t.app).login("sek@rs-rogaland.example", PASSWORD);
  await sek.get(`/n/${rogaland.slug}/initiatives/new`);
  const created = await sek.post(`/n/${rogaland.slug}/initiatives`, {
    name: "Kvitsteinvarselet",
    owner: "Digi Rogaland",
    category: "services",
    purpose: "Ei felles meldingsløysing som varslar innbyggjarane ved flaum og ras.",
    url: "",
  });
  assert.equal(created.statusCode, 303, created.body.slice(0, 300));
  const href = String(created.headers.location).replace("?saved=1", "");
  for (const q of ["kvitsteinvarselet", "meldingsløysingane", "løsning flaum", "varsel", "innbyggere"]) {
    const found = (await searchHits(anonymous, q, "national_solution")).find((h) => h.title === "Kvitsteinvarselet");
    assert.ok(found, `found by "${q}"`);
    assert.equal(found.href, href);
    assert.equal(found.network?.slug, rogaland.slug);
    assert.match(found.date ?? "", /^\d{4}-\d{2}-\d{2}$/);
  }
  assert.match((await anonymous.get("/search?q=meldingsl%C3%B8ysing")).body, /Kvitsteinvarselet/);
  // The network filter finds it in its own network only; a national solution is in none.
  assert.equal((await searchHits(anonymous, "varsel", "national_solution", `&network=${rogaland.slug}`)).length, 1);
  assert.equal((await searchHits(anonymous, "varsel", "national_solution", "&network=digi-nordland")).length, 0);
  // Public by design: the catalogue and every solution's page are open to everyone, so nothing is held back.
});
