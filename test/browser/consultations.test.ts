import assert from "node:assert/strict";
import { test } from "node:test";
import { PASSWORD, testAccount } from "../support/accounts.ts";
import { axeViolations, login, serverAndBrowser } from "../support/browser.ts";

const suite = serverAndBrowser();

/** The demo consultation of Digi Rogaland, and its secretariat, made once the server is up. */
let ready: Promise<number> | undefined;
const setUp = () => (ready ??= prepare());
async function prepare() {
  const { app, database } = suite.server;
  const rogaland = (await app.services.networks.repo.bySlug("digi-rogaland"))!;
  await testAccount(app, database.db, "sek@consultations.example", { networkId: rogaland.id, role: "secretariat" });
  const [item] = await app.services.consultations.repo.ofNetwork(rogaland.id);
  return item!.consultation.id;
}

for (const javaScriptEnabled of [false, true]) {
  test(`a visitor gives input on a section without an account, is asked to slow down, gets a receipt and removes their e-mail (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async () => {
    const id = await setUp();
    const context = await suite.browser.newContext({ locale: "en-GB", javaScriptEnabled });
    const page = await context.newPage();
    const base = suite.server.url;
    await page.goto(`${base}/consultations/${id}?lang=en`);
    if (javaScriptEnabled) assert.deepEqual(await axeViolations(page), [], "consultation page");
    await page.click("section[aria-labelledby=draft-heading] a >> text=Give input on this section >> nth=0");
    const section = await page.inputValue("#field-sectionId");
    assert.notEqual(section, "", "the section followed is chosen");
    // The form is checked with axe once sent too fast (below), and fresh at the end: axe can take
    // longer than the three seconds a person needs, and the too-fast refusal is what is tested here.
    await page.fill("#field-body", "The strategy should say who helps those who cannot use digital services.");
    await page.fill("#field-email", "visitor@example.no");
    // Sent at once, faster than a person: refused, and nothing typed is lost.
    await page.click("form.stack button[type=submit]");
    assert.match((await page.textContent(".ds-error-summary")) ?? "", /only seconds after it was opened/);
    assert.match(await page.inputValue("#field-body"), /who helps those/);
    assert.equal(await page.inputValue("#field-email"), "visitor@example.no");
    if (javaScriptEnabled) assert.deepEqual(await axeViolations(page), [], "input form with errors");
    await page.waitForTimeout(3200);
    await page.click("form.stack button[type=submit]");
    await page.waitForURL(/\/receipt\//);
    const receipt = (await page.textContent("main")) ?? "";
    assert.match(receipt, /Reference: K\d+-[0-9A-F]+/);
    assert.match(receipt, /We have sent a receipt to your e-mail address/);
    if (javaScriptEnabled) assert.deepEqual(await axeViolations(page), [], "receipt");
    await page.click("text=Remove my name and e-mail now");
    await page.waitForURL(/removed/);
    assert.match((await page.textContent("main")) ?? "", /have been removed from the input/);
    if (javaScriptEnabled) {
      await page.goto(`${base}/consultations/${id}/input?section=${section}&lang=en`);
      assert.deepEqual(await axeViolations(page), [], "input form");
    }
    await context.close();
  });
}

test("by keyboard the secretariat marks an input as handled; the queue and the summary pass axe", async () => {
  const id = await setUp();
  const context = await suite.browser.newContext({ locale: "en-GB" });
  const page = await context.newPage();
  const base = suite.server.url;
  await login(page, base, "sek@consultations.example", PASSWORD);
  await page.goto(`${base}/consultations/${id}/inputs?status=received&lang=en`);
  assert.deepEqual(await axeViolations(page), [], "queue");
  const card = page.locator("article.input-card").first();
  const reference = ((await card.locator("h2").textContent()) ?? "").split(" ")[0]!;
  await card.locator("summary").focus();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  const select = await page.evaluate(() => document.activeElement?.id);
  assert.match(select ?? "", /^field-i\d+-status$/);
  await page.selectOption(`#${select}`, "handled");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await page.waitForURL(/saved/);
  await page.goto(`${base}/consultations/${id}/inputs?status=handled&lang=en`);
  assert.ok(((await page.textContent("main")) ?? "").includes(reference), "the input is now handled");
  await page.goto(`${base}/consultations/${id}/summary?lang=en`);
  assert.deepEqual(await axeViolations(page), [], "summary");
  await page.goto(`${base}/n/digi-rogaland/consultations?lang=en`);
  assert.deepEqual(await axeViolations(page), [], "list");
  await context.close();
});
