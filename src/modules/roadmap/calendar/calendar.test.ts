import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import ICAL from "ical.js";
import { createTestApp, Session, type TestApp } from "../../../../test/support/app.ts";
import { systemActor } from "../../../platform/access/actor.ts";

let t: TestApp;
let rogaland: { id: number; slug: string };

before(async () => {
  t = await createTestApp();
  rogaland = (await t.app.services.networks.bySlug("digi-rogaland"))!;
});
after(() => t.close());

const idOf = async (key: string) => (await t.app.services.roadmap.list({})).find((i) => i.solution.key === key)!.solution.id;

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
