import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
// The module list adds every module's texts to the catalogues.
import "../../modules/index.ts";
import { catalogues, i18nFor, LOCALES, negotiateLocale, selectPlurals } from "./i18n.ts";

test("every catalogue has exactly the same keys, none empty", () => {
  const reference = Object.keys(catalogues.nb).sort();
  for (const locale of LOCALES) {
    const keys = Object.keys(catalogues[locale]).sort();
    assert.deepEqual(keys, reference, `${locale} differs from nb`);
    for (const [key, text] of Object.entries(catalogues[locale])) assert.ok(text.trim().length > 0, `${locale}.${key} is empty`);
  }
});

test("placeholders are the same in every language", () => {
  // A count that chooses a plural variant ("{n, plural, one {…} other {…}}") is a placeholder too.
  const placeholders = (s: string) => [...new Set([...s.matchAll(/\{(\w+)(?:\}|,\s*plural,)/g)].map((m) => m[1]))].sort();
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

test("counts choose the plural form of their language: never '1 organisations'", () => {
  const one = {
    nb: ["Delt av 1 organisasjon med til sammen 1 innbygger.", "Last ned denne som CSV", "1 medlem", "1 dag"],
    nn: ["Delt av 1 organisasjon med til saman 1 innbyggjar.", "Last ned denne som CSV", "1 medlem", "1 dag"],
    en: ["Shared by 1 organisation with 1 inhabitant in all.", "Download this one as CSV", "1 member", "1 day"],
  };
  const many = {
    nb: ["Delt av 3 organisasjoner med til sammen 1 200 innbyggere.", "Last ned disse 3 som CSV", "3 medlemmer", "0 dager"],
    nn: ["Delt av 3 organisasjonar med til saman 1 200 innbyggjarar.", "Last ned desse 3 som CSV", "3 medlemmer", "0 dagar"],
    en: ["Shared by 3 organisations with 1,200 inhabitants in all.", "Download these 3 as CSV", "3 members", "0 days"],
  };
  for (const locale of LOCALES) {
    const { t } = i18nFor(locale);
    const inhabitants = locale === "en" ? "1,200" : "1 200";
    assert.deepEqual(
      [
        t("need.sharedSummary", { organisations: 1, inhabitants: 1 }),
        t("list.downloadCsv", { n: 1 }),
        t("network.memberCount", { n: 1 }),
        t("tokens.days", { n: 1 }),
      ],
      one[locale],
      locale,
    );
    assert.deepEqual(
      [
        t("need.sharedSummary", { organisations: 3, inhabitants }),
        t("list.downloadCsv", { n: 3 }),
        t("network.memberCount", { n: 3 }),
        t("tokens.days", { n: 0 }),
      ],
      many[locale],
      locale,
    );
  }
});

test("every plural in the catalogues parses, and English names no count with a plural noun outside one", () => {
  for (const locale of LOCALES) {
    for (const [key, text] of Object.entries(catalogues[locale])) {
      if (!text.includes("plural,")) continue;
      const rules = new Intl.PluralRules(locale === "en" ? "en-GB" : `${locale}-NO`);
      const names = [...text.matchAll(/\{(\w+),\s*plural,/g)].map((m) => m[1]!);
      for (const count of [0, 1, 2, 21]) {
        const out = selectPlurals(text, Object.fromEntries(names.map((n) => [n, count])), rules);
        assert.ok(!out.includes("plural,") && !out.includes("#"), `${locale}.${key}: ${out}`);
      }
    }
  }
  // "{n} organisations" reads "1 organisations" for one: a count before a plural noun must be a plural.
  const verbs = new Set(["invites", "has", "is", "does", "wants", "across"]);
  const bare = Object.entries(catalogues.en).flatMap(([key, text]) =>
    [...text.matchAll(/\{(\w+)\} ([a-z]+s)\b/g)].filter((m) => !verbs.has(m[2]!)).map((m) => `${key}: ${m[0]}`),
  );
  assert.deepEqual(bare, []);
});

test("a plural: the language's rule, an exact =0, the count as given, other placeholders inside", () => {
  const rules = new Intl.PluralRules("en-GB");
  const text = "{n, plural, =0 {No inputs} one {# input from {who}} other {# inputs from {who}}} so far";
  assert.equal(selectPlurals(text, { n: 0 }, rules), "No inputs so far");
  assert.equal(selectPlurals(text, { n: 1 }, rules), "1 input from {who} so far");
  assert.equal(selectPlurals(text, { n: "1 200" }, rules), "1 200 inputs from {who} so far");
  assert.equal(selectPlurals(text, {}, rules), "# inputs from {who} so far", "no count: the other form");
  assert.equal(i18nFor("en").t("search.resultCount", { n: 1, q: "kart" }), "1 result for “kart”");
  assert.equal(i18nFor("nn").t("consultation.inputCount", { n: 1 }), "1 innspel blir vist.");
});
