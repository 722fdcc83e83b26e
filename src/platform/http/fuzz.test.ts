import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import fc from "fast-check";
import type { LightMyRequestResponse } from "fastify";
import { createTestApp, Session, type TestApp } from "../../../test/support/app.ts";

/**
 * Property-based fuzzing (issue 20, decision 0020): every operation of the OpenAPI document the app
 * serves, and every page form, gets requests that are valid in shape and invalid in every way the
 * schema allows (extreme dates and numbers, very long strings, unusual Unicode with lone surrogates
 * and NUL, wrong types, missing and extra fields), as an anonymous visitor and as a signed-in
 * administrator (who has every right). Not one answer may be a 500: bad input is the sender's
 * error, never the server's. The seed is fixed and printed; SAMVERK_FUZZ_SEED and SAMVERK_FUZZ_RUNS
 * (cases per operation and role) run other and more cases. A case that fails is printed whole and
 * becomes a named regression test in input-domain.test.ts.
 */

const SEED = Number(process.env.SAMVERK_FUZZ_SEED ?? 20_2026);
const RUNS = Number(process.env.SAMVERK_FUZZ_RUNS ?? 3);
// Printed so a failing run can be repeated exactly.
console.log(`fuzz: seed ${SEED}, ${RUNS} cases per operation and role (SAMVERK_FUZZ_SEED, SAMVERK_FUZZ_RUNS)`);

type Schema = {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
};

// Values that have broken servers: each is tried in every place, whatever the schema says.

const LONG = "x".repeat(70_000);
const oddStrings = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "x\udfffy",
  "\ud83d",
  "👍🏽👩‍👩‍👧",
  "\u202eevil",
  "e\u0301\u0301\u0301",
  "\ufeff",
  "'; drop table users; --",
  "<script>alert(1)</script>",
  "%00",
  "../../etc/passwd",
  "=cmd|' /C calc'!A0",
  "null",
  "NaN",
  "-0",
  "1e309",
  "0x10",
  " 42 ",
  "٣",
  "abc",
  LONG,
];
const oddDates = [
  "0000-01-01",
  "0001-01-01",
  "1899-12-31",
  "1900-01-01",
  "2200-12-31",
  "2201-01-01",
  "9999-12-31",
  "2026-02-30",
  "2026-13-01",
  "2026-1-1",
  "01.03.2027",
  "0000-01-01T00:00:00Z",
  "9999-12-31T23:59:59-23:59",
  "2026-03-01T10:00:00+01:00",
];
const oddNumbers = [0, -1, 1, 1.5, -0.5, 2 ** 31 - 1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 1, 1e308, -1e308, Number.MIN_VALUE];
const oddValues: unknown[] = [null, true, false, [], {}, [null], { a: 1 }, ["1", "2"], ...oddNumbers];
const odd = fc.constantFrom<unknown>(...oddStrings, ...oddDates, ...oddValues);

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const anyDate = fc
  .date({ min: new Date("0000-01-01T00:00:00Z"), max: new Date("9999-12-31T00:00:00Z"), noInvalidDate: true })
  .filter((d) => d.getUTCFullYear() >= 0 && d.getUTCFullYear() <= 9999);

/** Text as people (and forgers) type it: any Unicode, including lone surrogates. */
const text = (max: number) =>
  fc.oneof(
    fc.string({ maxLength: Math.min(max, 40) }),
    fc.string({ unit: "grapheme", maxLength: Math.min(max, 40) }),
    fc.string({ unit: "binary", maxLength: 20 }),
    fc.nat({ max: 3 }).map((extra) => "y".repeat(Math.max(0, max - 1 + extra))),
  );

/** A value in the schema's shape (within or just outside its bounds), or one of the odd values. */
function valueFor(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 4, arbitrary: shaped(schema ?? {}, depth) }, { weight: 1, arbitrary: odd });
}

