import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { count } from "drizzle-orm";
import { PASSWORD, testAccount } from "../../../test/support/accounts.ts";
import { createTestApp, Session, type TestApp } from "../../../test/support/app.ts";
import { auditLog } from "../../platform/schema.ts";
import { bodies, bodyMembers, memberships, networks } from "./schema.ts";

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const json = async (url: string) => {
  const res = await t.app.inject({ url });
  assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
  return res.json();
};
const rowCounts = async () => {
  const db = t.database.db;
  const [[n], [m], [b], [bm], [a]] = await Promise.all([
    db.select({ n: count() }).from(networks),
    db.select({ n: count() }).from(memberships),
    db.select({ n: count() }).from(bodies),
    db.select({ n: count() }).from(bodyMembers),
    db.select({ n: count() }).from(auditLog),
  ]);
  return { networks: n!.n, memberships: m!.n, bodies: b!.n, bodyMembers: bm!.n, audit: a!.n };
};

describe("the demo networks", () => {
  test("four networks on real regions with all their municipalities", async () => {
    const list = await json("/api/v1/networks");
    assert.deepEqual(
      list.items.map((n: { slug: string; memberCount: number }) => [n.slug, n.memberCount]),
      [
        ["digi-more-og-romsdal", 28],
        ["digi-nordland", 41],
        ["digi-rogaland", 23],
        ["digi-trondelag", 38],
      ],
    );
    const bodiesOf = await json("/api/v1/networks/digi-rogaland/bodies");
    const kinds = bodiesOf.items.map((b: { kind: string }) => b.kind);
    for (const kind of ["steering_group", "working_committee", "resource_group", "secretariat", "subject_group"]) {
      assert.ok(kinds.includes(kind), kind);
    }
    const members = await json("/api/v1/networks/digi-more-og-romsdal/members?limit=100");
    assert.ok(
      members.items.some((m: { representedByName: string | null }) => m.representedByName === "Demo IKT Nordmøre og Romsdal"),
    );
    assert.ok(members.items.some((m: { organisationKind: string }) => m.organisationKind === "county_municipality"));
  });

  test("the network page shows members by county and as a list, bodies with members, contacts, and says the people are invented", async () => {
    const res = await t.app.inject({ url: "/n/digi-nordland?lang=en" });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<title>Digi Nordland – Digi Nordland<\/title>/);
    assert.match(res.body, /By county/);
    assert.match(res.body, /All memberships/);
    assert.match(res.body, /Steering group/);
    assert.match(res.body, /Contact persons/);
    assert.match(res.body, /invented demo data/);
    assert.match(res.body, /Observer/);
    assert.match(res.body, /@demo\.samverk\.example/, "contact persons' e-mail is public");
  });

  test("the network page costs the same number of queries for 23 members as for 41", async () => {
    const queries = async (url: string) => {
      const before = t.database.queries.count;
      assert.equal((await t.app.inject({ url })).statusCode, 200);
      return t.database.queries.count - before;
    };
    assert.equal(await queries("/n/digi-rogaland"), await queries("/n/digi-nordland"));
  });

  test("unknown networks answer 404 in the user's language", async () => {
    const res = await t.app.inject({ url: "/n/digi-atlantis?lang=nn" });
    assert.equal(res.statusCode, 404);
    assert.match(res.body, /Fann ikkje sida/);
    assert.equal((await t.app.inject({ url: "/api/v1/networks/digi-atlantis/members" })).statusCode, 404);
    assert.equal((await t.app.inject({ url: "/n/Bad%20Slug" })).statusCode, 400);
  });
});

