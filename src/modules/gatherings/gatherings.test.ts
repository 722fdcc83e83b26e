import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { and, eq, like } from "drizzle-orm";
import ICAL from "ical.js";
import { PASSWORD, testAccount } from "../../../test/support/accounts.ts";
import { createTestApp, Session, type TestApp } from "../../../test/support/app.ts";
import { mimePart, startSmtpServer } from "../../../test/support/smtp.ts";
import { systemActor } from "../../platform/access/actor.ts";
import { osloParts } from "../../platform/i18n/i18n.ts";
import { mailOutbox } from "../../platform/schema.ts";
import { gatheringRegistrations, gatherings as gatheringsTable } from "./schema.ts";

let t: TestApp;
let rogaland: { id: number; slug: string };
let nordland: { id: number; slug: string };
let memberId: number;

before(async () => {
  t = await createTestApp();
  rogaland = (await t.app.services.networks.bySlug("digi-rogaland"))!;
  nordland = (await t.app.services.networks.bySlug("digi-nordland"))!;
  await testAccount(t.app, t.database.db, "sek@gather.example", { networkId: rogaland.id, role: "secretariat" });
  await testAccount(t.app, t.database.db, "sek@nordland.example", { networkId: nordland.id, role: "secretariat" });
  const [member] = await t.app.services.access.memberOrganisations(rogaland.id);
  memberId = member!.id;
  await testAccount(t.app, t.database.db, "rep@gather.example", {
    networkId: rogaland.id,
    role: "member",
    organisationIds: [member!.id],
  });
});
after(() => t.close());

const login = (email: string) => new Session(t.app).login(email, PASSWORD);
const day = (offset: number) => osloParts(new Date(Date.now() + offset * 24 * 3600_000)).date;
const actor = systemActor("test");

/** A gathering of Digi Rogaland two weeks ahead. */
async function gathering(fields: Record<string, string> = {}) {
  const created = await t.app.services.gatherings.create(actor, rogaland.id, {
    kind: "seminar",
    title: "Seminar om deling",
    startsDate: day(14),
    startsTime: "09:00",
    endsDate: day(14),
    endsTime: "15:00",
    ...fields,
  });
  assert.ok(created.ok, JSON.stringify(!created.ok && created.errors));
  return created.value;
}

const registrations = (gatheringId: number) =>
  t.database.db.select().from(gatheringRegistrations).where(eq(gatheringRegistrations.gatheringId, gatheringId));

/** Registers as an anonymous visitor, through the form. */
async function register(id: number, name: string, email: string, session = new Session(t.app)) {
  await session.get(`/gatherings/${id}/register`);
  return session.post(`/gatherings/${id}/register?lang=en`, { name, email, organisationName: "Testkommune", note: "" });
}

test("the secretariat makes a gathering through the form; a bad one comes back with its errors and nothing stored", async () => {
  const sek = await login("sek@gather.example");
  await sek.get(`/n/${rogaland.slug}/gatherings/new`);
  const bad = await sek.post(`/n/${rogaland.slug}/gatherings?lang=en`, {
    kind: "seminar",
    title: "Feil",
    startsDate: day(10),
    startsTime: "9",
    endsDate: day(10),
    endsTime: "09:00",
    capacity: "-3",
  });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /Write a whole number greater than 0/);
  const huge = await sek.post(`/n/${rogaland.slug}/gatherings?lang=en`, {
    kind: "seminar",
    title: "Stor",
    startsDate: day(10),
    startsTime: "09:00",
    endsDate: day(10),
    endsTime: "12:00",
    capacity: "200000",
  });
  assert.equal(huge.statusCode, 422);
  assert.match(
    huge.body,
    /Write a number no greater than 100000/,
    huge.body.match(/<ds-error-summary[\s\S]*?<\/ds-error-summary>/)?.[0],
  );
  assert.match(bad.body, /Write the time as hh:mm/);
  assert.match(bad.body, /value="Feil"/, "what was typed comes back");
  const backwards = await sek.post(`/n/${rogaland.slug}/gatherings?lang=en`, {
    kind: "seminar",
    title: "Feil",
    startsDate: day(10),
    startsTime: "15:00",
    endsDate: day(10),
    endsTime: "09:00",
  });
  assert.equal(backwards.statusCode, 422);
  assert.match(backwards.body, /The end must come after the start/);
  assert.equal(
    (await t.app.services.gatherings.list(null, { networkId: rogaland.id })).filter((r) => r.gathering.title === "Feil").length,
    0,
  );

  const created = await sek.post(`/n/${rogaland.slug}/gatherings`, {
    kind: "workshop",
    title: "Arbeidsmøte om arkiv",
    startsDate: day(10),
    startsTime: "09:00",
    endsDate: day(10),
    endsTime: "12:00",
    capacity: "20",
    place: "Stavanger",
    audience: "everyone",
    visibility: "public",
  });
  assert.equal(created.statusCode, 303);
  const page = await new Session(t.app).get(String(created.headers.location).replace("?saved=1", ""));
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Arbeidsmøte om arkiv/);
  assert.match(page.body, /0 av 20 plasser/);

  // Another network's secretariat cannot make one here, nor change this one.
  const other = await login("sek@nordland.example");
  await other.get("/");
  assert.equal((await other.get(`/n/${rogaland.slug}/gatherings/new`)).statusCode, 403);
  const id = String(created.headers.location).match(/\/gatherings\/(\d+)/)![1];
  assert.equal((await other.post(`/gatherings/${id}`, { kind: "seminar", title: "Kapra" })).statusCode, 403);
  assert.equal((await other.get(`/gatherings/${id}/participants`)).statusCode, 403);
});

