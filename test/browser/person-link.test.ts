import assert from "node:assert/strict";
import { test } from "node:test";
import { systemActor } from "../../src/platform/access/actor.ts";
import { PASSWORD, testAccount } from "../support/accounts.ts";
import { axeViolations, login, serverAndBrowser } from "../support/browser.ts";

/**
 * Decision 0018 in Chromium: a secretariat asks to link an account to a person who also takes part
 * in another network; the access page says the request waits, and the person confirms through the
 * mailed link by keyboard; the page works with JavaScript off. Every page on the way has no axe violations.
 */
const suite = serverAndBrowser();

test("linking a person of two networks waits for the person, who confirms through the mailed link", async () => {
  const t = suite.server;
  const { networks, directory, mail } = t.app.services;
  const rogaland = (await networks.repo.bySlug("digi-rogaland"))!;
  const nordland = (await networks.repo.bySlug("digi-nordland"))!;
  const bodyOf = async (id: number) => (await networks.repo.bodiesOf(id)).find((b) => b.kind === "working_committee")!;
  const kari = await directory.createPerson(systemActor(), { name: "Kari Begge", email: "kari.begge@example.no" });
  assert.ok(kari.ok);
  for (const [slug, network] of [
    ["digi-rogaland", rogaland],
    ["digi-nordland", nordland],
  ] as const) {
    const seat = await networks.addBodyMember(systemActor(), slug, (await bodyOf(network.id)).id, {
      personId: kari.value.id,
      role: "member",
    });
    assert.ok(seat.ok);
  }
  const account = await testAccount(t.app, t.database.db, "kari@konto.example", { networkId: rogaland.id, role: "member" });
  await testAccount(t.app, t.database.db, "sek@lenke.example", { networkId: rogaland.id, role: "secretariat" });

  const context = await suite.browser.newContext();
  const page = await context.newPage();
  await login(page, t.url, "sek@lenke.example", PASSWORD);
  await page.goto(`${t.url}/n/digi-rogaland/people/${account}/edit?lang=en`);
  await page.selectOption("#field-personId", String(kari.value.id));
  await page.click("main form button[type=submit]");
  await page.waitForURL(/\/n\/digi-rogaland\/people\?done=asked/);
  assert.match((await page.textContent("main")) ?? "", /must confirm the link/);
  assert.match((await page.textContent("main")) ?? "", /Waiting for Kari Begge to confirm/);
  assert.deepEqual(await axeViolations(page), [], "the access page with a waiting request");
  await context.close();

  const [sent] = await mail.outbox.to("kari.begge@example.no");
  const path = sent?.body.match(/\/person-link\/[\w-]+/)?.[0];
  assert.ok(path, "the person was mailed a link");

  // Without JavaScript the page and its form are all there (axe needs JavaScript, so it runs below).
  const plain = await suite.browser.newContext({ javaScriptEnabled: false });
  const bare = await plain.newPage();
  await bare.goto(`${t.url}${path}?lang=nn`);
  assert.match((await bare.textContent("main")) ?? "", /Digi Rogaland/);
  assert.equal(await bare.getByRole("button", { name: "Stadfest at kontoen er min" }).count(), 1);
  await plain.close();

  // The person opens it and confirms by keyboard.
  const own = await suite.browser.newContext();
  const visitor = await own.newPage();
  await visitor.goto(`${t.url}${path}?lang=nn`);
  assert.deepEqual(await axeViolations(visitor), [], "the confirmation page");
  await visitor.getByRole("button", { name: "Stadfest at kontoen er min" }).focus();
  await visitor.keyboard.press("Enter");
  // The answer comes at the same address: wait for its heading, not for a new URL.
  await visitor.getByRole("heading", { name: "Koplinga er stadfesta" }).waitFor();
  assert.match((await visitor.textContent("main")) ?? "", /Kontoen «kari» er no kopla til deg/);
  assert.deepEqual(await axeViolations(visitor), [], "the confirmed page");
  await visitor.screenshot({ path: "tmp/screenshots/person-link-confirmed.png", fullPage: true });
  await own.close();
  const grants = await t.app.services.access.grantsFor(account);
  assert.equal(grants[rogaland.id]?.bodies.length, 1, "the seat counts once the person confirmed");
});