describe("the secretariat's forms", () => {
  test("create a network, add members, a body and a body member, all through HTML forms", async () => {
    const s = await new Session(t.app).login();
    const [rogaland] = (await json("/api/v1/organisations?kind=county&q=Rogaland")).items;
    await s.get("/networks/new");
    const created = await s.post("/networks", {
      name: "Digi Test",
      shortName: "Digi Test",
      slug: "",
      description: "Eit testnettverk",
      hostOrganisationId: "",
      counties: rogaland.code,
    });
    assert.equal(created.statusCode, 303, created.body.slice(0, 400));
    assert.equal(created.headers.location, "/n/digi-test?saved=1");

    const form = await s.get("/n/digi-test/members/new");
    assert.match(form.body, /Eigersund/, "municipalities of the network's counties are offered");
    const [eigersund] = (await json("/api/v1/organisations?q=1101")).items;
    const [stavanger] = (await json("/api/v1/organisations?q=1103")).items;
    const added = await s.post("/n/digi-test/members", {
      organisationIds: [String(eigersund.id), String(stavanger.id)],
      otherOrganisationId: "",
      level: "observer",
      fromDate: "2026-01-01",
      toDate: "",
      representedById: "",
    });
    assert.equal(added.statusCode, 303, added.body.slice(0, 400));
    const members = await json("/api/v1/networks/digi-test/members");
    assert.equal(members.total, 2);
    assert.equal(members.items[0].level, "observer");

    await s.get("/n/digi-test/bodies/new");
    const body = await s.post("/n/digi-test/bodies", { kind: "steering_group", name: "Styringsgruppa", mandate: "Prioriterer." });
    assert.equal(body.statusCode, 303);
    const bodyUrl = (body.headers.location as string).replace("?saved=1", "");
    const person = await s.api("POST", "/api/v1/people", { name: "Test Leiar", organisationId: stavanger.id });
    await s.get(bodyUrl);
    const seat = await s.post(`${bodyUrl}/members`, {
      personId: String(person.json().id),
      organisationId: "",
      role: "leader",
      fromDate: "",
      toDate: "",
    });
    assert.equal(seat.statusCode, 303, seat.body.slice(0, 400));
    const page = await s.get(bodyUrl);
    assert.match(page.body, /Test Leiar/);
    assert.match(page.body, /Leder/);
    assert.match(page.body, /Stavanger/, "the person's own organisation is used when none is chosen");
  });

  test("a form with missing and malformed fields re-renders with the error summary and the input kept, and writes nothing", async () => {
    const s = await new Session(t.app).login();
    await s.get("/networks/new");
    const before = await rowCounts();
    const res = await s.post("/networks", {
      name: "",
      shortName: "Ugyldig",
      slug: "Not A Slug!",
      description: "Teksten skal bli ståande",
      counties: "99",
    });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /ds-error-summary/);
    for (const field of ["name", "slug"]) assert.ok(res.body.includes(`href="#field-${field}"`), field);
    assert.match(res.body, /Teksten skal bli ståande/);
    assert.match(res.body, /value="Not A Slug!"/);
    assert.deepEqual(await rowCounts(), before);

    const county = await s.post("/networks", { name: "Ukjent fylke", shortName: "Ukjent", counties: "99" });
    assert.equal(county.statusCode, 422);
    assert.ok(county.body.includes('href="#field-counties"'));
    assert.deepEqual(await rowCounts(), before);

    await s.get("/n/digi-rogaland/members/new");
    const dates = await s.post("/n/digi-rogaland/members", {
      organisationIds: [],
      level: "member",
      fromDate: "2026-13-45",
      toDate: "",
    });
    assert.equal(dates.statusCode, 422);
    assert.match(dates.body, /Velg minst én organisasjon/);
    assert.match(dates.body, /åååå-mm-dd/);
    assert.match(dates.body, /value="2026-13-45"/);
    assert.deepEqual(await rowCounts(), before);
  });

  test("a forged CSRF token is refused with 403 and nothing changes", async () => {
    const s = await new Session(t.app).login();
    const before = await rowCounts();
    const res = await s.post("/n/digi-rogaland/bodies", { kind: "other", name: "Forged" }, { csrf: "x" });
    assert.equal(res.statusCode, 403);
    assert.deepEqual(await rowCounts(), before);
  });

  test("a slug already in use is refused", async () => {
    const s = await new Session(t.app).login();
    await s.get("/networks/new");
    const res = await s.post("/networks", { name: "Kopi", shortName: "Kopi", slug: "digi-rogaland" });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /Et annet nettverk bruker allerede denne adressen/);
  });
});

