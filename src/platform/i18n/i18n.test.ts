import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { catalogues, i18nFor, LOCALES, negotiateLocale } from "./i18n.ts";

test("every catalogue has exactly the same keys, none empty", () => {
  const reference = Object.keys(catalogues.nb).sort();
  for (const locale of LOCALES) {
    const keys = Object.keys(catalogues[locale]).sort();
    assert.deepEqual(keys, reference, `${locale} differs from nb`);
    for (const [key, text] of Object.entries(catalogues[locale])) assert.ok(text.trim().length > 0, `${locale}.${key} is empty`);
  }
});

test("placeholders are the same in every language", () => {
  const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  for (const key of Object.keys(catalogues.nb) as (keyof typeof catalogues.nb)[]) {
    for (const locale of LOCALES) {
      assert.deepEqual(placeholders(catalogues[locale][key]), placeholders(catalogues.nb[key]), `${locale}.${key}`);
    }
  }
});

test("every key the code names exists in the catalogues", () => {
  const root = path.resolve(import.meta.dirname, "../..");
  const files = readdirSync(root, { recursive: true, encoding: "utf8" }).filter(
    (f) => /\.tsx?$/.test(f) && !f.includes(".test."),
  );
  const missing = new Set<string>();
  for (const file of files) {
    const source = readFileSync(path.join(root, file), "utf8");
    for (const m of source.matchAll(/\bt\("([a-zA-Z]+\.[\w.]+)"/g))
      if (!(m[1]! in catalogues.nb)) missing.add(`${m[1]} (${file})`);
    for (const m of source.matchAll(/"((?:errors|form|auth)\.[\w.]+)"/g))
      if (!(m[1]! in catalogues.nb)) missing.add(`${m[1]} (${file})`);
  }
  assert.deepEqual([...missing], []);
});

test("?lang= wins, then the cookie, then Accept-Language, then bokmål", () => {
  assert.equal(negotiateLocale("en", "nn", "nb"), "en");
  assert.equal(negotiateLocale(undefined, "nn", "en"), "nn");
  assert.equal(negotiateLocale("xx", undefined, "nn-NO,nb;q=0.8"), "nn");
  assert.equal(negotiateLocale(undefined, undefined, "no"), "nb");
  assert.equal(negotiateLocale(undefined, undefined, "de-DE,en;q=0.5"), "en");
  assert.equal(negotiateLocale(undefined, undefined, undefined), "nb");
});

test("numbers and dates follow the language and Europe/Oslo", () => {
  assert.equal(i18nFor("nb").number(149048).replace(/\s/g, " "), "149 048");
  assert.equal(i18nFor("en").number(149048), "149,048");
  assert.equal(i18nFor("nb").date("2026-01-01"), "1. januar 2026");
  assert.equal(i18nFor("nn").date("2026-01-01"), "1. januar 2026");
  assert.equal(i18nFor("en").date("2026-01-01"), "1 January 2026");
  // 23:30 UTC on New Year's Eve is already New Year's Day in Oslo.
  assert.match(i18nFor("en").dateTime(new Date("2025-12-31T23:30:00Z")), /1 Jan 2026/);
});
