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
