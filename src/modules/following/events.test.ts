import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { and, eq, sql } from "drizzle-orm";
import { PASSWORD, testAccount } from "../../../test/support/accounts.ts";
import { createTestApp, Session, type TestApp } from "../../../test/support/app.ts";
import { systemActor } from "../../platform/access/actor.ts";
import { activityEvents } from "../../platform/schema.ts";

/**
 * What the modules tell (issue 25, decision 0035): every kind with a page can be followed from it, and
 * each event reaches only those who may see both the record it is told under and the record it is
 * about, read when it is shown.
 */

let t: TestApp;
let rogaland: { id: number; slug: string };
let nordland: { id: number; slug: string };
const actor = systemActor("events test");
const marker = (name: string) => `MARK-${name}-${Math.random().toString(36).slice(2, 8)}`;

before(async () => {
  t = await createTestApp({ demo: true });
  rogaland = (await t.app.services.networks.bySlug("digi-rogaland"))!;
  nordland = (await t.app.services.networks.bySlug("digi-nordland"))!;
  const db = t.database.db;
  await testAccount(t.app, db, "sek@ev-rogaland.example", { networkId: rogaland.id, role: "secretariat" });
  await testAccount(t.app, db, "member@ev-nordland.example", { networkId: nordland.id, role: "member" });
});
after(() => t.close());

const login = (email: string) => new Session(t.app).login(email, PASSWORD);
const ok = <T>(result: { ok: true; value: T } | { ok: false; errors: unknown }): T => {
  if (!result.ok) assert.fail(`expected ok, got ${JSON.stringify(result.errors)}`);
  return result.value;
};
const first = async (query: ReturnType<typeof sql>) =>
  Number(((await t.database.db.execute(query)) as unknown as { rows: { id: number }[] }).rows[0]!.id);

test("every kind with a page has a follow button there, and following it lists it", async () => {
  const reader = await login("member@ev-nordland.example");
  const pages: [string, string][] = [
    ["body", (await reader.get(`/n/${rogaland.slug}`)).body.match(/href="(\/n\/digi-rogaland\/bodies\/\d+)"/)![1]!],
    ["solution", `/solutions/${await first(sql`select id from solutions order by id limit 1`)}`],
    ["national_solution", `/roadmap/${await first(sql`select id from national_solutions order by id limit 1`)}`],
    ["strategy", `/strategies/${await first(sql`select id from strategies order by id limit 1`)}`],
    [
      "consultation",
      `/consultations/${await first(sql`select id from consultations where audience = 'anyone' order by id limit 1`)}`,
    ],
    ["gathering", `/gatherings/${await first(sql`select id from gatherings where visibility = 'public' order by id limit 1`)}`],
    ["subject_network", `/subject-networks/${(await t.app.services.subjects.list())[0]!.subject.slug}`],
    ["organisation", `/organisations/${await first(sql`select id from organisations order by id limit 1`)}`],
  ];
  for (const [kind, url] of pages) {
    const page = await reader.get(url);
    assert.equal(page.statusCode, 200, url);
    const action = page.body.match(new RegExp(`action="(/follow/${kind}/\\d+)"`))?.[1];
    assert.ok(action, `${url} has a follow button for ${kind}`);
    const res = await reader.post(action, { back: url });
    assert.deepEqual([res.statusCode, res.headers.location], [303, url]);
    assert.match((await reader.get(url)).body, /Du følger dette\./, url);
  }
  const following = (await reader.get("/following")).body;
  for (const label of [
    "Organer",
    "Delte løsninger",
    "Nasjonale løsninger",
    "Strategier",
    "Høringer",
    "Samlinger",
    "Fagnettverk",
    "Organisasjoner",
  ])
    assert.match(following, new RegExp(`<h2[^>]*>${label}`), label);
});

test("a decision kept from the public is told under its public body and need only to those who may read it", async () => {
  const body = ok(
    await t.app.services.networks.createBody(actor, rogaland.slug, {
      kind: "working_group",
      name: marker("body"),
      visibility: "public",
    }),
  );
  const [org] = await t.app.services.access.repo.memberOrganisations(rogaland.id);
  const need = ok(
    await t.app.services.needs.create(actor, rogaland.id, {
      organisationId: org!.id,
      title: marker("need"),
      problem: "Et problem.",
      visibility: "public",
    }),
  );
  const outsider = await login("member@ev-nordland.example");
  const sek = await login("sek@ev-rogaland.example");
  for (const session of [outsider, sek]) {
    await session.get(`/needs/${need.id}`);
    await session.post(`/follow/need/${need.id}`, {});
    await session.post(`/follow/body/${body.id}`, {});
  }
  const decide = async (item: string, isPublic: boolean) => {
    const { meetings } = t.app.services;
    const meeting = ok(
      await meetings.create(actor, rogaland.id, {
        title: marker("meeting"),
        bodyId: body.id,
        meetingDate: "2026-11-01",
        visibility: "public",
      }),
    );
    const itemId = ok(await meetings.addItem(actor, meeting.id, { title: item, needId: need.id }));
    ok(
      await meetings.decide(
        actor,
        meeting.id,
        { agendaItemId: itemId, text: marker("decision"), outcome: "prioritised", decidedOn: "2026-11-01", isPublic },
        (key) => key,
      ),
    );
  };
  const hidden = marker("kept-item");
  const shown = marker("open-item");
  await decide(hidden, false);
  await decide(shown, true);

  const theirs = (await outsider.get("/activity")).body;
  assert.match(theirs, new RegExp(`Vedtak fattet: <a[^>]*>${shown}`), "the public decision, under the body and the need");
  assert.equal(theirs.split(shown).length - 1, 2, "told under the body and under the need");
  assert.ok(!theirs.includes(hidden), "the kept decision is not told, not even its agenda item");
  const ours = (await sek.get("/activity")).body;
  assert.ok(ours.includes(hidden) && ours.includes(shown), "the secretariat reads both");
});

