import assert from "node:assert/strict";
import { test } from "node:test";
import { ADMIN } from "../support/app.ts";
import { axeViolations, login, serverAndBrowser } from "../support/browser.ts";

const suite = serverAndBrowser();

test("with JavaScript off, a document is uploaded to a body, a wrong file is refused with a message, and the document downloads", async () => {
  const bodies = (await suite.server.app.inject({ url: "/api/v1/networks/digi-rogaland/bodies" })).json().items;
  const bodyUrl = `${suite.server.url}/n/digi-rogaland/bodies/${bodies[0].id}`;
  const context = await suite.browser.newContext({ locale: "nb-NO", javaScriptEnabled: false, acceptDownloads: true });
  const page = await context.newPage();
  await login(page, suite.server.url, ADMIN.email, ADMIN.password);
  await page.goto(bodyUrl);

  await page.fill("#field-title", "Referat fra møtet");
  await page.setInputFiles("#field-file", {
    name: "referat.exe",
    mimeType: "application/pdf",
    buffer: Buffer.from("MZ not a document"),
  });
  await page.click("form[enctype='multipart/form-data'] button[type=submit]");
  assert.ok(await page.locator(".ds-error-summary").isVisible());
  assert.match((await page.textContent(".ds-error-summary")) ?? "", /bare imot disse filtypene/);
  assert.equal(await page.inputValue("#field-title"), "Referat fra møtet", "the title typed is kept");

  await page.setInputFiles("#field-file", { name: "referat.txt", mimeType: "text/plain", buffer: Buffer.from("Referat\n") });
  await page.click("form[enctype='multipart/form-data'] button[type=submit]");
  await page.waitForURL(/saved=1/);
  const link = page.locator("a", { hasText: "Referat fra møtet" });
  assert.equal(await link.count(), 1);
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  assert.equal(download.suggestedFilename(), "referat.txt");
  await context.close();

  // The same page, with the upload form showing an error, has no axe violations (axe needs JavaScript).
  const checker = await suite.browser.newContext({ locale: "nb-NO" });
  const check = await checker.newPage();
  await login(check, suite.server.url, ADMIN.email, ADMIN.password);
  await check.goto(bodyUrl);
  await check.fill("#field-title", "Uten fil");
  await check.click("form[enctype='multipart/form-data'] button[type=submit]");
  await check.waitForSelector(".ds-error-summary");
  assert.deepEqual(await axeViolations(check), [], "body page with documents and an upload error");
  await checker.close();
});