test("anyone registers without an account: a receipt page and mail, the participant list for the organiser only", async () => {
  const g = await gathering({ capacity: "10" });
  const res = await register(g.id, "Kari Nordmann", "kari@example.com");
  assert.equal(res.statusCode, 303);
  const receiptUrl = String(res.headers.location);
  assert.match(receiptUrl, new RegExp(`^/gatherings/${g.id}/registration/`));
  const receipt = await new Session(t.app).get(`${receiptUrl}?lang=en`);
  assert.match(receipt.body, /You are registered for Seminar om deling/);
  const [mail] = await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.to, "kari@example.com"));
  assert.ok(mail, "a receipt by mail");
  assert.ok(mail.body.includes(receiptUrl), "the mail links to the receipt");
  assert.ok(mail.body.includes(`/gatherings/${g.id}/calendar.ics`), "and to the calendar entry");

  // The same address again: refused, with the form kept, nothing stored twice.
  const again = await register(g.id, "Kari N.", "KARI@example.com");
  assert.equal(again.statusCode, 422);
  assert.match(again.body, /This address is already registered/);
  assert.equal((await registrations(g.id)).length, 1);

  // A bad address and no organisation: clear errors, nothing stored.
  const session = new Session(t.app);
  await session.get(`/gatherings/${g.id}/register`);
  const bad = await session.post(`/gatherings/${g.id}/register?lang=en`, { name: "", email: "not-an-address" });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /ds-error-summary/);
  assert.match(bad.body, /Choose your organisation from the list, or type its name/);
  assert.equal((await registrations(g.id)).length, 1);

  const anonymous = await new Session(t.app).get(`/gatherings/${g.id}/participants`);
  assert.equal(anonymous.statusCode, 303, "sent to sign in");
  assert.match(String(anonymous.headers.location), /^\/login/);
  const rep = await login("rep@gather.example");
  assert.equal((await rep.get(`/gatherings/${g.id}/participants`)).statusCode, 403);
  const sek = await login("sek@gather.example");
  const list = await sek.get(`/gatherings/${g.id}/participants`);
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /Kari Nordmann/);
  const csv = await sek.get(`/gatherings/${g.id}/participants.csv`);
  assert.equal(csv.statusCode, 200);
  assert.match(csv.body, /Kari Nordmann.*kari@example\.com/);
  // The public page and the API never name who registered.
  assert.doesNotMatch((await new Session(t.app).get(`/gatherings/${g.id}`)).body, /Kari/);
  assert.doesNotMatch((await new Session(t.app).get(`/api/v1/gatherings/${g.id}`)).body, /Kari/);
});

test("a full gathering keeps a waiting list that moves up in order when someone cancels", async () => {
  const g = await gathering({ capacity: "2" });
  const receipts: string[] = [];
  for (const name of ["en", "to", "tre", "fire"]) {
    const res = await register(g.id, name, `${name}@waiting.example`);
    assert.equal(res.statusCode, 303);
    receipts.push(String(res.headers.location));
  }
  const statusOf = async () =>
    Object.fromEntries((await registrations(g.id)).map((r) => [r.name, r.status])) as Record<string, string>;
  assert.deepEqual(await statusOf(), { en: "confirmed", to: "confirmed", tre: "waiting", fire: "waiting" });
  assert.match((await new Session(t.app).get(`${receipts[3]}?lang=en`)).body, /number 2 on the waiting list/);

  // The first cancels through the receipt's link: the first waiting takes the place and is told.
  const first = new Session(t.app);
  await first.get(receipts[0]!);
  assert.equal((await first.post(`${receipts[0]}/cancel`, {})).statusCode, 303);
  assert.deepEqual(await statusOf(), { en: "cancelled", to: "confirmed", tre: "confirmed", fire: "waiting" });
  const told = await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.to, "tre@waiting.example"));
  assert.equal(told.length, 2, "the receipt, then the place");
  assert.match((await new Session(t.app).get(`${receipts[3]}?lang=en`)).body, /number 1 on the waiting list/);

  // A larger capacity gives the place to the one still waiting.
  const updated = await t.app.services.gatherings.update(actor, (await t.app.services.gatherings.get(null, g.id)).gathering, {
    kind: "seminar",
    title: g.title,
    startsDate: day(14),
    startsTime: "09:00",
    endsDate: day(14),
    endsTime: "15:00",
    capacity: "3",
  });
  assert.ok(updated.ok);
  assert.equal((await statusOf()).fire, "confirmed");
  // Fewer places than are taken is refused.
  const fewer = await t.app.services.gatherings.update(actor, updated.value, {
    kind: "seminar",
    title: g.title,
    startsDate: day(14),
    startsTime: "09:00",
    endsDate: day(14),
    endsTime: "15:00",
    capacity: "1",
  });
  assert.ok(!fewer.ok && fewer.errors[0]!.key === "errors.capacityBelowConfirmed");
});

test("registrations sent at once never give more places than the capacity, and wait in the order stored", async () => {
  const g = await gathering({ capacity: "5" });
  const results = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      t.app.services.gatherings.register(
        g.id,
        { name: `Person ${i}`, email: `p${i}@rush.example`, organisationName: "Rushkommune" },
        { actor: null, locale: "nb" },
      ),
    ),
  );
  assert.ok(results.every((r) => r.ok));
  const rows = (await registrations(g.id)).sort((a, b) => a.id - b.id);
  assert.equal(rows.filter((r) => r.status === "confirmed").length, 5);
  assert.equal(rows.filter((r) => r.status === "waiting").length, 15);
  assert.deepEqual(
    rows.map((r) => r.status),
    [...Array(5).fill("confirmed"), ...Array(15).fill("waiting")],
    "the first five stored hold the places",
  );
});