describe("the networks API", () => {
  test("reads members and bodies in the list shape", async () => {
    const members = await json("/api/v1/networks/digi-trondelag/members?limit=5&offset=5");
    assert.equal(members.total, 38);
    assert.equal(members.items.length, 5);
    const bodiesOf = await json("/api/v1/networks/digi-trondelag/bodies");
    assert.ok(bodiesOf.items[0].members.length > 0);
  });

  test("the administrator writes through JSON; every write is audited", async () => {
    const s = await new Session(t.app).login();
    const before = await rowCounts();
    const created = await s.api("POST", "/api/v1/networks", { name: "Digi API", shortName: "Digi API", counties: ["46"] });
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.json().slug, "digi-api");
    const patched = await s.api("PATCH", "/api/v1/networks/digi-api", { description: "Endra" });
    assert.equal(patched.statusCode, 200);
    assert.equal(patched.json().description, "Endra");
    assert.deepEqual(patched.json().counties, ["46"]);
    const body = await s.api("POST", "/api/v1/networks/digi-api/bodies", { kind: "working_committee", name: "AU" });
    assert.equal(body.statusCode, 201);
    const removed = await s.api("DELETE", `/api/v1/networks/digi-api/bodies/${body.json().id}`);
    assert.equal(removed.statusCode, 204);
    const after = await rowCounts();
    assert.equal(after.networks, before.networks + 1);
    assert.equal(after.audit, before.audit + 4);
  });

  test("malformed JSON, the wrong content type and an oversized body get 400, 415 and 413 and change nothing", async () => {
    const s = await new Session(t.app).login();
    const before = await rowCounts();
    const malformed = await t.app.inject({
      method: "POST",
      url: "/api/v1/networks",
      headers: { cookie: s.cookies, "content-type": "application/json" },
      payload: '{"name": "broken",',
    });
    assert.equal(malformed.statusCode, 400);
    assert.equal(malformed.json().error.code, "malformed_body");
    const form = await t.app.inject({
      method: "POST",
      url: "/api/v1/networks",
      headers: { cookie: s.cookies, "content-type": "application/x-www-form-urlencoded" },
      payload: "name=x&shortName=x",
    });
    assert.equal(form.statusCode, 415);
    assert.equal(form.json().error.code, "unsupported_media_type");
    const text = await t.app.inject({
      method: "POST",
      url: "/api/v1/networks",
      headers: { cookie: s.cookies, "content-type": "text/plain" },
      payload: "hello",
    });
    assert.equal(text.statusCode, 415);
    const huge = await s.api("POST", "/api/v1/networks", { name: "x", shortName: "x", description: "x".repeat(400_000) });
    assert.equal(huge.statusCode, 413);
    assert.equal(huge.json().error.code, "payload_too_large");
    const invalid = await s.api("POST", "/api/v1/networks", { name: 42, shortName: "" });
    assert.equal(invalid.statusCode, 422);
    assert.deepEqual(await rowCounts(), before);
  });

  test("anonymous writes are refused with 401", async () => {
    const res = await t.app.inject({
      method: "DELETE",
      url: "/api/v1/networks/digi-rogaland/members/1",
    });
    assert.equal(res.statusCode, 401);
  });
});

describe("seats in bodies", () => {
  test("a seat's role, organisation and dates are changed by form and by API, with bad dates refused", async () => {
    const s = await new Session(t.app).login();
    const [body] = (await json("/api/v1/networks/digi-nordland/bodies")).items;
    const seat = body.members[2];
    const base = `/n/digi-nordland/bodies/${body.id}`;
    const form = await s.get(`${base}/members/${seat.id}/edit`);
    assert.equal(form.statusCode, 200);
    const before = await rowCounts();
    const bad = await s.post(`${base}/members/${seat.id}`, {
      role: "deputy",
      organisationId: "",
      fromDate: "2026-05-01",
      toDate: "2026-01-01",
    });
    assert.equal(bad.statusCode, 422);
    assert.ok(bad.body.includes("Til-datoen kan ikke være før fra-datoen"));
    assert.deepEqual(await rowCounts(), before);
    const ok = await s.post(`${base}/members/${seat.id}`, {
      role: "deputy",
      organisationId: "",
      fromDate: "2026-01-01",
      toDate: "",
    });
    assert.equal(ok.statusCode, 303);
    const after = (await json("/api/v1/networks/digi-nordland/bodies")).items[0].members.find(
      (m: { id: number }) => m.id === seat.id,
    );
    assert.equal(after.role, "deputy");
    assert.equal(after.fromDate, "2026-01-01");
    const patched = await s.api("PATCH", `/api/v1/networks/digi-nordland/bodies/${body.id}/members/${seat.id}`, {
      role: "secretary",
    });
    assert.equal(patched.statusCode, 200, patched.body);
    assert.equal(patched.json().members.find((m: { id: number }) => m.id === seat.id).role, "secretary");
    const other = (await json("/api/v1/networks/digi-rogaland/bodies")).items[0];
    const wrongBody = await s.api("PATCH", `/api/v1/networks/digi-nordland/bodies/${other.id}/members/${seat.id}`, {
      role: "leader",
    });
    assert.equal(wrongBody.statusCode, 404, "another network's body is not reachable through this network");
  });
});

