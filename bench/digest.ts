/**
 * The digest benchmark (issue 25): many people follow projects across every network, some kept to their
 * network; a day's events happen to them; one digest run writes the mail. Measured: events and mails a
 * second, against the limit of the same run (queueing the same number of mails alone, with nothing to
 * read). Checked: each person with something to hear gets exactly one mail, nobody else any, and no mail
 * names a project its reader may not see.
 *
 *   npm run bench:digest -- --people 10000 [--events 5000] [--out bench/results]
 *   DATABASE_URL=postgres://… npm run bench:digest -- --people 10000
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { queueMails } from "../src/platform/mail/mail.ts";
import { createTestApp } from "../test/support/app.ts";
import { machine } from "./lib/report.ts";

const { values } = parseArgs({
  options: {
    people: { type: "string", default: "10000" },
    events: { type: "string" },
    follows: { type: "string", default: "5" },
    out: { type: "string", default: "bench/results" },
  },
});
const people = Number(values.people);
const eventCount = Number(values.events ?? Math.round(people / 2));
const followsEach = Number(values.follows);
if (!(people >= 10 && eventCount >= 1 && followsEach >= 1)) {
  console.error("--people at least 10, --events and --follows at least 1");
  process.exit(2);
}

/** The test support's choice: PostgreSQL when DATABASE_URL names it, else the embedded database. */
const database = process.env.DATABASE_URL ? "postgresql" : "embedded";
const t = await createTestApp({ env: { SAMVERK_PUBLIC_URL: "https://bench.example" } });
const db = t.database.db;
const rows = async <T>(query: ReturnType<typeof sql>) => ((await db.execute(query)) as unknown as { rows: T[] }).rows;

try {
  // Projects in every network, one in five kept to its network, each titled so a mail shows whose it is.
  const networks = await rows<{ id: number }>(sql`select id from networks order by id`);
  const projectsPerNetwork = Math.max(10, Math.round(people / 20));
  for (const n of networks)
    await db.execute(sql`
      insert into projects (network_id, title, kind, sector, owner_organisation_id, visibility)
      select ${n.id}, 'Bench ' || ${n.id} || '-' || g || case when g % 5 = 0 then ' KEPT' else '' end, 'regional', 'other',
        (select organisation_id from memberships where network_id = ${n.id} order by organisation_id limit 1),
        case when g % 5 = 0 then 'network' else 'public' end
      from generate_series(1, ${projectsPerNetwork}) g`);
  // People: each has access to one network (a member) or none, and follows projects across all networks.
  await db.execute(sql`
    insert into users (email, name) select 'bench' || g || '@bench.example', 'Bench ' || g from generate_series(1, ${people}) g`);
  await db.execute(sql`
    insert into network_access (network_id, user_id, role)
    select (array(select id from networks order by id))[1 + (u.id % ${networks.length})], u.id, 'member'
    from users u where u.email like 'bench%' and u.id % 2 = 0`);
  // The benchmark's projects numbered once, so picking the n-th of them is a join, not a scan per row.
  await db.execute(sql`
    create temporary table bench_projects as
    select id, (row_number() over (order by id) - 1)::bigint as n from projects where title like 'Bench %'`);
  const count = (await rows<{ count: number }>(sql`select count(*)::int as count from bench_projects`))[0]?.count ?? 0;
  await db.execute(sql`
    insert into follows (user_id, kind, record_id, state)
    select distinct u.id, 'project', p.id, 'following'
    from users u cross join generate_series(1, ${followsEach}) k
      join bench_projects p on p.n = (u.id::bigint * 7919 + k * 104729) % ${count}
    where u.email like 'bench%'`);
  // Everyone's digest starts now: what happened before is not theirs to hear.
  await t.app.services.activityDigests.send(new Date("2027-03-01T05:00:00Z"));
  await db.execute(sql`delete from mail_outbox`);
  // A day's events: phase changes on projects picked across the set.
  await db.execute(sql`
    insert into activity_events (kind, record_id, type, data)
    select 'project', p.id, 'phase_changed', '{"phase":"execution"}'::jsonb
    from generate_series(1, ${eventCount}) g
      join bench_projects p on p.n = (g::bigint * 15485863) % ${count}`);

  const started = performance.now();
  const written = await t.app.services.activityDigests.send(new Date("2027-03-02T06:30:00Z"));
  const digestSeconds = (performance.now() - started) / 1000;

  // Checks: one mail per person with something they may see, and nothing kept from them in it.
  // Only the benchmark's people: the data set's own accounts (a secretariat) follow some of its projects too.
  const mails = await rows<{ to: string; body: string }>(sql`select "to", body from mail_outbox where "to" like 'bench%'`);
  const perPerson = new Map<string, number>();
  for (const m of mails) perPerson.set(m.to, (perPerson.get(m.to) ?? 0) + 1);
  const expected = await rows<{ email: string }>(sql`
    select distinct u.email from users u join follows f on f.user_id = u.id and f.kind = 'project'
      join projects p on p.id = f.record_id
      join activity_events e on e.kind = 'project' and e.record_id = p.id
    where u.email like 'bench%' and (p.visibility = 'public'
      or exists (select 1 from network_access a where a.user_id = u.id and a.network_id = p.network_id))`);
  const access = new Map(
    (
      await rows<{ email: string; network_id: number }>(sql`
      select u.email, a.network_id from users u join network_access a on a.user_id = u.id where u.email like 'bench%'`)
    ).map((r) => [r.email, r.network_id]),
  );
  const leaks = mails.filter((m) =>
    [...m.body.matchAll(/Bench (\d+)-\d+ KEPT/g)].some((match) => access.get(m.to) !== Number(match[1])),
  ).length;
  const exactlyOnce =
    [...perPerson.values()].every((n) => n === 1) &&
    perPerson.size === expected.length &&
    expected.every((e) => perPerson.has(e.email));

  // The limit, in the same run: queueing as many mails of the same length, in batches as the digest
  // queues them, with nothing to read or decide.
  const averageBody = Math.round(mails.reduce((sum, m) => sum + m.body.length, 0) / Math.max(1, mails.length));
  await db.execute(sql`delete from mail_outbox`);
  const limitStarted = performance.now();
  await db.transaction(async (tx) => {
    for (let i = 0; i < written; i += 200)
      await queueMails(
        tx,
        Array.from({ length: Math.min(200, written - i) }, (_, j) => ({
          to: `limit${i + j}@bench.example`,
          subject: "Limit",
          body: "x".repeat(averageBody),
        })),
      );
  });
  const limitSeconds = (performance.now() - limitStarted) / 1000;

  const result = {
    at: new Date().toISOString(),
    machine: machine(),
    database,
    people,
    follows: followsEach,
    events: eventCount,
    mails: written,
    digestSeconds: Number(digestSeconds.toFixed(2)),
    eventsPerSecond: Math.round(eventCount / digestSeconds),
    mailsPerSecond: Math.round(written / digestSeconds),
    limitMailsPerSecond: Math.round(written / limitSeconds),
    ratioToLimit: Number((written / digestSeconds / (written / limitSeconds)).toFixed(3)),
    exactlyOnce,
    leaks,
  };
  console.log(JSON.stringify(result, null, 2));
  mkdirSync(values.out, { recursive: true });
  writeFileSync(`${values.out}/digest-${database}-latest.json`, `${JSON.stringify(result, null, 2)}\n`);
  if (!exactlyOnce || leaks > 0) {
    console.error(`digest: exactly once ${exactlyOnce}, leaks ${leaks}`);
    process.exitCode = 1;
  }
} finally {
  await t.close();
}