test("a gathering's announcement reaches the network's followers only where they may see the gathering, and a move reaches its followers", async () => {
  const reader = await login("member@ev-nordland.example");
  await reader.get(`/n/${rogaland.slug}`);
  await reader.post(`/follow/network/${rogaland.id}`, {});
  const { gatherings } = t.app.services;
  const base = { kind: "seminar", startsDate: "2027-03-04", startsTime: "09:00", endsDate: "2027-03-04", endsTime: "15:00" };
  const open = ok(
    await gatherings.create(actor, rogaland.id, { ...base, title: marker("open-gathering"), visibility: "public" }),
  );
  const closed = ok(
    await gatherings.create(actor, rogaland.id, { ...base, title: marker("members-gathering"), visibility: "network" }),
  );
  let activity = (await reader.get("/activity")).body;
  assert.match(activity, new RegExp(`Ny samling kunngjort: <a[^>]*href="/gatherings/${open.id}"[^>]*>${open.title}`));
  assert.ok(!activity.includes(closed.title), "a members-only gathering is not announced to others");
  assert.ok((await (await login("sek@ev-rogaland.example")).get("/activity")).body.includes(closed.title));

  await reader.post(`/follow/gathering/${open.id}`, {});
  ok(
    await gatherings.update(actor, open, {
      ...base,
      startsDate: "2027-03-11",
      endsDate: "2027-03-11",
      title: open.title,
      visibility: "public",
    }),
  );
  activity = (await reader.get("/activity?lang=en")).body;
  assert.match(activity, /Time or place changed, now 11 Mar 2027, 09:00/);
});

test("an adoption reported is told under the organisation and the national solution, each naming the other", async () => {
  const [org] = await t.app.services.access.repo.memberOrganisations(rogaland.id);
  const solution = (await t.app.services.roadmap.list({}))[0]?.solution;
  const reader = await login("member@ev-nordland.example");
  await reader.get(`/organisations/${org!.id}`);
  await reader.post(`/follow/organisation/${org!.id}`, {});
  await reader.post(`/follow/national_solution/${solution!.id}`, {});
  ok(
    await t.app.services.adoption.report({ ...actor, isAdmin: true }, org!.id, [
      { solutionId: solution!.id, status: "planned", targetDate: "2027-06-30", sinceDate: "", comment: "" },
    ]),
  );
  const activity = (await reader.get("/activity")).body;
  assert.match(activity, new RegExp(`Innføringsstatus meldt: <a[^>]*href="/roadmap/${solution!.id}"`));
  assert.match(activity, new RegExp(`Planlagt: <a[^>]*href="/organisations/${org!.id}"`));
});

test("a measure past its deadline is told once under its strategy, however often the check runs", async () => {
  const db = t.database.db;
  const strategyId = await first(sql`select id from strategies where status = 'adopted' order by id limit 1`);
  // Written as a strategy's editor would leave it: undone, its day passed.
  const measureId = await first(sql`insert into measures (strategy_id, description, deadline_date, status)
    values (${strategyId}, ${marker("measure")}, '2026-01-31', 'in_progress') returning id`);
  const told = () =>
    db
      .select()
      .from(activityEvents)
      .where(and(eq(activityEvents.type, "measure_overdue"), eq(activityEvents.aboutId, measureId)));
  await t.app.services.strategies.tellOverdueMeasures(new Date("2026-12-07T12:00:00Z"));
  await Promise.all([1, 2].map(() => t.app.services.strategies.tellOverdueMeasures(new Date("2026-12-08T12:00:00Z"))));
  assert.equal((await told()).length, 1);
  const reader = await login("member@ev-nordland.example");
  await reader.post(`/follow/strategy/${strategyId}`, {});
  assert.match((await reader.get("/activity")).body, /Tiltaket har passert fristen 31\.\s?jan/);
});

test("the header counts what is new since one last looked, and the count is gone once one has looked", async () => {
  const reader = await login("sek@ev-rogaland.example");
  const { gatherings } = t.app.services;
  await reader.get("/activity");
  assert.doesNotMatch((await reader.get("/")).body, /class="count-badge"/);
  ok(
    await gatherings.create(actor, rogaland.id, {
      kind: "seminar",
      title: marker("counted"),
      startsDate: "2027-05-04",
      startsTime: "09:00",
      endsDate: "2027-05-04",
      endsTime: "15:00",
    }),
  );
  const front = (await reader.get("/")).body;
  assert.match(front, /<span class="count-badge" aria-hidden="true">1<\/span><span class="ds-sr-only">\(1 ny\)<\/span>/);
  await reader.get("/activity");
  assert.doesNotMatch((await reader.get("/")).body, /class="count-badge"/);
});
