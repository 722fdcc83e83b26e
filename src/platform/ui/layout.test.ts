import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { createTestApp, Session, type TestApp } from "../../../test/support/app.ts";
import { projects } from "../../modules/projects/schema.ts";
import { catalogues } from "../i18n/i18n.ts";

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

test("every stylesheet, font, script and icon a page names is served by the app itself", async () => {
  const s = await new Session(t.app).login();
  await s.get("/people/new");
  const page = await s.post("/people", { name: "" });
  const urls = [...page.body.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
  assert.ok(
    urls.some((u) => u.endsWith(".js")),
    "the error summary's web component",
  );
  urls.push("/assets/inter/files/inter-latin-400-normal.woff2", "/assets/inter/files/inter-latin-ext-600-normal.woff2");
  for (const url of urls) {
    const res = await t.app.inject({ url });
    assert.equal(res.statusCode, 200, url);
  }
  assert.equal((await t.app.inject({ url: "/assets/../package.json" })).statusCode, 404);
});

/** The policy's directives by name, each with its sources. */
const directivesOf = (header: unknown) =>
  new Map(
    String(header)
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...sources]) => [name!, sources]),
  );

test("pages and the API send security headers and a strict content security policy", async () => {
  for (const url of ["/", "/api/v1/networks", "/finst-ikkje"]) {
    const res = await t.app.inject({ url });
    const csp = directivesOf(res.headers["content-security-policy"]);
    for (const [name, sources] of csp) {
      assert.ok(!sources.includes("'unsafe-inline'") && !sources.includes("'unsafe-eval'"), `${url}: ${name}`);
      assert.ok(!sources.some((s) => /^(https?:|\*)$/.test(s)), `${url}: ${name} names no whole scheme`);
    }
    for (const [name, sources] of Object.entries({
      "default-src": ["'self'"],
      "script-src": ["'self'"],
      "script-src-attr": ["'none'"],
      "style-src": ["'self'"],
      "font-src": ["'self'"],
      "img-src": ["'self'", "data:"],
      "object-src": ["'none'"],
      "base-uri": ["'self'"],
      "form-action": ["'self'"],
      "frame-ancestors": ["'none'"],
    }))
      assert.deepEqual(csp.get(name), sources, `${url}: ${name}`);
    assert.equal(res.headers["x-frame-options"], "DENY", "the same framing rule as frame-ancestors");
    assert.equal(res.headers["x-content-type-options"], "nosniff");
  }
  assert.match(String((await t.app.inject({ url: "/" })).headers["cache-control"]), /no-store/);
});

