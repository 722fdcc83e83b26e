import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createTestApp, Session, type TestApp } from "../../../test/support/app.ts";
import { adminPages, type PageSource, publicPages } from "../../../test/support/pages.ts";
import { skipUnlessSlow, slowTests } from "../../../test/support/passes.ts";
import { catalogues } from "./i18n.ts";

/**
 * Every page the browser journeys look at, in nynorsk and English, has every string: a text the
 * catalogue lacks is shown as its key (`t()` gives the key back), so no key may appear in a page.
 * This is what rendering every page three times in the browser taught about languages; axe there
 * checks the markup in bokmål, and a page of each kind in nynorsk and English.
 */
let t: TestApp;
let admin: Session;
before(async () => {
  if (!slowTests) return;
  t = await createTestApp();
  admin = await new Session(t.app).login();
});
after(() => t?.close());

const KEYS = new Set(Object.keys(catalogues.nb));
/** The catalogue keys in a page's markup: words with dots ("nav.projects"), looked up in the catalogue. */
const keysIn = (html: string) =>
  [...html.matchAll(/\b[a-z][a-zA-Z0-9]*(?:\.[a-zA-Z0-9_]+)+\b/g)].map((m) => m[0]).filter((w) => KEYS.has(w));

const source = (): PageSource => ({
  services: t.app.services,
  api: async (path) => (await t.app.inject({ url: path })).json(),
  adminHtml: async (path) => (await admin.get(path)).body,
});

test("a key the catalogue lacks would be seen", () => {
  const [key] = KEYS;
  assert.deepEqual(keysIn(`<p>Tekst</p><p>${key}</p><a href="/x.css">x</a>`), [key]);
});

// Nothing here depends on the database: the test command runs it in one pass (test/support/passes.ts).
for (const lang of ["nn", "en"] as const)
  test(`every page has every string in ${lang}`, { skip: skipUnlessSlow }, async () => {
    const anonymous = new Session(t.app);
    const pages = [
      ...(await publicPages(source())).map(([name, path]) => ({ name, path, session: anonymous })),
      ...(await adminPages(source())).map(([name, path]) => ({ name, path, session: admin })),
    ];
    const missing: string[] = [];
    for (const { name, path, session } of pages) {
      const res = await session.get(`${path}${path.includes("?") ? "&" : "?"}lang=${lang}`);
      assert.ok(res.statusCode < 500, `${name}: ${res.statusCode}`);
      assert.match(res.body, new RegExp(`<html[^>]* lang="${lang}"`), `${name} is in ${lang}`);
      for (const key of keysIn(res.body)) missing.push(`${name} (${path}): ${key}`);
    }
    assert.ok(pages.length > 100, `${pages.length} pages`);
    assert.deepEqual(missing, [], `strings shown as their keys in ${lang}`);
  });