function shaped(schema: Schema, depth: number): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  const options = schema.anyOf ?? schema.oneOf ?? schema.allOf;
  if (options?.length) return fc.oneof(...options.map((s) => shaped(s, depth)));
  const type = Array.isArray(schema.type) ? (schema.type.find((t) => t !== "null") ?? "null") : schema.type;
  switch (type) {
    case "string":
      if (schema.format === "date") return fc.oneof(anyDate.map(isoDay), fc.constantFrom(...oddDates));
      if (schema.format === "date-time")
        return fc.oneof(
          anyDate.map((d) => d.toISOString()),
          fc.constantFrom(...oddDates),
        );
      if (schema.format === "email") return fc.oneof(fc.emailAddress(), text(300));
      if (schema.format === "uri") return fc.oneof(fc.webUrl(), text(600));
      return text(schema.maxLength ?? 200);
    case "integer": {
      const low = schema.minimum ?? schema.exclusiveMinimum ?? -(2 ** 31);
      const high = schema.maximum ?? schema.exclusiveMaximum ?? 2 ** 31;
      return fc.oneof(
        fc.integer({ min: Math.max(low, -1_000_000), max: Math.min(high, 1_000_000) }),
        fc.constantFrom(low - 1, low, high, high + 1, 2 ** 31, -(2 ** 53)),
      );
    }
    case "number":
      return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer());
    case "boolean":
      return fc.oneof(fc.boolean(), fc.constantFrom("true", "on", "1", 0));
    case "null":
      return fc.constant(null);
    case "array":
      return depth > 3 ? fc.constant([]) : fc.array(valueFor(schema.items, depth + 1), { maxLength: 4 });
    case "object":
      return depth > 3 ? fc.constant({}) : objectFor(schema, depth + 1);
    default:
      return odd;
  }
}

/**
 * A value the schema accepts, at its edges where it has them (the longest text, the first and last
 * date of the domain, the largest number): bad input is caught by the schema, so values it lets
 * through are what must also fit the database.
 */
function validFor(schema: Schema, depth = 0): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  const options = schema.anyOf ?? schema.oneOf ?? schema.allOf;
  if (options?.length) return fc.oneof(...options.map((o) => validFor(o, depth)));
  const type = Array.isArray(schema.type) ? (schema.type.find((t) => t !== "null") ?? "null") : schema.type;
  const max = schema.maxLength ?? 200;
  switch (type) {
    case "string":
      if (schema.format === "date")
        return fc.oneof(
          fc.constantFrom("1900-01-01", "2200-12-31"),
          fc.date({ min: new Date("1900-01-01"), max: new Date("2200-12-31"), noInvalidDate: true }).map(isoDay),
        );
      if (schema.format === "date-time") return fc.constantFrom("1900-01-01T00:00:00Z", "2200-12-31T23:00:00+01:00");
      if (schema.format === "email") return fc.emailAddress().filter((e) => e.length <= max);
      if (schema.pattern)
        return fc
          .stringMatching(new RegExp(schema.pattern))
          .filter((v) => v.length <= max && v.length >= (schema.minLength ?? 0));
      return fc.oneof(
        fc.string({ unit: "grapheme", minLength: Math.max(1, schema.minLength ?? 1), maxLength: Math.min(max, 30) }),
        fc.constantFrom(
          "x".repeat(max),
          "æ".repeat(max),
          "👍".repeat(Math.floor(max / 2)),
          `${"a ".repeat(Math.floor(max / 2))}`.trim(),
        ),
      );
    case "integer": {
      const low = Math.max(schema.minimum ?? (schema.exclusiveMinimum ?? -(2 ** 31)) + 1, -(2 ** 31) + 1);
      const high = Math.min(schema.maximum ?? (schema.exclusiveMaximum ?? 2 ** 31) - 1, 2 ** 31 - 1);
      return fc.oneof(fc.integer({ min: low, max: high }), fc.constantFrom(low, high));
    }
    case "number": {
      const low = schema.minimum ?? -1e9;
      const high = schema.maximum ?? 1e9;
      return fc.oneof(fc.double({ min: low, max: high, noNaN: true, noDefaultInfinity: true }), fc.constantFrom(low, high));
    }
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array":
      return depth > 3 || !schema.items
        ? fc.constant([])
        : fc.array(validFor(schema.items, depth + 1), {
            minLength: schema.minItems ?? 0,
            maxLength: Math.min(schema.maxItems ?? 3, 3),
          });
    case "object": {
      if (depth > 3) return fc.constant({});
      const required = new Set(schema.required ?? []);
      const fields = Object.entries(schema.properties ?? {}).map(([name, p]) =>
        required.has(name)
          ? validFor(p, depth + 1).map((v) => [name, v] as const)
          : fc.option(validFor(p, depth + 1).map((v) => [name, v] as const)),
      );
      return fc.tuple(...fields).map((entries) => Object.fromEntries(entries.filter((e) => e !== null)));
    }
    default:
      return fc.constant("x");
  }
}

