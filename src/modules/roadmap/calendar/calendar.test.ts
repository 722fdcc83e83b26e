import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import ICAL from "ical.js";
import { createTestApp, Session, type TestApp } from "../../../../test/support/app.ts";
import { systemActor } from "../../../platform/access/actor.ts";
import { milestones } from "../schema.ts";

let t: TestApp;
let rogaland: { id: number; slug: string };
let nordland: { id: number; slug: string };
const actor = systemActor("test");

before(async () => {
  t = await createTestApp();
  rogaland = (await t.app.services.networks.bySlug("digi-rogaland"))!;
  nordland = (await t.app.services.networks.bySlug("digi-nordland"))!;
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
  await t.app.services.adoption.report(actor, municipality!.id, [{ solutionId: id, status: "in_use", sinceDate: "2025-01-01" }]);
  const own = new ICAL.Component(
    ICAL.parse((await new Session(t.app).get(`/roadmap/calendar.ics?organisation=${municipality!.id}&lang=en`)).body),
  );
  assert.ok(
    !own.getAllSubcomponents("vevent").some((v) => new ICAL.Event(v).summary.startsWith("Digital postkasse")),
    "in use: not coming",
  );
  assert.equal((await new Session(t.app).get("/roadmap/calendar.ics?organisation=abc")).statusCode, 400);
});

const veventsOf = (body: string) =>
  new ICAL.Component(ICAL.parse(body)).getAllSubcomponents("vevent").map((v) => ({
    uid: String(v.getFirstPropertyValue("uid")),
    sequence: Number(v.getFirstPropertyValue("sequence")),
    lastModified: (v.getFirstPropertyValue("last-modified") as ICAL.Time).toJSDate(),
    start: String(v.getFirstPropertyValue("dtstart")),
    summary: String(v.getFirstPropertyValue("summary")),
  }));

/** A regional initiative of the network with one milestone, as a network's secretariat adds them. */
async function initiative(networkId: number, name: string, date: string) {
  const { roadmap } = t.app.services;
  const created = await roadmap.create(actor, networkId, { name, owner: "Test", category: "other" });
  assert.ok(created.ok);
  const milestone = await roadmap.addMilestone(actor, created.value.id, { kind: "pilot", date, precision: "month" });
  assert.ok(milestone.ok);
  return { solutionId: created.value.id, milestone: milestone.value };
}

test("a moved milestone comes with a higher SEQUENCE and a new LAST-MODIFIED, under the same UID", async () => {
  const { solutionId, milestone } = await initiative(rogaland.id, "Flyttes, sa de; kanskje", "2027-03-01");
  // Saved an hour ago, so the move is plainly later.
  const anHourAgo = new Date(Date.now() - 3600_000);
  await t.database.db.update(milestones).set({ updatedAt: anHourAgo }).where(eq(milestones.id, milestone.id));
  const feed = async () => veventsOf((await new Session(t.app).get(`/roadmap/calendar.ics?solution=${solutionId}`)).body);
  const [before] = await feed();
  assert.equal(before!.uid, `milestone-${milestone.id}@samverk`);
  assert.equal(before!.start, "2027-03-01");
  assert.equal(before!.lastModified.getTime(), Math.floor(anHourAgo.getTime() / 1000) * 1000);
  const moved = await t.app.services.roadmap.updateMilestone(actor, solutionId, milestone.id, {
    kind: "pilot",
    date: "2027-09-01",
    precision: "month",
  });
  assert.ok(moved.ok);
  const [after] = await feed();
  assert.equal(after!.uid, before!.uid);
  assert.equal(after!.start, "2027-09-01");
  assert.ok(after!.sequence > before!.sequence, `SEQUENCE rose: ${before!.sequence} → ${after!.sequence}`);
  assert.ok(after!.lastModified > before!.lastModified, "LAST-MODIFIED is the move's time");
  assert.ok(after!.summary.startsWith("Flyttes, sa de; kanskje: "), "a comma and a semicolon read back as written");
});

test("a municipality's roadmap links its calendar feed, which holds only what that page is about", async () => {
  const [municipality] = await t.app.services.access.repo.memberOrganisations(rogaland.id);
  const id = municipality!.id;
  const soon = `${Number(new Date().toISOString().slice(0, 4)) + 1}-01-01`;
  const own = await initiative(rogaland.id, "EGET-INITIATIV-7Q", soon);
  const other = await initiative(nordland.id, "ANNET-NETTVERK-7Q", soon);
  const page = await new Session(t.app).get(`/organisations/${id}/roadmap?lang=en`);
  assert.equal(page.statusCode, 200);
  assert.ok(page.body.includes(`href="/roadmap/calendar.ics?organisation=${id}"`), "the page links its feed");
  assert.match(page.body, /What is coming to .*, in your calendar \(iCalendar\)/);
  assert.ok(page.body.includes("EGET-INITIATIV-7Q") && !page.body.includes("ANNET-NETTVERK-7Q"));
  // Read as an anonymous visitor, as the page is.
  const res = await new Session(t.app).get(`/roadmap/calendar.ics?organisation=${id}&lang=en`);
  assert.equal(res.statusCode, 200);
  const uids = new Set(veventsOf(res.body).map((e) => e.uid));
  assert.ok(uids.has(`milestone-${own.milestone.id}@samverk`), "its network's initiative is in it");
  assert.ok(!uids.has(`milestone-${other.milestone.id}@samverk`), "another network's initiative is not");
  // Everything the page lists as coming is in the feed; nothing in the feed is outside the solutions the page covers.
  const { plan } = await t.app.services.adoption.plan(id);
  for (const m of plan.coming) assert.ok(uids.has(`milestone-${m.id}@samverk`), `${m.solution} is in the feed`);
  const { solutions } = await t.app.services.adoption.stillComing(id);
  const covered = new Set(
    (await t.app.services.roadmap.milestonesOf(solutions.map((s) => s.id))).map((m) => `milestone-${m.id}@samverk`),
  );
  assert.deepEqual(new Set([...uids].filter((u) => !covered.has(u))), new Set());
  assert.equal(uids.size, covered.size);
});