/** What the policy refuses, in the HTML itself: style attributes, inline scripts and styles, handlers. */
function inlineCode(html: string): string[] {
  const tags = html.match(/<[a-z][^>]*>/gi) ?? [];
  return [
    ...tags.filter((tag) => /\sstyle\s*=/i.test(tag)),
    ...tags.filter((tag) => /^<script\b/i.test(tag) && !/\ssrc=/i.test(tag)),
    ...tags.filter((tag) => /^<style\b/i.test(tag)),
    ...tags.filter((tag) => /\son[a-z]+\s*=/i.test(tag)),
    ...tags.filter((tag) => /\s(href|src|action)\s*=\s*"\s*javascript:/i.test(tag)),
  ];
}

test("no page has a style attribute, an inline script or style, or an event handler", async () => {
  const s = await new Session(t.app).login();
  /** The first link on a page whose address matches, so the test follows the demo data wherever it is. */
  const firstLink = async (page: string, pattern: RegExp) => {
    const href = (await s.get(page)).body.match(new RegExp(`href="(${pattern.source})"`))?.[1];
    assert.ok(href, `${page} links to ${pattern}`);
    return href;
  };
  const solution = await firstLink("/roadmap", /\/roadmap\/\d+/);
  const pages = [
    "/",
    "/projects",
    "/projects/timeline",
    "/roadmap/adoption?network=digi-rogaland",
    `${solution}/adoption?network=digi-rogaland`, // a line chart
    await firstLink("/n/digi-rogaland/rounds", /\/rounds\/\d+/), // a scatter chart
    await firstLink("/n/digi-rogaland/strategies", /\/n\/digi-rogaland\/ambitions\/\d+/),
    "/n/digi-rogaland/priorities/rank",
    "/n/digi-rogaland/needs/new",
    "/api/docs",
    "/finst-ikkje",
  ];
  for (const page of pages) {
    const res = await s.get(page);
    assert.ok(res.statusCode < 500 && res.body.includes("</html>"), page);
    assert.deepEqual(inlineCode(res.body), [], page);
  }
  assert.deepEqual(inlineCode((await t.app.inject({ url: "/login" })).body), [], "/login");
  await s.get("/people/new");
  const withErrors = await s.post("/people", { name: "" });
  assert.equal(withErrors.statusCode, 422);
  assert.deepEqual(inlineCode(withErrors.body), [], "a form with its error summary");
  assert.deepEqual(inlineCode('<p style="x">'), ['<p style="x">'], "the check itself sees one");
});

test("the language switcher keeps the page and its filters, and the choice is remembered", async () => {
  const res = await t.app.inject({ url: "/organisations?county=15&lang=nn" });
  assert.match(res.body, /<html lang="nn"/);
  assert.match(res.body, /href="\/organisations\?county=15&amp;lang=en"/);
  const cookie = res.cookies.find((c: { name: string }) => c.name === "samverk_lang");
  assert.equal(cookie?.value, "nn");
  const next = await t.app.inject({ url: "/", headers: { cookie: "samverk_lang=nn" } });
  assert.match(next.body, /<html lang="nn"/);
});

test("security.txt names the contact configured, or is not there; HSTS is sent only over TLS", async () => {
  const none = await t.app.inject({ url: "/.well-known/security.txt" });
  assert.equal(none.statusCode, 404, "no contact configured: no file naming an address nobody reads");
  const page = await t.app.inject({ url: "/" });
  assert.equal(page.headers["strict-transport-security"], undefined, "not on plain http");
  assert.equal(page.headers["referrer-policy"], "strict-origin-when-cross-origin");
  const tls = await createTestApp({
    env: { SAMVERK_PUBLIC_URL: "https://samverk.example.no", SAMVERK_SECURITY_CONTACT: "https://samverk.example.no/security" },
  });
  try {
    const secure = await tls.app.inject({ url: "/.well-known/security.txt" });
    assert.equal(secure.statusCode, 200);
    assert.match(secure.body, /^Contact: https:\/\/samverk\.example\.no\/security$/m);
    assert.match(secure.body, /^Expires: \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/m);
    assert.match(secure.body, /^Canonical: https:\/\/samverk\.example\.no\/\.well-known\/security\.txt$/m);
    assert.match(String(secure.headers["strict-transport-security"]), /max-age=31536000/);
  } finally {
    await tls.close();
  }
});

const descriptionOf = (html: string) => html.match(/<meta name="description" content="([^"]*)"/)?.[1];

test("every page has a description for search engines, in the page's language", async () => {
  for (const lang of ["nb", "nn", "en"] as const) {
    const res = await t.app.inject({ url: `/roadmap?lang=${lang}` });
    assert.equal(descriptionOf(res.body), catalogues[lang]["layout.footerAbout"], lang);
  }
});

test("a project page is described by its summary, in one line of at most 160 characters", async () => {
  const [project] = await t.database.db.select().from(projects).where(eq(projects.visibility, "public")).limit(1);
  const long = `${"Felles innbyggerdialog for kommunene i regionen, ".repeat(6)}med   linjeskift\nog mer.`;
  await t.database.db.update(projects).set({ summary: long }).where(eq(projects.id, project!.id));
  const description = descriptionOf((await t.app.inject({ url: `/projects/${project!.id}` })).body)!;
  assert.ok(description.length <= 161, `${description.length} characters`);
  assert.ok(description.endsWith("…"));
  assert.ok(description.startsWith("Felles innbyggerdialog for kommunene i regionen, Felles"));
  assert.doesNotMatch(description, /\s{2}|\n/);
});
