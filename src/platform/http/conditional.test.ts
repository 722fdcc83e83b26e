import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createTestApp, Session, type TestApp } from "../../../test/support/app.ts";

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

/** Asks for a path twice, the second time with the first answer's ETag; answers both. */
async function twice(session: Session, path: string) {
  const first = await session.get(path);
  assert.equal(first.statusCode, 200, path);
  const etag = first.headers.etag as string;
  assert.match(etag, /^W\/"[\w-]{32}"$/, `${path} has an ETag`);
  const second = await session.get(path, { "if-none-match": etag });
  return { first, etag, second };
}

test("pages, downloads and the API answer 304 to a reader who has the same version, and 200 with a new tag once it changes", async () => {
  const visitor = new Session(t.app);
  for (const path of ["/projects", "/projects?phase=execution", "/projects.csv", "/projects.xlsx", "/api/v1/projects?limit=5"]) {
    const { second } = await twice(visitor, path);
    assert.equal(second.statusCode, 304, path);
    assert.equal(second.body, "", `${path}: no body with a 304`);
  }
  // An ETag the reader has from before a change no longer matches: the new version is sent.
  const { etag } = await twice(visitor, "/api/v1/projects?limit=5");
  const admin = await new Session(t.app).login();
  const network = (await t.app.services.networks.bySlug("digi-rogaland"))!;
  const created = await admin.api("POST", `/api/v1/networks/${network.slug}/projects`, {
    title: "Aaa nytt prosjekt for ETag",
    kind: "regional",
    sector: "other",
  });
  assert.equal(created.statusCode, 201, created.body);
  const changed = await visitor.get("/api/v1/projects?limit=5", { "if-none-match": etag });
  assert.equal(changed.statusCode, 200);
  assert.notEqual(changed.headers.etag, etag);
  // A signed-in reader's page is tagged too, and a list "*" or several tags are understood.
  const page = await admin.get("/api/v1/projects?limit=5");
  assert.equal(
    (await admin.get("/api/v1/projects?limit=5", { "if-none-match": `W/"other", ${page.headers.etag}` })).statusCode,
    304,
  );
});

test("a conditional request that does not match, and an error, are answered as ever", async () => {
  const visitor = new Session(t.app);
  const stale = await visitor.get("/projects", { "if-none-match": 'W/"not-this-one"' });
  assert.equal(stale.statusCode, 200);
  assert.ok(stale.body.length > 1000);
  const missing = await visitor.get("/projects/999999", { "if-none-match": "*" });
  assert.equal(missing.statusCode, 404);
  assert.equal(missing.headers.etag, undefined);
});
