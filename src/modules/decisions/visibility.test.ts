import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { PASSWORD, testAccount } from "../../../test/support/accounts.ts";
import { createTestApp, Session, type TestApp } from "../../../test/support/app.ts";
import { systemActor } from "../../platform/access/actor.ts";

/**
 * A record is never more public than what holds it: a decision, agenda item or paper inside a
 * meeting, inside a body; a round inside its committee. These are the leaks an outside audit found,
 * each read as an anonymous visitor (and a plain member where the body is the body's own).
 */
let t: TestApp;
let rogaland: { id: number; slug: string };
const actor = systemActor("container test");
const marker = (name: string) => `MARK-${name}-${Math.random().toString(36).slice(2, 8)}`;

before(async () => {
  t = await createTestApp();
  rogaland = (await t.app.services.networks.bySlug("digi-rogaland"))!;
  await testAccount(t.app, t.database.db, "member@containers.example", { networkId: rogaland.id, role: "member" });
  await testAccount(t.app, t.database.db, "sek@containers.example", { networkId: rogaland.id, role: "secretariat" });
});
after(() => t.close());

const anonymous = () => new Session(t.app);
const login = (email: string) => new Session(t.app).login(email, PASSWORD);
const ok = <T>(result: { ok: true; value: T } | { ok: false; errors: unknown }): T => {
  if (!result.ok) assert.fail(`expected ok, got ${JSON.stringify(result.errors)}`);
  return result.value;
};

async function body(kind: string, visibility: "public" | "network" | "body") {
  return ok(
    await t.app.services.networks.createBody(actor, rogaland.slug, { kind, name: marker(`body-${visibility}`), visibility }),
  );
}

async function need(title: string, visibility: "public" | "network" = "public") {
  const [org] = await t.app.services.access.repo.memberOrganisations(rogaland.id);
  const created = await t.app.services.needs.create(actor, rogaland.id, {
    organisationId: org!.id,
    title,
    problem: "Et problem.",
    visibility,
  });
  return ok(created).id;
}

/** A public meeting of the body, with one item about the need, decided with the text given. */
async function decided(bodyId: number, needId: number, text: string, options: { isPublic?: boolean; outcome?: string } = {}) {
  const { meetings } = t.app.services;
  const meeting = ok(
    await meetings.create(actor, rogaland.id, {
      title: marker("meeting"),
      bodyId,
      meetingDate: "2026-11-01",
      visibility: "public",
    }),
  );
  const itemId = ok(await meetings.addItem(actor, meeting.id, { title: "Sak", needId }));
  const decision = ok(
    await meetings.decide(
      actor,
      meeting.id,
      {
        agendaItemId: itemId,
        text,
        outcome: options.outcome ?? "prioritised",
        decidedOn: "2026-11-01",
        isPublic: options.isPublic ?? true,
      },
      (key) => key,
    ),
  );
  return { meetingId: meeting.id, decision };
}

async function assertHidden(session: Session, urls: string[], text: string) {
  for (const url of urls) {
    const res = await session.get(url);
    assert.ok(!res.body.includes(text), `${url} (${res.statusCode}) shows ${text}`);
  }
}

test("a public decision of a meeting of a members-only body stays with the members", async () => {
  const closed = await body("working_group", "network");
  const needId = await need(marker("need"));
  const text = marker("decision");
  const { meetingId } = await decided(closed.id, needId, text);
  const urls = [
    `/n/${rogaland.slug}/decisions`,
    `/n/${rogaland.slug}/meetings`,
    `/meetings/${meetingId}`,
    `/needs/${needId}`,
    `/api/v1/needs/${needId}`,
    `/api/v1/meetings/${meetingId}`,
    `/api/v1/networks/${rogaland.slug}/meetings`,
  ];
  await assertHidden(anonymous(), urls, text);
  assert.equal((await anonymous().get(`/meetings/${meetingId}`)).statusCode, 404);
  const member = await login("member@containers.example");
  for (const url of urls.slice(0, 1).concat(`/needs/${needId}`, `/api/v1/needs/${needId}`))
    assert.ok((await member.get(url)).body.includes(text), `a member sees the decision on ${url}`);
});

