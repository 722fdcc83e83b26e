import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { PASSWORD, testAccount } from "../../../../test/support/accounts.ts";
import { createTestApp, Session, type TestApp } from "../../../../test/support/app.ts";
import { benefitMeasurements } from "../schema.ts";

let t: TestApp;
let stavanger: { id: number; name: string };
let sandnes: { id: number; name: string };
let outsider: { id: number; name: string };
let projectId: number;
let benefitPath: string;

before(async () => {
  t = await createTestApp();
  const { networks, access } = t.app.services;
  const rogaland = (await networks.bySlug("digi-rogaland"))!;
  const members = (await access.repo.memberOrganisations(rogaland.id)) as { id: number; name: string }[];
  [stavanger, sandnes, outsider] = members as [typeof stavanger, typeof sandnes, typeof outsider];
  await testAccount(t.app, t.database.db, "rep@benefits.example", {
    networkId: rogaland.id,
    role: "member",
    organisationIds: [stavanger.id],
  });
  const rep = await login();
  await rep.get("/n/digi-rogaland/projects/new");
  const created = await rep.post("/n/digi-rogaland/projects", {
    title: "Gevinst per kommune",
    kind: "regional",
    sector: "health_care",
    visibility: "public",
    ownerOrganisationId: String(stavanger.id),
  });
  assert.equal(created.statusCode, 303, created.body.slice(0, 300));
  projectId = Number(created.headers.location!.match(/\/projects\/(\d+)/)![1]);
  await rep.post(`/projects/${projectId}/participants`, { organisationId: String(sandnes.id), role: "participant" });
  const benefit = await rep.post(`/projects/${projectId}/benefits`, {
    title: "Kortere saksbehandling",
    type: "time",
    indicator: "Dager per sak",
    unit: "dager",
    baseline: "10",
    target: "4",
  });
  assert.equal(benefit.statusCode, 303);
  benefitPath = benefit.headers.location!.replace(/\?.*/, "");
});
after(() => t.close());

const login = () => new Session(t.app).login("rep@benefits.example", PASSWORD);

test("a measurement names a participating organisation; its own realised benefit is its latest, apart from the project's", async () => {
  const rep = await login();
  const form = await rep.get(`${benefitPath}?lang=en`);
  assert.match(form.body, /name="organisationId"/);
  assert.match(form.body, new RegExp(`<option value="${sandnes.id}">`), "the form offers the project's participants");
  assert.ok(!form.body.includes(`<option value="${outsider.id}">`), "and only them");

  for (const [measuredOn, value, organisationId] of [
    ["2027-01-01", "8", ""],
    ["2027-02-01", "7", String(sandnes.id)],
    ["2027-04-01", "5,5", String(sandnes.id)],
    ["2027-03-01", "9", String(stavanger.id)],
  ] as const)
    assert.equal((await rep.post(`${benefitPath}/measurements`, { measuredOn, value, organisationId })).statusCode, 303);

  const detail = await t.app.services.projects.visible(projectId, null);
  const benefit = detail.benefits[0]!;
  // The project's own: (8 − 10) / (4 − 10) = 1/3, untouched by the organisations' measurements.
  assert.ok(Math.abs(benefit.achievement! - 1 / 3) < 1e-9);
  // Sandnes's latest is 5.5 (1 April): (5.5 − 10) / (4 − 10) = 0.75; Stavanger's 9: (9 − 10) / −6 = 1/6.
  const own = new Map(benefit.organisations.map((o) => [o.organisationId, o]));
  assert.equal(own.get(sandnes.id)!.latest, 5.5);
  assert.equal(own.get(sandnes.id)!.measuredOn, "2027-04-01");
  assert.equal(own.get(sandnes.id)!.achievement, 0.75);
  assert.ok(Math.abs(own.get(stavanger.id)!.achievement! - 1 / 6) < 1e-9);

  const page = await rep.get(`${benefitPath}?lang=en`);
  assert.match(page.body, /Realised per participating organisation/);
  assert.match(page.body, /The project as a whole/);
  assert.match(page.body, /75%/);

  const api = await t.app.inject({ url: `/api/v1/projects/${projectId}` });
  const out = api.json().benefits[0];
  assert.deepEqual(
    out.measurements.map((m: { value: number; organisationId: number | null }) => [m.value, m.organisationId]),
    [
      [8, null],
      [7, sandnes.id],
      [9, stavanger.id],
      [5.5, sandnes.id],
    ],
  );
  assert.deepEqual(
    out.organisations.find((o: { organisationId: number }) => o.organisationId === sandnes.id),
    {
      organisationId: sandnes.id,
      measuredOn: "2027-04-01",
      latest: 5.5,
      achievement: 0.75,
    },
  );
});