/** An object with each property present or missing, and now and then a field the schema does not name. */
function objectFor(schema: Schema, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const props = Object.entries(schema.properties ?? {});
  const fields = props.map(([name, s]) =>
    fc.option(
      valueFor(s, depth).map((v) => [name, v] as const),
      { freq: 5 },
    ),
  );
  return fc
    .tuple(fc.tuple(...fields), fc.option(fc.tuple(fc.constantFrom("extra", "__proto__", "id", "\ud800"), odd), { freq: 4 }))
    .map(([present, extra]) => {
      const out: Record<string, unknown> = {};
      for (const entry of present) if (entry) out[entry[0]] = entry[1];
      if (extra) Object.defineProperty(out, extra[0], { value: extra[1], enumerable: true });
      return out;
    });
}

/** A query or form value: text as a URL carries it, arrays as repeated fields. */
const asParam = (v: unknown): string | string[] =>
  Array.isArray(v) ? v.map((x) => String(x)) : v !== null && typeof v === "object" ? JSON.stringify(v) : String(v);

function encode(fields: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(fields))
    for (const item of [asParam(v)].flat()) parts.push(`${encodeAny(k)}=${encodeAny(item)}`);
  return parts.join("&");
}
/** encodeURIComponent refuses a lone surrogate; a forger sends its bytes anyway. */
function encodeAny(s: string): string {
  return s.isWellFormed()
    ? encodeURIComponent(s)
    : [...s].map((ch) => (ch.isWellFormed() ? encodeURIComponent(ch) : "%ED%A0%80")).join("");
}

// The app, its document and who sends

let t: TestApp;
let admin: Session;
let anonymous: Session;
let document: { paths: Record<string, Record<string, Operation>> };
const slugs: string[] = [];

interface Operation {
  operationId: string;
  parameters?: { name: string; in: "path" | "query"; required: boolean; schema: Schema }[];
  requestBody?: { content: { "application/json": { schema: Schema } } };
}

before(async () => {
  t = await createTestApp({ env: { SAMVERK_API_RATE_PER_MINUTE: "1000000" } });
  admin = await new Session(t.app).login();
  anonymous = new Session(t.app);
  await anonymous.get("/login");
  document = (await t.app.inject({ url: "/api/openapi.json" })).json();
  const networks = (await t.app.inject({ url: "/api/v1/networks" })).json();
  for (const n of Array.isArray(networks) ? networks : networks.items) slugs.push(n.slug);
});
after(() => t?.close());

/** A path parameter: mostly a record that exists (so the handler is reached), sometimes anything. */
function pathValue(name: string, schema: Schema, known: string[] = []): fc.Arbitrary<string> {
  const real = known.length
    ? fc.constantFrom(...known)
    : name === "slug"
      ? fc.constantFrom(...slugs)
      : fc.integer({ min: 1, max: 6 }).map(String);
  return fc.oneof({ weight: 6, arbitrary: real }, { weight: 1, arbitrary: valueFor(schema).map((v) => String(asParam(v))) });
}

/**
 * Ids that exist for each parameter of an API path, read from the list the API answers at the path
 * up to that parameter (/consultations/{id}/inputs/{inputId}: the consultations, then the first
 * one's inputs); empty where there is no such list.
 */
