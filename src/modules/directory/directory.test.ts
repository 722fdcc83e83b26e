import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { count, eq } from "drizzle-orm";
import { createTestApp, Session, type TestApp } from "../../../test/support/app.ts";
import { auditLog } from "../../platform/schema.ts";
import { organisations } from "./schema.ts";

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

describe("the organisation API", () => {
  test("knows every municipality and county", async () => {
    assert.equal((await json("/api/v1/organisations?kind=municipality")).total, 357);
    assert.equal((await json("/api/v1/organisations?kind=county")).total, 15);
    // Every county but Oslo has its county municipality.
    assert.equal((await json("/api/v1/organisations?kind=county_municipality")).total, 14);
  });

  test("filters by county and network, searches by name, pages and sorts", async () => {
    const rogaland = await json("/api/v1/organisations?kind=municipality&county=11&limit=5");
    assert.equal(rogaland.total, 23);
    assert.equal(rogaland.items.length, 5);
    assert.ok(rogaland.items.every((o: { countyCode: string }) => o.countyCode === "11"));
    const members = await json("/api/v1/organisations?network=digi-more-og-romsdal&limit=100");
    assert.equal(members.total, 28, "27 municipalities and the county municipality");
    const search = await json("/api/v1/organisations?q=kautokeino");
    assert.equal(search.items[0].name, "Guovdageaidnu - Kautokeino");
    const byPopulation = await json("/api/v1/organisations?kind=municipality&sort=-population&limit=1");
    assert.equal(byPopulation.items[0].name, "Oslo - Oslove");
    const page2 = await json("/api/v1/organisations?kind=municipality&limit=10&offset=10");
    const page1 = await json("/api/v1/organisations?kind=municipality&limit=20");
    assert.deepEqual(
      page2.items.map((o: { id: number }) => o.id),
      page1.items.slice(10).map((o: { id: number }) => o.id),
    );
  });

  test("sorts Norwegian names in Norwegian order", async () => {
    const list = await json("/api/v1/organisations?kind=municipality&sort=-name&limit=3");
    assert.deepEqual(
      list.items.map((o: { nameNorwegian: string }) => o.nameNorwegian[0]),
      ["Å", "Å", "Å"],
      "Å comes last in Norwegian",
    );
  });

  test("rejects bad query values with the error shape in the user's language", async () => {
    const res = await t.app.inject({ url: "/api/v1/organisations?kind=planet&limit=0", headers: { "accept-language": "en" } });
    assert.equal(res.statusCode, 400);
    const body = res.json();
    assert.equal(body.error.code, "bad_request");
    assert.deepEqual(
      body.error.fields.map((f: { field: string }) => f.field),
      ["kind", "limit"],
    );
    const nn = await t.app.inject({ url: "/api/v1/organisations/999999?lang=nn" });
    assert.equal(nn.statusCode, 404);
    assert.equal(nn.json().error.message, "Fann ikkje sida");
    assert.equal((await t.app.inject({ url: "/api/v1/organisations/abc" })).statusCode, 400);
  });

  test("a municipality answers with its networks", async () => {
    const [molde] = (await json("/api/v1/organisations?q=1506")).items;
    const detail = await json(`/api/v1/organisations/${molde.id}`);
    assert.equal(detail.code, "1506");
    assert.equal(detail.memberships[0].networkSlug, "digi-more-og-romsdal");
    assert.ok(detail.memberships[0].representedById, "Molde reports through an IT cooperation in the demo");
  });
});

