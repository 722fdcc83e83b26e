import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createTestApp, Session, type TestApp } from "../../../test/support/app.ts";
import { searchAs } from "../../../test/support/search.ts";
import { solutions, solutionUsers } from "./schema.ts";

let t: TestApp;
let stavanger: { id: number };
let bodo: { id: number };
let solutionId: number;

before(async () => {
  t = await createTestApp();
  const { networks, access } = t.app.services;
  const rogaland = (await networks.bySlug("digi-rogaland"))!;
  const nordland = (await networks.bySlug("digi-nordland"))!;
  stavanger = (await access.repo.memberOrganisations(rogaland.id))[0]!;
  bodo = (await access.repo.memberOrganisations(nordland.id))[0]!;
  const [row] = await t.database.db
    .insert(solutions)
    .values({
      name: "Fjordsvar",
      summary: "Digital innbyggjarteneste for søknader om kommunale tenester.",
      description: "Løysinga gjev innbyggjarane éin stad å søkje, og sakshandsamarane éi kø.",
      vendor: "Fjordsvar AS",
      origin: "product",
      maturity: "stable",
      ownerOrganisationId: stavanger.id,
    })
    .returning();
  solutionId = row!.id;
  await t.database.db.insert(solutionUsers).values({ solutionId, organisationId: bodo.id });
});
after(() => t.close());

/** The site search's solutions for a query (and filters), as an anonymous reader. */
const solutionHits = async (q: string, more = "") => (await searchAs(new Session(t.app), q, "solution", more)).hits;

test("the shared solution catalogue is found by the site search: inflections, compounds, the other written standard, its owner and users", async () => {
  for (const q of ["fjordsvar", "tenestene", "tjeneste", "innbygger", "søknad", "løsningen kø"]) {
    const found = (await solutionHits(q)).find((h) => h.title === "Fjordsvar");
    assert.ok(found, `found by "${q}"`);
    assert.equal(found.href, `/solutions/${solutionId}`);
    assert.equal(found.network, null, "a solution spans networks");
    assert.match(found.date ?? "", /^\d{4}-\d{2}-\d{2}$/);
  }
  assert.match((await new Session(t.app).get("/search?q=innbyggjartenester")).body, /Fjordsvar/);
  // Offered by a member of one network, used by a member of another: found under both, and under both organisations.
  for (const more of [
    "&network=digi-rogaland",
    "&network=digi-nordland",
    `&organisation=${stavanger.id}`,
    `&organisation=${bodo.id}`,
  ])
    assert.equal((await solutionHits("fjordsvar", more)).length, 1, more);
  assert.equal((await solutionHits("fjordsvar", "&network=digi-trondelag")).length, 0);
  // Public by design: the catalogue and every solution's page are open to everyone, so nothing is held back.
});
