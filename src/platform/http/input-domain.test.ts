import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { count } from "drizzle-orm";
import { createTestApp, Session, type TestApp } from "../../../test/support/app.ts";
import { auditLog } from "../schema.ts";
import { DATE_MAX, DATE_MIN, holdsMalformedText, isoDate, optionalDate, toFieldErrors } from "./validation.ts";

/**
 * Bad input never reaches the database as an error (issue 20): the date domain, well-formed
 * Unicode at the edge, and each case the fuzzing (fuzz.test.ts) found, as a named regression test.
 * Each of these answered 500 before, on both databases.
 */

let t: TestApp;
let admin: Session;
before(async () => {
  t = await createTestApp();
  admin = await new Session(t.app).login();
});
after(() => t.close());

const auditCount = async () => (await t.database.db.select({ n: count() }).from(auditLog))[0]!.n;
const first = async (url: string) => {
  const body = (await admin.api("GET", url)).json();
  return (Array.isArray(body) ? body : body.items)[0];
};

test("the date domain: 1900-01-01 to 2200-12-31, with a message that names the range", () => {
  for (const ok of [DATE_MIN, DATE_MAX, "2026-02-28", "2024-02-29"]) assert.equal(isoDate.safeParse(ok).success, true, ok);
  for (const bad of ["0000-01-01", "1899-12-31", "2201-01-01", "9999-12-31"]) {
    const parsed = isoDate.safeParse(bad);
    assert.equal(parsed.success, false, bad);
    assert.deepEqual(toFieldErrors(parsed.error!), [
      { field: "_", key: "errors.dateOutOfRange", params: { min: DATE_MIN, max: DATE_MAX } },
    ]);
  }
  // Not a date at all is still "write it as yyyy-mm-dd"; empty is no date.
  assert.equal(toFieldErrors(isoDate.safeParse("2026-02-30").error!)[0]!.key, "errors.date");
  assert.equal(optionalDate.parse(""), null);
});

test("year 0000 in a read's filter is a 400 naming the range, never a database error", async () => {
  for (const url of [
    "/projects?from=0000-01-01",
    "/projects?to=0000-01-01",
    "/projects/timeline?from=0000-01-01",
    "/projects/benefits?from=0000-01-01",
    "/projects.csv?from=0000-01-01",
    "/projects.xlsx?to=0000-01-01",
    "/admin/audit?from=0000-01-01",
  ]) {
    const res = await admin.get(url);
    assert.equal(res.statusCode, 400, url);
  }
  const res = await admin.api("GET", "/api/v1/projects?from=0000-01-01&lang=en");
  assert.equal(res.statusCode, 400);
  assert.match(res.json().error.fields[0].message, /between 1900-01-01 and 2200-12-31/);
});

test("year 0000 in a write is a field error naming the range, and nothing is stored", async () => {
  const before = await auditCount();
  const project = (await admin.api("GET", `/api/v1/projects/${(await first("/api/v1/projects")).id}`)).json();
  const solution = await first("/api/v1/national-solutions");
  const network = await first("/api/v1/networks");
  const body = (await admin.api("GET", `/api/v1/networks/${network.slug}/bodies`)).json();
  const strategy = await first("/api/v1/strategies");
  const organisation = (await admin.api("GET", "/api/v1/organisations?kind=municipality")).json().items[0];
  const writes: [string, "PATCH" | "POST" | "PUT", string, unknown][] = [
    ["project start", "PATCH", `/api/v1/projects/${project.id}`, { version: project.version, startDate: "0000-01-01" }],
    ["project end", "PATCH", `/api/v1/projects/${project.id}`, { version: project.version, endDate: "0000-01-01" }],
    [
      "milestone",
      "POST",
      `/api/v1/national-solutions/${solution.id}/milestones`,
      { kind: "pilot", date: "0000-01-01", precision: "day" },
    ],
    [
      "adoption",
      "PUT",
      `/api/v1/organisations/${organisation.id}/adoption`,
      { statuses: [{ solutionId: solution.id, status: "planned", targetDate: "0000-01-01" }] },
    ],
    [
      "meeting",
      "POST",
      `/api/v1/networks/${network.slug}/meetings`,
      { title: "Year zero", bodyId: (Array.isArray(body) ? body : body.items)[0].id, meetingDate: "0000-01-01" },
    ],
    [
      "measure deadline",
      "POST",
      `/api/v1/strategies/${strategy.id}/measures`,
      { description: "Old", deadlineDate: "0000-01-01" },
    ],
  ];
  for (const [what, method, url, payload] of writes) {
    const res = await admin.api(method, `${url}?lang=en`, payload);
    assert.equal(res.statusCode, 422, `${what}: ${res.body}`);
    const messages = (res.json().error.fields ?? []).map((f: { message: string }) => f.message);
    assert.ok(
      messages.some((m: string) => m.includes("between 1900-01-01 and 2200-12-31")),
      `${what}: ${messages}`,
    );
  }
  assert.equal(await auditCount(), before);
});