test("a members' gathering takes the network's people only; a closed one takes nobody", async () => {
  const g = await gathering({ audience: "members" });
  const anonymous = await register(g.id, "Utanfor", "ute@example.com");
  assert.equal(anonymous.statusCode, 422);
  assert.match(anonymous.body, /for the network's own people/);
  const rep = await login("rep@gather.example");
  const form = await rep.get(`/gatherings/${g.id}/register`);
  assert.match(form.body, /value="rep@gather.example"/, "a signed-in person's form is filled in");
  const res = await rep.post(`/gatherings/${g.id}/register`, { name: "Rep", email: "rep@gather.example", organisationName: "X" });
  assert.equal(res.statusCode, 303);

  const closed = await gathering({ closesDate: day(-1), closesTime: "12:00" });
  const late = await register(closed.id, "Sein", "sein@example.com");
  assert.equal(late.statusCode, 422);
  assert.match(late.body, /Registration is closed/);
  assert.equal((await registrations(closed.id)).length, 0);
});

test("a gathering kept to the network is not seen outside it: page, list, API and calendar", async () => {
  const g = await gathering({ title: "Internt styremøte-seminar", visibility: "network" });
  const anonymous = new Session(t.app);
  assert.equal((await anonymous.get(`/gatherings/${g.id}`)).statusCode, 404);
  assert.equal((await anonymous.get(`/api/v1/gatherings/${g.id}`)).statusCode, 404);
  assert.doesNotMatch((await anonymous.get(`/n/${rogaland.slug}/gatherings`)).body, /Internt styremøte-seminar/);
  assert.doesNotMatch((await anonymous.get("/api/v1/gatherings")).body, /Internt styremøte-seminar/);
  assert.doesNotMatch((await anonymous.get(`/n/${rogaland.slug}/gatherings/calendar.ics`)).body, /Internt/);
  const outsider = await login("sek@nordland.example");
  assert.equal((await outsider.get(`/gatherings/${g.id}`)).statusCode, 404);
  assert.equal((await outsider.get(`/gatherings/${g.id}/edit`)).statusCode, 404);
  const rep = await login("rep@gather.example");
  assert.equal((await rep.get(`/gatherings/${g.id}`)).statusCode, 200);
  assert.match((await rep.get(`/n/${rogaland.slug}/gatherings/calendar.ics`)).body, /Internt/);
});

test("the calendar entry parses with a standard iCalendar parser, the programme in it", async () => {
  const g = await gathering({ place: "Sandnes" });
  const added = await t.app.services.gatherings.addSession(actor, g, {
    date: day(14),
    time: "10:00",
    title: "Erfaringar, del 1",
    speakers: "Ola",
    room: "A",
  });
  assert.ok(added.ok);
  const bad = await t.app.services.gatherings.addSession(actor, g, { date: day(14), time: "25:00", title: "" });
  assert.ok(!bad.ok && bad.errors.some((e) => e.field === "time") && bad.errors.some((e) => e.field === "title"));
  const res = await new Session(t.app).get(`/gatherings/${g.id}/calendar.ics`);
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers["content-type"]), /^text\/calendar/);
  const events = new ICAL.Component(ICAL.parse(res.body)).getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
  assert.equal(events.length, 2);
  assert.equal(events[0]!.summary, g.title);
  assert.equal(events[0]!.location, "Sandnes");
  assert.equal(events[0]!.startDate.toJSDate().getTime(), g.startsAt.getTime());
  assert.equal(events[1]!.summary, `${g.title}: Erfaringar, del 1`);
  assert.equal(events[1]!.endDate.toJSDate().getTime(), g.endsAt.getTime(), "the last item lasts until the end");
});

test("a moved gathering, and a programme that changes, come with a higher SEQUENCE and a new LAST-MODIFIED", async () => {
  const g = await gathering({ title: "Flyttbar samling, del 2; med alt", place: "Sandnes" });
  const stamp = async (at: Date) =>
    t.database.db.update(gatheringsTable).set({ updatedAt: at }).where(eq(gatheringsTable.id, g.id));
  const read = async () => {
    const body = (await new Session(t.app).get(`/gatherings/${g.id}/calendar.ics`)).body;
    return new ICAL.Component(ICAL.parse(body)).getAllSubcomponents("vevent").map((v) => ({
      uid: String(v.getFirstPropertyValue("uid")),
      sequence: Number(v.getFirstPropertyValue("sequence")),
      lastModified: (v.getFirstPropertyValue("last-modified") as ICAL.Time).toJSDate().getTime(),
      start: (v.getFirstPropertyValue("dtstart") as ICAL.Time).toJSDate().getTime(),
      end: (v.getFirstPropertyValue("dtend") as ICAL.Time).toJSDate().getTime(),
      summary: String(v.getFirstPropertyValue("summary")),
    }));
  };
  await stamp(new Date(Date.now() - 3 * 3600_000));
  const [before] = await read();
  assert.equal(before!.summary, "Flyttbar samling, del 2; med alt");
  const moved = await t.app.services.gatherings.update(actor, (await t.app.services.gatherings.get(null, g.id)).gathering, {
    kind: "seminar",
    title: g.title,
    place: "Sandnes",
    startsDate: day(15),
    startsTime: "10:00",
    endsDate: day(15),
    endsTime: "16:00",
  });
  assert.ok(moved.ok);
  const [after] = await read();
  assert.equal(after!.uid, `gathering-${g.id}@samverk`);
  assert.equal(after!.start, moved.value.startsAt.getTime());
  assert.ok(after!.sequence > before!.sequence, "SEQUENCE rose with the move");
  assert.ok(after!.lastModified > before!.lastModified, "LAST-MODIFIED is the move's time");
  // A second item cuts the first one short: the first item's entry changes, so it rises too.
  const first = await t.app.services.gatherings.addSession(actor, moved.value, { date: day(15), time: "10:00", title: "Først" });
  assert.ok(first.ok);
  await stamp(new Date(Date.now() - 3600_000));
  const [, firstAlone] = await read();
  assert.equal(firstAlone!.end, moved.value.endsAt.getTime(), "alone, it lasts until the end");
  const current = (await t.app.services.gatherings.get(null, g.id)).gathering;
  const second = await t.app.services.gatherings.addSession(actor, current, { date: day(15), time: "12:00", title: "Så" });
  assert.ok(second.ok);
  const [, firstShortened] = await read();
  assert.equal(firstShortened!.uid, firstAlone!.uid);
  assert.ok(firstShortened!.end < firstAlone!.end, "it now ends when the next item starts");
  assert.ok(firstShortened!.sequence > firstAlone!.sequence, "SEQUENCE rose with the programme");
  assert.ok(firstShortened!.lastModified > firstAlone!.lastModified);
  // Taking the second item away lengthens the first again: it rises once more.
  await stamp(new Date(Date.now() - 1800_000));
  const [, stamped] = await read();
  await t.app.services.gatherings.removeSession(
    actor,
    (await t.app.services.gatherings.get(null, g.id)).gathering,
    second.value.id,
  );
  const events = await read();
  assert.equal(events.length, 2);
  assert.equal(events[1]!.end, moved.value.endsAt.getTime());
  assert.ok(events[1]!.sequence > stamped!.sequence);
});

