import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { ADMIN, Session } from "../support/app.ts";
import { axeViolations, launchBrowser, login, startServer } from "../support/browser.ts";
import { adminPages as listAdminPages, publicPages as listPublicPages, type PageSource } from "../support/pages.ts";

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
const shots = "tmp/screenshots";

before(async () => {
  mkdirSync(shots, { recursive: true });
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const api = async (path: string) => (await fetch(`${server.url}${path}`)).json();

/** The pages' source: the demo data through the API and the services, the administrator's pages by fetch. */
const source = (): PageSource => ({
  services: server.app.services,
  api,
  adminHtml: async (path) => {
    const session = new Session(server.app);
    await session.login();
    return (await session.get(path)).body;
  },
});
const publicPages = () => listPublicPages(source());
const adminPages = () => listAdminPages(source());

/**
 * Axe checks the markup, which is the same in every language: every page is checked in bokmål, and
 * in nynorsk and English these, one of each kind (front page, lists, a record, forms, the sign-in,
 * an error page). That every page has every string in nynorsk and English is checked without a
 * browser, by src/platform/i18n/pages.test.ts.
 */
const REPRESENTATIVE = new Set([
  "front page",
  "network",
  "projects",
  "filtered projects",
  "project",
  "need",
  "meeting with approved minutes",
  "giving input",
  "login",
  "not found",
  "project (editor)",
  "edit project",
  "handling inputs",
  "an adopted strategy (editor)",
]);
const pagesIn = (lang: string, pages: [string, string][]) =>
  lang === "nb" ? pages : pages.filter(([name]) => REPRESENTATIVE.has(name));

async function checkPage(page: Page, name: string, path: string, lang: string) {
  const response = await page.goto(`${server.url}${path}${path.includes("?") ? "&" : "?"}lang=${lang}`);
  assert.ok(response, name);
  assert.ok(response.status() < 500, `${name}: ${response.status()}`);
  // Read in one round trip to the page: the sweep does this some 240 times.
  const found = await page.evaluate(() => ({
    lang: document.documentElement.getAttribute("lang"),
    h1: document.querySelectorAll("h1").length,
    main: document.querySelectorAll("main#main").length,
    skipLink: document.querySelectorAll("a.ds-skip-link[href='#main']").length,
    title: document.title,
  }));
  assert.equal(found.lang, lang, `${name}: lang`);
  assert.equal(found.h1, 1, `${name}: exactly one h1`);
  assert.equal(found.main, 1, `${name}: main landmark`);
  assert.equal(found.skipLink, 1, `${name}: skip link`);
  assert.match(found.title, / – (Samverk|Digi [^–]+)$/, `${name}: title names the page and the network`);
  assert.deepEqual(await axeViolations(page), [], `${name} (${lang})`);
}

describe("every page has zero axe violations in nb, and a page of each kind in nn and en", () => {
  test("the axe check finds a violation where there is one", async () => {
    const page = await browser.newPage();
    await page.setContent('<html lang="nb"><title>x</title><main><img src="x.png"><input type="text"></main></html>');
    const found = await axeViolations(page);
    assert.ok(
      found.some((v) => v.startsWith("image-alt")),
      found.join("\n"),
    );
    assert.ok(
      found.some((v) => v.startsWith("label")),
      found.join("\n"),
    );
    await page.close();
  });

  test("the representative pages are in the lists", async () => {
    const names = new Set([...(await publicPages()), ...(await adminPages())].map(([name]) => name));
    assert.deepEqual(
      [...REPRESENTATIVE].filter((name) => !names.has(name)),
      [],
    );
  });

  for (const lang of ["nb", "nn", "en"]) {
    test(`public pages in ${lang}`, async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      for (const [name, path] of pagesIn(lang, await publicPages())) await checkPage(page, name, path, lang);
      await context.close();
    });

    test(`editor pages and a form with errors in ${lang}`, async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await login(page, server.url, ADMIN.email, ADMIN.password);
      for (const [name, path] of pagesIn(lang, await adminPages())) await checkPage(page, name, path, lang);
      // A form re-rendered with errors: summary, messages, kept input.
      await page.goto(`${server.url}/networks/new?lang=${lang}`);
      await page.fill("#field-shortName", "Kept");
      await page.click("form.stack button[type=submit]");
      await page.waitForSelector(".ds-error-summary");
      assert.equal(await page.inputValue("#field-shortName"), "Kept");
      assert.deepEqual(await axeViolations(page), [], `form with errors (${lang})`);
      await context.close();
    });
  }
});

