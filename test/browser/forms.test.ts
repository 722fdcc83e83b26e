import assert from "node:assert/strict";
import { test } from "node:test";
import { count, eq } from "drizzle-orm";
import { consultationInputs } from "../../src/modules/consultations/schema.ts";
import { serverAndBrowser } from "../support/browser.ts";

const suite = serverAndBrowser();

/** The demo consultation of Digi Rogaland. */
async function demoConsultation() {
  const { app } = suite.server;
  const rogaland = (await app.services.networks.repo.bySlug("digi-rogaland"))!;
  const [item] = await app.services.consultations.repo.ofNetwork(rogaland.id);
  return item!.consultation.id;
}

const inputsOf = async (id: number) =>
  (
    await suite.server.database.db
      .select({ n: count() })
      .from(consultationInputs)
      .where(eq(consultationInputs.consultationId, id))
  )[0]!.n;

test("a consultation's form sent, then Back and sent again: the same receipt, one input (JavaScript off)", async () => {
  const id = await demoConsultation();
  const context = await suite.browser.newContext({ locale: "en-GB", javaScriptEnabled: false });
  const page = await context.newPage();
  const base = suite.server.url;
  const before = await inputsOf(id);
  const text = `Sent twice by Back ${Date.now()}: the strategy should name who helps those offline.`;
  await page.goto(`${base}/consultations/${id}/input?lang=en`);
  const firstToken = await page.inputValue("input[name=formToken]");
  await page.fill("#field-body", text);
  await page.waitForTimeout(3200);
  await page.click("form.stack button[type=submit]");
  await page.waitForURL(/\/receipt\//);
  const receipt = page.url();
  assert.match((await page.textContent("main")) ?? "", /Reference: K\d+-[0-9A-F]+/);

  // Back: the form is fetched again (it is no-store), with a fresh token; the browser keeps the text.
  await page.goBack();
  await page.waitForSelector("#field-body");
  assert.notEqual(await page.inputValue("input[name=formToken]"), firstToken, "a fresh form, not the one sent");
  if ((await page.inputValue("#field-body")) !== text) await page.fill("#field-body", text);
  await page.waitForTimeout(3200);
  await page.click("form.stack button[type=submit]");
  await page.waitForURL(/\/receipt\//);
  assert.equal(page.url(), receipt, "the same receipt");
  assert.equal(await inputsOf(id), before + 1, "one input");
  await context.close();
});

test("a form too large to be received: the 413 page says what to do, and Back brings the text again (JavaScript on)", async () => {
  const id = await demoConsultation();
  const context = await suite.browser.newContext({ locale: "en-GB" });
  const page = await context.newPage();
  const base = suite.server.url;
  const before = await inputsOf(id);
  // 800 000 characters of "ø", six bytes each once sent: more than any form post is read.
  const text = "ø".repeat(800_000);
  await page.goto(`${base}/consultations/${id}/input?lang=en`);
  await page.fill("#field-body", text);
  await page.fill("#field-name", "Kari");
  await page.click("form.stack button[type=submit]");
  await page.waitForSelector("h1 >> text=The request is too large.");
  assert.match((await page.textContent("main")) ?? "", /what you typed is still there/);
  const kept = await page.evaluate(() => sessionStorage.getItem("samverk:sent-form"));
  assert.ok(kept?.includes("ø".repeat(1000)), "the text was kept in the tab as the form was sent");

  await page.goBack();
  await page.waitForSelector("#field-body");
  await page.waitForFunction(() => (document.querySelector("#field-body") as HTMLTextAreaElement).value.length > 0);
  assert.equal(await page.inputValue("#field-body"), text, "what was typed is back in the form");
  assert.equal(await page.inputValue("#field-name"), "Kari");
  assert.equal(await page.evaluate(() => sessionStorage.getItem("samverk:sent-form")), null, "used once");
  assert.equal(await inputsOf(id), before, "nothing stored");
  await context.close();
});
