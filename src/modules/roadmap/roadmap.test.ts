import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { count, isNull } from "drizzle-orm";
import ICAL from "ical.js";
import { PASSWORD, testAccount } from "../../../test/support/accounts.ts";
import { createTestApp, Session, type TestApp } from "../../../test/support/app.ts";
import { systemActor } from "../../platform/access/actor.ts";
import { i18nFor } from "../../platform/i18n/i18n.ts";
import { auditLog } from "../../platform/schema.ts";
import { importCatalogue, readCatalogue } from "./catalogue/shipped-catalogue.ts";
import { periodEnd, periodLabel, startsPeriod } from "./precision.ts";
import { milestoneChanges, nationalSolutions } from "./schema.ts";

let t: TestApp;
let rogaland: { id: number; slug: string };

before(async () => {
  t = await createTestApp();
  rogaland = (await t.app.services.networks.repo.bySlug("digi-rogaland"))!;
  const org = (await t.app.services.access.repo.memberOrganisations(rogaland.id))[0]!;
  await testAccount(t.app, t.database.db, "sek@rogaland.example", { networkId: rogaland.id, role: "secretariat" });
  await testAccount(t.app, t.database.db, "rep@rogaland.example", {
    networkId: rogaland.id,
    role: "member",
    organisationIds: [org.id],
  });
});
after(() => t.close());

const auditCount = async () => (await t.database.db.select({ n: count() }).from(auditLog))[0]!.n;
const login = (email: string) => new Session(t.app).login(email, PASSWORD);
const admin = () => new Session(t.app).login();
const idOf = async (key: string) => (await t.app.services.roadmap.list({})).find((i) => i.solution.key === key)!.solution.id;

test("a date and its precision: the first day of the period, labelled as exactly as it is known", () => {
  assert.ok(startsPeriod("2027-07-01", "quarter"));
  assert.ok(!startsPeriod("2027-08-01", "quarter"));
  assert.ok(!startsPeriod("2027-07-15", "month"));
  assert.ok(startsPeriod("2027-07-01", "half_year"));
  assert.ok(!startsPeriod("2027-04-01", "half_year"));
  assert.ok(startsPeriod("2028-01-01", "year"));
  assert.ok(startsPeriod("2027-07-15", "day"));
  assert.equal(periodEnd("2027-07-01", "quarter"), "2027-09-30");
  assert.equal(periodEnd("2028-01-01", "year"), "2028-12-31");
  assert.equal(periodEnd("2027-02-01", "month"), "2027-02-28");
  const en = i18nFor("en");
  assert.equal(periodLabel(en, "2027-07-01", "quarter"), "Q3 2027");
  assert.equal(periodLabel(en, "2027-07-01", "half_year"), "H2 2027");
  assert.equal(periodLabel(en, "2027-03-01", "month"), "March 2027");
  assert.equal(periodLabel(i18nFor("nn"), "2027-07-01", "quarter"), "3. kvartal 2027");
});

test("the shipped catalogue is loaded at start; importing it again changes nothing", async () => {
  const rows = readCatalogue();
  assert.equal(rows.length, 27);
  const national = await t.database.db.select().from(nationalSolutions).where(isNull(nationalSolutions.networkId));
  assert.ok(
    rows.every((r) => national.some((n) => n.key === r.key && n.name === r.name)),
    "every row is in the catalogue",
  );
  const before = await auditCount();
  const again = await importCatalogue(t.database.db, systemActor("test"));
  assert.deepEqual(again, { created: 0, updated: 0, unchanged: 27 });
  assert.equal(await auditCount(), before);
  const page = await new Session(t.app).get("/roadmap?category=health&lang=en");
  assert.match(page.body, /Kjernejournal/);
  assert.ok(!page.body.includes("Maskinporten"), "filtered by category");
  const api = await new Session(t.app).api("GET", "/api/v1/national-solutions?q=digdir");
  assert.ok(api.json().items.length >= 8);
  assert.equal(api.json().total, api.json().items.length);
});

test("milestones: a date that contradicts its precision is refused; a move is kept and shown as where it came from", async () => {
  const id = await idOf("krr");
  const s = await admin();
  await s.get(`/roadmap/${id}`);
  const before = await auditCount();
  const wrong = await s.post(`/roadmap/${id}/milestones?lang=en`, {
    kind: "mandatory",
    date: "2027-08-15",
    precision: "quarter",
  });
  assert.equal(wrong.statusCode, 422);
  assert.match(wrong.body, /The date does not fit its precision/);
  assert.match(wrong.body, /value="2027-08-15"/, "the typed date comes back");
  const custom = await s.post(`/roadmap/${id}/milestones?lang=en`, {
    kind: "custom",
    label: "",
    date: "2027-01-01",
    precision: "year",
  });
  assert.equal(custom.statusCode, 422, "a custom milestone needs its name");
  assert.equal(await auditCount(), before, "nothing saved");
  assert.equal(
    (await s.post(`/roadmap/${id}/milestones`, { kind: "mandatory", date: "2027-01-01", precision: "quarter" })).statusCode,
    303,
  );
  const [milestone] = (await t.app.services.roadmap.get(id)).milestones;
  assert.equal(
    (
      await s.post(`/roadmap/${id}/milestones/${milestone!.id}`, {
        kind: "mandatory",
        date: "2027-07-01",
        precision: "quarter",
        note: "Utsett",
      })
    ).statusCode,
    303,
  );
  const moves = await t.database.db.select().from(milestoneChanges);
  assert.ok(moves.some((m) => m.milestoneId === milestone!.id && m.fromDate === "2027-01-01" && m.toDate === "2027-07-01"));
  const page = await new Session(t.app).get(`/roadmap/${id}?lang=en`);
  assert.match(page.body, /Mandatory from<\/strong>: Q3 2027/);
  assert.match(page.body, /Moved from Q1 2027 to Q3 2027 by Test Admin/);
  const api = await new Session(t.app).api("GET", `/api/v1/national-solutions/${id}`);
  assert.equal(api.json().milestones[0].moves[0].fromDate, "2027-01-01");
  const apiWrong = await s.api("POST", `/api/v1/national-solutions/${id}/milestones`, {
    kind: "pilot",
    date: "2027-02-01",
    precision: "year",
  });
  assert.equal(apiWrong.statusCode, 422);
  assert.equal(apiWrong.json().error.fields[0].field, "date");
});