test("attendance is marked afterwards, and personal data goes when the retention runs out or when the person asks", async () => {
  const g = await gathering({ startsDate: day(-3), endsDate: day(-3), personalDataDays: "1" });
  // Registration is over for a past gathering, so the rows are made as the service would have made them.
  const [a, b] = await t.database.db
    .insert(gatheringRegistrations)
    .values([
      {
        gatheringId: g.id,
        status: "confirmed",
        name: "Møtte",
        email: "kom@example.com",
        organisationId: memberId,
        receiptHash: `r-${g.id}-a`,
      },
      {
        gatheringId: g.id,
        status: "confirmed",
        name: "Borte",
        email: "borte@example.com",
        organisationName: "B",
        receiptHash: `r-${g.id}-b`,
      },
    ])
    .returning();
  const sek = await login("sek@gather.example");
  await sek.get(`/gatherings/${g.id}/participants`);
  assert.equal((await sek.post(`/gatherings/${g.id}/attendance`, { attended: [String(a!.id)] })).statusCode, 303);
  const marked = Object.fromEntries((await registrations(g.id)).map((r) => [r.name, r.attended]));
  assert.deepEqual(marked, { Møtte: true, Borte: false });
  // The member's page counts who came, without names.
  const orgPage = (await new Session(t.app).get(`/organisations/${memberId}?lang=en`)).body;
  assert.match(orgPage, /Gatherings its people attended/);
  assert.match(orgPage, new RegExp(`${g.title}</a>, [^<]*: 1 person`));
  assert.doesNotMatch(orgPage, /Møtte/);
  const xlsx = await sek.get(`/gatherings/${g.id}/participants.xlsx`);
  assert.equal(xlsx.statusCode, 200);
  assert.match(String(xlsx.headers["content-type"]), /spreadsheetml/);
  assert.equal(xlsx.rawPayload.subarray(0, 2).toString(), "PK", "a zip, as an xlsx file is");
  assert.equal(await t.app.services.gatherings.removeExpiredPersonalData(), 2);
  const after = await registrations(g.id);
  assert.ok(after.every((r) => r.name === null && r.email === null && r.personalDataRemovedAt !== null));
  assert.deepEqual(after.map((r) => r.attended).sort(), [false, true], "what happened stays, without who");
  assert.ok(b);

  // A person removes their own data at once from the receipt's link.
  const coming = await gathering();
  const res = await register(coming.id, "Snart borte", "snart@example.com");
  const receipt = String(res.headers.location);
  const session = new Session(t.app);
  await session.get(receipt);
  assert.equal((await session.post(`${receipt}/remove-personal-data`, {})).statusCode, 303);
  const [gone] = await t.database.db
    .select()
    .from(gatheringRegistrations)
    .where(and(eq(gatheringRegistrations.gatheringId, coming.id), like(gatheringRegistrations.status, "cancelled")));
  assert.equal(gone?.name, null);
  assert.equal(gone?.email, null);
});

