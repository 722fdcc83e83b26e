import assert from "node:assert/strict";
import { test } from "node:test";
import { ADMIN } from "../support/app.ts";
import { axeViolations, login, serverAndBrowser } from "../support/browser.ts";

const suite = serverAndBrowser();

test("with JavaScript off: register a project with a mistake on the way, move its phase, report status twice", async () => {
  const context = await suite.browser.newContext({ locale: "nb-NO", javaScriptEnabled: false });
  const page = await context.newPage();
  await login(page, suite.server.url, ADMIN.email, ADMIN.password);
  await page.goto(`${suite.server.url}/n/digi-rogaland/projects/new`);
  await page.fill("#field-title", "Felles innbyggerportal");
  await page.fill("#field-startDate", "2027-06-01");
  await page.fill("#field-endDate", "2027-01-01");
  await page.fill("#field-budget", "2 500 000");
  await page.click("form.stack button[type=submit]");
  assert.match((await page.textContent(".ds-error-summary")) ?? "", /Slutt kan ikke være før start/);
  assert.equal(await page.inputValue("#field-title"), "Felles innbyggerportal", "input kept");
  assert.equal(await page.inputValue("#field-budget"), "2 500 000", "input kept as typed");
  await page.fill("#field-endDate", "2028-06-01");
  await page.click("form.stack button[type=submit]");
  await page.waitForURL(/\/projects\/\d+\?saved=1/);
  assert.match((await page.textContent("dl.facts")) ?? "", /2\s500\s000\skr/);

  await page.selectOption("#field-phase", "planning");
  await page.fill("#field-note", "Vedtatt i arbeidsutvalet");
  await page.click("form[action$='/phase'] button[type=submit]");
  await page.waitForURL(/saved=1/);
  assert.match((await page.textContent("[aria-current=step]")) ?? "", /Planlegging/);
  assert.match((await page.textContent("#phase-heading + ol + form + .table-scroll, main")) ?? "", /Vedtatt i arbeidsutvalet/);

  await page.click("text=Ny statusrapport");
  await page.fill("#field-reportDate", "2027-02-01");
  for (const d of ["overall", "time", "cost", "quality", "benefit"]) await page.selectOption(`#field-${d}`, "green");
  await page.click("form.stack button[type=submit]");
  assert.match((await page.textContent(".ds-error-summary")) ?? "", /Velg et av alternativene/, "risk was left out");
  await page.selectOption("#field-risk", "yellow");
  await page.fill("#field-riskComment", "Avhengig av leverandøren");
  await page.click("form.stack button[type=submit]");
  await page.waitForURL(/saved=1/);

  await page.click("text=Ny rapport med verdiene fra forrige");
  assert.equal(await page.inputValue("#field-risk"), "yellow", "the new report starts from the previous one");
  assert.equal(await page.inputValue("#field-riskComment"), "Avhengig av leverandøren");
  await page.fill("#field-reportDate", "2027-03-01");
  await page.selectOption("#field-risk", "green");
  await page.click("form.stack button[type=submit]");
  await page.waitForURL(/saved=1/);
  assert.match((await page.textContent("#reports-heading ~ .table-scroll caption")) ?? "", /1\. mars 2027/);
  assert.equal(await page.locator("details.ds-details").count(), 1, "the earlier report stays readable");
  await context.close();
});

test("the overview's filters are a link: keyboard only, the filtered view is in the URL and can be shared", async () => {
  const context = await suite.browser.newContext({ locale: "en-GB" });
  const page = await context.newPage();
  await page.goto(`${suite.server.url}/projects?lang=en`);
  await page.focus("#field-q");
  await page.keyboard.type("hjemmetjenesten");
  await page.keyboard.press("Enter");
  await page.waitForURL(/q=hjemmetjenesten/);
  const rows = await page.locator("tbody tr").count();
  assert.ok(rows > 0, "stemming finds “Digitalt tilsyn i hjemmetjenesten” and the tag hjemmetjeneste");
  const shared = page.url();
  const other = await context.newPage();
  await other.goto(shared);
  assert.equal(await other.locator("tbody tr").count(), rows, "the same link shows the same view");
  assert.deepEqual(await axeViolations(page), []);
  await context.close();
});

test("a form with errors and a conflict page pass axe", async () => {
  const context = await suite.browser.newContext({ locale: "en-GB" });
  const page = await context.newPage();
  await login(page, suite.server.url, ADMIN.email, ADMIN.password);
  const { items } = (await suite.server.app.inject({ url: "/api/v1/projects?network=digi-rogaland&limit=1" })).json();
  await page.goto(`${suite.server.url}/projects/${items[0].id}/edit?lang=en`);
  // Someone else saves in between.
  await suite.server.app.services.projects.update({ userId: null, label: "other editor", isAdmin: true }, items[0].id, {
    ...(await suite.server.app.services.projects.repo.byId(items[0].id)),
    title: "Changed meanwhile",
  });
  await page.fill("#field-title", "My title");
  await page.click("form.stack button[type=submit]");
  await page.waitForSelector(".ds-alert");
  assert.match((await page.textContent("main")) ?? "", /Someone else saved the project while you were editing/);
  assert.match((await page.textContent("main")) ?? "", /Changed meanwhile/);
  assert.equal(await page.inputValue("#field-title"), "My title");
  assert.deepEqual(await axeViolations(page), []);
  await context.close();
});
