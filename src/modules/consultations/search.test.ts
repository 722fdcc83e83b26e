import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { PASSWORD, testAccount } from "../../../test/support/accounts.ts";
import { createTestApp, Session, type TestApp } from "../../../test/support/app.ts";
import { assertFound as found, marker, assertNotFound as notFound } from "../../../test/support/search.ts";
import { systemActor } from "../../platform/access/actor.ts";
import { osloParts } from "../../platform/i18n/i18n.ts";

/**
 * Consultations and their published inputs in the site search (issue 24): a consultation found by its
 * text and its draft's sections; an input only where its consultation publishes inputs and only as
 * the public page shows it (its text under its reference, never who sent it); an internal review
 * round only by the network's own people.
 */
let t: TestApp;
let rogaland: { id: number; slug: string };
let nordland: { id: number; slug: string };
const actor = systemActor("search test");
const day = (offset: number) => osloParts(new Date(Date.now() + offset * 24 * 3600_000)).date;

const ok = <T>(result: { ok: true; value: T } | { ok: false; errors: unknown }): T => {
  if (!result.ok) assert.fail(`expected ok, got ${JSON.stringify(result.errors)}`);
  return result.value;
};

before(async () => {
  t = await createTestApp();
  rogaland = (await t.app.services.networks.bySlug("digi-rogaland"))!;
  nordland = (await t.app.services.networks.bySlug("digi-nordland"))!;
  await testAccount(t.app, t.database.db, "sek@search.example", { networkId: rogaland.id, role: "secretariat" });
  await testAccount(t.app, t.database.db, "nord@search.example", { networkId: nordland.id, role: "member" });
});
after(() => t.close());

const anonymous = () => new Session(t.app);
const login = (email: string) => new Session(t.app).login(email, PASSWORD);

/** An open consultation on a fresh strategy draft of the network, its sections made from the draft. */
async function consultation(
  network: { id: number },
  values: { title: string; intro?: string; vision?: string; publishInputs?: boolean },
) {
  const { strategies, consultations } = t.app.services;
  const strategy = ok(
    await strategies.create(
      actor,
      { networkId: network.id },
      { title: values.title, firstYear: 2027, lastYear: 2030, vision: values.vision ?? "" },
    ),
  );
  ok(await strategies.addFocusArea(actor, strategy.id, { title: "Område" }));
  return ok(
    await consultations.openOnStrategy(
      actor,
      strategy.id,
      {
        title: values.title,
        intro: values.intro ?? "",
        opensDate: day(-1),
        opensTime: "08:00",
        closesDate: day(30),
        closesTime: "12:00",
        publishInputs: values.publishInputs ? "1" : "",
      },
      (key) => key,
    ),
  );
}

let sender = 0;
/** An input from a private person, as the public form takes it; answers its reference and id. */
async function input(consultationId: number, body: string) {
  const { consultations } = t.app.services;
  const given = ok(
    await consultations.submit(
      consultationId,
      {
        formToken: await consultations.formToken(consultationId, new Date(Date.now() - 10_000)),
        body,
        name: "Kari Nordmann",
        email: "kari.nordmann@example.com",
        respondentKind: "citizen",
      },
      { actor: null, ipKey: `search-${++sender}`, locale: "nb" },
    ),
  );
  const stored = await consultations.repo.inputByReference(consultationId, given.reference);
  return { reference: given.reference, id: stored!.id, href: `/consultations/${consultationId}#input-${given.reference}` };
}

test("a consultation is found by its introduction and its draft's text, with its network and opening day", async () => {
  const m = marker();
  const c = await consultation(rogaland, {
    title: `Høyring ${m}`,
    intro: "Vi ber om innspel til utkastet om heimetenestene.",
    vision: "Innbyggjarane får betre tenester gjennom velferdsteknologien.",
  });
  const href = `/consultations/${c.id}`;
  // The introduction, by a part of "heimetenestene"; a section made from the draft's vision, by an inflection.
  const hit = await found(anonymous(), `${m} heimeteneste`, "consultation", href);
  assert.deepEqual([hit.network?.slug, hit.date], [rogaland.slug, day(-1)]);
  await found(anonymous(), `${m} velferdsteknologi`, "consultation", href);
});