describe("the organisation pages", () => {
  test("a municipality's page shows names, county, målform, population, area, web site and networks", async () => {
    const [kautokeino] = (await json("/api/v1/organisations?q=5612")).items;
    const res = await t.app.inject({ url: `/organisations/${kautokeino.id}?lang=en` });
    assert.equal(res.statusCode, 200);
    for (const text of [
      "Guovdageaidnu - Kautokeino",
      "Finnmark",
      "Bokmål",
      "2,848",
      "9,707.35 km²",
      "www.kautokeino.kommune.no",
      "5612",
    ]) {
      assert.ok(res.body.includes(text), `missing ${text}`);
    }
    const [aukra] = (await json("/api/v1/organisations?q=1547")).items;
    const page = await t.app.inject({ url: `/organisations/${aukra.id}` });
    assert.match(page.body, /Digi Møre og Romsdal/);
    assert.match(page.body, /Demo IKT Nordmøre og Romsdal/);
    assert.match(page.body, /Medlem/);
  });

  test("the list filters, sorts, pages and exports exactly what it shows as CSV", async () => {
    const res = await t.app.inject({ url: "/organisations?kind=municipality&county=15&sort=-population" });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Viser 1–27 av 27/);
    assert.ok(res.body.indexOf("Ålesund") < res.body.indexOf("Molde"), "sorted by population, largest first");
    assert.match(res.body, /href="\/organisations.csv\?kind=municipality&amp;county=15&amp;sort=-population"/);
    const csv = await t.app.inject({ url: "/organisations.csv?kind=municipality&county=15&sort=-population&lang=en" });
    assert.equal(csv.statusCode, 200);
    assert.match(csv.headers["content-type"] as string, /text\/csv/);
    const lines = csv.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\n");
    assert.equal(lines.length, 28);
    assert.equal(lines[0], "Name,Kind,Number,County,Population,Organisation number,Website");
    assert.match(lines[1]!, /^Ålesund,Municipality,1508,Møre og Romsdal,/);
    const paged = await t.app.inject({ url: "/organisations?page=2" });
    assert.match(paged.body, /Viser 51–100 av/);
    assert.match(paged.body, /aria-current="page"[^>]*>2</);
  });

  test("unknown ids and bad parameters answer in the user's language and never show a stack", async () => {
    const missing = await t.app.inject({ url: "/organisations/424242?lang=en" });
    assert.equal(missing.statusCode, 404);
    assert.match(missing.body, /Page not found/);
    assert.match(missing.body, /<html lang="en"/);
    const nn = await t.app.inject({ url: "/finst-ikkje", headers: { cookie: "samverk_lang=nn" } });
    assert.equal(nn.statusCode, 404);
    assert.match(nn.body, /Fann ikkje sida/);
    const bad = await t.app.inject({ url: "/organisations?page=-1" });
    assert.equal(bad.statusCode, 400);
    assert.doesNotMatch(bad.body, /at .*\.ts:\d+/);
  });

  test("a list page makes the same number of queries for 15 rows as for 50", async () => {
    const queries = async (url: string) => {
      const before = t.database.queries.count;
      const res = await t.app.inject({ url });
      assert.equal(res.statusCode, 200);
      return t.database.queries.count - before;
    };
    const few = await queries("/organisations?kind=county");
    const many = await queries("/organisations");
    assert.equal(few, many);
    assert.ok(many <= 8, `${many} queries`);
    assert.equal(await queries("/people?q=Ingrid"), await queries("/people"));
  });
});

