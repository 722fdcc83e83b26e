import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { PASSWORD, testAccount } from "../../../test/support/accounts.ts";
import { createTestApp, Session, type TestApp } from "../../../test/support/app.ts";
import { systemActor } from "../../platform/access/actor.ts";
import type { Visibility } from "../../platform/access/visibility.ts";
import { osloParts } from "../../platform/i18n/i18n.ts";
import { projects } from "../projects/index.ts";
import { consultations } from "./schema.ts";

/**
 * A consultation copies its project's text into its sections, so the project must be open to every
 * reader of the consultation when it is opened (the form and a hand-made post are refused otherwise,
 * nothing stored), and a project kept to fewer readers since is shown, searched and served by the API
 * only to those who may see it now.
 */
let t: TestApp;
let rogaland: { id: number; slug: string };
let nordland: { id: number; slug: string };
let bodyId: number;
const actor = systemActor("project visibility test");
const day = (offset: number) => osloParts(new Date(Date.now() + offset * 24 * 3600_000)).date;
const marker = () => `zq${Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join("")}`;

before(async () => {
  t = await createTestApp();
  rogaland = (await t.app.services.networks.bySlug("digi-rogaland"))!;
  nordland = (await t.app.services.networks.bySlug("digi-nordland"))!;
  bodyId = (await t.app.services.networks.bodiesOf(rogaland.id))[0]!.id;
  await testAccount(t.app, t.database.db, "sek@projvis.example", { networkId: rogaland.id, role: "secretariat" });
  await testAccount(t.app, t.database.db, "member@projvis.example", { networkId: rogaland.id, role: "member" });
});
after(() => t.close());

const login = (email: string) => new Session(t.app).login(email, PASSWORD);

/** A project of a network with a marker in its summary, kept to the readers given. */
async function project(networkId: number, visibility: Visibility, summary: string) {
  const [row] = await t.database.db
    .insert(projects)
    .values({
      networkId,
      title: `Prosjekt ${summary}`,
      summary,
      problem: `Problemet ${summary}`,
      kind: "regional",
      sector: "health_care",
      visibility,
      bodyId: visibility === "body" ? bodyId : null,
    })
    .returning();
  return row!;
}

const form = (projectId: number, audience = "anyone") => ({
  title: "Høring om prosjektet",
  subject: "project",
  projectId: String(projectId),
  opensDate: day(-1),
  opensTime: "08:00",
  closesDate: day(14),
  closesTime: "12:00",
  audience,
  personalDataDays: "30",
});

const stored = async () =>
  (await t.database.db.select({ id: consultations.id }).from(consultations).where(eq(consultations.networkId, rogaland.id)))
    .length;

test("the form refuses a project not open to everyone who reads the consultation, in the reader's language, nothing stored", async () => {
  const sek = await login("sek@projvis.example");
  const network = await project(rogaland.id, "network", marker());
  const body = await project(rogaland.id, "body", marker());
  const before = await stored();
  const messages = {
    en: "The project is not open to everyone who can read the consultation.",
    nb: "Prosjektet er ikke åpent for alle som kan lese høringen.",
    nn: "Prosjektet er ikkje ope for alle som kan lese høyringa.",
  };
  for (const [lang, message] of Object.entries(messages)) {
    const refused = await sek.post(`/n/${rogaland.slug}/consultations?lang=${lang}`, form(network.id));
    assert.equal(refused.statusCode, 422, `${lang}: ${refused.body.slice(0, 200)}`);
    assert.ok(refused.body.includes(message), `${lang}: the field error is in the reader's language`);
  }
  // A members' consultation has a public page too (members answer, anyone reads), and a body's project is kept tighter still.
  for (const [p, audience] of [
    [network, "members"],
    [body, "anyone"],
    [body, "members"],
  ] as const) {
    const refused = await sek.post(`/n/${rogaland.slug}/consultations?lang=en`, form(p.id, audience));
    assert.equal(refused.statusCode, 422, `${p.visibility} project, audience ${audience}`);
    assert.ok(refused.body.includes(messages.en));
  }
  // The service refuses it whoever calls it, and says so on projectId.
  const direct = await t.app.services.consultations.openOnNetwork(actor, rogaland.id, form(body.id), 1024, (k) => k);
  assert.deepEqual(direct.ok ? [] : direct.errors, [{ field: "projectId", key: "errors.projectNotOpenToReaders" }]);
  // Another network's project, even a public one, is not a choice.
  const foreign = await project(nordland.id, "public", marker());
  const elsewhere = await t.app.services.consultations.openOnNetwork(actor, rogaland.id, form(foreign.id), 1024, (k) => k);
  assert.deepEqual(elsewhere.ok ? [] : elsewhere.errors, [{ field: "projectId", key: "errors.choice" }]);
  assert.equal(await stored(), before, "nothing was stored");
  // A public project is accepted.
  const open = await project(rogaland.id, "public", marker());
  const accepted = await sek.post(`/n/${rogaland.slug}/consultations`, form(open.id));
  assert.equal(accepted.statusCode, 303, accepted.body.slice(0, 300));
  assert.equal(await stored(), before + 1);
});