test("an organisation that does not take part is refused with a clear error, in the form and the API, and nothing is stored", async () => {
  const rep = await login();
  await rep.get(benefitPath);
  const benefitId = Number(benefitPath.split("/").at(-1));
  const stored = async () =>
    (await t.database.db.select().from(benefitMeasurements).where(eq(benefitMeasurements.benefitId, benefitId))).length;
  const before = await stored();
  const bad = await rep.post(`${benefitPath}/measurements?lang=en`, {
    measuredOn: "2027-05-01",
    value: "3",
    organisationId: String(outsider.id),
    note: "kept",
  });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /Choose an organisation that takes part in the project/);
  assert.match(bad.body, /value="kept"/, "what was typed comes back");
  const notAnId = await rep.post(`${benefitPath}/measurements?lang=en`, {
    measuredOn: "2027-05-01",
    value: "3",
    organisationId: "x",
  });
  assert.equal(notAnId.statusCode, 422);

  const api = await rep.api("POST", `/api/v1/projects/${projectId}/benefits/${benefitId}/measurements`, {
    measuredOn: "2027-05-01",
    value: 3,
    organisationId: outsider.id,
  });
  assert.equal(api.statusCode, 422);
  assert.equal(api.json().error.fields[0].field, "organisationId");
  const ok = await rep.api("POST", `/api/v1/projects/${projectId}/benefits/${benefitId}/measurements`, {
    measuredOn: "2027-05-01",
    value: 3,
    organisationId: stavanger.id,
  });
  assert.equal(ok.statusCode, 201, ok.body);
  assert.equal(ok.json().organisations.find((o: { organisationId: number }) => o.organisationId === stavanger.id).latest, 3);
  assert.equal(await stored(), before + 1, "only the good one is stored");
});

test("an empty measured value is refused as missing, never stored as 0, on the page and in the API; a negative one is a loss and stays allowed", async () => {
  const rep = await login();
  await rep.get(benefitPath);
  const benefitId = Number(benefitPath.split("/").at(-1));
  const stored = async () =>
    (await t.database.db.select().from(benefitMeasurements).where(eq(benefitMeasurements.benefitId, benefitId))).length;
  const before = await stored();
  const empty = await rep.post(`${benefitPath}/measurements?lang=en`, { measuredOn: "2027-06-01", value: " ", note: "kept" });
  assert.equal(empty.statusCode, 422);
  assert.match(empty.body, /href="#field-value">Value \(dager\): Fill in this field/);
  assert.match(empty.body, /value="kept"/, "what was typed comes back");
  assert.match(empty.body, /value="2027-06-01"/);
  // Both empty: both fields are listed in the summary.
  const both = await rep.post(`${benefitPath}/measurements?lang=en`, { measuredOn: "", value: "" });
  assert.equal(both.statusCode, 422);
  assert.match(both.body, /href="#field-measuredOn"/);
  assert.match(both.body, /href="#field-value"/);
  for (const body of [{ measuredOn: "2027-06-01" }, { measuredOn: "2027-06-01", value: null }]) {
    const api = await rep.api("POST", `/api/v1/projects/${projectId}/benefits/${benefitId}/measurements?lang=en`, body);
    assert.equal(api.statusCode, 422, JSON.stringify(body));
    assert.deepEqual(
      api.json().error.fields.map((f: { field: string; message: string }) => [f.field, f.message]),
      [["value", "Fill in this field."]],
    );
  }
  assert.equal(await stored(), before, "nothing is stored");
  // A benefit's baseline or target left empty is missing too, not 0.
  const benefit = await rep.post(`/projects/${projectId}/benefits?lang=en`, {
    title: "Tom",
    type: "time",
    indicator: "Dager",
    unit: "dager",
    baseline: "",
    target: "4",
  });
  assert.equal(benefit.statusCode, 422);
  assert.match(benefit.body, /href="#field-baseline">Baseline: Fill in this field/);
  // A loss is a negative value, and a deliberate 0 is a value.
  for (const value of ["-2,5", "0"])
    assert.equal((await rep.post(`${benefitPath}/measurements`, { measuredOn: "2027-06-02", value })).statusCode, 303, value);
  const values = (await t.database.db.select().from(benefitMeasurements).where(eq(benefitMeasurements.benefitId, benefitId))).map(
    (m) => m.value,
  );
  assert.ok(values.includes(-2.5) && values.includes(0));
});