const listed = new Map<string, string[]>();
async function knownValues(path: string, names: string[]): Promise<string[][]> {
  const out: string[][] = [];
  let prefix = path;
  for (const name of names) {
    const [before] = prefix.split(`{${name}}`);
    const collection = before!.replace(/\/$/, "");
    if (!listed.has(collection)) {
      const res = /\{/.test(collection) ? null : await admin.api("GET", collection);
      const body = res?.statusCode === 200 ? res.json() : null;
      const items: Record<string, unknown>[] = Array.isArray(body) ? body : Array.isArray(body?.items) ? body.items : [];
      const field = name === "slug" ? "slug" : name === "key" ? "key" : "id";
      listed.set(
        collection,
        items
          .map((item) => item[field] ?? item.id)
          .filter((v) => v !== undefined && v !== null)
          .slice(0, 5)
          .map(String),
      );
    }
    const values = listed.get(collection)!;
    out.push(values);
    prefix = prefix.replace(`{${name}}`, values[0] ?? "1");
  }
  return out;
}

interface Case {
  method: string;
  url: string;
  body?: unknown;
  form?: string;
}

const failures: string[] = [];
/** Answers by status, printed after each test: how many cases got through to do their work. */
let statuses: Record<number, number> = {};
const tally = () => {
  const out = Object.entries(statuses)
    .map(([status, n]) => `${status}: ${n}`)
    .join(", ");
  statuses = {};
  return out;
};
function check(role: string, c: Case, res: LightMyRequestResponse) {
  statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
  if (res.statusCode < 500) return;
  const body = c.body === undefined ? (c.form ?? "") : JSON.stringify(c.body);
  failures.push(`${role} ${c.method} ${c.url.slice(0, 300)} ${body.slice(0, 500)} → ${res.statusCode} ${res.body.slice(0, 300)}`);
}

/** Runs a property over one operation; a failure is collected (with its seed and path) so every operation is tried. */
async function fuzz(arbitrary: fc.Arbitrary<Case>, send: (c: Case) => Promise<void>) {
  await fc.assert(
    fc.asyncProperty(arbitrary, async (c) => {
      await send(c);
    }),
    { seed: SEED, numRuns: RUNS, endOnFailure: true },
  );
}

function operationCase(path: string, method: string, op: Operation, known: string[][]): fc.Arbitrary<Case> {
  const params = op.parameters ?? [];
  const pathParams = params.filter((p) => p.in === "path");
  const queryParams = params.filter((p) => p.in === "query");
  const bodySchema = op.requestBody?.content["application/json"].schema;
  const querySchema: Schema = {
    type: "object",
    properties: Object.fromEntries(queryParams.map((p) => [p.name, p.schema])),
    required: queryParams.filter((p) => p.required).map((p) => p.name),
  };
  return fc
    .record({
      path: fc.tuple(...pathParams.map((p, i) => pathValue(p.name, p.schema, known[i]))),
      query: fc.oneof(objectFor(querySchema), validFor(querySchema) as fc.Arbitrary<Record<string, unknown>>),
      body: bodySchema
        ? fc.oneof(
            { weight: 5, arbitrary: valueFor(bodySchema) },
            { weight: 4, arbitrary: validFor(bodySchema) },
            { weight: 1, arbitrary: fc.constant(undefined) },
          )
        : fc.constant(undefined),
    })
    .map(({ path: values, query, body }) => {
      let url = path;
      pathParams.forEach((p, i) => {
        url = url.replace(`{${p.name}}`, encodeAny(values[i]!));
      });
      const q = encode(query);
      return { method: method.toUpperCase(), url: q ? `${url}?${q}` : url, body };
    });
}

async function sendApi(session: Session, role: string, c: Case) {
  const res = await t.app.inject({
    method: c.method as "GET",
    url: c.url,
    headers: { cookie: session.cookies, ...(c.method !== "GET" ? { "content-type": "application/json" } : {}) },
    ...(c.body !== undefined ? { payload: JSON.stringify(c.body) } : {}),
  });
  check(role, c, res);
}

test("every API operation of the OpenAPI document: no bad input gives a 500, anonymous or signed in", async () => {
  // Deletions last: a record deleted early would leave every later case on it a 404.
  const operations = Object.entries(document.paths)
    .flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })))
    .sort((a, b) => Number(a.method === "delete") - Number(b.method === "delete"));
  assert.ok(operations.length > 100, `only ${operations.length} operations in the document`);
  let sent = 0;
  for (const { path, method, op } of operations) {
    const known = await knownValues(
      path,
      (op.parameters ?? []).filter((p) => p.in === "path").map((p) => p.name),
    );
    for (const [role, session] of [
      ["anonymous", anonymous],
      ["admin", admin],
    ] as const) {
      await fuzz(operationCase(path, method, op, known), async (c) => {
        sent++;
        await sendApi(session, role, c);
      });
    }
  }
  console.log(`fuzz: ${sent} API requests over ${operations.length} operations (${tally()})`);
  assert.equal((await admin.get("/account/sessions")).statusCode, 200, "the administrator stayed signed in throughout");
  assert.deepEqual(failures.splice(0), []);
});