test("a gathering held by several networks: invited, accepted by the other's secretariat, then on its page and calendar and run by it too", async () => {
  const sek = await login("sek@gather.example");
  await sek.get(`/n/${rogaland.slug}/gatherings/new`);
  const fields = {
    kind: "conference",
    title: "Felles regionsamling",
    startsDate: day(25),
    startsTime: "09:00",
    endsDate: day(25),
    endsTime: "16:00",
    audience: "members",
    visibility: "public",
  };
  // Kept to the network and held together: refused, with what was typed; so is a network that is not one.
  const hidden = await sek.post(`/n/${rogaland.slug}/gatherings?lang=en`, {
    ...fields,
    visibility: "network",
    invitedNetworkIds: [String(nordland.id)],
  });
  assert.equal(hidden.statusCode, 422);
  assert.match(hidden.body, /A gathering held together with other networks must be public/);
  assert.match(hidden.body, /value="Felles regionsamling"/);
  assert.equal(
    (await sek.post(`/n/${rogaland.slug}/gatherings?lang=en`, { ...fields, invitedNetworkIds: ["999999"] })).statusCode,
    422,
  );
  assert.equal(
    (await sek.post(`/n/${rogaland.slug}/gatherings?lang=en`, { ...fields, invitedNetworkIds: [String(rogaland.id)] }))
      .statusCode,
    422,
  );
  const created = await sek.post(`/n/${rogaland.slug}/gatherings`, { ...fields, invitedNetworkIds: [String(nordland.id)] });
  assert.equal(created.statusCode, 303);
  const id = Number(String(created.headers.location).match(/\/gatherings\/(\d+)/)![1]);

  // Invited is not yet held together: not on Nordland's page, and Nordland's secretariat does not run it.
  const other = await login("sek@nordland.example");
  assert.doesNotMatch((await new Session(t.app).get(`/n/${nordland.slug}/gatherings`)).body, /Felles regionsamling/);
  assert.equal((await other.get(`/gatherings/${id}/edit`)).statusCode, 403);
  // Nordland's secretariat sees the invitation and accepts; nobody else can accept for Nordland.
  const invited = await other.get(`/n/${nordland.slug}/gatherings?lang=en`);
  assert.match(invited.body, /Invitations to hold gatherings together/);
  assert.equal((await sek.post(`/n/${nordland.slug}/gatherings/invitations/${id}/accept`, {})).statusCode, 403);
  const trondelag = (await t.app.services.networks.bySlug("digi-trondelag"))!;
  await testAccount(t.app, t.database.db, "sek@trondelag-gather.example", { networkId: trondelag.id, role: "secretariat" });
  const third = await login("sek@trondelag-gather.example");
  assert.equal((await third.post(`/n/digi-trondelag/gatherings/invitations/${id}/accept`, {})).statusCode, 404, "not invited");
  assert.equal((await other.post(`/n/${nordland.slug}/gatherings/invitations/${id}/accept`, {})).statusCode, 303);

  // Held together: on Nordland's page and calendar, run by its secretariat too; not by a third network's.
  assert.match((await new Session(t.app).get(`/n/${nordland.slug}/gatherings`)).body, /Felles regionsamling/);
  assert.match((await new Session(t.app).get(`/n/${nordland.slug}/calendar.ics`)).body, /SUMMARY:Felles regionsamling/);
  assert.match((await new Session(t.app).get(`/gatherings/${id}?lang=en`)).body, /Together with/);
  assert.equal((await other.get(`/gatherings/${id}/edit`)).statusCode, 200);
  assert.equal((await other.get(`/gatherings/${id}/participants`)).statusCode, 200);
  assert.equal((await third.get(`/gatherings/${id}/edit`)).statusCode, 403);
  // A members' gathering held together takes each network's people.
  await testAccount(t.app, t.database.db, "member@nordland-gather.example", { networkId: nordland.id, role: "member" });
  assert.match((await (await login("member@nordland-gather.example")).get(`/gatherings/${id}/register`)).body, /name="email"/);

  // Nordland stops holding it together: off its page, and its secretariat no longer runs it.
  assert.equal((await other.post(`/n/${nordland.slug}/gatherings/invitations/${id}/withdraw`, {})).statusCode, 303);
  assert.doesNotMatch((await new Session(t.app).get(`/n/${nordland.slug}/gatherings`)).body, /Felles regionsamling/);
  assert.equal((await other.get(`/gatherings/${id}/edit`)).statusCode, 403);
});

test("by invitation: the organiser invites by address, each link lets one registration in, nobody else gets in", async () => {
  const g = await gathering({ audience: "invited", title: "Lukka arbeidsmøte" });
  const sek = await login("sek@gather.example");
  await sek.get(`/gatherings/${g.id}/participants`);
  // Bad addresses: refused, the list comes back as typed, nobody invited.
  const bad = await sek.post(`/gatherings/${g.id}/invitations?lang=en`, { emails: "ola@example.com\nikkje-ei-adresse" });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /These are not e-mail addresses: ikkje-ei-adresse/);
  assert.match(bad.body, /ola@example.com/);
  assert.equal((await t.app.services.gatherings.invitations(g)).length, 0);
  // Another network's secretariat cannot invite.
  const other = await login("sek@nordland.example");
  assert.equal((await other.post(`/gatherings/${g.id}/invitations`, { emails: "x@example.com" })).statusCode, 403);
  const sent = await sek.post(`/gatherings/${g.id}/invitations`, {
    emails: "ola@invited.example, kari@invited.example\nOLA@invited.example",
  });
  assert.equal(sent.statusCode, 303);
  assert.match(String(sent.headers.location), /invited=2/);
  const again = await sek.post(`/gatherings/${g.id}/invitations`, { emails: "kari@invited.example" });
  assert.match(String(again.headers.location), /invited=0/, "invited before: skipped");
  const mails = await t.database.db.select().from(mailOutbox).where(like(mailOutbox.to, "%@invited.example"));
  assert.equal(mails.length, 2);
  const link = mails
    .find((m) => m.to === "ola@invited.example")!
    .body.match(/\/gatherings\/\d+\/register\?invitation=[\w-]+/)![0];

  // Without the link: no form, and a registration sent anyway is refused.
  assert.match((await new Session(t.app).get(`/gatherings/${g.id}/register?lang=en`)).body, /by invitation only/);
  assert.equal((await register(g.id, "Snik", "snik@example.com")).statusCode, 422);
  assert.equal((await register(g.id, "Gjett", "gjett@example.com", new Session(t.app))).statusCode, 422);
  // With it: the form, the address filled in, one registration.
  const session = new Session(t.app);
  const form = await session.get(link);
  assert.match(form.body, /value="ola@invited.example"/);
  const token = link.split("invitation=")[1]!;
  const done = await session.post(`/gatherings/${g.id}/register`, {
    name: "Ola",
    email: "ola@invited.example",
    organisationName: "X",
    invitation: token,
  });
  assert.equal(done.statusCode, 303);
  // The same link again: used.
  const reuse = new Session(t.app);
  await reuse.get(link);
  const second = await reuse.post(`/gatherings/${g.id}/register?lang=en`, {
    name: "Per",
    email: "per@example.com",
    organisationName: "X",
    invitation: token,
  });
  assert.equal(second.statusCode, 422);
  assert.equal((await registrations(g.id)).length, 1);
  const page = await sek.get(`/gatherings/${g.id}/participants?lang=en`);
  assert.match(page.body, /Not registered yet/);
  assert.match(page.body, /kari@invited.example/);
});

