import assert from "node:assert/strict";
import { test } from "node:test";
import { PASSWORD, testAccount } from "../support/accounts.ts";
import { axeViolations, login, serverAndBrowser } from "../support/browser.ts";

const suite = serverAndBrowser();

let ready: Promise<{ id: number; name: string }> | undefined;
/** A representative of one Digi Rogaland member, made once the server is up. */
const representative = () => (ready ??= makeAccount());
async function makeAccount() {
  const { app, database } = suite.server;
  const rogaland = (await app.services.networks.repo.bySlug("digi-rogaland"))!;
  const [org] = await app.services.access.repo.memberOrganisations(rogaland.id);
  await testAccount(app, database.db, "rep@strategies.example", {
    networkId: rogaland.id,
    role: "member",
    organisationIds: [org!.id],
  });
  return org!;
}

let secretariatReady: Promise<void> | undefined;
/** Digi Rogaland's secretariat, made once the server is up. */
const secretariat = () =>
  (secretariatReady ??= (async () => {
    const { app, database } = suite.server;
    const rogaland = (await app.services.networks.repo.bySlug("digi-rogaland"))!;
    await testAccount(app, database.db, "sek@strategies.example", { networkId: rogaland.id, role: "secretariat" });
  })());

test("with JavaScript off: a representative writes a strategy, corrects a mistake, and adopts it", async () => {
  const org = await representative();
  const context = await suite.browser.newContext({ locale: "nb-NO", javaScriptEnabled: false });
  const page = await context.newPage();
  const base = suite.server.url;
  await login(page, base, "rep@strategies.example", PASSWORD);
  await page.goto(`${base}/strategies`);
  await page.click("text=Ny strategi");
  await page.selectOption("#field-owner", `o:${org.id}`);
  await page.fill("#field-title", "Digital kommune 2026–2029");
  await page.fill("#field-firstYear", "2029");
  await page.fill("#field-lastYear", "2026");
  await page.click("form.stack button[type=submit]");
  assert.match((await page.textContent(".ds-error-summary")) ?? "", /Siste år kan ikke være før første år/);
  assert.equal(await page.inputValue("#field-title"), "Digital kommune 2026–2029", "what was typed is kept");
  await page.fill("#field-firstYear", "2026");
  await page.fill("#field-lastYear", "2029");
  await page.click("form.stack button[type=submit]");
  await page.waitForURL(/\/strategies\/\d+\?saved=1/);

  await page.click("summary >> text=Legg til mål");
  await page.fill("#field-goal-title", "Enklare tenester for innbyggjarane");
  await page.click("form[action$='/goals'] button[type=submit]");
  await page.waitForURL(/#goals-heading$/);
  await page.click("summary >> text=Legg til innsatsområde");
  await page.fill("#field-area-title", "Sjølvbetening");
  await page.check("#field-area-goalIds input[type=checkbox] >> nth=0");
  await page.click("form[action$='/focus-areas'] button[type=submit]");
  await page.waitForURL(/#areas-heading$/);
  await page.click("summary >> text=Legg til tiltak");
  await page.fill("#field-measure-description", "Digital søknad om barnehageplass");
  await page.fill("#field-measure-deadlineYear", "tjue");
  await page.click("form[action$='/measures'] button[type=submit]");
  assert.match((await page.textContent(".ds-error-summary")) ?? "", /Skriv et årstall/);
  assert.equal(await page.inputValue("#field-measure-description"), "Digital søknad om barnehageplass");
  await page.fill("#field-measure-deadlineYear", "2027");
  await page.check("#field-measure-years-2026");
  await page.click("form[action$='/measures'] button[type=submit]");
  await page.waitForURL(/#plan-heading$/);
  assert.match((await page.textContent("section[aria-labelledby=plan-heading]")) ?? "", /Digital søknad om barnehageplass/);

  await page.fill("#field-adopt-adoptedOn", "2026-01-20");
  await page.fill("#field-adopt-adoptedBy", "kommunestyret");
  await page.click("form[action$='/adopt'] button[type=submit]");
  await page.waitForURL(/saved=1/);
  assert.match((await page.textContent("dl.facts")) ?? "", /Vedtatt/);
  assert.equal(await page.locator("form[action$='/goals']").count(), 0, "an adopted strategy has no forms to change it");
  await context.close();
});

test("by keyboard, a measure's status is reported, and the strategy pages pass axe", async () => {
  await representative();
  const context = await suite.browser.newContext({ locale: "en-GB" });
  const page = await context.newPage();
  const base = suite.server.url;
  await login(page, base, "rep@strategies.example", PASSWORD);
  await page.goto(`${base}/strategies?lang=en`);
  assert.deepEqual(await axeViolations(page), [], "list");
  await page.click("text=Digital kommune 2026–2029");
  assert.deepEqual(await axeViolations(page), [], "adopted strategy");
  await page.focus("section[aria-labelledby=plan-heading] details > summary");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  const select = await page.evaluate(() => document.activeElement?.id);
  assert.match(select ?? "", /^field-m\d+-status$/);
  await page.selectOption(`#${select}`, "in_progress");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Started in January");
  await page.keyboard.press("Enter");
  await page.waitForURL(/#plan-heading$/);
  const plan = (await page.textContent("section[aria-labelledby=plan-heading]")) ?? "";
  assert.match(plan, /In progress/);
  assert.match(plan, /Started in January/);
  assert.deepEqual(await axeViolations(page), [], "after the report");
  await page.click("text=Start a new revision");
  await page.waitForURL(/saved=1/);
  assert.match((await page.textContent("dl.facts")) ?? "", /Draft/);
  assert.deepEqual(await axeViolations(page), [], "new revision");
  await context.close();
});

test("with JavaScript off: the secretariat starts the shared strategy from the common themes and states an ambition", async () => {
  await secretariat();
  const context = await suite.browser.newContext({ locale: "en-GB", javaScriptEnabled: false });
  const page = await context.newPage();
  const base = suite.server.url;
  await login(page, base, "sek@strategies.example", PASSWORD);
  await page.goto(`${base}/n/digi-rogaland/strategies/themes?lang=en`);
  await page.fill("#field-shared-title", "Felles strategi frå tabellen");
  // Nothing ticked: refused, and the title typed is kept.
  for (const box of await page.locator("#field-shared-themeIds input[type=checkbox]").all()) await box.uncheck();
  await page.click("form[action$='/strategies/shared'] button[type=submit]");
  assert.match((await page.textContent(".ds-error-summary")) ?? "", /Choose at least one theme/);
  assert.equal(await page.inputValue("#field-shared-title"), "Felles strategi frå tabellen");
  await page.check("#field-shared-themeIds input[type=checkbox] >> nth=0");
  await page.click("form[action$='/strategies/shared'] button[type=submit]");
  await page.waitForURL(/\/strategies\/\d+\?saved=1#areas-heading$/);
  const areas = (await page.textContent("section[aria-labelledby=areas-heading]")) ?? "";
  assert.match(areas, /Digital services for citizens/);
  assert.match(areas, /Drawn from/);
  // The secretariat writes the focus area's why and what.
  await page.click("section[aria-labelledby=areas-heading] a.part-edit >> nth=0");
  await page.fill("#field-why", "All the members want services that work the same way.");
  await page.click("form.stack button[type=submit]");
  await page.waitForURL(/#areas-heading$/);
  assert.match(
    (await page.textContent("section[aria-labelledby=areas-heading]")) ?? "",
    /All the members want services that work the same way/,
  );

  await page.goto(`${base}/n/digi-rogaland/strategies?lang=en`);
  await page.click("text=New ambition");
  await page.fill("#field-title", "Every member uses the solution");
  await page.selectOption("#field-kind", "solution_adoption");
  await page.fill("#field-target", "150");
  await page.fill("#field-deadline", "2028-12-31");
  await page.click("form.stack button[type=submit]");
  const summary = (await page.textContent(".ds-error-summary")) ?? "";
  assert.match(summary, /A share can be at most 100 per cent/);
  assert.match(summary, /Choose the national solution/);
  assert.equal(await page.inputValue("#field-title"), "Every member uses the solution", "what was typed is kept");
  await page.fill("#field-target", "100");
  await page.selectOption("#field-solutionId", { index: 1 });
  await page.click("form.stack button[type=submit]");
  await page.waitForURL(/\/n\/digi-rogaland\/ambitions\/\d+\?saved/);
  assert.match((await page.textContent("h1")) ?? "", /Every member uses the solution/);
  assert.match((await page.textContent("main")) ?? "", /Members missing: \d+ of \d+/);
  await context.close();
});

test("by keyboard the dashboard leads to an ambition, and the dashboard, ambition and form pages pass axe", async () => {
  await secretariat();
  const context = await suite.browser.newContext({ locale: "en-GB" });
  const page = await context.newPage();
  const base = suite.server.url;
  await login(page, base, "sek@strategies.example", PASSWORD);
  await page.goto(`${base}/n/digi-rogaland/strategies?lang=en`);
  assert.deepEqual(await axeViolations(page), [], "dashboard");
  // Tab to the first ambition's link and follow it with Enter.
  const first = page.locator("section[aria-labelledby=ambitions-heading] tbody a").first();
  const href = await first.getAttribute("href");
  let focused = "";
  for (let i = 0; i < 60 && focused !== href; i++) {
    await page.keyboard.press("Tab");
    focused = (await page.evaluate(() => document.activeElement?.getAttribute("href"))) ?? "";
  }
  assert.equal(focused, href, "the ambition's link is reached by keyboard");
  await page.keyboard.press("Enter");
  await page.waitForURL(new RegExp(`${href}$`));
  assert.deepEqual(await axeViolations(page), [], "ambition");
  await page.goto(`${base}/n/digi-rogaland/ambitions/new?lang=en`);
  assert.deepEqual(await axeViolations(page), [], "new ambition");
  await page.click("form.stack button[type=submit]");
  assert.deepEqual(await axeViolations(page), [], "new ambition with errors");
  await page.goto(`${base}/n/digi-rogaland/strategies/themes?lang=en`);
  assert.deepEqual(await axeViolations(page), [], "themes with the shared strategy form");
  await context.close();
});