describe("by keyboard", () => {
  test("skip link, sign-in and the network switcher work with the keyboard alone", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/?lang=en`);
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Skip to main content");
    await page.keyboard.press("Enter");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "main");

    // The network switcher is a native disclosure: Enter opens it, Tab reaches its links.
    await page.focus("summary");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Digi Møre og Romsdal");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/n\/digi-more-og-romsdal/);

    // Sign in by typing and pressing Enter.
    await page.goto(`${server.url}/login?lang=en`);
    await page.focus("#field-email");
    await page.keyboard.type(ADMIN.email);
    await page.keyboard.press("Tab");
    await page.keyboard.type(ADMIN.password);
    await page.keyboard.press("Enter");
    await page.waitForURL(`${server.url}/`);
    assert.match((await page.textContent(".account")) ?? "", /Sign out/);

    // A form's error summary links move focus to the field.
    await page.goto(`${server.url}/people/new?lang=en`);
    await page.focus("#field-email");
    await page.keyboard.type("not an address");
    await page.keyboard.press("Enter");
    await page.waitForSelector(".ds-error-summary");
    await page.waitForFunction(() => document.activeElement?.id === "error-summary");
    await page.click(".ds-error-summary a[href='#field-name']");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "field-name");
    await context.close();
  });
});

describe("with JavaScript off", () => {
  let context: BrowserContext;
  before(async () => {
    context = await browser.newContext({ javaScriptEnabled: false, locale: "nb-NO" });
  });
  after(() => context.close());

  test("sign in, create a network with a mistake on the way, add members and a body, switch language", async () => {
    const page = await context.newPage();
    await login(page, server.url, ADMIN.email, ADMIN.password);
    await page.goto(`${server.url}/networks/new`);
    await page.fill("#field-name", "Digi Agder");
    await page.fill("#field-slug", "Ikke gyldig");
    await page.check("#field-counties-42");
    await page.click("form.stack button[type=submit]");
    await page.waitForSelector(".ds-error-summary");
    assert.equal(await page.inputValue("#field-name"), "Digi Agder", "input kept");
    assert.equal(await page.isChecked("#field-counties-42"), true, "checkbox kept");
    await page.fill("#field-shortName", "Digi Agder");
    await page.fill("#field-slug", "");
    await page.click("form.stack button[type=submit]");
    await page.waitForURL(/\/n\/digi-agder\?saved=1/);
    assert.match((await page.textContent("body")) ?? "", /Endringene er lagret/);

    await page.goto(`${server.url}/n/digi-agder/members/new`);
    const boxes = page.locator("input[name=organisationIds]");
    assert.equal(await boxes.count(), 26, "Agder's 25 municipalities and its county municipality are offered");
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await page.click("form.stack button[type=submit]");
    await page.waitForURL(/\/n\/digi-agder/);
    const members = await api("/api/v1/networks/digi-agder/members");
    assert.equal(members.total, 2);

    await page.goto(`${server.url}/n/digi-agder/bodies/new`);
    await page.selectOption("#field-kind", "steering_group");
    await page.fill("#field-name", "Styringsgruppe");
    await page.click("form.stack button[type=submit]");
    await page.waitForURL(/\/bodies\/\d+\?saved=1/);

    await page.click("a[hreflang=nn]");
    assert.equal(await page.getAttribute("html", "lang"), "nn");
    await page.goto(`${server.url}/`);
    assert.equal(await page.getAttribute("html", "lang"), "nn", "the language is remembered in a cookie");
    await page.screenshot({ path: `${shots}/no-js-front-nn.png`, fullPage: true });
  });

  test("the network switcher and search work without JavaScript", async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/?lang=en`);
    await page.click("summary");
    await page.click("text=Digi Trøndelag");
    await page.waitForURL(/\/n\/digi-trondelag/);
    await page.goto(`${server.url}/?lang=en`);
    await page.fill("#home-search", "Kautokeino");
    await page.click("search button[type=submit]");
    await page.waitForURL(/\/search\?q=Kautokeino/);
    assert.match((await page.textContent("main")) ?? "", /Guovdageaidnu - Kautokeino/);
  });
});

describe("at 320 px", () => {
  test("pages reflow without horizontal scrolling", async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    const paths = (await publicPages()).map(([, path]) => path);
    for (const path of paths) {
      await page.goto(`${server.url}${path}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${path} overflows by ${overflow}px`);
      if (path === "/n/digi-more-og-romsdal") await page.screenshot({ path: `${shots}/320-network.png`, fullPage: false });
    }
    // Signed in, the header carries more links; it must still fit.
    await login(page, server.url, ADMIN.email, ADMIN.password);
    for (const path of ["/account/tokens", "/n/digi-rogaland", "/admin/audit"]) {
      await page.goto(`${server.url}${path}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${path} (signed in) overflows by ${overflow}px`);
    }
    await context.close();
  });

  test("screenshots of the main pages for people to look at", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    for (const [name, path] of [
      ["front", "/"],
      ["network", "/n/digi-more-og-romsdal"],
      ["organisations", "/organisations?county=15"],
    ]) {
      await page.goto(`${server.url}${path}`);
      await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
    }
    await page.emulateMedia({ media: "print" });
    await page.goto(`${server.url}/n/digi-rogaland`);
    await page.screenshot({ path: `${shots}/network-print.png`, fullPage: true });
    await context.close();
  });
});
