import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { sql } from "drizzle-orm";
import { PASSWORD, testAccount } from "../../../test/support/accounts.ts";
import { createTestApp, Session, type TestApp } from "../../../test/support/app.ts";
import { systemActor } from "../../platform/access/actor.ts";
import { addDays, osloToday } from "../../platform/i18n/i18n.ts";

/**
 * The front page (issue 25, decision 0036): what waits for a signed-in person across their networks,
 * each with its day and a link, and what is new and open for everyone; nothing anyone may not see.
 */

let t: TestApp;
let rogaland: { id: number; slug: string };
let nordland: { id: number; slug: string };
let committeeId: number;
let orgId: number;
const actor = systemActor("front page test");
const today = osloToday();
const marker = (name: string) => `MARK-${name}-${Math.random().toString(36).slice(2, 8)}`;
const ok = <T>(result: { ok: true; value: T } | { ok: false; errors: unknown }): T => {
  if (!result.ok) assert.fail(`expected ok, got ${JSON.stringify(result.errors)}`);
  return result.value;
};
const rows = async <T>(query: ReturnType<typeof sql>) => (await t.database.db.execute(query)) as unknown as { rows: T[] };

before(async () => {
  t = await createTestApp({ demo: true });
  const { networks, assessment } = t.app.services;
  rogaland = (await networks.bySlug("digi-rogaland"))!;
  nordland = (await networks.bySlug("digi-nordland"))!;
  committeeId = (await assessment.committeesOf(rogaland.id))[0]!.id;
  orgId = (
    await rows<{ id: number }>(sql`select o.id from organisations o join memberships m on m.organisation_id = o.id
      where m.network_id = ${rogaland.id} and o.kind = 'municipality' order by o.id limit 1`)
  ).rows[0]!.id;
  const db = t.database.db;
  await testAccount(t.app, db, "assessor@front.example", {
    networkId: rogaland.id,
    role: "member",
    organisationIds: [orgId],
    seats: [{ bodyId: committeeId, role: "member" }],
  });
  await testAccount(t.app, db, "sek@front.example", { networkId: rogaland.id, role: "secretariat" });
  await testAccount(t.app, db, "nobody@front.example", { networkId: nordland.id, role: "member" });
});
after(() => t.close());

const login = (email: string) => new Session(t.app).login(email, PASSWORD);
/** The part of the front page under a heading, up to the next section's heading. */
const section = (page: string, heading: string) => {
  const start = page.indexOf(`>${heading}</h2>`);
  return start < 0 ? "" : page.slice(start, page.indexOf("<h2", start + 1) >>> 0 || undefined);
};

test("an assessor sees the round to score and the coming meeting of their committee, with their days", async () => {
  const round = marker("round");
  const [{ id: roundId }] = (
    await rows<{ id: number }>(sql`insert into assessment_rounds (network_id, body_id, title, deadline, bands)
      values (${rogaland.id}, ${committeeId}, ${round}, ${addDays(today, 10)}, '[]'::jsonb) returning id`)
  ).rows as [{ id: number }];
  await t.database.db.execute(sql`insert into round_criteria (round_id, name, scale_min, scale_max, weight, direction, position)
    values (${roundId}, 'Nytte', 1, 5, 1, 'higher_is_better', 1)`);
  await t.database.db.execute(sql`insert into round_needs (round_id, need_id)
    select ${roundId}, id from needs where network_id = ${rogaland.id} and state <> 'merged' order by id limit 3`);
  const meeting = ok(
    await t.app.services.meetings.create(actor, rogaland.id, {
      title: marker("meeting"),
      bodyId: committeeId,
      meetingDate: addDays(today, 5),
      visibility: "public",
    }),
  );

  const page = (await (await login("assessor@front.example")).get("/")).body;
  const waiting = section(page, "Det som venter på deg");
  assert.match(
    waiting,
    new RegExp(
      `Behov å score[\\s\\S]*href="/rounds/${roundId}"[^>]*>${round}</a>[\\s\\S]*?3 behov du ikke har scoret ennå</span> · <time datetime="${addDays(today, 10)}">Frist `,
    ),
  );
  assert.match(waiting, new RegExp(`Møter som kommer[\\s\\S]*href="/meetings/${meeting.id}"`));
});

test("a secretariat sees inputs to handle and minutes to approve; a representative the measures and adoption due", async () => {
  const held = ok(
    await t.app.services.meetings.create(actor, rogaland.id, {
      title: marker("held"),
      bodyId: committeeId,
      meetingDate: addDays(today, -3),
      visibility: "public",
    }),
  );
  const sek = (await (await login("sek@front.example")).get("/")).body;
  const theirs = section(sek, "Det som venter på deg");
  assert.match(theirs, new RegExp(`Protokoller å godkjenne[\\s\\S]*href="/meetings/${held.id}"`));
  const waitingInputs = (
    await rows<{ n: number }>(sql`select count(*)::int as n from consultation_inputs i
    join consultations c on c.id = i.consultation_id where c.network_id = ${rogaland.id} and i.status = 'received'`)
  ).rows[0]!.n;
  if (waitingInputs > 0) assert.match(theirs, /Innspill å behandle[\s\S]*mottatt og ikke behandlet/);

  const [strategy] = (await rows<{ id: number }>(sql`select id from strategies where status = 'adopted' order by id limit 1`))
    .rows;
  const measure = marker("measure");
  await t.database.db.execute(sql`insert into measures (strategy_id, description, deadline_date, status, responsible_organisation_id)
    values (${strategy!.id}, ${measure}, ${addDays(today, -2)}, 'in_progress', ${orgId})`);
  const rep = section((await (await login("assessor@front.example")).get("/")).body, "Det som venter på deg");
  assert.match(rep, new RegExp(`Tiltak med frist[\\s\\S]*${measure}[\\s\\S]*?Fristen er passert`));
  assert.match(rep, new RegExp(`Innføring å melde dette kvartalet[\\s\\S]*href="/organisations/${orgId}/adoption"`));
});

test("someone with nothing waiting is told so; a visitor gets no such list but what is new and open, none of it restricted", async () => {
  const closedTitle = marker("members-gathering");
  ok(
    await t.app.services.gatherings.create(actor, rogaland.id, {
      kind: "seminar",
      title: closedTitle,
      visibility: "network",
      startsDate: addDays(today, 7),
      startsTime: "09:00",
      endsDate: addDays(today, 7),
      endsTime: "15:00",
    }),
  );
  const nobody = (await (await login("nobody@front.example")).get("/")).body;
  assert.match(section(nobody, "Det som venter på deg"), /Ingenting venter på deg nå/);

  const anonymous = (await new Session(t.app).get("/")).body;
  assert.doesNotMatch(anonymous, /Det som venter på deg/);
  const open = section(anonymous, "Nytt og åpent");
  assert.match(open, /Høringer du kan gi innspill til|Samlinger som kommer/);
  assert.ok(!anonymous.includes(closedTitle), "a members-only gathering is not shown to visitors");
  const sek = (await (await login("sek@front.example")).get("/")).body;
  assert.ok(section(sek, "Nytt og åpent").includes(closedTitle), "its network's people see it");
});
