import assert from "node:assert/strict";
import { test } from "node:test";
import { and, eq } from "drizzle-orm";
import { bodies } from "../../src/modules/networks/schema.ts";
import { PASSWORD, testAccount } from "../support/accounts.ts";
import { axeViolations, login, serverAndBrowser } from "../support/browser.ts";

const suite = serverAndBrowser();
let rogaland: { id: number; slug: string };
let org: { id: number; name: string };
let other: { id: number; name: string };

/**
 * The whole path from need to project, as the people who walk it: a representative registers a
 * need (suggestions appear while typing), another organisation says it has the need too, the
 * working committee scores and recommends it in a round, the steering group's meeting approves it
 * as a project, and the project is in the portfolio. Then the steering group ranks without JavaScript.
 */
let ready: Promise<void> | undefined;
/** The people of the journey, made once the server is up (the suite's own hook starts it). */
const people = () => (ready ??= makePeople());
async function makePeople() {
  const { app, database } = suite.server;
  const { networks, access } = app.services;
  rogaland = (await networks.repo.bySlug("digi-rogaland"))!;
  [org, other] = (await access.repo.memberOrganisations(rogaland.id)) as [typeof org, typeof other];
  const bodyOf = async (kind: "working_committee" | "steering_group") =>
    (
      await database.db
        .select()
        .from(bodies)
        .where(and(eq(bodies.networkId, rogaland.id), eq(bodies.kind, kind)))
    )[0]!.id;
  const committee = await bodyOf("working_committee");
  const steering = await bodyOf("steering_group");
  const db = database.db;
  await testAccount(app, db, "rep@journey.example", { networkId: rogaland.id, role: "member", organisationIds: [org.id] });
  await testAccount(app, db, "other@journey.example", { networkId: rogaland.id, role: "member", organisationIds: [other.id] });
  await testAccount(app, db, "sek@journey.example", { networkId: rogaland.id, role: "secretariat" });
  await testAccount(app, db, "lead@journey.example", {
    networkId: rogaland.id,
    role: "member",
    seats: [{ bodyId: committee, role: "leader" }],
  });
  await testAccount(app, db, "sg@journey.example", {
    networkId: rogaland.id,
    role: "member",
    seats: [{ bodyId: steering, role: "member" }],
  });
}

async function as(email: string, options: { javaScriptEnabled?: boolean } = {}) {
  await people();
  const context = await suite.browser.newContext({ locale: "en-GB", ...options });
  const page = await context.newPage();
  await login(page, suite.server.url, email, PASSWORD);
  return { context, page };
}