test("the national catalogue is the administrators'; a network's secretariat keeps its own initiatives only", async () => {
  const sek = await login("sek@rogaland.example");
  const rep = await login("rep@rogaland.example");
  const national = await idOf("altinn");
  assert.equal((await sek.get(`/roadmap/${national}/edit`)).statusCode, 403);
  assert.equal((await sek.get("/roadmap/new")).statusCode, 403);
  assert.equal((await rep.get(`/n/${rogaland.slug}/initiatives/new`)).statusCode, 403);
  await sek.get(`/n/${rogaland.slug}/initiatives/new`);
  const created = await sek.post(`/n/${rogaland.slug}/initiatives`, {
    name: "Felles vikarpool-løysing",
    owner: "Digi Rogaland",
    category: "services",
    purpose: "Eitt system for vikarar i barnehage og skule.",
  });
  assert.equal(created.statusCode, 303);
  const id = Number(created.headers.location?.match(/\/roadmap\/(\d+)/)?.[1]);
  const solution = (await t.app.services.roadmap.repo.byId(id))!;
  assert.equal(solution.networkId, rogaland.id);
  assert.match((await new Session(t.app).get(`/roadmap?network=${rogaland.slug}&lang=en`)).body, /Felles vikarpool-løysing/);
  assert.ok(!(await new Session(t.app).get("/roadmap?network=digi-nordland")).body.includes("Felles vikarpool-løysing"));
  // Tasks and costs, with their refusals.
  await sek.get(`/roadmap/${id}`);
  const badTask = await sek.post(`/roadmap/${id}/tasks?lang=en`, { kind: "training", leadMonths: "mange" });
  assert.equal(badTask.statusCode, 422);
  assert.equal(
    (await sek.post(`/roadmap/${id}/tasks`, { kind: "training", description: "Kurs", leadMonths: "3" })).statusCode,
    303,
  );
  const badCost = await sek.post(`/roadmap/${id}/costs?lang=en`, { "costs.0.oneOff": "12,50" });
  assert.equal(badCost.statusCode, 422);
  assert.match(badCost.body, /Enter whole kroner/);
  assert.equal(
    (await sek.post(`/roadmap/${id}/costs`, { "costs.0.oneOff": "25 000", "costs.0.yearly": "5000" })).statusCode,
    303,
  );
  const detail = await t.app.services.roadmap.get(id);
  assert.deepEqual(
    detail.costs.map((c) => [c.sizeClass, c.oneOff, c.yearly]),
    [["under_5000", 25_000, 5_000]],
  );
  assert.equal(detail.tasks[0]!.leadMonths, 3);
});

test("the calendar feed parses with a standard iCalendar parser: one all-day event per milestone, spanning its period", async () => {
  const id = await idOf("digital-postkasse");
  const res = await new Session(t.app).get(`/roadmap/calendar.ics?solution=${id}&lang=en`);
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers["content-type"]), /^text\/calendar/);
  assert.ok(
    res.body.split("\r\n").every((line) => Buffer.byteLength(line, "utf8") <= 75),
    "lines are folded",
  );
  const calendar = new ICAL.Component(ICAL.parse(res.body));
  const events = calendar.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
  const milestones = (await t.app.services.roadmap.get(id)).milestones;
  assert.equal(events.length, milestones.length);
  const mandatory = events.find((e) => e.summary.includes("Mandatory from"))!;
  assert.equal(mandatory.summary, "Digital postkasse til innbyggere: Mandatory from");
  assert.equal(mandatory.startDate.toString(), "2027-07-01");
  assert.equal(mandatory.endDate.toString(), "2027-10-01", "a quarter, the end exclusive");
  assert.ok(mandatory.startDate.isDate, "an all-day event");
  // A network's feed and a municipality's, which leaves out what it already uses.
  const network = new ICAL.Component(
    ICAL.parse((await new Session(t.app).get(`/roadmap/calendar.ics?network=${rogaland.slug}`)).body),
  );
  assert.ok(network.getAllSubcomponents("vevent").length >= events.length);
  const [municipality] = await t.app.services.access.repo.memberOrganisations(rogaland.id);
  await t.app.services.adoption.report(systemActor("test"), municipality!.id, [
    { solutionId: id, status: "in_use", sinceDate: "2025-01-01" },
  ]);
  const own = new ICAL.Component(
    ICAL.parse((await new Session(t.app).get(`/roadmap/calendar.ics?organisation=${municipality!.id}&lang=en`)).body),
  );
  assert.ok(
    !own.getAllSubcomponents("vevent").some((v) => new ICAL.Event(v).summary.startsWith("Digital postkasse")),
    "in use: not coming",
  );
  assert.equal((await new Session(t.app).get("/roadmap/calendar.ics?organisation=abc")).statusCode, 400);
});

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
