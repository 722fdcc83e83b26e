import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { users } from "../../src/platform/schema.ts";
import { ADMIN } from "../support/app.ts";
import { axeViolations, launchBrowser, login, startServer } from "../support/browser.ts";
import { startSmtpServer } from "../support/smtp.ts";

let server: Awaited<ReturnType<typeof startServer>>;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let browser: Browser;

before(async () => {
  smtp = await startSmtpServer();
  // The public address is only known once the server listens; links are rewritten to it below.
  server = await startServer({ SMTP_URL: smtp.url, SAMVERK_PUBLIC_URL: "http://samverk.test" });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
  await smtp?.close();
});

test("forgot password: the mail arrives over SMTP, its link opens in the browser, the new password works", async () => {
  const context = await browser.newContext({ locale: "en-GB" });
  const page = await context.newPage();
  await page.goto(`${server.url}/login`);
  await page.click("text=Forgot your password?");
  await page.fill("#field-email", ADMIN.email);
  await page.click("form.stack button[type=submit]");
  await page.waitForURL(/\/password\/forgot\/sent$/);
  assert.match((await page.textContent("main")) ?? "", /If the address has an account/);

  await server.app.services.mail.delivery.deliverDue();
  const link = smtp.linkTo(ADMIN.email).replace("http://samverk.test", server.url);
  await page.goto(link);
  assert.deepEqual(await axeViolations(page), [], "reset page");
  await page.fill("#field-password", "correct horse battery staple");
  await page.fill("#field-repeat", "correct horse battery staple");
  await page.click("form.stack button[type=submit]");
  await page.waitForURL(/\/login\?reset=1$/);
  assert.match((await page.textContent("main")) ?? "", /Your password has been changed/);
  assert.deepEqual(await axeViolations(page), [], "login after reset");

  await login(page, server.url, ADMIN.email, "correct horse battery staple");
  assert.match((await page.textContent(".account")) ?? "", /Sign out/);

  // The same link a second time.
  await page.goto(link);
  assert.match((await page.textContent("main")) ?? "", /already been used/);
  await page.goto(`${server.url}/admin/outbox/1`);
  assert.deepEqual(await axeViolations(page), [], "outbox message");
  await context.close();
});

test("an invitation arrives over SMTP and its link makes an account in the browser", async () => {
  const context = await browser.newContext({ locale: "nn-NO" });
  const page = await context.newPage();
  await login(page, server.url, ADMIN.email, "correct horse battery staple");
  await page.goto(`${server.url}/admin/invitations`);
  assert.deepEqual(await axeViolations(page), [], "invitations page");
  await page.fill("#field-email", "ny.person@kommune.example");
  await page.fill("#field-name", "Ny Person");
  await page.click("form.stack button[type=submit]");
  await page.waitForURL(/done=sent/);
  await server.app.services.mail.delivery.deliverDue();
  const mail = smtp.mails.find((m) => m.to.includes("ny.person@kommune.example"));
  assert.equal(mail?.subject, "Invitasjon til Samverk");

  const guest = await browser.newContext({ locale: "nn-NO" });
  const invited = await guest.newPage();
  await invited.goto(smtp.linkTo("ny.person@kommune.example").replace("http://samverk.test", server.url));
  assert.deepEqual(await axeViolations(invited), [], "accept page");
  await invited.fill("#field-password", "eit langt og godt passord");
  await invited.fill("#field-repeat", "eit langt og godt passord");
  await invited.click("form.stack button[type=submit]");
  await invited.waitForURL(/\/\?welcome=1$/);
  assert.match((await invited.textContent(".account")) ?? "", /Ny Person/);
  await guest.close();
  await context.close();
});

test("with JavaScript off, the secretariat invites a representative on the network's page; an existing account accepts by signing in", async () => {
  const context = await browser.newContext({ locale: "en-GB", javaScriptEnabled: false });
  const page = await context.newPage();
  await login(page, server.url, ADMIN.email, "correct horse battery staple");
  await page.goto(`${server.url}/n/digi-rogaland`);
  await page.click("text=People and access");
  await page.waitForURL(/\/n\/digi-rogaland\/people$/);
  // A mistake first: the error summary names it and what was typed stays.
  await page.fill("#field-email", "not an address");
  await page.click("form.stack button[type=submit]");
  assert.ok(await page.locator(".ds-error-summary").isVisible());
  assert.equal(await page.inputValue("#field-email"), "not an address");
  await page.fill("#field-email", "rep@kommune.example");
  await page.selectOption("#field-role", "member");
  await page.check("input[name=organisationIds] >> nth=0");
  await page.click("form.stack button[type=submit]");
  await page.waitForURL(/done=invited/);
  assert.match((await page.textContent("main")) ?? "", /rep@kommune\.example/);

  // The invited person already has an account: they sign in through the link and accept.
  await server.app.services.users.createAdmin({
    email: "rep@kommune.example",
    name: "Rep Resentant",
    password: "a representative's password",
  });
  await server.database.db.update(users).set({ isAdmin: false }).where(eq(users.email, "rep@kommune.example"));
  await server.app.services.mail.delivery.deliverDue();
  const guest = await browser.newContext({ locale: "en-GB", javaScriptEnabled: false });
  const invited = await guest.newPage();
  const link = smtp.linkTo("rep@kommune.example").replace("http://samverk.test", server.url);
  await invited.goto(link);
  await invited.click("text=Already have an account?");
  await invited.fill("#field-email", "rep@kommune.example");
  await invited.fill("#field-password", "a representative's password");
  await invited.click("form.stack button[type=submit]");
  await invited.waitForURL(/\/invitation\//);
  // axe needs JavaScript: the same pages are checked in a browser that has it.
  const checker = await browser.newContext({ locale: "en-GB" });
  const check = await checker.newPage();
  await login(check, server.url, "rep@kommune.example", "a representative's password");
  await check.goto(link);
  assert.deepEqual(await axeViolations(check), [], "accept as signed-in account");
  await checker.close();
  const secretariat = await browser.newContext({ locale: "en-GB" });
  const form = await secretariat.newPage();
  await login(form, server.url, ADMIN.email, "correct horse battery staple");
  await form.goto(`${server.url}/n/digi-rogaland/people`);
  await form.fill("#field-email", "not an address");
  await form.click("form.stack button[type=submit]");
  await form.waitForSelector(".ds-error-summary");
  assert.deepEqual(await axeViolations(form), [], "people page with errors");
  await secretariat.close();
  await invited.click("main button[type=submit]");
  await invited.waitForURL(/\/n\/digi-rogaland\?joined=1$/);
  assert.match((await invited.textContent("main")) ?? "", /You now have access to the network/);
  // A member is not the secretariat.
  const refused = await invited.goto(`${server.url}/n/digi-rogaland/people`);
  assert.equal(refused?.status(), 403);
  await page.reload();
  assert.match((await page.textContent("main")) ?? "", /Rep Resentant/);
  await guest.close();
  await context.close();
});
