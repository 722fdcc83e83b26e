import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { PASSWORD, testAccount } from "../../../test/support/accounts.ts";
import { createTestApp, Session, type TestApp } from "../../../test/support/app.ts";
import { projects } from "../projects/index.ts";

/**
 * Following (issue 25, decision 0035): the button on a record's page, the list of what one follows,
 * the activity list, following by one's part in a record, and the access kernel's rule on every one of
 * them, checked when shown, not when followed.
 */

let t: TestApp;
let rogaland: { id: number; slug: string };
let ownerId: number;
let projectId: number;

before(async () => {
  t = await createTestApp();
  const { networks, access } = t.app.services;
  rogaland = (await networks.bySlug("digi-rogaland"))!;
  const nordland = (await networks.bySlug("digi-nordland"))!;
  ownerId = (await access.repo.memberOrganisations(rogaland.id))[0]!.id;
  const db = t.database.db;
  await testAccount(t.app, db, "sek@fl-rogaland.example", { networkId: rogaland.id, role: "secretariat" });
  await testAccount(t.app, db, "rep@fl-rogaland.example", { networkId: rogaland.id, role: "member", organisationIds: [ownerId] });
  await testAccount(t.app, db, "member@fl-nordland.example", { networkId: nordland.id, role: "member" });
  const [p] = await db
    .insert(projects)
    .values({
      networkId: rogaland.id,
      title: "Felles innbyggerdialog",
      kind: "regional",
      sector: "other",
      ownerOrganisationId: ownerId,
      phase: "idea",
    })
    .returning();
  projectId = p!.id;
});
after(() => t.close());

const login = (email: string) => new Session(t.app).login(email, PASSWORD);

async function setPhase(phase: string) {
  const sek = await login("sek@fl-rogaland.example");
  await sek.get(`/projects/${projectId}`);
  const res = await sek.post(`/projects/${projectId}/phase`, { phase });
  assert.equal(res.statusCode, 303, res.body.slice(0, 300));
}

test("a reader follows a project from its page, sees what happens to it, and stops", async () => {
  const reader = await login("member@fl-nordland.example");
  const page = (await reader.get(`/projects/${projectId}`)).body;
  assert.match(page, /action="\/follow\/project\/\d+"/);
  const res = await reader.post(`/follow/project/${projectId}`, { back: `/projects/${projectId}` });
  assert.deepEqual([res.statusCode, res.headers.location], [303, `/projects/${projectId}`]);
  assert.match((await reader.get(`/projects/${projectId}`)).body, /Du følger dette\./);
  assert.match((await reader.get("/following")).body, /Felles innbyggerdialog/);

  await setPhase("concept");
  const activity = (await reader.get("/activity")).body;
  assert.match(activity, /Nytt: <\/strong><a[^>]*href="\/projects\/\d+"[^>]*>Felles innbyggerdialog<\/a>/);
  assert.match(activity, /Gikk over i fasen Konsept/);
  assert.doesNotMatch((await reader.get("/activity")).body, /Nytt: /, "seen once shown");
  assert.match((await reader.get("/activity?lang=en")).body, /Moved to the Concept phase/);

  await reader.post(`/follow/project/${projectId}/stop`, { back: "/following" });
  assert.doesNotMatch((await reader.get("/following")).body, /Felles innbyggerdialog/);
  await setPhase("planning");
  assert.doesNotMatch((await reader.get("/activity")).body, /Planlegging/);
});

test("what a reader followed is not shown once the record is kept from them, and a kept record cannot be followed", async () => {
  const reader = await login("member@fl-nordland.example");
  await reader.get(`/projects/${projectId}`);
  await reader.post(`/follow/project/${projectId}`, {});
  await setPhase("execution");
  await t.database.db.update(projects).set({ visibility: "network" }).where(eq(projects.id, projectId));
  try {
    assert.doesNotMatch((await reader.get("/following")).body, /Felles innbyggerdialog/);
    assert.doesNotMatch((await reader.get("/activity")).body, /Felles innbyggerdialog|Gjennomføring/);
    const again = await reader.post(`/follow/project/${projectId}`, {});
    assert.equal(again.statusCode, 404, "as if it were not there");
  } finally {
    await t.database.db.update(projects).set({ visibility: "public" }).where(eq(projects.id, projectId));
  }
});

test("the owner's representative follows by their part in the project, and can stop", async () => {
  const rep = await login("rep@fl-rogaland.example");
  const page = (await rep.get(`/projects/${projectId}`)).body;
  assert.match(page, /Du følger dette fordi du tar del\./);
  assert.match((await rep.get("/following")).body, /Felles innbyggerdialog[\s\S]*?Du tar del/);
  await rep.post(`/follow/project/${projectId}/stop`, {});
  assert.match((await rep.get(`/projects/${projectId}`)).body, /action="\/follow\/project\/\d+"/);
  assert.doesNotMatch((await rep.get("/following")).body, /Felles innbyggerdialog/);
  await rep.post(`/follow/project/${projectId}`, {});
  assert.match((await rep.get("/following")).body, /Felles innbyggerdialog/);
});

