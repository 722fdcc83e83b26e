import assert from "node:assert/strict";
import { test } from "node:test";
import { PASSWORD, testAccount } from "../support/accounts.ts";
import { axeViolations, login, serverAndBrowser } from "../support/browser.ts";

const suite = serverAndBrowser();

/**
 * The roadmap as a secretariat uses it: from the network's page to the adoption matrix, a CSV upload
 * that is refused with a report and then accepted, the budget, and a joint rollout linked by keyboard.
 */
let ready: Promise<{ codes: string[]; solutionId: number }> | undefined;
const setUp = () => (ready ??= makeAccount());
async function makeAccount() {
  const { app, database } = suite.server;
  const rogaland = (await app.services.networks.repo.bySlug("digi-rogaland"))!;
  await testAccount(app, database.db, "sek@roadmap.example", { networkId: rogaland.id, role: "secretariat" });
  const members = await app.services.adoption.repo.adopters({ networkId: rogaland.id });
  const solutionId = (await app.services.roadmap.list({ q: "eFormidling" }))[0]!.solution.id;
  return { codes: members.filter((m) => m.kind === "municipality").map((m) => m.code!), solutionId };
}

const file = (lines: string[]) => ({ name: "statuser.csv", mimeType: "text/csv", buffer: Buffer.from(lines.join("\n"), "utf8") });

for (const javaScriptEnabled of [true, false]) {
  test(`a secretariat uploads statuses, corrects a refused row, and sees the matrix and the budget (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async () => {
    const { codes } = await setUp();
    const context = await suite.browser.newContext({ locale: "nb-NO", javaScriptEnabled });
    const page = await context.newPage();
    const base = suite.server.url;
    // axe runs in the page, so it checks these pages with JavaScript on; the run without it checks they work.
    const axe = async (label: string) => {
      if (javaScriptEnabled) assert.deepEqual(await axeViolations(page), [], label);
    };
    await login(page, base, "sek@roadmap.example", PASSWORD);
    await page.goto(`${base}/n/digi-rogaland`);
    await page.click("nav >> text=Hvem har tatt i bruk hva");
    await page.click("text=Last opp statuser fra CSV");
    assert.match(page.url(), /\/n\/digi-rogaland\/adoption\/import$/);
    await axe("upload form");

    const status = javaScriptEnabled ? "I bruk" : "i bruk";
    await page.setInputFiles(
      "#field-file",
      file([
        "kommunenummer;losning;status;dato",
        `${codes[0]};ID-porten;${status};2024-05-01`,
        "9999;ID-porten;I bruk;2024-05-01",
      ]),
    );
    await page.click("form.stack button[type=submit]");
    await page.waitForSelector("#report-heading");
    assert.match((await page.textContent("[role=status]")) ?? "", /Ingenting er lagret: 1 av 2 rader/);
    assert.match((await page.textContent("table")) ?? "", /9999.*Avvist: Ingen kommune eller fylkeskommune har nummeret «9999»/s);
    await axe("report of a refused file");

    await page.setInputFiles(
      "#field-file",
      file(["kommunenummer;losning;status;dato", `${codes[0]};ID-porten;${status};2024-05-01`]),
    );
    await page.click("form.stack button[type=submit]");
    await page.waitForSelector("#report-heading");
    assert.match((await page.textContent("[role=status]")) ?? "", /Filen er lest inn: 1 rad godtatt/);
    await axe("report of an applied file");

    await page.goto(`${base}/roadmap/adoption?network=digi-rogaland`);
    await page.click("text=Budsjett for nasjonale løsninger");
    await page.waitForSelector("#members-heading");
    assert.match((await page.textContent("tfoot")) ?? "", /Til sammen/);
    await axe("budget");
    await context.close();
  });
}

test("a joint rollout is linked by keyboard alone, and adoption over time reads as a chart and a table", async () => {
  const { solutionId } = await setUp();
  const context = await suite.browser.newContext({ locale: "en-GB" });
  const page = await context.newPage();
  const base = suite.server.url;
  await login(page, base, "sek@roadmap.example", PASSWORD);
  await page.goto(`${base}/roadmap/${solutionId}?lang=en`);
  await page.focus("#rollout-heading ~ details > summary");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "field-rollout-projectId");
  await page.keyboard.press("ArrowDown");
  const chosen = await page.$eval("#field-rollout-projectId", (s) => (s as HTMLSelectElement).selectedOptions[0]?.textContent);
  assert.ok(chosen, "a project is chosen with the arrow key");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await page.waitForURL(/saved=1#rollout-heading$/);
  const title = chosen.replace(/ \(Digi Rogaland\)$/, "");
  assert.match((await page.textContent("section[aria-labelledby=rollout-heading]")) ?? "", new RegExp(`Digi Rogaland: ${title}`));
  assert.deepEqual(await axeViolations(page), [], "solution with a rollout");

  await page.click("text=Adoption over time");
  await page.selectOption("#field-network", "digi-rogaland");
  await page.click("form.filters button[type=submit]");
  await page.waitForURL(/network=digi-rogaland/);
  assert.equal(await page.locator("svg.chart[role=img]").count(), 1);
  assert.ok((await page.locator("tbody tr").count()) > 1, "a row per quarter");
  assert.deepEqual(await axeViolations(page), [], "adoption over time");
  await context.close();
});
