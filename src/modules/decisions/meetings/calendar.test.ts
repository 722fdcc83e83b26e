import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import ICAL from "ical.js";
import { createTestApp, Session, type TestApp } from "../../../../test/support/app.ts";
import { systemActor } from "../../../platform/access/actor.ts";
import { meetings } from "../schema.ts";

let t: TestApp;
let rogaland: { id: number; slug: string };
const actor = systemActor("meeting calendar test");

before(async () => {
  t = await createTestApp();
  rogaland = (await t.app.services.networks.bySlug("digi-rogaland"))!;
});
after(() => t.close());

const eventOf = (body: string, uid: string) => {
  const v = new ICAL.Component(ICAL.parse(body))
    .getAllSubcomponents("vevent")
    .find((e) => e.getFirstPropertyValue("uid") === uid);
  assert.ok(v, `${uid} is in the feed`);
  return {
    sequence: Number(v.getFirstPropertyValue("sequence")),
    lastModified: (v.getFirstPropertyValue("last-modified") as ICAL.Time).toJSDate(),
    start: String(v.getFirstPropertyValue("dtstart")),
    summary: String(v.getFirstPropertyValue("summary")),
    location: String(v.getFirstPropertyValue("location")),
  };
};

test("a moved meeting comes with a higher SEQUENCE and a new LAST-MODIFIED in the network's feeds", async () => {
  const body = await t.app.services.networks.createBody(actor, rogaland.slug, {
    kind: "subject_group",
    name: "Faggruppe, kalender; test",
    visibility: "public",
  });
  assert.ok(body.ok);
  const input = {
    title: "Møte om budsjett, plan og drift",
    bodyId: body.value.id,
    meetingDate: "2027-02-03",
    startTime: "10:00",
    place: "Stavanger, rom 4; 2. etasje",
    visibility: "public",
  };
  const created = await t.app.services.meetings.create(actor, rogaland.id, input);
  assert.ok(created.ok);
  const id = created.value.id;
  const uid = `meeting-${id}@samverk`;
  const anHourAgo = new Date(Date.now() - 3600_000);
  await t.database.db.update(meetings).set({ updatedAt: anHourAgo }).where(eq(meetings.id, id));
  const feeds = [`/n/${rogaland.slug}/meetings/calendar.ics`, `/n/${rogaland.slug}/calendar.ics`];
  const before = await Promise.all(feeds.map(async (f) => eventOf((await new Session(t.app).get(f)).body, uid)));
  for (const e of before) {
    // 10:00 in Norway in February is 09:00 UTC.
    assert.equal(e.start, "2027-02-03T09:00:00Z");
    assert.equal(e.summary, "Faggruppe, kalender; test: Møte om budsjett, plan og drift");
    assert.equal(e.location, "Stavanger, rom 4; 2. etasje");
  }
  const moved = await t.app.services.meetings.update(actor, id, { ...input, meetingDate: "2027-02-10", startTime: "13:00" });
  assert.ok(moved.ok);
  for (const [i, f] of feeds.entries()) {
    const after = eventOf((await new Session(t.app).get(f)).body, uid);
    assert.equal(after.start, "2027-02-10T12:00:00Z", f);
    assert.ok(after.sequence > before[i]!.sequence, `${f}: SEQUENCE rose`);
    assert.ok(after.lastModified > before[i]!.lastModified, `${f}: LAST-MODIFIED is the move's time`);
  }
});