describe("editing the directory", () => {
  test("anonymous visitors are sent to log in and cannot write", async () => {
    const res = await t.app.inject({ url: "/organisations/new" });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, "/login?returnTo=%2Forganisations%2Fnew");
    const api = await t.app.inject({ method: "POST", url: "/api/v1/organisations", payload: { kind: "other", name: "X" } });
    assert.equal(api.statusCode, 401);
    assert.equal(api.json().error.code, "unauthorized");
  });

  test("the administrator creates an IT cooperation with member municipalities", async () => {
    const s = await new Session(t.app).login();
    const [a] = (await json("/api/v1/organisations?q=1101")).items;
    const [b] = (await json("/api/v1/organisations?q=1103")).items;
    const form = await s.get("/organisations/new");
    assert.equal(form.statusCode, 200);
    const res = await s.post("/organisations", {
      kind: "it_cooperation",
      name: "Test IKT-samarbeid",
      orgNumber: "974 760 673",
      countyCode: "11",
      website: "www.test.example",
      description: "",
      memberIds: [String(a.id), String(b.id)],
    });
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    const page = await s.get(res.headers.location as string);
    assert.match(page.body, /Endringene er lagret/);
    assert.match(page.body, /Test IKT-samarbeid/);
    assert.match(page.body, /Eigersund/);
    assert.match(page.body, /Endringshistorikk/, "the editor sees the record's history");
    const created = (await json("/api/v1/organisations?q=Test%20IKT")).items[0];
    assert.equal(created.orgNumber, "974760673");
    assert.equal(created.website, "https://www.test.example", "a web address without scheme gets https://");
  });

  test("a wrong check digit is refused with a message saying so, the input kept and nothing written", async () => {
    const s = await new Session(t.app).login();
    await s.get("/organisations/new");
    const [before] = await t.database.db.select({ n: count() }).from(organisations);
    const [auditBefore] = await t.database.db.select({ n: count() }).from(auditLog);
    const res = await s.post("/organisations", {
      kind: "company",
      name: "Feil AS",
      orgNumber: "974760674",
      website: "not a url",
    });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /class="ds-error-summary"/);
    assert.match(res.body, /kontrollsifferet stemmer ikke/);
    assert.match(res.body, /href="#field-orgNumber"/);
    assert.match(res.body, /value="Feil AS"/, "the name typed is kept");
    assert.match(res.body, /value="974760674"/, "the wrong number is kept for correcting");
    assert.match(res.body, /aria-invalid="true"/);
    const [after] = await t.database.db.select({ n: count() }).from(organisations);
    const [auditAfter] = await t.database.db.select({ n: count() }).from(auditLog);
    assert.equal(after!.n, before!.n);
    assert.equal(auditAfter!.n, auditBefore!.n);
  });

  test("a forged or missing CSRF token answers 403 and changes nothing", async () => {
    const s = await new Session(t.app).login();
    await s.get("/organisations/new");
    const [before] = await t.database.db.select({ n: count() }).from(organisations);
    const forged = await s.post("/organisations", { kind: "company", name: "Forged AS" }, { csrf: "forged-token" });
    assert.equal(forged.statusCode, 403);
    assert.match(forged.body, /Skjemaet er utløpt eller ugyldig/);
    const missing = await s.post("/organisations", { kind: "company", name: "Forged AS" }, { csrf: null });
    assert.equal(missing.statusCode, 403);
    const [after] = await t.database.db.select({ n: count() }).from(organisations);
    assert.equal(after!.n, before!.n);
  });

  test("reference-owned fields of a municipality cannot be changed, the rest can, with an audit entry", async () => {
    const s = await new Session(t.app).login();
    const [bodo] = (await json("/api/v1/organisations?q=1804")).items;
    const res = await s.api("PATCH", `/api/v1/organisations/${bodo.id}`, { orgNumber: "972418013", name: "Renamed" });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().orgNumber, "972418013");
    assert.equal(res.json().name, "Bodø");
    const [entry] = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, String(bodo.id)))
      .orderBy(auditLog.id);
    assert.ok(entry);
  });

  test("people: contact details are public only for published contact persons", async () => {
    const s = await new Session(t.app).login();
    const created = await s.api("POST", "/api/v1/people", {
      name: "Privat Person",
      email: "privat@example.no",
      phone: "+47 99 99 99 99",
    });
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json().id;
    const anonymous = await json(`/api/v1/people/${id}`);
    assert.equal(anonymous.email, null);
    assert.equal(anonymous.phone, null);
    const page = await t.app.inject({ url: `/people/${id}` });
    assert.doesNotMatch(page.body, /privat@example.no/);
    assert.equal((await s.api("GET", `/api/v1/people/${id}`)).json().email, "privat@example.no");
    const contacts = (await json("/api/v1/networks/digi-rogaland")).contacts;
    assert.ok(contacts.length > 0);
    const contact = await json(`/api/v1/people/${contacts[0].personId}`);
    assert.match(contact.email, /@demo\.samverk\.example$/);
    const bad = await s.api("POST", "/api/v1/people", { name: "", email: "nope", phone: "call me" });
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(
      bad
        .json()
        .error.fields.map((f: { field: string }) => f.field)
        .sort(),
      ["email", "name", "phone"],
    );
  });
});

describe("issue 20: an organisation's page says where it acts and what it plans", () => {
  test("an IT cooperation that is no member itself shows the networks of the members it represents, with how many", async () => {
    const [coop] = (await json("/api/v1/organisations?q=Nordm%C3%B8re")).items.filter(
      (o: { kind: string }) => o.kind === "it_cooperation",
    );
    assert.ok(coop, "the demo IT cooperation of Nordmøre og Romsdal");
    const members = (await json("/api/v1/networks/digi-more-og-romsdal/members?limit=100")).items.filter(
      (m: { representedById: number | null; toDate: string | null }) => m.representedById === coop.id && m.toDate === null,
    );
    assert.ok(members.length > 1);
    const page = await t.app.inject({ url: `/organisations/${coop.id}?lang=en` });
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /Not part of any network/);
    assert.match(page.body, /Networks it acts in for its members/);
    const row = page.body.match(
      /<a class="ds-link" href="\/n\/digi-more-og-romsdal">Digi Møre og Romsdal<\/a><\/th><td class="numeric">(\d+)<\/td>/,
    );
    assert.equal(Number(row?.[1]), members.length, "the number of members it represents there");
  });

  test("an organisation's page lists its strategies, and says so when it has none", async () => {
    const [item] = (await t.app.services.strategies.repo.list({})).filter((i) => i.strategy.organisationId !== null);
    assert.ok(item, "a member's demo strategy");
    const page = await t.app.inject({ url: `/organisations/${item.strategy.organisationId}?lang=en` });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h2[^>]*id="strategies-heading"[^>]*>Strategies<\/h2>/);
    assert.ok(page.body.includes(`href="/strategies/${item.strategy.id}"`), "a link to the strategy");
    assert.ok(page.body.includes(item.strategy.title));
    const [coop] = (await json("/api/v1/organisations?q=Salten")).items;
    const none = await t.app.inject({ url: `/organisations/${coop.id}?lang=nn` });
    assert.match(none.body, /Organisasjonen har ingen strategiar registrerte/);
  });
});