test("the API opens consultations only on strategy drafts (public by design): a project given to it is not taken", async () => {
  const sek = await login("sek@projvis.example");
  const restricted = await project(rogaland.id, "network", marker());
  const strategy = await t.app.services.strategies.create(
    actor,
    { networkId: rogaland.id },
    { title: "API-utkast", firstYear: 2027, lastYear: 2028, vision: "Visjonen" },
  );
  assert.ok(strategy.ok);
  const opened = await sek.api("POST", `/api/v1/strategies/${strategy.value.id}/consultations`, {
    title: "API-høring",
    opensDate: day(-1),
    opensTime: "08:00",
    closesDate: day(5),
    closesTime: "12:00",
    projectId: restricted.id,
    subject: "project",
  });
  assert.equal(opened.statusCode, 201, opened.body);
  const c = await t.app.services.consultations.get(opened.json().id);
  assert.equal(c.projectId, null, "the project was not stored");
  assert.ok(!opened.body.includes(restricted.summary), "nor its text copied");
  const consultationsWithIt = await t.database.db
    .select({ id: consultations.id })
    .from(consultations)
    .where(eq(consultations.projectId, restricted.id));
  assert.equal(consultationsWithIt.length, 0);
});

test("a project kept to the network after the consultation opened: its text is left out for readers who may not see it", async () => {
  const sek = await login("sek@projvis.example");
  const m = marker();
  const p = await project(rogaland.id, "public", `Sammendraget ${m} om velferdsteknologi`);
  const opened = await sek.post(`/n/${rogaland.slug}/consultations`, form(p.id));
  assert.equal(opened.statusCode, 303, opened.body.slice(0, 300));
  const id = Number(opened.headers.location?.match(/consultations\/(\d+)/)?.[1]);
  const href = `/consultations/${id}`;
  const hrefs = async (session: Session) => {
    const res = await session.api("GET", `/api/v1/search?q=${m}&kind=consultation`);
    assert.equal(res.statusCode, 200, res.body);
    return (res.json() as { groups: { hits: { href: string }[] }[] }).groups.flatMap((g) => g.hits).map((h) => h.href);
  };
  // While the project is public, anyone reads its text on the page, in the API and in the search.
  assert.ok(
    (await new Session(t.app).get(`${href}?lang=en`)).body.includes(m),
    "the same address as below, so a kept page would show",
  );
  assert.ok((await hrefs(new Session(t.app))).includes(href));

  await t.database.db.update(projects).set({ visibility: "network" }).where(eq(projects.id, p.id));

  const anonymous = new Session(t.app);
  const page = await anonymous.get(`${href}?lang=en`);
  assert.equal(page.statusCode, 200, "the consultation itself is still public");
  assert.ok(!page.body.includes(m), "no project text on the page");
  assert.ok(!page.body.includes(p.problem), "no project text on the page");
  assert.ok(!page.body.includes(`/projects/${p.id}`), "no link to a project the reader may not open");
  assert.match(page.body, /This consultation is on a project that is not open to you/);
  const api = await anonymous.api("GET", `/api/v1${href}`);
  assert.equal(api.statusCode, 200);
  assert.deepEqual(api.json().sections, []);
  assert.ok(!api.body.includes(m));
  assert.ok(!(await hrefs(anonymous)).includes(href), "the search does not find it by the project's text");

  // The network's members (and its secretariat) may see the project, so they read its text as before.
  for (const email of ["member@projvis.example", "sek@projvis.example"]) {
    const session = await login(email);
    assert.ok((await session.get(href)).body.includes(m), email);
    assert.ok((await session.api("GET", `/api/v1${href}`)).body.includes(m), email);
    assert.ok((await hrefs(session)).includes(href), email);
  }
  // Kept to a body: a network member outside it no longer reads it.
  await t.database.db.update(projects).set({ visibility: "body", bodyId }).where(eq(projects.id, p.id));
  const member = await login("member@projvis.example");
  assert.ok(!(await member.get(href)).body.includes(m));
  assert.ok((await (await login("sek@projvis.example")).get(href)).body.includes(m), "the secretariat sees everything");

  // Deleted while kept to a body: its copied text does not come back for anyone, nor in the search.
  const deleted = await (await login("sek@projvis.example")).post(`/projects/${p.id}/delete`, {});
  assert.equal(deleted.statusCode, 303, deleted.body.slice(0, 300));
  assert.equal((await t.app.services.consultations.get(id)).projectId, p.id, "the consultation still knows its project");
  for (const session of [new Session(t.app), await login("member@projvis.example"), await login("sek@projvis.example")]) {
    const after = await session.get(`${href}?lang=en`);
    assert.equal(after.statusCode, 200);
    assert.ok(!after.body.includes(m), "no text of a deleted project");
    assert.ok(!after.body.includes(`/projects/${p.id}`), "no link to a deleted project");
    assert.ok(!(await session.api("GET", `/api/v1${href}`)).body.includes(m));
    assert.ok(!(await hrefs(session)).includes(href));
  }
});