// Page forms

/** Every form's field names and the shape each takes, from the schemas the services validate with. */
async function formFieldSchemas(): Promise<Map<string, Schema[]>> {
  const { z } = await import("zod");
  const fields = new Map<string, Schema[]>();
  const modules = [
    "../../modules/networks/networks.service.ts",
    "../../modules/projects/projects.service.ts",
    "../../modules/consultations/consultations.service.ts",
    "../../modules/consultations/opening/opening.service.ts",
    "../../modules/consultations/questions/questions.service.ts",
    "../../modules/consultations/reviews/reviews.service.ts",
    "../../modules/consultations/inputs/inputs.service.ts",
    "../../modules/consultations/handling/handling.service.ts",
    "../../modules/solutions/solutions.service.ts",
    "../../modules/solutions/publiccode/publiccode.service.ts",
    "../../modules/solutions/users/users.service.ts",
    "../../modules/solutions/projects/projects.service.ts",
    "../../modules/strategies/strategies.service.ts",
    "../../modules/strategies/ambitions/ambitions.service.ts",
    "../../modules/roadmap/roadmap.service.ts",
    "../../modules/roadmap/adoption/adoption.service.ts",
    "../../modules/needs/needs.service.ts",
    "../../modules/needs/assessment/assessment.service.ts",
    "../../modules/decisions/meetings/meetings.service.ts",
    "../../modules/decisions/priorities/priorities.service.ts",
    "../../modules/directory/directory.service.ts",
  ];
  for (const path of modules) {
    const mod = (await import(path)) as Record<string, unknown>;
    for (const value of Object.values(mod)) {
      if (!(value instanceof z.ZodType)) continue;
      let json: Schema;
      try {
        json = z.toJSONSchema(value, { io: "input", unrepresentable: "any" }) as Schema;
      } catch {
        continue;
      }
      for (const [name, s] of Object.entries(json.properties ?? {})) fields.set(name, [...(fields.get(name) ?? []), s]);
    }
  }
  return fields;
}

/**
 * The fields of the form that posts to a route, as the page that draws it names them: the route's
 * own address (a form that posts back), its "/edit" or "/new" page, or the page above it.
 */
async function formFieldsOf(route: string): Promise<string[]> {
  const url = route.replace(/:slug/g, slugs[0]!).replace(/:\w+/g, "1");
  const parent = url.replace(/\/[^/]+$/, "");
  const names = new Set<string>();
  for (const page of new Set([url, `${url}/edit`, `${parent}/new`, `${parent}/edit`, parent || "/"])) {
    const res = await admin.get(page);
    if (res.statusCode !== 200 || !String(res.headers["content-type"]).startsWith("text/html")) continue;
    for (const [, attributes, inner] of res.body.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
      const action =
        attributes!
          .match(/action="([^"]*)"/)?.[1]
          ?.replace(/&amp;/g, "&")
          .split("?")[0] ?? page;
      if (action !== url) continue;
      for (const [, name] of inner!.matchAll(/name="([^"]+)"/g)) if (name !== "_csrf") names.add(name!);
    }
  }
  return [...names];
}