test("a non-public decision's text reaches neither the need's history nor the project made from it", async () => {
  const { steering } = await steeringGroup();
  const needId = await need(marker("need"));
  const text = marker("secret-decision");
  const { decision } = await decided(steering, needId, text, { isPublic: false, outcome: "approved_as_project" });
  const projectId = decision.projectId!;
  assert.ok(projectId, "the decision made a project");
  const urls = [`/needs/${needId}`, `/api/v1/needs/${needId}`, `/projects/${projectId}`, `/api/v1/projects/${projectId}`];
  await assertHidden(anonymous(), urls, text);
  await assertHidden(await login("member@containers.example"), urls, text);
  const project = await t.app.services.projects.repo.byId(projectId);
  assert.ok(!project!.description.includes(text), "the project's description holds no copy of the decision");
  // The body's own members and the secretariat read it in the need's history, through the rule.
  const sek = await login("sek@containers.example");
  assert.ok((await sek.get(`/needs/${needId}`)).body.includes(text));
  assert.ok((await sek.get(`/api/v1/needs/${needId}`)).body.includes(text));
});

test("a public decision is carried into the project made from a public need", async () => {
  const { steering } = await steeringGroup();
  const needId = await need(marker("need"));
  const text = marker("open-decision");
  const { decision } = await decided(steering, needId, text, { outcome: "approved_as_project" });
  const project = await t.app.services.projects.repo.byId(decision.projectId!);
  assert.ok(project!.description.includes(text));
});

test("rounds of a members-only working committee are the committee's", async () => {
  const committee = await body("working_committee", "network");
  const needId = await need(marker("need"));
  const title = marker("round");
  const round = ok(
    await t.app.services.assessment.createRound(
      actor,
      rogaland.id,
      { title, deadline: "2099-01-01", bodyId: committee.id, needIds: [needId] },
      (key) => key,
    ),
  );
  const urls = [
    `/n/${rogaland.slug}/rounds`,
    `/rounds/${round.id}`,
    `/rounds/${round.id}/needs/${needId}`,
    `/rounds/${round.id}/results.csv`,
    `/api/v1/networks/${rogaland.slug}/rounds`,
    `/api/v1/rounds/${round.id}`,
    `/needs/${needId}`,
    `/api/v1/needs/${needId}`,
  ];
  await assertHidden(anonymous(), urls, title);
  assert.equal((await anonymous().get(`/rounds/${round.id}`)).statusCode, 404);
  const member = await login("member@containers.example");
  assert.ok((await member.get(`/rounds/${round.id}`)).body.includes(title));
  assert.ok((await member.get(`/needs/${needId}`)).body.includes(title), "the need's history names the round to members");
});

test("a public meeting's agenda names no need or project the reader may not see", async () => {
  const { steering } = await steeringGroup();
  const hiddenTitle = marker("members-need");
  const needId = await need(hiddenTitle, "network");
  const { meetings } = t.app.services;
  const meeting = ok(
    await meetings.create(actor, rogaland.id, {
      title: "Åpent møte",
      bodyId: steering,
      meetingDate: "2026-12-01",
      visibility: "public",
    }),
  );
  ok(await meetings.addItem(actor, meeting.id, { title: "Sak om et behov", needId }));
  const urls = [`/meetings/${meeting.id}`, `/api/v1/meetings/${meeting.id}`];
  await assertHidden(anonymous(), urls, hiddenTitle);
  const api = JSON.parse((await anonymous().get(`/api/v1/meetings/${meeting.id}`)).body);
  assert.equal(api.agenda[0].needId, null, "not even the need's id");
  const member = await login("member@containers.example");
  assert.ok((await member.get(`/meetings/${meeting.id}`)).body.includes(hiddenTitle));
});

async function steeringGroup() {
  const all = await t.app.services.networks.bodiesOf(rogaland.id);
  const steering = all.find((b) => b.kind === "steering_group" && b.visibility === "public");
  assert.ok(steering, "the demo network has a public steering group");
  return { steering: steering.id };
}

