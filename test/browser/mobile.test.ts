import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { before, test } from "node:test";
import type { Page } from "playwright-core";
import { ADMIN } from "../support/app.ts";
import { axeViolations, login, serverAndBrowser } from "../support/browser.ts";

// On a phone the header is one short row: the logo, the network switcher and a menu that opens (a
// native disclosure, so by keyboard and without JavaScript too). On a wide screen nothing is folded.

const suite = serverAndBrowser();
const shots = "tmp/screenshots";
const PHONE = { width: 375, height: 667 };
// The page with the most in its header: a network chosen, signed in as an administrator.
const PAGE = "/n/digi-rogaland?lang=en";

before(() => mkdirSync(shots, { recursive: true }));

const headerHeight = async (page: Page) => (await page.locator("header.site-header").boundingBox())!.height;
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
const focused = (page: Page) => page.evaluate(() => document.activeElement?.textContent?.trim());
const mainNav = (page: Page) => page.locator("nav[aria-label='Main menu']");

/** From the top of the page, Tab until the menu's toggle has focus: it is reached in reading order. */
async function tabToMenu(page: Page): Promise<void> {
  for (let i = 0; i < 10 && (await focused(page)) !== "Menu"; i++) await page.keyboard.press("Tab");
  assert.equal(await focused(page), "Menu", "the menu's toggle is reached by Tab");
}

for (const javaScriptEnabled of [true, false]) {
  test(`at 375 px the header is one short row and its menu opens and is used by keyboard (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async () => {
    const context = await suite.browser.newContext({ viewport: PHONE, javaScriptEnabled });
    const page = await context.newPage();
    await login(page, suite.server.url, ADMIN.email, ADMIN.password);
    await page.goto(`${suite.server.url}${PAGE}`);

    const closed = await headerHeight(page);
    assert.ok(closed <= PHONE.height * 0.15, `the header is ${closed}px high, more than 15 % of ${PHONE.height}px`);
    assert.equal(await mainNav(page).isVisible(), false, "the main menu is folded away");
    assert.equal(await page.locator(".network-switcher summary").isVisible(), true, "the network stays in sight");
    assert.ok((await overflow(page)) <= 0, "no horizontal scrolling");
    const js = javaScriptEnabled ? "js" : "no-js";
    await page.screenshot({ path: `${shots}/375-header-${js}.png` });

    // Enter opens it; Tab goes on into it, to the first link of the main menu.
    await tabToMenu(page);
    await page.keyboard.press("Enter");
    assert.equal(await page.locator("details.site-menu").getAttribute("open"), "");
    for (const part of [mainNav(page), page.locator("nav[aria-label='Language']"), page.locator(".account")])
      assert.equal(await part.isVisible(), true);
    assert.equal(await headerHeight(page), closed, "the open menu lies over the page; the header keeps its height");
    assert.ok((await overflow(page)) <= 0, "no horizontal scrolling with the menu open");
    await page.screenshot({ path: `${shots}/375-menu-open-${js}.png` });
    if (javaScriptEnabled) assert.deepEqual(await axeViolations(page), [], "menu open");
    await page.keyboard.press("Tab");
    assert.equal(await focused(page), "Networks");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/networks$/);
    await page.waitForSelector("h1");

    // Space closes it again, as it opened.
    await page.goto(`${suite.server.url}${PAGE}`);
    await tabToMenu(page);
    await page.keyboard.press("Space");
    assert.equal(await mainNav(page).isVisible(), true);
    await page.keyboard.press("Space");
    assert.equal(await mainNav(page).isVisible(), false);
    if (javaScriptEnabled) assert.deepEqual(await axeViolations(page), [], "menu closed");
    await context.close();
  });
}

test("on a wide screen the menu is not folded: no toggle, every link in sight and in the tab order", async () => {
  const context = await suite.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await login(page, suite.server.url, ADMIN.email, ADMIN.password);
  await page.goto(`${suite.server.url}${PAGE}`);
  assert.equal(await page.locator(".site-menu__toggle").isVisible(), false);
  assert.equal(await mainNav(page).isVisible(), true);
  assert.equal(await page.getByRole("button", { name: "Sign out" }).isVisible(), true);
  // Read by assistive technology as the links they are.
  assert.match(await mainNav(page).ariaSnapshot(), /- link "Networks"/);
  // Skip link, logo, network switcher, then straight on to the main menu: the hidden toggle is no stop.
  const stops: (string | undefined)[] = [];
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press("Tab");
    stops.push(await focused(page));
  }
  assert.deepEqual(stops, ["Skip to main content", "Samverk", "Digi Rogaland", "Networks"]);
  assert.ok((await headerHeight(page)) <= 800 * 0.15);
  assert.deepEqual(await axeViolations(page), []);
  await page.screenshot({ path: `${shots}/1280-header.png` });
  await context.close();
});
