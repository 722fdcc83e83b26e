import assert from "node:assert/strict";
import { test } from "node:test";
import type { Page } from "playwright-core";
import { PASSWORD, testAccount } from "../support/accounts.ts";
import { login, serverAndBrowser } from "../support/browser.ts";

/**
 * What a tester found by looking, checked in Chromium: focus rings that meet WCAG 2.4.7 and 1.4.11
 * (visible, 3:1 against what is beside them, not clipped), and small layout faults (a lone checkbox's
 * label held to 200 px, a sorted header without padding, a cut select, a question's heading against the
 * table above).
 */
const suite = serverAndBrowser();
const SEK = "sek@focus.example";

let account: Promise<number> | undefined;
/** The network's secretariat, made once (the server starts in the suite's own hook). */
function secretariat() {
  account ??= (async () => {
    const { app, database } = suite.server;
    const rogaland = (await app.services.networks.bySlug("digi-rogaland"))!;
    return testAccount(app, database.db, SEK, { networkId: rogaland.id, role: "secretariat" });
  })();
  return account;
}

/** WCAG's contrast ratio of two colours as the browser computes them (rgb() or rgba(), alpha ignored). */
function contrast(a: string, b: string): number {
  const luminance = (css: string) => {
    const [r, g, bl] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** Focus as the keyboard does (a key pressed first), so that :focus-visible and its ring apply. */
async function keyboardFocus(page: Page, selector: string) {
  await page.keyboard.press("Shift");
  await page.focus(selector);
  assert.ok(await page.$eval(selector, (e) => e.matches(":focus-visible")), `${selector} shows its focus`);
}

async function newPage(signedIn: boolean) {
  const context = await suite.browser.newContext({ locale: "en-GB", viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  if (signedIn) {
    await secretariat();
    await login(page, suite.server.url, SEK, PASSWORD);
  }
  return { page, close: () => context.close() };
}

test("the header's focus ring is light against its blue, with a dark ring inside it, on the logo and the links", async () => {
  const { page, close } = await newPage(false);
  await page.goto(`${suite.server.url}/?lang=en`);
  const header = await page.$eval(".site-header", (e) => getComputedStyle(e).backgroundColor);
  for (const selector of [".site-logo", ".site-nav a"]) {
    await keyboardFocus(page, selector);
    const ring = await page.$eval(selector, (e) => {
      const s = getComputedStyle(e);
      return { outline: s.outlineColor, width: Number.parseFloat(s.outlineWidth), style: s.outlineStyle, shadow: s.boxShadow };
    });
    assert.equal(ring.style, "solid", selector);
    assert.ok(ring.width >= 2, `${selector}: ${ring.width}px`);
    const ratio = contrast(ring.outline, header);
    assert.ok(ratio >= 3, `${selector}: the ring is ${ratio.toFixed(2)}:1 against the header (${ring.outline} on ${header})`);
    const inner = ring.shadow.match(/rgba?\([^)]*\)/)?.[0];
    assert.ok(inner && contrast(inner, ring.outline) >= 3, `${selector}: a dark ring inside the light one (${ring.shadow})`);
  }
  await close();
});

/**
 * Whether a focused checkbox's ring fits inside the box that scrolls, which clips it. The design
 * system draws it around the checkbox's field (box and label): its offset and width outside the field.
 */
const ringFits = (page: Page, selector: string) =>
  page.$eval(selector, (input) => {
    const field = input.closest(".ds-field")!;
    const s = getComputedStyle(field);
    const out = Number.parseFloat(s.outlineOffset) + Number.parseFloat(s.outlineWidth);
    const r = field.getBoundingClientRect();
    const box = input.closest(".checkbox-columns")!;
    const b = box.getBoundingClientRect();
    return {
      fits: r.left - out >= b.left && r.right + out <= b.right && r.top - out >= b.top && r.bottom + out <= b.bottom,
      out,
    };
  });

test("a checkbox's focus ring is not clipped by its scrolling group, and a lone checkbox's label takes the width it needs", async () => {
  const { page, close } = await newPage(true);
  await page.goto(`${suite.server.url}/n/digi-rogaland/surveys/new?lang=en`);
  await keyboardFocus(page, "#field-anonymous-1");
  const fit = await ringFits(page, "#field-anonymous-1");
  assert.ok(fit.out >= 6 && fit.fits, `the ${fit.out}px ring fits inside the group`);
  const label = await page.$eval("label[for='field-anonymous-1']", (e) => ({
    height: e.getBoundingClientRect().height,
    line: Number.parseFloat(getComputedStyle(e).lineHeight),
    width: e.getBoundingClientRect().width,
  }));
  assert.ok(label.height < label.line * 1.5, `one line (${label.height}px high, ${label.width}px wide)`);
  // The budget's membership levels that pay: the same group, three options.
  await page.goto(`${suite.server.url}/n/digi-rogaland/economy/2025/settings?lang=en`);
  await keyboardFocus(page, "#field-payingLevels-member");
  assert.ok((await ringFits(page, "#field-payingLevels-member")).fits, "the first level's ring fits");
  await close();
});

test("the member comparison: the sorted column's header keeps its padding, and the chart's select shows its option whole", async () => {
  const { page, close } = await newPage(false);
  await page.goto(`${suite.server.url}/n/digi-rogaland/member-reports?lang=en`);
  const pad = await page.$eval("table.ds-table", (table) => ({
    sorted: Number.parseFloat(getComputedStyle(table.querySelector("thead th[aria-sort]")!).paddingLeft),
    cell: Number.parseFloat(getComputedStyle(table.querySelector("tbody th, tbody td")!).paddingLeft),
  }));
  assert.ok(pad.sorted > 0 && pad.sorted === pad.cell, `"Member ▲" has the cells' padding (${pad.sorted} and ${pad.cell})`);
  const select = await page.$eval("#field-chart", (e) => {
    const s = getComputedStyle(e);
    const canvas = document.createElement("canvas").getContext("2d")!;
    canvas.font = `${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
    const text = (e as HTMLSelectElement).selectedOptions[0]!.text;
    const room = e.clientWidth - Number.parseFloat(s.paddingLeft) - Number.parseFloat(s.paddingRight);
    return { text, needed: canvas.measureText(text).width, room };
  });
  assert.ok(select.needed <= select.room, `"${select.text}" needs ${select.needed}px, has ${select.room}px`);
  await close();
});

test("a survey's results leave room between one question's table and the next question's heading", async () => {
  const { app } = suite.server;
  const rogaland = (await app.services.networks.bySlug("digi-rogaland"))!;
  const closed = (await app.services.surveys.list(rogaland.id, null)).find((s) => s.status === "closed")!;
  const { page, close } = await newPage(false);
  await page.goto(`${suite.server.url}/surveys/${closed.id}/results?lang=en`);
  const gap = await page.$$eval("section.survey-question", (sections) => {
    const table = sections[0]!.querySelector("table")!.getBoundingClientRect();
    const heading = sections[1]!.querySelector("h3")!.getBoundingClientRect();
    return heading.top - table.bottom;
  });
  assert.ok(gap >= 24, `${gap}px between the table and the next heading`);
  await close();
});