test("for chief executives and councillors: anyone registers, saying which they are; the organiser sees it", async () => {
  const g = await gathering({ audience: "leaders", title: "Leiarsamling" });
  const session = new Session(t.app);
  await session.get(`/gatherings/${g.id}/register`);
  const missing = await session.post(`/gatherings/${g.id}/register?lang=en`, {
    name: "Kari",
    email: "kari@leaders.example",
    organisationName: "X",
  });
  assert.equal(missing.statusCode, 422);
  assert.match(missing.body, /I am: Fill in this field/);
  const done = await session.post(`/gatherings/${g.id}/register`, {
    name: "Kari",
    email: "kari@leaders.example",
    organisationName: "X",
    leaderRole: "councillor",
  });
  assert.equal(done.statusCode, 303);
  const [row] = await registrations(g.id);
  assert.equal(row?.leaderRole, "councillor");
  const sek = await login("sek@gather.example");
  assert.match((await sek.get(`/gatherings/${g.id}/participants?lang=en`)).body, /Councillor/);
  assert.match((await sek.get(`/gatherings/${g.id}/participants.csv?lang=en`)).body, /Councillor/);
});

test("materials afterwards: the organiser adds documents and a recording's link, readers of the gathering get them, others not", async () => {
  const open = await gathering({ title: "Seminar med materiell" });
  const kept = await gathering({ title: "Internt seminar", visibility: "network" });
  const sek = await login("sek@gather.example");
  await sek.get(`/gatherings/${open.id}`);
  const pdf = {
    field: "file",
    filename: "lysark.pdf",
    data: Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"),
    type: "application/pdf",
  };
  const noTitle = await sek.upload(`/gatherings/${open.id}/documents?lang=en`, { title: "" }, pdf);
  assert.equal(noTitle.statusCode, 422);
  assert.equal((await sek.upload(`/gatherings/${open.id}/documents`, { title: "Lysark" }, pdf)).statusCode, 303);
  const badLink = await sek.post(`/gatherings/${open.id}/links?lang=en`, { title: "Opptak", url: "javascript:alert(1)" });
  assert.equal(badLink.statusCode, 422);
  assert.match(badLink.body, /value="Opptak"/);
  assert.equal(
    (await sek.post(`/gatherings/${open.id}/links`, { title: "Opptak", url: "https://video.example/opptak" })).statusCode,
    303,
  );
  const other = await login("sek@nordland.example");
  assert.equal((await other.post(`/gatherings/${open.id}/links`, { title: "Kapra", url: "https://x.example" })).statusCode, 403);
  const page = await new Session(t.app).get(`/gatherings/${open.id}?lang=en`);
  assert.match(page.body, /Lysark/);
  assert.match(page.body, /href="https:\/\/video.example\/opptak"/);
  const api = JSON.parse((await new Session(t.app).get(`/api/v1/gatherings/${open.id}`)).body);
  assert.equal(api.materials.links[0].url, "https://video.example/opptak");
  const download = await new Session(t.app).get(api.materials.documents[0].url);
  assert.equal(download.statusCode, 200);
  // A gathering kept to the network keeps its materials there too.
  await sek.get(`/gatherings/${kept.id}`);
  assert.equal((await sek.upload(`/gatherings/${kept.id}/documents`, { title: "Internt lysark" }, pdf)).statusCode, 303);
  const [doc] = await t.app.services.gatherings.repo.documents.list(kept.id);
  assert.equal((await new Session(t.app).get(`/gatherings/${kept.id}/documents/${doc!.id}`)).statusCode, 404);
  assert.equal((await sek.get(`/gatherings/${kept.id}/documents/${doc!.id}`)).statusCode, 200);
  // A document id under another gathering's path finds nothing.
  assert.equal((await sek.get(`/gatherings/${open.id}/documents/${doc!.id}`)).statusCode, 404);
});

test("a signed-in person finds the form filled in, their organisation too, and registers with one click", async () => {
  const g = await gathering({ title: "Eitt klikk" });
  const rep = await login("rep@gather.example");
  const form = await rep.get(`/gatherings/${g.id}/register`);
  assert.match(form.body, /name="email"[^>]*value="rep@gather.example"|value="rep@gather.example"[^>]*name="email"/);
  assert.match(form.body, new RegExp(`<option value="${memberId}" selected`));
  // The form as it came, sent as it is.
  const values = Object.fromEntries(
    [...form.body.matchAll(/<input[^>]*name="(name|email)"[^>]*value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]),
  );
  const sent = await rep.post(`/gatherings/${g.id}/register`, { ...values, organisationId: String(memberId) });
  assert.equal(sent.statusCode, 303);
  const [row] = await registrations(g.id);
  assert.equal(row?.organisationId, memberId);
});

test("the lists: every network's coming gatherings, a network's own, and the API", async () => {
  await gathering({ title: "Synleg samling" });
  const all = await new Session(t.app).get("/gatherings?lang=en");
  assert.equal(all.statusCode, 200);
  assert.match(all.body, /Synleg samling/);
  const own = await new Session(t.app).get(`/n/${rogaland.slug}/gatherings`);
  assert.match(own.body, /Synleg samling/);
  assert.doesNotMatch((await new Session(t.app).get(`/n/${nordland.slug}/gatherings`)).body, /Synleg samling/);
  const api = JSON.parse((await new Session(t.app).get(`/api/v1/gatherings?network=${rogaland.slug}`)).body);
  assert.ok(api.items.some((i: { title: string }) => i.title === "Synleg samling"));
  assert.equal((await new Session(t.app).get("/api/v1/gatherings?network=Not a slug")).statusCode, 400);
  // Paged as every API list: a page of the size asked for, and how many there are in all.
  const page = JSON.parse((await new Session(t.app).get(`/api/v1/gatherings?network=${rogaland.slug}&limit=1&offset=1`)).body);
  assert.equal(page.items.length, 1);
  assert.equal(page.total, api.items.length);
});

