import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createTestApp, Session, type TestApp } from "../../../../test/support/app.ts";

let t: TestApp;

before(async () => {
  t = await createTestApp();
});
after(() => t.close());

test("the timeline draws milestones over their periods with where moved ones came from, and lists the same", async () => {
  const page = await new Session(t.app).get("/roadmap/timeline?lang=en&view=quarter&year=2027");
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<svg[^>]*role="img"/);
  assert.match(page.body, /class="milestone-moved"/, "the demo's moved milestone has its outline");
  assert.match(
    page.body,
    /Digital postkasse til innbyggere<\/a><\/th><td>Mandatory from<\/td><td>Q3 2027<\/td><td>Q1 2027<\/td>/,
  );
  const health = await new Session(t.app).get("/roadmap/timeline?lang=en&category=health");
  assert.match(health.body, /Digihelse/);
  assert.ok(!health.body.includes("eFormidling"));
  assert.equal((await new Session(t.app).get("/roadmap/timeline?year=1850")).statusCode, 400);
});
