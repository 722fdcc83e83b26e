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

test("pages send security headers and a strict content security policy", async () => {
  const res = await t.app.inject({ url: "/" });
  const csp = String(res.headers["content-security-policy"]);
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.doesNotMatch(csp, /unsafe-inline.*script|script-src[^;]*unsafe/);
  assert.equal(res.headers["x-content-type-options"], "nosniff");
  assert.match(String(res.headers["cache-control"]), /no-store/);
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

test("security.txt says where to report problems, and HSTS is sent only over TLS", async () => {
  const res = await t.app.inject({ url: "/.well-known/security.txt" });
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /^Contact: mailto:no-reply@samverk\.invalid$/m);
  assert.match(res.body, /^Expires: \d{4}-\d{2}-\d{2}T/m);
  const page = await t.app.inject({ url: "/" });
  assert.equal(page.headers["strict-transport-security"], undefined, "not on plain http");
  assert.equal(page.headers["referrer-policy"], "strict-origin-when-cross-origin");
  const tls = await createTestApp({
    env: { SAMVERK_PUBLIC_URL: "https://samverk.example.no", SAMVERK_SECURITY_CONTACT: "https://samverk.example.no/security" },
  });
  try {
    const secure = await tls.app.inject({ url: "/.well-known/security.txt" });
    assert.match(secure.body, /^Contact: https:\/\/samverk\.example\.no\/security$/m);
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