test("the day before, each person with a place is reminded once, in the language they registered in", async () => {
  const g = await gathering({ capacity: "1", title: "Påminningsseminar" });
  assert.equal((await register(g.id, "Plass", "plass@remind.example")).statusCode, 303);
  assert.equal((await register(g.id, "Venter", "venter@remind.example")).statusCode, 303);
  const { gatherings } = t.app.services;
  const reminders = async (to: string) =>
    (await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.to, to))).filter((m) => m.subject.startsWith("Tomorrow"));
  // Two days before: not yet.
  assert.equal(await gatherings.sendReminders(new Date(g.startsAt.getTime() - 48 * 3600_000)), 0);
  // The day before, from two processes at once: one reminder, to the one with a place, in English.
  const at = new Date(g.startsAt.getTime() - 12 * 3600_000);
  const counts = await Promise.all([gatherings.sendReminders(at), gatherings.sendReminders(at)]);
  assert.ok(counts.reduce((a, b) => a + b, 0) >= 1);
  const [reminder, ...more] = await reminders("plass@remind.example");
  assert.ok(reminder, "the one with a place is reminded");
  assert.equal(more.length, 0, "once");
  assert.match(reminder.body, new RegExp(`/gatherings/${g.id}/calendar\\.ics`));
  assert.equal((await reminders("venter@remind.example")).length, 0, "not the one waiting");
  assert.equal(await gatherings.sendReminders(at), 0, "nothing twice");
  assert.match(reminder.calendar ?? "", /BEGIN:VEVENT/, "with the invitation");
});

test("the receipt and the reminder carry an iCalendar invitation, sent over SMTP as a calendar part a standard parser reads", async () => {
  const smtp = await startSmtpServer();
  const app = await createTestApp({ env: { SMTP_URL: smtp.url, SAMVERK_PUBLIC_URL: "https://samverk.test" } });
  try {
    const created = await app.app.services.gatherings.create(actor, rogaland.id, {
      kind: "seminar",
      title: "Invitasjonsseminar",
      startsDate: day(14),
      startsTime: "09:00",
      endsDate: day(14),
      endsTime: "15:00",
      capacity: "1",
    });
    assert.ok(created.ok);
    const id = created.value.id;
    const session = new Session(app.app);
    await session.get(`/gatherings/${id}/register`);
    await session.post(`/gatherings/${id}/register`, {
      name: "Kari",
      email: "kari@invite.example",
      organisationName: "Testkommune",
    });
    await session.get(`/gatherings/${id}/register`);
    await session.post(`/gatherings/${id}/register`, {
      name: "Ola",
      email: "ola@invite.example",
      organisationName: "Testkommune",
    });
    // Delivery may already be running from the registrations themselves: ask until both are sent.
    for (let i = 0; i < 20 && smtp.mails.length < 2; i++) await app.app.services.mail.delivery.deliverDue();
    const receipt = smtp.mails.find((m) => m.to.includes("kari@invite.example"));
    assert.ok(receipt, "the receipt was delivered");
    const calendar = mimePart(receipt.raw, "text/calendar");
    assert.ok(calendar, "with a text/calendar part");
    const event = new ICAL.Component(ICAL.parse(calendar)).getFirstSubcomponent("vevent")!;
    assert.equal(event.getFirstPropertyValue("summary"), "Invitasjonsseminar");
    assert.equal(event.getFirstPropertyValue("uid"), `gathering-${id}@samverk`);
    assert.match(receipt.raw, /method=PUBLISH/i);
    // The one waiting gets no invitation until a place is theirs.
    const waiting = smtp.mails.find((m) => m.to.includes("ola@invite.example"));
    assert.ok(waiting);
    assert.equal(mimePart(waiting.raw, "text/calendar"), null);
  } finally {
    await app.close();
    await smtp.close();
  }
});

test("the API: the secretariat makes a gathering, anyone registers, the secretariat reads who did", async () => {
  const sek = await login("sek@gather.example");
  const created = await sek.api("POST", `/api/v1/networks/${rogaland.slug}/gatherings`, {
    kind: "webinar",
    title: "API-webinar",
    startsDate: day(20),
    startsTime: "13:00",
    endsDate: day(20),
    endsTime: "14:00",
    capacity: 1,
  });
  assert.equal(created.statusCode, 201, created.body);
  const { id } = created.json();
  const bad = await sek.api("POST", `/api/v1/networks/${rogaland.slug}/gatherings`, {
    kind: "webinar",
    title: "Baklengs",
    startsDate: day(20),
    startsTime: "13:00",
    endsDate: day(19),
    endsTime: "14:00",
  });
  assert.equal(bad.statusCode, 422);
  const anonymous = new Session(t.app);
  const anyone = (body: object) => anonymous.api("POST", `/api/v1/gatherings/${id}/registrations`, body);
  const first = await anyone({ name: "API 1", email: "api1@example.com", organisationName: "X" });
  assert.equal(first.statusCode, 201, first.body);
  assert.equal(first.json().status, "confirmed");
  assert.equal((await anyone({ name: "API 2", email: "api2@example.com", organisationName: "X" })).json().status, "waiting");
  const twice = await anyone({ name: "API 1", email: "API1@example.com", organisationName: "X" });
  assert.equal(twice.statusCode, 422);
  const list = await sek.api("GET", `/api/v1/gatherings/${id}/registrations`);
  assert.deepEqual(
    list.json().items.map((r: { email: string; status: string }) => [r.email, r.status]),
    [
      ["api1@example.com", "confirmed"],
      ["api2@example.com", "waiting"],
    ],
  );
  assert.equal((await anonymous.api("GET", `/api/v1/gatherings/${id}/registrations`)).statusCode, 401);
  const outsider = await login("sek@nordland.example");
  assert.equal((await outsider.api("GET", `/api/v1/gatherings/${id}/registrations`)).statusCode, 403);
});