/** Forms that end the signed-in session (or the account) would leave the rest of the run anonymous. */
const SIGNS_OUT = /^\/(login|logout|account\/(delete|sessions|email)|invitation\/)/;

/** Every page route that takes a form post, from the reviewed route table. */
function formRoutes(): string[] {
  const table = readFileSync(new URL("../access/route-policies.txt", import.meta.url), "utf8");
  return table
    .split("\n")
    .map((line) => line.match(/^POST (\/\S*)/)?.[1])
    .filter((path): path is string => !!path && !path.startsWith("/api/") && !SIGNS_OUT.test(path));
}

test("every page form: no bad input gives a 500, through the forms' own schemas", async () => {
  const schemas = await formFieldSchemas();
  const names = [...schemas.keys()];
  assert.ok(names.length > 50, `only ${names.length} form fields found`);
  listed.clear(); // the API's cases deleted some records: read the lists again
  // Deletions last, as for the API.
  const removes = (route: string) => Number(/\/(delete|withdraw|remove|revoke|leave)$/.test(route));
  const routes = formRoutes().sort((a, b) => removes(a) - removes(b));
  assert.ok(routes.length > 100, `only ${routes.length} form routes found`);
  const fieldValue = (name: string) => {
    const known = schemas.get(name.replace(/_\d+$/, ""));
    return known ? fc.oneof(...known.flatMap((s) => [valueFor(s), validFor(s)])) : valueFor({ type: "string", maxLength: 2000 });
  };
  const anyField = fc.constantFrom(...names).chain((name) => fieldValue(name).map((v) => [name, v] as const));
  let sent = 0;
  let withOwnFields = 0;
  for (const route of routes) {
    const params = [...route.matchAll(/:(\w+)/g)].map((m) => m[1]!);
    // Ids that exist, from the API's list at the same place (/n/:slug/bodies/:id → /api/v1/networks/{slug}/bodies).
    const known = await knownValues(`/api/v1${route.replace(/^\/n\//, "/networks/").replace(/:(\w+)/g, "{$1}")}`, params);
    // The route's own form's fields, as its page draws them; then now and then any other form's field.
    const own = await formFieldsOf(route);
    if (own.length) withOwnFields++;
    const ownFields = fc.tuple(
      ...own.map((name) =>
        fc.option(
          fieldValue(name).map((v) => [name, v] as const),
          { freq: 5 },
        ),
      ),
    );
    const arbitrary = fc
      .record({
        path: fc.tuple(...params.map((p, i) => pathValue(p, { type: "integer" }, known[i]))),
        fields: fc
          .tuple(ownFields, fc.array(anyField, { maxLength: own.length ? 2 : 10 }))
          .map(([mine, other]) => [...mine.filter((f) => f !== null), ...other]),
      })
      .map(({ path, fields }): Case => {
        let url = route;
        params.forEach((p, i) => {
          url = url.replace(`:${p}`, encodeAny(path[i]!));
        });
        return { method: "POST", url, form: encode(Object.fromEntries(fields)) };
      });
    for (const [role, session] of [
      ["anonymous", anonymous],
      ["admin", admin],
    ] as const) {
      await fuzz(arbitrary, async (c) => {
        sent++;
        const res = await t.app.inject({
          method: "POST",
          url: c.url,
          headers: { cookie: session.cookies, "content-type": "application/x-www-form-urlencoded" },
          payload: `${c.form ? `${c.form}&` : ""}_csrf=${encodeURIComponent(session.token)}`,
        });
        check(role, c, res);
      });
    }
  }
  console.log(
    `fuzz: ${sent} form posts over ${routes.length} form routes, ${withOwnFields} with their form's own fields (${tally()})`,
  );
  assert.equal((await admin.get("/account/sessions")).statusCode, 200, "the administrator stayed signed in throughout");
  assert.deepEqual(failures.splice(0), []);
});
