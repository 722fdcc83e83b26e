import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { createTestApp, Session, type TestApp } from "../../../test/support/app.ts";

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: "GET", url, headers });
const decode = (encoding: unknown, body: Buffer) =>
  (encoding === "br" ? brotliDecompressSync(body) : encoding === "gzip" ? gunzipSync(body) : body).toString("utf8");

test("a page from the cache comes in the encoding the browser takes, the same page once decoded", async () => {
  const plain = await get("/roadmap");
  assert.equal(plain.headers["content-encoding"], undefined);
  for (const [accept, encoding] of [
    ["gzip, deflate, br", "br"],
    ["gzip", "gzip"],
    ["br;q=0.5, gzip;q=1", "gzip"],
  ] as const) {
    const res = await get("/roadmap", { "accept-encoding": accept });
    assert.equal(res.headers["x-page-cache"], "hit", accept);
    assert.equal(res.headers["content-encoding"], encoding, accept);
    assert.match(String(res.headers.vary), /accept-encoding/i);
    assert.ok(res.rawPayload.length < plain.rawPayload.length / 3, `${accept}: ${res.rawPayload.length} bytes`);
    assert.equal(decode(encoding, res.rawPayload), plain.body);
  }
  // A browser that takes only identity, or an encoding not offered, gets the page as it is.
  for (const accept of ["identity", "deflate"]) {
    const res = await get("/roadmap", { "accept-encoding": accept });
    assert.equal(res.headers["content-encoding"], undefined, accept);
    assert.equal(res.body, plain.body);
  }
});

test("pages made for a signed-in user, the API and stylesheets are compressed too", async () => {
  const s = new Session(t.app);
  await s.login();
  const page = await s.get("/projects", { "accept-encoding": "br" });
  assert.equal(page.statusCode, 200);
  assert.equal(page.headers["content-encoding"], "br");
  assert.match(decode("br", page.rawPayload), /<html/);

  const plainApi = await get("/api/v1/organisations");
  const api = await get("/api/v1/organisations", { "accept-encoding": "gzip" });
  assert.equal(api.statusCode, 200);
  assert.ok(plainApi.rawPayload.length > 1024);
  assert.equal(api.headers["content-encoding"], "gzip");
  assert.deepEqual(JSON.parse(decode("gzip", api.rawPayload)), JSON.parse(plainApi.body));

  const css = await get("/assets/app.css", { "accept-encoding": "br" });
  assert.equal(css.statusCode, 200);
  assert.equal(css.headers["content-encoding"], "br");
  assert.match(decode("br", css.rawPayload), /\{/);
});

test("a response under a kilobyte is sent as it is", async () => {
  const res = await get("/healthz", { "accept-encoding": "br, gzip" });
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers["content-encoding"], undefined);
});