test("the organiser's questions: on the form, a required one must be answered, the answers in the list and the files", async () => {
  const g = await gathering();
  const sek = await login("sek@gather.example");
  await sek.get(`/gatherings/${g.id}`);
  const empty = await sek.post(`/gatherings/${g.id}/questions?lang=en`, { text: "" });
  assert.equal(empty.statusCode, 422);
  assert.equal((await sek.post(`/gatherings/${g.id}/questions`, { text: "Kva for verkstad?", required: "1" })).statusCode, 303);
  assert.equal((await sek.post(`/gatherings/${g.id}/questions`, { text: "Allergiar?" })).statusCode, 303);
  const [workshop, allergies] = await t.app.services.gatherings.repo.questions(g.id);
  assert.ok(workshop?.required && !allergies?.required);

  const session = new Session(t.app);
  const form = await session.get(`/gatherings/${g.id}/register`);
  assert.match(form.body, /Kva for verkstad\?/);
  const unanswered = await session.post(`/gatherings/${g.id}/register?lang=en`, {
    name: "Svar",
    email: "svar@example.com",
    organisationName: "X",
    [`q${allergies!.id}`]: "Nøtter",
  });
  assert.equal(unanswered.statusCode, 422);
  assert.match(unanswered.body, /Nøtter/, "the other answer is kept");
  assert.equal((await registrations(g.id)).length, 0);
  const answered = await session.post(`/gatherings/${g.id}/register`, {
    name: "Svar",
    email: "svar@example.com",
    organisationName: "X",
    [`q${workshop!.id}`]: "Arkiv",
    [`q${allergies!.id}`]: "Nøtter",
  });
  assert.equal(answered.statusCode, 303);
  const list = await sek.get(`/gatherings/${g.id}/participants`);
  assert.match(list.body, /Kva for verkstad\?/);
  assert.match(list.body, /Arkiv/);
  assert.match((await sek.get(`/gatherings/${g.id}/participants.csv`)).body, /Arkiv.*Nøtter/);
  // Through the API, by question id; the public detail names the questions, never the answers.
  const api = await new Session(t.app).api("POST", `/api/v1/gatherings/${g.id}/registrations`, {
    name: "API",
    email: "api-svar@example.com",
    organisationName: "Y",
    answers: { [workshop!.id]: "Skule" },
  });
  assert.equal(api.statusCode, 201, api.body);
  const detail = await new Session(t.app).get(`/api/v1/gatherings/${g.id}`);
  assert.match(detail.body, /Kva for verkstad/);
  assert.doesNotMatch(detail.body, /Arkiv|Skule|Nøtter/);
  // Removing a question; and the form is fixed once the gathering has started.
  assert.equal((await sek.post(`/gatherings/${g.id}/questions/${allergies!.id}/delete`, {})).statusCode, 303);
  assert.equal((await t.app.services.gatherings.repo.questions(g.id)).length, 1);
});

test("what a review found: the trail names no registrant, the capacity never drops below the places given, the programme stays inside the gathering, no form where nobody may register, and one's own removal takes the organisation too", async () => {
  const { gatherings } = t.app.services;
  // A signed-in person's registration is audited without their account.
  const g = await gathering({ capacity: "" });
  const rep = await login("rep@gather.example");
  await rep.get(`/gatherings/${g.id}/register`);
  assert.equal(
    (await rep.post(`/gatherings/${g.id}/register`, { name: "Rep", email: "rep-trail@example.com", organisationName: "X" }))
      .statusCode,
    303,
  );
  const trail = await t.app.services.audit.history("gathering_registration", (await registrations(g.id))[0]!.id);
  assert.ok(
    trail.length > 0 &&
      trail.every((e) => !JSON.stringify(e).includes("rep@gather.example") && !JSON.stringify(e).includes('"Rep"')),
  );
  // From no limit to fewer places than are taken: refused.
  assert.equal((await register(g.id, "To", "to@cap.example")).statusCode, 303);
  const fewer = await gatherings.update(actor, g, {
    kind: "seminar",
    title: g.title,
    startsDate: day(14),
    startsTime: "09:00",
    endsDate: day(14),
    endsTime: "15:00",
    capacity: "1",
  });
  assert.ok(!fewer.ok && fewer.errors[0]!.key === "errors.capacityBelowConfirmed");
  assert.equal((await gatherings.get(null, g.id)).gathering.capacity, null, "nothing changed");
  // A programme item outside the gathering is refused.
  const outside = await gatherings.addSession(actor, g, { date: day(14), time: "16:00", title: "Etter slutt" });
  assert.ok(!outside.ok && outside.errors[0]!.field === "time");
  // Past the deadline the page says so instead of showing a form.
  const closed = await gathering({ closesDate: day(-1), closesTime: "12:00" });
  const page = await new Session(t.app).get(`/gatherings/${closed.id}/register?lang=en`);
  assert.match(page.body, /Registration is closed/);
  assert.doesNotMatch(page.body, /name="email"/);
  // A deadline date alone on the day the gathering starts closes at its start.
  const sameDay = await gathering({ closesDate: day(14) });
  assert.equal(sameDay.registrationClosesAt?.getTime(), sameDay.startsAt.getTime());
  // One's own removal: organisation and attendance go too; the organisation counts it no more.
  const own = await gathering();
  const session = new Session(t.app);
  await session.get(`/gatherings/${own.id}/register`);
  const res = await session.post(`/gatherings/${own.id}/register`, {
    name: "Eigen",
    email: "eigen@example.com",
    organisationId: String(memberId),
  });
  const receipt = String(res.headers.location);
  await session.get(receipt);
  await session.post(`${receipt}/remove-personal-data`, {});
  const [gone] = await registrations(own.id);
  assert.equal(gone!.organisationId, null);
  assert.equal(gone!.status, "cancelled");
});