test("the network list exports as CSV", async () => {
  const csv = await t.app.inject({ url: "/networks.csv?lang=en" });
  assert.equal(csv.statusCode, 200);
  const lines = csv.body
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\n");
  assert.equal(lines[0], "Name,Short name,Counties,Host municipality,Members,URL");
  assert.ok(lines.some((l) => l.startsWith("Digi Nordland,Digi Nordland,Nordland,Bodø,41,/n/digi-nordland")));
});

test("changing a network keeps its contact persons and what they are contact for", async () => {
  const s = await new Session(t.app).login();
  const before = await json("/api/v1/networks/digi-nordland");
  assert.equal(before.contacts[0].role, "sekretariat");
  const res = await s.api("PATCH", "/api/v1/networks/digi-nordland", { description: "Ny skildring" });
  assert.equal(res.statusCode, 200, res.body);
  assert.deepEqual(res.json().contacts, before.contacts);
});

describe("issue 20: what a secretariat may name for its own members and seats", () => {
  type Member = { id: number; organisationId: number; organisationName: string; representedById: number | null };
  const membersOf = async (slug: string): Promise<Member[]> => (await json(`/api/v1/networks/${slug}/members?limit=100`)).items;
  const secretariat = async (slug: string, email: string) => {
    const network = (await t.app.services.networks.bySlug(slug))!;
    await testAccount(t.app, t.database.db, email, { networkId: network.id, role: "secretariat" });
    return new Session(t.app).login(email, PASSWORD);
  };

  test("a municipality is represented only by an IT cooperation it is a member of, by form and by API", async () => {
    const s = await secretariat("digi-rogaland", "sek-representant@rogaland.example");
    const salten = (await json("/api/v1/organisations?q=Salten")).items.find(
      (o: { kind: string }) => o.kind === "it_cooperation",
    );
    assert.ok(salten, "Nordland's demo IT cooperation");
    const member = (await membersOf("digi-rogaland")).find((m) => m.representedById === null)!;
    const before = await rowCounts();
    await s.get(`/n/digi-rogaland/members/${member.id}/edit`);
    const form = await s.post(`/n/digi-rogaland/members/${member.id}?lang=en`, {
      level: "member",
      representedById: String(salten.id),
      fromDate: "",
      toDate: "",
    });
    assert.equal(form.statusCode, 422);
    assert.ok(form.body.includes('href="#field-representedById"'));
    assert.ok(form.body.includes(`${salten.name} does not represent ${member.organisationName}`), form.body.slice(0, 2000));
    const api = await s.api("PATCH", `/api/v1/networks/digi-rogaland/members/${member.id}?lang=nn`, {
      representedById: salten.id,
    });
    assert.equal(api.statusCode, 422);
    assert.equal(api.json().error.fields[0].field, "representedById");
    assert.match(api.json().error.fields[0].message, /representerer ikkje/);
    assert.deepEqual(await rowCounts(), before);
    assert.equal((await membersOf("digi-rogaland")).find((m) => m.id === member.id)!.representedById, null);

    // A member of its own IT cooperation: the representative may be removed and chosen again, and
    // the level changed alone while it stays.
    const sm = await secretariat("digi-more-og-romsdal", "sek-representant@mr.example");
    const represented = (await membersOf("digi-more-og-romsdal")).find((m) => m.representedById !== null)!;
    const path = `/api/v1/networks/digi-more-og-romsdal/members/${represented.id}`;
    assert.equal((await sm.api("PATCH", path, { level: "observer" })).statusCode, 200);
    assert.equal((await sm.api("PATCH", path, { representedById: null })).statusCode, 200);
    const again = await sm.api("PATCH", path, { representedById: represented.representedById });
    assert.equal(again.statusCode, 200, again.body);
    assert.equal(again.json().representedById, represented.representedById);
  });

  test("a seated person's own organisation is not moved to another network's member, so the secretariat keeps editing them", async () => {
    const s = await secretariat("digi-rogaland", "sek-person@rogaland.example");
    const nordland = (await t.app.services.networks.bySlug("digi-nordland"))!;
    const [outsider] = await t.app.services.access.repo.memberOrganisations(nordland.id);
    const [own] = await membersOf("digi-rogaland");
    const [body] = (await json("/api/v1/networks/digi-rogaland/bodies")).items;
    const person = await s.api("POST", "/api/v1/people", { name: "Sitjande i Rogaland", organisationId: own!.organisationId });
    assert.equal(person.statusCode, 201, person.body);
    const id = person.json().id;
    const seated = await s.api("POST", `/api/v1/networks/digi-rogaland/bodies/${body.id}/members`, {
      personId: id,
      role: "member",
    });
    assert.equal(seated.statusCode, 201, seated.body);
    await s.get(`/people/${id}/edit`);
    const form = await s.post(`/people/${id}?lang=en`, { name: "Sitjande i Rogaland", organisationId: String(outsider!.id) });
    assert.equal(form.statusCode, 422);
    assert.match(form.body, /member of a network you do not run/);
    const api = await s.api("PATCH", `/api/v1/people/${id}`, { organisationId: outsider!.id });
    assert.equal(api.statusCode, 422);
    assert.equal(api.json().error.fields[0].field, "organisationId");
    const still = await s.api("PATCH", `/api/v1/people/${id}`, { title: "Rådgjevar" });
    assert.equal(still.statusCode, 200, "the secretariat still edits the person");
  });

  test("a seat's organisation is refused when it is another network's member, by form and by API", async () => {
    const s = await secretariat("digi-rogaland", "sek-sete@rogaland.example");
    const nordland = (await t.app.services.networks.bySlug("digi-nordland"))!;
    const [outsider] = await t.app.services.access.repo.memberOrganisations(nordland.id);
    const [own] = await membersOf("digi-rogaland");
    const [body] = (await json("/api/v1/networks/digi-rogaland/bodies")).items;
    const seat = body.members[0];
    const base = `/n/digi-rogaland/bodies/${body.id}`;
    const before = await rowCounts();
    await s.get(`${base}/members/${seat.id}/edit`);
    const form = await s.post(`${base}/members/${seat.id}?lang=en`, {
      role: seat.role,
      organisationId: String(outsider!.id),
      fromDate: "",
      toDate: "",
    });
    assert.equal(form.statusCode, 422);
    assert.ok(form.body.includes('href="#field-organisationId"'));
    assert.match(form.body, /member of a network you do not run/);
    const api = await s.api("PATCH", `/api/v1/networks/digi-rogaland/bodies/${body.id}/members/${seat.id}`, {
      organisationId: outsider!.id,
    });
    assert.equal(api.statusCode, 422);
    assert.equal(api.json().error.fields[0].field, "organisationId");
    const person = await s.api("POST", "/api/v1/people", { name: "Ny i utvalet" });
    const added = await s.api("POST", `/api/v1/networks/digi-rogaland/bodies/${body.id}/members`, {
      personId: person.json().id,
      organisationId: outsider!.id,
      role: "member",
    });
    assert.equal(added.statusCode, 422, "nor may a new seat name it");
    const after = await rowCounts();
    assert.equal(after.bodyMembers, before.bodyMembers);
    const current = (await json("/api/v1/networks/digi-rogaland/bodies")).items[0].members.find(
      (m: { id: number }) => m.id === seat.id,
    );
    assert.equal(current.organisationId, seat.organisationId);

    // Its own network's member is fine, and so is the administrator's choice.
    const mine = await s.api("PATCH", `/api/v1/networks/digi-rogaland/bodies/${body.id}/members/${seat.id}`, {
      organisationId: own!.organisationId,
    });
    assert.equal(mine.statusCode, 200, mine.body);
    const admin = await new Session(t.app).login();
    const byAdmin = await admin.api("PATCH", `/api/v1/networks/digi-rogaland/bodies/${body.id}/members/${seat.id}`, {
      organisationId: outsider!.id,
    });
    assert.equal(byAdmin.statusCode, 200, byAdmin.body);
    // The secretariat can still edit the seat, and undo the choice.
    const undo = await s.api("PATCH", `/api/v1/networks/digi-rogaland/bodies/${body.id}/members/${seat.id}`, {
      role: seat.role,
      organisationId: own!.organisationId,
    });
    assert.equal(undo.statusCode, 200, undo.body);
  });
});
