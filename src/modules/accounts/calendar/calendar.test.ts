import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import ICAL from "ical.js";
import { PASSWORD, testAccount } from "../../../../test/support/accounts.ts";
import { createTestApp, Session, type TestApp } from "../../../../test/support/app.ts";
import { systemActor } from "../../../platform/access/actor.ts";
import { osloParts } from "../../../platform/i18n/i18n.ts";

let t: TestApp;
let rogaland: { id: number; slug: string };
let meeting: { id: number; bodyId: number; title: string };
const actor = systemActor("test");
const day = (offset: number) => osloParts(new Date(Date.now() + offset * 24 * 3600_000)).date;

before(async () => {
  t = await createTestApp();
  rogaland = (await t.app.services.networks.bySlug("digi-rogaland"))!;
  const [first] = await t.app.services.meetings.list(rogaland.id, actor);
  meeting = first!.meeting;
  await testAccount(t.app, t.database.db, "seat@calendar.example", {
    networkId: rogaland.id,
    role: "member",
    seats: [{ bodyId: meeting.bodyId, role: "member" }],
  });
  await testAccount(t.app, t.database.db, "other@calendar.example", { networkId: rogaland.id, role: "member" });
});
after(() => t.close());

const summaries = (ics: string) =>
  new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents("vevent").map((e) => String(e.getFirstPropertyValue("summary")));

async function gathering(title: string, visibility = "public") {
  const created = await t.app.services.gatherings.create(actor, rogaland.id, {
    kind: "seminar",
    title,
    visibility,
    startsDate: day(12),
    startsTime: "09:00",
    endsDate: day(12),
    endsTime: "12:00",
  });
  assert.ok(created.ok);
  return created.value;
}

test("a network's one calendar holds its bodies' meetings and its gatherings, as the viewer may see them", async () => {
  await gathering("Kalenderseminar");
  await gathering("INTERN-SAMLING-5Z", "network");
  const res = await new Session(t.app).get(`/n/${rogaland.slug}/calendar.ics`);
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers["content-type"]), /text\/calendar/);
  const anonymous = summaries(res.body);
  assert.ok(anonymous.includes("Kalenderseminar"));
  assert.ok(!anonymous.some((s) => s.includes("INTERN-SAMLING-5Z")), "an internal gathering is not in the public feed");
  const member = await new Session(t.app).login("other@calendar.example", PASSWORD);
  assert.ok(summaries((await member.get(`/n/${rogaland.slug}/calendar.ics`)).body).includes("INTERN-SAMLING-5Z"));
  // The meetings the viewer may see are there too.
  const seated = await new Session(t.app).login("seat@calendar.example", PASSWORD);
  assert.ok(summaries((await seated.get(`/n/${rogaland.slug}/calendar.ics`)).body).some((s) => s.endsWith(meeting.title)));
});

test("a person's own calendar: their seats' meetings and their registrations, by a link only they have, renewed on request", async () => {
  const g = await gathering("Mitt seminar");
  await gathering("Ikkje mitt seminar");
  const seated = await new Session(t.app).login("seat@calendar.example", PASSWORD);
  await seated.get(`/gatherings/${g.id}/register`);
  assert.equal(
    (await seated.post(`/gatherings/${g.id}/register`, { name: "Seat", email: "seat@calendar.example", organisationName: "X" }))
      .statusCode,
    303,
  );

  const page = await seated.get("/account/calendar");
  assert.equal(page.statusCode, 200);
  assert.equal(page.headers["cache-control"], "no-store");
  const url = page.body.match(/value="https?:\/\/[^"]*(\/calendar\/[^"]+\.ics)"/)?.[1];
  assert.ok(url, "the page shows the link");
  // A calendar program asks without signing in.
  const feed = await new Session(t.app).get(url);
  assert.equal(feed.statusCode, 200);
  const entries = summaries(feed.body);
  assert.ok(entries.includes("Mitt seminar"), "the gathering registered for");
  assert.ok(!entries.includes("Ikkje mitt seminar"));
  assert.ok(
    entries.some((s) => s.endsWith(meeting.title)),
    "the meetings of the body the person sits in",
  );

  // Another person's feed shows nothing of this one; a forged or changed link is not a feed.
  const other = await new Session(t.app).login("other@calendar.example", PASSWORD);
  const otherUrl = (await other.get("/account/calendar")).body.match(/value="https?:\/\/[^"]*(\/calendar\/[^"]+\.ics)"/)![1]!;
  assert.ok(!summaries((await new Session(t.app).get(otherUrl)).body).includes("Mitt seminar"));
  const [, , rest] = url.match(/^\/calendar\/(\d+)\.(.*)$/)!;
  const otherId = otherUrl.match(/^\/calendar\/(\d+)\./)![1];
  assert.equal(
    (await new Session(t.app).get(`/calendar/${otherId}.${rest}`)).statusCode,
    404,
    "one person's signature for another",
  );
  assert.equal((await new Session(t.app).get(url.replace(/[A-Za-z0-9_-]{10}\.ics$/, "AAAAAAAAAA.ics"))).statusCode, 404);
  assert.equal((await new Session(t.app).get("/calendar/nothing.ics")).statusCode, 404);

  // A new link: the old one stops working.
  assert.equal((await new Session(t.app).get("/account/calendar")).statusCode, 303, "the page is the person's own");
  assert.equal((await seated.post("/account/calendar/renew", {})).statusCode, 303);
  assert.equal((await new Session(t.app).get(url)).statusCode, 404);
  const renewed = (await seated.get("/account/calendar?renewed=1")).body.match(
    /value="https?:\/\/[^"]*(\/calendar\/[^"]+\.ics)"/,
  )![1]!;
  assert.notEqual(renewed, url);
  assert.equal((await new Session(t.app).get(renewed)).statusCode, 200);
});