test("a lone surrogate in any text is a 400 at the edge, in the seven operations the fuzzing found", async () => {
  const before = await auditCount();
  const network = await first("/api/v1/networks");
  const need = await first("/api/v1/needs");
  const strategy = await first("/api/v1/strategies");
  const solution = await first("/api/v1/solutions");
  const lone = "Navn \ud800";
  const operations: [string, "POST" | "PUT" | "PATCH", string, unknown][] = [
    [
      "body name and mandate",
      "POST",
      `/api/v1/networks/${network.slug}/bodies`,
      { kind: "steering_group", name: lone, mandate: lone },
    ],
    ["recommendation", "POST", "/api/v1/rounds/1/needs/1/recommendation", { recommendation: "recommend", justification: lone }],
    ["national solution", "POST", "/api/v1/national-solutions", { name: lone, owner: "Digdir", category: "identity" }],
    ["supporter's note", "POST", `/api/v1/needs/${need.id}/supporters`, { organisationId: 1, note: lone }],
    ["measure report", "POST", `/api/v1/strategies/${strategy.id}/measures/1/reports`, { status: "in_progress", comment: lone }],
    ["input handling", "POST", "/api/v1/consultations/1/inputs/1/handling", { action: "answer", answer: lone }],
    ["solution user", "POST", `/api/v1/solutions/${solution.id}/users`, { organisationId: 1, note: lone }],
  ];
  for (const [what, method, url, payload] of operations) {
    const res = await admin.api(method, `${url}?lang=en`, payload);
    assert.equal(res.statusCode, 400, `${what}: ${res.body}`);
    assert.match(res.json().error.message, /not valid Unicode/, what);
  }
  // In a key too, in a query, and in a form post.
  assert.equal((await admin.api("POST", "/api/v1/national-solutions", { "\udc00": 1 })).statusCode, 400);
  assert.equal((await admin.get("/projects?q=%ED%A0%80")).statusCode < 500, true);
  assert.equal((await t.app.inject({ url: `/projects?q=${"\ud800"}` })).statusCode < 500, true);
  assert.equal(await auditCount(), before);
  assert.equal(holdsMalformedText({ a: ["ok", { b: "\udbff" }] }), true);
  assert.equal(holdsMalformedText({ a: ["ok", "👍🏽"] }), false);
});

test("a supporter that names no organisation is a field error, not a failed foreign key", async () => {
  const need = await first("/api/v1/needs");
  const res = await admin.api("POST", `/api/v1/needs/${need.id}/supporters?lang=en`, { organisationId: 999_988, note: "" });
  assert.equal(res.statusCode, 422, res.body);
  assert.match(res.json().error.fields[0].message, /does not exist/);
});

test("an id or version beyond a database integer is a 400 or 422, never 'integer out of range'", async () => {
  // Found by the fuzzing (seed 7): GET /api/v1/people?organisationId=2147483648 answered 500.
  const people = await t.app.inject({ url: "/api/v1/people?organisationId=2147483648&lang=en" });
  assert.equal(people.statusCode, 400, people.body);
  const project = (await admin.api("GET", `/api/v1/projects/${(await first("/api/v1/projects")).id}`)).json();
  const version = await admin.api("PATCH", `/api/v1/projects/${project.id}`, { version: 2 ** 31 });
  assert.equal(version.statusCode, 422, version.body);
  const strategy = await first("/api/v1/strategies");
  const ids = await admin.api("POST", `/api/v1/strategies/${strategy.id}/measures`, {
    description: "Huge ids",
    projectIds: [2 ** 31],
  });
  assert.equal(ids.statusCode, 422, ids.body);
});

test("year 0000 in a page form comes back on the form with the range named, and nothing is stored", async () => {
  const before = await auditCount();
  const id = (await first("/api/v1/projects")).id;
  const page = await admin.get(`/projects/${id}/edit?lang=en`);
  assert.equal(page.statusCode, 200);
  // The form as the browser would send it: every field with its value, the start date changed.
  const fields: Record<string, string[]> = {};
  const add = (name: string, value: string) => {
    fields[name] = [...(fields[name] ?? []), value];
  };
  const form = page.body.match(/<form[^>]*method="post"[^>]*>([\s\S]*?)<\/form>/)![1]!;
  const decode = (v: string) =>
    v
      .replace(/&amp;/g, "&")
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">");
  for (const [tag] of form.matchAll(/<input\b[^>]*>/g)) {
    const name = tag.match(/name="([^"]+)"/)?.[1];
    if (!name || name === "_csrf") continue;
    if (/type="(checkbox|radio)"/.test(tag) && !/\schecked/.test(tag)) continue;
    add(name, decode(tag.match(/value="([^"]*)"/)?.[1] ?? ""));
  }
  for (const [, name, inner] of form.matchAll(/<select\b[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g))
    for (const [option] of inner!.matchAll(/<option\b[^>]*\sselected[^>]*>/g))
      add(name!, decode(option.match(/value="([^"]*)"/)?.[1] ?? ""));
  for (const [, name, text] of form.matchAll(/<textarea\b[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g))
    add(name!, decode(text!));
  fields.startDate = ["0000-01-01"];
  const res = await admin.post(`/projects/${id}?lang=en`, fields);
  assert.equal(res.statusCode, 422, res.body.slice(0, 500));
  assert.match(res.body, /The date must be between 1900-01-01 and 2200-12-31/);
  assert.equal(await auditCount(), before);
});