test("a person's seat in a hidden body is hidden with the body, on the page and in the API", async () => {
  const { networks, directory } = t.app.services;
  const hidden = await body("working_group", "network");
  const person = ok(await directory.createPerson(actor, { name: "Sittande Person" }));
  ok(await networks.addBodyMember(actor, rogaland.slug, hidden.id, { personId: person.id, role: "member" }));
  await assertHidden(anonymous(), [`/people/${person.id}`, `/api/v1/people/${person.id}`], hidden.name);
  const api = JSON.parse((await anonymous().get(`/api/v1/people/${person.id}`)).body);
  assert.equal(api.networkIds, undefined, "the API answers only the fields its schema documents");
  assert.ok((await (await login("member@containers.example")).get(`/people/${person.id}`)).body.includes(hidden.name));
});

test("a need moved to another network after it was put on the agenda is not decided here", async () => {
  const { meetings, needs, networks } = t.app.services;
  const other = (await networks.bySlug("digi-nordland"))!;
  const committee = await body("working_committee", "public");
  const needId = await need(marker("moved-need"));
  const meeting = ok(
    await meetings.create(actor, rogaland.id, {
      title: marker("meeting"),
      bodyId: committee.id,
      meetingDate: "2026-11-01",
      visibility: "public",
    }),
  );
  const itemId = ok(await meetings.addItem(actor, meeting.id, { title: "Sak", needId }));
  // The need moves to Nordland, which keeps it to its members and writes what only they may read.
  const secret = marker("nordland-only");
  const stateBefore = (await needs.repo.byId(needId))!.state;
  await needs.repo.update(needId, { networkId: other.id, bodyId: null, visibility: "network", title: secret, problem: secret });
  const sek = await login("sek@containers.example");
  const res = await sek.api("POST", `/api/v1/meetings/${meeting.id}/decisions`, {
    agendaItemId: itemId,
    text: "Vedtatt.",
    outcome: "approved_as_project",
    decidedOn: "2026-11-01",
    isPublic: true,
  });
  assert.equal(res.statusCode, 422, res.body);
  assert.match(res.body, /agendaItemId/);
  const after = (await needs.repo.byId(needId))!;
  assert.equal(after.state, stateBefore, "Nordland's need is unchanged");
  assert.equal(after.projectId, null, "no project was made from it");
  const projects = await sek.api("GET", `/api/v1/networks/${rogaland.slug}/projects?q=${secret}`);
  assert.ok(!projects.body.includes(secret), "Rogaland holds no copy of Nordland's text");
});

test("the network's meeting calendar holds what the reader may see: a meeting kept to the network only for its people", async () => {
  const { meetings } = t.app.services;
  const open = await body("subject_group", "public");
  const title = marker("calendar");
  const hidden = marker("calendar-hidden");
  ok(
    await meetings.create(actor, rogaland.id, {
      title,
      bodyId: open.id,
      meetingDate: "2027-02-03",
      startTime: "10:00",
      visibility: "public",
    }),
  );
  ok(
    await meetings.create(actor, rogaland.id, {
      title: hidden,
      bodyId: open.id,
      meetingDate: "2027-02-04",
      visibility: "network",
    }),
  );
  const feed = await anonymous().get(`/n/${rogaland.slug}/meetings/calendar.ics`);
  assert.equal(feed.statusCode, 200);
  assert.match(String(feed.headers["content-type"]), /^text\/calendar/);
  const unfolded = feed.body.replace(/\r\n /g, "");
  assert.ok(unfolded.includes(title));
  // 10:00 in Norway in February is 09:00 UTC.
  assert.match(unfolded, /DTSTART:20270203T090000Z/);
  assert.ok(!unfolded.includes(hidden), "a meeting for the network's people is not in the public feed");
  const member = await login("member@containers.example");
  const own = (await member.get(`/n/${rogaland.slug}/meetings/calendar.ics`)).body.replace(/\r\n /g, "");
  assert.ok(own.includes(hidden), "its people see it");
  assert.match(own, /DTSTART;VALUE=DATE:20270204/, "a meeting without a start time is a day");
});
