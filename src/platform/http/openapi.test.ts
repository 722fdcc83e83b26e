import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { Validator } from "@seriousme/openapi-schema-validator";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

test("/api/openapi.json is a valid OpenAPI 3.1 document, checked by an independent validator", async () => {
  const res = await t.app.inject({ url: "/api/openapi.json" });
  assert.equal(res.statusCode, 200);
  const document = res.json();
  assert.equal(document.openapi, "3.1.0");
  const validator = new Validator();
  const result = await validator.validate(document);
  assert.deepEqual(result.errors ?? [], [], JSON.stringify(result.errors, null, 2));
  assert.equal(result.valid, true);
});

test("the document describes every route the issue names, from the same schemas", async () => {
  const { paths } = (await t.app.inject({ url: "/api/openapi.json" })).json();
  for (const path of [
    "/api/v1/organisations",
    "/api/v1/organisations/{id}",
    "/api/v1/networks",
    "/api/v1/networks/{slug}",
    "/api/v1/networks/{slug}/members",
    "/api/v1/networks/{slug}/bodies",
    "/api/v1/people",
    "/api/v1/people/{id}",
  ]) {
    assert.ok(paths[path], path);
  }
  const list = paths["/api/v1/organisations"].get;
  const kind = list.parameters.find((p: { name: string }) => p.name === "kind");
  assert.ok(kind.schema.enum.includes("it_cooperation"));
  assert.deepEqual(Object.keys(list.responses["200"].content["application/json"].schema.properties), ["items", "total"]);
  assert.ok(paths["/api/v1/networks"].post.security, "writes say they need a session");
});

test("/api/docs shows the API to people", async () => {
  const res = await t.app.inject({ url: "/api/docs?lang=en" });
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /<h1[^>]*>API documentation<\/h1>/);
  assert.match(res.body, /GET \/api\/v1\/organisations/);
});
