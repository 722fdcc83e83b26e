import assert from "node:assert/strict";
import { test } from "node:test";
import { ADMIN } from "../support/app.ts";
import { axeViolations, login, serverAndBrowser } from "../support/browser.ts";

const suite = serverAndBrowser();

const FILE = `publiccodeYmlVersion: "0.4"
name: Søknadsportal
url: "https://git.example.org/soknad.git"
platforms: [web]
developmentStatus: beta
softwareType: standalone/web
description:
  nb:
    shortDescription: Søknader fra innbyggerne
    longDescription: >-
      Innbyggerne søker om tjenester digitalt, og søknaden går rett til saksbehandler. Skjemaene
      fylles ut med opplysninger kommunen allerede har, og søkeren ser hvor saken står.
    features:
      - Digitale søknadsskjema
legal:
  license: EUPL-1.2
maintenance:
  type: community
  contacts:
    - name: Kari Nordmann
localisation:
  localisationReady: false
  availableLanguages: [nb]
`;

test("with JavaScript off: import a publiccode.yml with a mistake, correct it, mark that we use it, see who else does", async () => {
  const context = await suite.browser.newContext({ locale: "nb-NO", javaScriptEnabled: false });
  const page = await context.newPage();
  await login(page, suite.server.url, ADMIN.email, ADMIN.password);
  await page.goto(`${suite.server.url}/solutions/import`);
  const owner = await page.locator("#field-ownerOrganisationId option").nth(1).getAttribute("value");
  await page.selectOption("#field-ownerOrganisationId", owner!);
  await page.fill("#field-publiccode", FILE.replace("developmentStatus: beta", "developmentStatus: ferdig"));
  await page.click("form.stack button[type=submit]");
  assert.match(
    (await page.textContent(".ds-error-summary")) ?? "",
    /developmentStatus må være en av: concept, development, beta, stable, obsolete/,
  );
  assert.match(await page.inputValue("#field-publiccode"), /developmentStatus: ferdig/, "the pasted text is kept");
  await page.fill("#field-publiccode", FILE);
  await page.click("form.stack button[type=submit]");
  await page.waitForURL(/\/solutions\/\d+\?saved=1/);
  assert.equal(await page.textContent("h1"), "Søknadsportal ");

  await page.selectOption("#field-organisationId", owner!);
  await page.fill("#field-since", "2025-03-01");
  await page.click("form[action$='/users'] button[type=submit]");
  await page.waitForURL(/saved=1/);
  assert.match((await page.textContent("#users-heading + .table-scroll")) ?? "", /1\. mars 2025/);
  await page.click("text=Hvem bruker dette? (1)");
  assert.match(page.url(), /#users-heading$/);
  await context.close();
});

test("the catalogue filtered by network passes axe, and its Excel download is a workbook", async () => {
  const context = await suite.browser.newContext({ locale: "en-GB" });
  const page = await context.newPage();
  await page.goto(`${suite.server.url}/solutions?sort=-users&lang=en`);
  await page.selectOption("#field-network", "digi-rogaland");
  await page.click("form.filters button[type=submit]");
  await page.waitForURL(/network=digi-rogaland/);
  assert.ok((await page.locator("tbody tr").count()) > 0);
  assert.deepEqual(await axeViolations(page), []);
  const xlsx = await fetch(`${suite.server.url}/solutions.xlsx?network=digi-rogaland`);
  assert.equal(xlsx.status, 200);
  assert.equal(
    Buffer.from(await xlsx.arrayBuffer())
      .subarray(0, 2)
      .toString(),
    "PK",
  );
  await context.close();
});
