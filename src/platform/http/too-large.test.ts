import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { PASSWORD, testAccount } from "../../../test/support/accounts.ts";
import { createTestApp, Session, type TestApp } from "../../../test/support/app.ts";
import { FORM_BODY_LIMIT } from "../../app.ts";

let t: TestApp;
let rogaland: { id: number; slug: string };
let organisationId: number;

before(async () => {
  t = await createTestApp();
  rogaland = (await t.app.services.networks.bySlug("digi-rogaland"))!;
  await testAccount(t.app, t.database.db, "sek@large.example", { networkId: rogaland.id, role: "secretariat" });
  const [member] = await t.app.services.access.repo.memberOrganisations(rogaland.id);
  organisationId = member!.id;
  await testAccount(t.app, t.database.db, "rep@large.example", {
    networkId: rogaland.id,
    role: "member",
    organisationIds: [organisationId],
  });
});
after(() => t.close());

test("a form with a field far over its limit comes back with the text in it and says what to fix, instead of a 413", async () => {
  const sek = await new Session(t.app).login("sek@large.example", PASSWORD);
  const [owner] = await t.app.services.access.repo.memberOrganisations(rogaland.id);
  // 300 kB of text, more than the 256 kB a form could hold before; æøå take six bytes each once encoded.
  const pasted = `Bakgrunn for prosjektet. ${"Kommunane i Rogaland treng ei felles løysing. ".repeat(6500)}`;
  assert.ok(Buffer.byteLength(new URLSearchParams({ summary: pasted }).toString()) > 256 * 1024);
  const res = await sek.post(`/n/${rogaland.slug}/projects?lang=en`, {
    title: "Felles løysing",
    summary: pasted,
    kind: "regional",
    sector: "health_care",
    startDate: "2027-01-01",
    endDate: "2027-12-31",
    budget: "",
    tags: "",
    visibility: "public",
    ownerOrganisationId: String(owner!.id),
  });
  assert.equal(res.statusCode, 422, res.body.slice(0, 300));
  assert.match(res.body, /at most [\d  ,]+ characters/);
  assert.ok(res.body.includes(pasted.slice(0, 2000)) && res.body.includes(pasted.slice(-200)), "what was typed is kept");
});

test("a consultation's form with a pasted document comes back with it; only far beyond any form is a post too large", async () => {
  const [item] = await t.app.services.consultations.repo.ofNetwork(rogaland.id);
  const id = item!.consultation.id;
  const visitor = new Session(t.app);
  await visitor.get(`/consultations/${id}/input`);
  const token = await t.app.services.consultations.formToken(id, new Date(Date.now() - 10_000));
  const pasted = "Innspel til strategien: ".repeat(20_000);
  const res = await visitor.post(`/consultations/${id}/input?lang=en`, { formToken: token, body: pasted });
  assert.equal(res.statusCode, 422);
  assert.ok(res.body.includes(pasted.slice(0, 5000)), "the text is in the form again");
  const huge = await visitor.post(`/consultations/${id}/input?lang=en`, { formToken: token, body: "x".repeat(FORM_BODY_LIMIT) });
  assert.equal(huge.statusCode, 413);
});

test("a form with a file: a text field longer than 64 kB is refused whole by the form's own check, not cut to fit", async () => {
  const rep = await new Session(t.app).login("rep@large.example", PASSWORD);
  await rep.get("/solutions/import");
  const name = "x".repeat(100_000);
  const publiccode = `publiccodeYmlVersion: "0.4"
name: ${name}
url: "https://git.example.org/kart.git"
platforms:
  - web
categories:
  - geographic-information-systems
developmentStatus: stable
softwareType: standalone/web
description:
  nb:
    shortDescription: Kart
legal:
  license: EUPL-1.2
maintenance:
  type: community
localisation:
  localisationReady: true
  availableLanguages:
    - nb
`;
  const res = await rep.upload(
    "/solutions/import?lang=en",
    { ownerOrganisationId: String(organisationId), publiccode },
    { field: "file", filename: "", data: Buffer.alloc(0) },
  );
  assert.equal(res.statusCode, 422, res.body.slice(0, 300));
  assert.ok(
    res.body.replace(/\s/g, " ").includes("name can have at most 200 characters, not 100000."),
    "the whole name was read",
  );
});