test("bad requests change nothing: no sign-in, an unknown kind or record, a way back to another site", async () => {
  const anonymous = new Session(t.app);
  await anonymous.get(`/projects/${projectId}`);
  const res = await anonymous.post(`/follow/project/${projectId}`, {});
  assert.ok([302, 303, 401].includes(res.statusCode), `anonymous: ${res.statusCode}`);
  assert.equal((await anonymous.get("/following")).statusCode === 200, false);

  const reader = await login("member@fl-nordland.example");
  await reader.get("/following");
  assert.equal((await reader.post("/follow/unknown/1", {})).statusCode, 404);
  assert.equal((await reader.post("/follow/project/999999", {})).statusCode, 404);
  assert.equal((await reader.post("/follow/project/abc", {})).statusCode, 400);
  for (const back of ["//evil.example/x", "https://evil.example/", "/\\evil.example"]) {
    const away = await reader.post(`/follow/project/${projectId}`, { back });
    assert.equal(away.headers.location, `/projects/${projectId}`, back);
  }
});

test("who registers a need follows it by their part in it, and a network's people follow their network", async () => {
  const rep = await login("rep@fl-rogaland.example");
  await rep.get(`/n/${rogaland.slug}/needs/new`);
  const created = await rep.post(`/n/${rogaland.slug}/needs`, {
    organisationId: String(ownerId),
    kind: "need",
    title: "Felles varsling ved stengte veger",
    problem: "Innbyggjarane får ikkje vite når vegen er stengd.",
    affected: "Innbyggjarar",
    benefit: "Færre forgjeves turar",
    urgency: "high",
    legalRequirement: "",
    costEstimate: "",
    effort: "medium",
    visibility: "public",
  });
  assert.equal(created.statusCode, 303, created.body.slice(0, 300));
  const needUrl = String(created.headers.location).replace(/\?.*$/, "");
  assert.match((await rep.get(needUrl)).body, /Du følger dette fordi du tar del\./);
  const activity = (await rep.get("/activity")).body;
  assert.match(activity, /Felles varsling ved stengte veger<\/a>[^<]*<br\/?>Ny status: /);
  const following = (await rep.get("/following")).body;
  assert.match(following, /Behov[\s\S]*Felles varsling ved stengte veger/);
  assert.match(following, /Nettverk[\s\S]*Digi Rogaland[\s\S]*Du tar del/, "their network, by their access");
  // Another network's member neither follows it nor finds it among what they follow.
  const outsider = await login("member@fl-nordland.example");
  assert.doesNotMatch((await outsider.get("/following")).body, /Felles varsling/);
  assert.match((await outsider.get(needUrl)).body, /action="\/follow\/need\/\d+"/);
});

test("the API lists what one follows and what happened, follows and stops, and gives the front page's lists", async () => {
  const reader = await login("member@fl-nordland.example");
  assert.equal((await new Session(t.app).api("GET", "/api/v1/following")).statusCode, 401);
  const followed = await reader.api("PUT", `/api/v1/following/project/${projectId}`);
  assert.deepEqual([followed.statusCode, JSON.parse(followed.body)], [200, { state: "following" }]);
  assert.equal((await reader.api("PUT", "/api/v1/following/project/999999")).statusCode, 404);
  assert.equal((await reader.api("PUT", `/api/v1/following/unknown/${projectId}`)).statusCode, 404);
  const list = JSON.parse((await reader.api("GET", "/api/v1/following")).body);
  assert.ok(list.items.some((r: { kind: string; id: number }) => r.kind === "project" && r.id === projectId));
  await setPhase("closing");
  const activity = JSON.parse((await reader.api("GET", "/api/v1/activity")).body);
  const event = activity.items.find((e: { record: { id: number } }) => e.record.id === projectId);
  assert.equal(event.text, "Gikk over i fasen Avslutning");
  assert.equal(event.record.url, `/projects/${projectId}`);
  assert.equal(JSON.parse((await reader.api("DELETE", `/api/v1/following/project/${projectId}`)).body).state, "not");
  const front = JSON.parse((await reader.api("GET", "/api/v1/front-page")).body);
  assert.ok(Array.isArray(front.waiting) && Array.isArray(front.open));
  assert.equal(JSON.parse((await new Session(t.app).api("GET", "/api/v1/front-page")).body).waiting, null);
});