test("a published input is found by its text as the public page shows it, never by who sent it", async () => {
  const m = marker();
  const c = await consultation(rogaland, { title: "Høyring med opne innspel", publishInputs: true });
  const given = await input(c.id, `Innspel ${m}: breibandsdekninga i distrikta må kome først.`);
  const hit = await found(anonymous(), `${m} breiband`, "consultation-input", given.href);
  // Named by the consultation it answers and its reference.
  assert.deepEqual([hit.network?.slug, hit.title], [rogaland.slug, `Høyring med opne innspel (${given.reference})`]);
  // Dated the day it came (the search dates an instant by the database's day, which may be UTC's).
  assert.ok([day(0), new Date().toISOString().slice(0, 10)].includes(hit.date ?? ""), `dated ${hit.date}`);
  assert.ok(!JSON.stringify(hit).includes("Nordmann"), "no personal data in the hit");
  // The anchor it links to is on the consultation's public page.
  assert.ok((await anonymous().get(`/consultations/${c.id}`)).body.includes(`id="input-${given.reference}"`));
  // The sender's name and address are not searched, not even by the secretariat.
  const admin = await new Session(t.app).login();
  await notFound(admin, `${m} Nordmann`, "consultation-input", given.href, "an administrator");
  await notFound(admin, `${m} example`, "consultation-input", given.href, "an administrator");
  // Spam and duplicates merged away are not published.
  const spam = marker();
  const junk = await input(c.id, `Kjøp ${spam} no`);
  await found(anonymous(), spam, "consultation-input", junk.href);
  ok(await t.app.services.consultations.handle(actor, c.id, junk.id, { action: "status", status: "spam" }));
  await notFound(anonymous(), spam, "consultation-input", junk.href, "anonymous");
  await notFound(admin, spam, "consultation-input", junk.href, "an administrator");
});

test("inputs to a consultation that does not publish them are found by no one", async () => {
  const m = marker();
  const c = await consultation(rogaland, { title: "Høyring med lukka innspel" });
  const given = await input(c.id, `Innspel ${m} om personvern`);
  for (const [who, session] of [
    ["anonymous", anonymous()],
    ["the secretariat", await login("sek@search.example")],
    ["an administrator", await new Session(t.app).login()],
  ] as const)
    await notFound(session, m, "consultation-input", given.href, who);
  // Once it publishes them, they are found at the next request.
  ok(await t.app.services.consultations.saveSettings(actor, c.id, { publishInputs: "1" }));
  await found(anonymous(), m, "consultation-input", given.href);
});

test("an internal review round is found only by its network's own people", async () => {
  const m = marker();
  const { consultations, networks } = t.app.services;
  const open = await consultation(nordland, { title: `Nordlandsstrategi ${m}` });
  const [body] = await networks.bodiesOf(nordland.id);
  const review = ok(
    await consultations.openReview(
      actor,
      open.id,
      { bodyIds: [String(body!.id)], closesDate: day(20), closesTime: "12:00" },
      (key, params) => `${key} ${params?.title ?? ""}`,
    ),
  );
  const href = `/consultations/${review.id}`;
  for (const [who, session] of [
    ["anonymous", anonymous()],
    ["another network's secretariat", await login("sek@search.example")],
  ] as const) {
    await notFound(session, m, "consultation", href, who);
    await found(session, m, "consultation", `/consultations/${open.id}`);
  }
  await found(await login("nord@search.example"), m, "consultation", href);
  await found(await new Session(t.app).login(), m, "consultation", href);
  // The network's list in the API reads them through the same rule.
  const list = `/api/v1/networks/${nordland.slug}/consultations?limit=100`;
  const ids = async (session: Session) =>
    ((await session.api("GET", list)).json() as { items: { id: number }[] }).items.map((i) => i.id);
  assert.ok(!(await ids(anonymous())).includes(review.id));
  assert.ok((await ids(await login("nord@search.example"))).includes(review.id));
});