test("from need to project: register, support, assess, recommend, decide, and find the project in the portfolio", async () => {
  const base = suite.server.url;
  // 1. The representative types a need; similar needs appear without leaving the form.
  const rep = await as("rep@journey.example");
  await rep.page.goto(`${base}/n/digi-rogaland/needs/new?lang=en`);
  await rep.page.fill("#field-title", "Digital søknad om barnehageplass");
  await rep.page.fill("#field-problem", "Foreldre søker barnehage på papir.");
  await rep.page.waitForSelector("#similar-results a[href^='/needs/']");
  assert.match((await rep.page.textContent("#similar-results")) ?? "", /Digital søknad om plass i barnehage og SFO/);
  assert.deepEqual(await axeViolations(rep.page), [], "the form with suggestions");
  await rep.page.fill("#field-costEstimate", "450 000");
  await rep.page.click("form.stack > .button-row button[type=submit]");
  await rep.page.waitForURL(/\/needs\/\d+\?saved=1/);
  const needUrl = rep.page.url().replace(/\?.*$/, "");
  const needId = Number(needUrl.match(/\/needs\/(\d+)/)![1]);
  await rep.context.close();

  // 2. Another municipality has the need too.
  const otherRep = await as("other@journey.example");
  await otherRep.page.goto(`${needUrl}?lang=en`);
  await otherRep.page.fill("#field-note", "Same hos oss.");
  await otherRep.page.click("form[action$='/supporters'] button[type=submit]");
  await otherRep.page.waitForURL(/saved=1/);
  assert.match((await otherRep.page.textContent(".lead")) ?? "", /Shared by 2 organisations/);
  await otherRep.context.close();

  // 3. The secretariat opens a round for it.
  const sek = await as("sek@journey.example");
  await sek.page.goto(`${base}/n/digi-rogaland/rounds/new?lang=en`);
  await sek.page.fill("#field-title", "Vurdering av barnehagesøknad");
  await sek.page.fill("#field-deadline", "2099-12-31");
  await sek.page.check(`#field-needIds-${needId}`);
  await sek.page.click("form.stack > .button-row button[type=submit]");
  await sek.page.waitForURL(/\/rounds\/\d+\?saved=1/);
  const roundUrl = sek.page.url().replace(/\?.*$/, "");

  // 4. The committee's leader scores it and recommends it.
  const lead = await as("lead@journey.example");
  await lead.page.goto(`${roundUrl}/needs/${needId}?lang=en`);
  const scoreFields = lead.page.locator("input[name^='score_']");
  for (let i = 0; i < (await scoreFields.count()); i++) await scoreFields.nth(i).fill(i === 4 ? "1" : "5");
  await lead.page.click("form[action$='/scores'] button[type=submit]");
  await lead.page.waitForURL(/saved=1/);
  assert.match((await lead.page.textContent("main")) ?? "", /weighted total 100 of 100/);
  await lead.page.selectOption("#field-rec-recommendation", "recommend");
  await lead.page.fill("#field-rec-justification", "Mange har behovet, og det er rimeleg.");
  await lead.page.click("form[action$='/recommendation'] button[type=submit]");
  await lead.page.waitForURL(/saved=1/);
  assert.deepEqual(await axeViolations(lead.page), [], "the round's need page for an assessor");
  await lead.context.close();

  // 5. The secretariat puts it on the steering group's agenda, records the decision and approves the minutes.
  await sek.page.goto(`${base}/n/digi-rogaland/meetings/new?lang=en`);
  await sek.page.fill("#field-title", "Styringsgruppemøte om barnehage");
  await sek.page.fill("#field-meetingDate", "2026-01-15");
  await sek.page.click("form.stack > .button-row button[type=submit]");
  await sek.page.waitForURL(/\/meetings\/\d+\?saved=1/);
  await sek.page.fill("#field-item-title", "Digital søknad om barnehageplass");
  await sek.page.selectOption("#field-item-needId", String(needId));
  await sek.page.click("form[action$='/items'] button[type=submit]");
  await sek.page.waitForURL(/saved=1/);
  await sek.page.click("details.decision-form summary");
  const item = sek.page.locator("details.decision-form").first();
  await item.locator("textarea[name=text]").fill("Styringsgruppa vedtek å starte prosjektet.");
  await item.locator("select[name=outcome]").selectOption("approved_as_project");
  await item.locator("button[type=submit]").click();
  await sek.page.waitForURL(/saved=1/);
  assert.deepEqual(await axeViolations(sek.page), [], "the meeting with its decision");
  await sek.page.click("form[action$='/approve'] button[type=submit]");
  await sek.page.waitForURL(/saved=1/);
  assert.match((await sek.page.textContent("dl.facts")) ?? "", /Approved by sek/);

  // 6. The project is in the portfolio, with where it came from.
  await sek.page.click("text=To the project it created");
  await sek.page.waitForURL(/\/projects\/\d+/);
  assert.equal(await sek.page.textContent("h1"), "Digital søknad om barnehageplass ");
  assert.match((await sek.page.textContent("main")) ?? "", /The project comes from the need/);
  assert.deepEqual(await axeViolations(sek.page), [], "the new project");
  await sek.page.goto(`${base}/projects?q=barnehageplass&lang=en`);
  assert.match((await sek.page.textContent("main table")) ?? "", /Digital søknad om barnehageplass/);
  await sek.context.close();
});

test("with JavaScript off the steering group ranks by typing numbers; with it, rows move with buttons", async () => {
  const base = suite.server.url;
  const off = await as("sg@journey.example", { javaScriptEnabled: false });
  await off.page.goto(`${base}/n/digi-rogaland/priorities/rank?lang=en`);
  const inputs = off.page.locator("fieldset.rank-track").nth(1).locator("input.rank-input");
  const count = await inputs.count();
  assert.ok(count >= 2);
  for (let i = 0; i < count; i++) await inputs.nth(i).fill("");
  await inputs.nth(0).fill("2");
  await inputs.nth(1).fill("2");
  await off.page.click("form.stack > .button-row button[type=submit]");
  assert.match((await off.page.textContent(".ds-error-summary")) ?? "", /Place 2 is used twice/);
  assert.equal(await off.page.locator("button[aria-label^='Move up']").count(), 0, "no script, no buttons");
  await off.page.locator("fieldset.rank-track").nth(1).locator("input.rank-input").nth(1).fill("1");
  await off.page.click("form.stack > .button-row button[type=submit]");
  await off.page.waitForURL(/\/priorities\?saved=1/);
  assert.equal(await off.page.locator("#track-local + .table-scroll tbody tr").count(), 2, "only the rows given a place");
  await off.context.close();

  const on = await as("sg@journey.example");
  await on.page.goto(`${base}/n/digi-rogaland/priorities/rank?lang=en`);
  const track = on.page.locator("fieldset.rank-track").nth(1);
  const titles = async () => track.locator("tbody th").allTextContents();
  const [top, second] = await titles();
  await track.locator("tbody tr").nth(1).locator("button[aria-label^='Move up']").focus();
  await on.page.keyboard.press("Enter");
  const [newTop, newSecond] = await titles();
  assert.equal(newTop, second);
  assert.equal(newSecond, top);
  assert.equal(await track.locator("input.rank-input").first().inputValue(), "1", "renumbered");
  assert.equal(await track.locator("input.rank-input").nth(1).inputValue(), "2");
  assert.deepEqual(await axeViolations(on.page), [], "the ranking form with its buttons");
  await on.context.close();
});
