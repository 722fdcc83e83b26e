import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { and, count, eq } from "drizzle-orm";
import { PASSWORD, testAccount } from "../../../test/support/accounts.ts";
import { createTestApp, Session, type TestApp } from "../../../test/support/app.ts";
import { auditLog } from "../../platform/schema.ts";
import { bodies } from "../networks/index.ts";
import { decisions, meetings, priorityRankings } from "./schema.ts";

let t: TestApp;
let rogaland: { id: number; slug: string };
let steeringId: number;
let org: { id: number; name: string };
let supporter: { id: number; name: string };

before(async () => {
  t = await createTestApp();
  const { networks, access } = t.app.services;
  rogaland = (await networks.bySlug("digi-rogaland"))!;
  const db = t.database.db;
  [{ id: steeringId }] = (await db
    .select({ id: bodies.id })
    .from(bodies)
    .where(and(eq(bodies.networkId, rogaland.id), eq(bodies.kind, "steering_group")))) as [{ id: number }];
  [org, supporter] = (await access.repo.memberOrganisations(rogaland.id)) as [typeof org, typeof supporter];
  await testAccount(t.app, db, "sek@rogaland.example", { networkId: rogaland.id, role: "secretariat" });
  await testAccount(t.app, db, "rep@rogaland.example", { networkId: rogaland.id, role: "member", organisationIds: [org.id] });
  await testAccount(t.app, db, "other@rogaland.example", {
    networkId: rogaland.id,
    role: "member",
    organisationIds: [supporter.id],
  });
  await testAccount(t.app, db, "sg@rogaland.example", {
    networkId: rogaland.id,
    role: "member",
    seats: [{ bodyId: steeringId, role: "member" }],
  });
});
after(() => t.close());

const login = (email: string) => new Session(t.app).login(email, PASSWORD);
const auditCount = async () => (await t.database.db.select({ n: count() }).from(auditLog))[0]!.n;
const idIn = (location: string | undefined, kind: string) => Number(location?.match(new RegExp(`/${kind}/(\\d+)`))?.[1]);

/** A need registered by the representative, supported by another organisation. */
async function need(title: string) {
  const rep = await login("rep@rogaland.example");
  const res = await rep.post(`/n/${rogaland.slug}/needs`, {
    organisationId: String(org.id),
    title,
    problem: `Problemet bak ${title.toLowerCase()}.`,
    benefit: "Mindre dobbeltarbeid.",
    costEstimate: "500000",
  });
  const id = idIn(res.headers.location, "needs");
  const other = await login("other@rogaland.example");
  await other.post(`/needs/${id}/supporters`, { organisationId: String(supporter.id), note: "Vi har det same." });
  return id;
}

async function meetingWith(needIds: number[], meetingDate = "2026-02-01") {
  const sek = await login("sek@rogaland.example");
  await sek.get(`/n/${rogaland.slug}/meetings/new`);
  const created = await sek.post(`/n/${rogaland.slug}/meetings`, {
    title: "Styringsgruppemøte",
    bodyId: String(steeringId),
    meetingDate,
    startTime: "09.30",
    place: "Rådhuset",
    link: "",
    visibility: "public",
  });
  assert.equal(created.statusCode, 303);
  const meetingId = idIn(created.headers.location, "meetings");
  const items: number[] = [];
  for (const needId of needIds) {
    const res = await sek.post(`/meetings/${meetingId}/items`, {
      title: `Sak om behov ${needId}`,
      description: "Saksframlegg.",
      needId: String(needId),
    });
    assert.equal(res.statusCode, 303);
    items.push(Number(res.headers.location?.match(/#item-(\d+)/)?.[1]));
  }
  return { sek, meetingId, items };
}

test("a decision approving a need as a project creates the project with everything the need carries, linked both ways", async () => {
  const needId = await need("Felles innbyggjarportal");
  const { sek, meetingId, items } = await meetingWith([needId]);
  const page = await sek.get(`/meetings/${meetingId}?lang=en`);
  assert.match(page.body, /Item 1: Sak om behov/);
  assert.match(page.body, /9:30|09:30/);
  const res = await sek.post(`/meetings/${meetingId}/decisions`, {
    agendaItemId: String(items[0]),
    text: "Styringsgruppa vedtek å starte prosjektet.",
    outcome: "approved_as_project",
    projectKind: "regional",
    decidedOn: "2026-02-01",
    isPublic: "1",
  });
  assert.equal(res.statusCode, 303);
  const [decision] = await t.database.db.select().from(decisions).where(eq(decisions.meetingId, meetingId));
  assert.ok(decision!.projectId);
  const projectId = decision!.projectId!;
  const project = (await t.app.services.projects.repo.byId(projectId))!;
  assert.equal(project.title, "Felles innbyggjarportal");
  assert.equal(project.problem, "Problemet bak felles innbyggjarportal.");
  assert.equal(project.budget, 500_000);
  assert.equal(project.networkId, rogaland.id);
  assert.match(project.description, /Styringsgruppa vedtek å starte prosjektet/);
  // Issue 20: the supporters' notes come along where the project's readers may read the need.
  assert.ok(project.description.includes(`${supporter.name}: Vi har det same.`), project.description);
  const participants = await t.app.services.projects.repo.participantsOf([projectId]);
  assert.deepEqual(
    participants.map((p) => [p.organisationId, p.role]).sort(),
    [
      [org.id, "participant"],
      [supporter.id, "interested"],
    ].sort(),
  );
  const stored = (await t.app.services.needs.repo.byId(needId))!;
  assert.equal(stored.state, "approved");
  assert.equal(stored.projectId, projectId);
  const projectPage = await new Session(t.app).get(`/projects/${projectId}?lang=en`);
  assert.match(projectPage.body, /The project comes from the need/);
  assert.ok(projectPage.body.includes(`/needs/${needId}"`));
  const needPage = await new Session(t.app).get(`/needs/${needId}?lang=en`);
  assert.match(needPage.body, /The need was approved as a project/);
  assert.match(needPage.body, /Approved as project<\/strong>/);
  const register = await new Session(t.app).get(`/n/${rogaland.slug}/decisions?lang=en`);
  assert.match(register.body, /Styringsgruppa vedtek å starte prosjektet/);
});

test("issue 20: a decision is recorded only for a meeting that has started, dated between its day and today", async () => {
  const needId = await need("Behov til eit seinare møte");
  const future = await meetingWith([needId], "2030-03-01");
  const page = await future.sek.get(`/meetings/${future.meetingId}?lang=en`);
  assert.match(page.body, /The meeting has not been held yet/);
  assert.doesNotMatch(page.body, new RegExp(`action="/meetings/${future.meetingId}/decisions"`), "no form to record one");
  const before = await auditCount();
  const stateBefore = (await t.app.services.needs.repo.byId(needId))!.state;
  const fields = { agendaItemId: String(future.items[0]), text: "Vedteke på førehand.", outcome: "prioritised" };
  const form = await future.sek.post(`/meetings/${future.meetingId}/decisions?lang=nn`, { ...fields, decidedOn: "2030-03-01" });
  assert.equal(form.statusCode, 422);
  assert.match(form.body, /Møtet er ikkje halde enno: det byrjar 2030-03-01 09:30/);
  const api = await future.sek.api("POST", `/api/v1/meetings/${future.meetingId}/decisions?lang=en`, {
    ...fields,
    agendaItemId: future.items[0],
    decidedOn: "2030-03-01",
  });
  assert.equal(api.statusCode, 422);
  assert.match(api.json().error.fields[0].message, /The meeting has not been held yet/);
  assert.equal(await auditCount(), before, "nothing recorded");
  assert.equal((await t.app.services.needs.repo.byId(needId))!.state, stateBefore, "the need stays where it was");

  // A held meeting: the date may be neither before the meeting nor after today.
  const held = await meetingWith([needId], "2026-02-01");
  const heldFields = { ...fields, agendaItemId: String(held.items[0]) };
  const beforeHeld = await auditCount();
  const early = await held.sek.post(`/meetings/${held.meetingId}/decisions?lang=en`, { ...heldFields, decidedOn: "2026-01-31" });
  assert.equal(early.statusCode, 422);
  assert.match(early.body, /cannot be before the meeting&#39;s date|cannot be before the meeting's date/);
  assert.ok(early.body.includes(`href="#field-item${held.items[0]}-decidedOn"`), "the summary links to the date field");
  const late = await held.sek.api("POST", `/api/v1/meetings/${held.meetingId}/decisions?lang=en`, {
    ...fields,
    agendaItemId: held.items[0],
    decidedOn: "2099-01-01",
  });
  assert.equal(late.statusCode, 422);
  assert.equal(late.json().error.fields[0].field, "decidedOn");
  assert.equal(await auditCount(), beforeHeld, "nothing recorded");
  const ok = await held.sek.post(`/meetings/${held.meetingId}/decisions`, { ...heldFields, decidedOn: "2026-02-01" });
  assert.equal(ok.statusCode, 303);
});

test("a decision on an item that is not on the agenda is refused, and so is a second decision on the same item", async () => {
  const needId = await need("Behov til avgjerd");
  const { sek, meetingId, items } = await meetingWith([needId]);
  const otherMeeting = await meetingWith([]);
  const before = await auditCount();
  const elsewhere = await sek.post(`/meetings/${otherMeeting.meetingId}/decisions?lang=en`, {
    agendaItemId: String(items[0]),
    text: "Feil møte.",
    outcome: "prioritised",
    decidedOn: "2026-02-01",
  });
  assert.equal(elsewhere.statusCode, 422);
  assert.match(elsewhere.body, /The item is not on this meeting&#39;s agenda|The item is not on this meeting's agenda/);
  const api = await sek.api("POST", `/api/v1/meetings/${otherMeeting.meetingId}/decisions?lang=en`, {
    agendaItemId: items[0],
    text: "Feil møte.",
    outcome: "prioritised",
    decidedOn: "2026-02-01",
  });
  assert.equal(api.statusCode, 422);
  assert.equal(api.json().error.fields[0].field, "agendaItemId");
  assert.equal(await auditCount(), before, "nothing recorded");
  const ok = await sek.post(`/meetings/${meetingId}/decisions`, {
    agendaItemId: String(items[0]),
    text: "Prioritert.",
    outcome: "prioritised",
    decidedOn: "2026-02-01",
  });
  assert.equal(ok.statusCode, 303);
  assert.equal((await t.app.services.needs.repo.byId(needId))!.state, "prioritised");
  const twice = await sek.post(`/meetings/${meetingId}/decisions?lang=en`, {
    agendaItemId: String(items[0]),
    text: "Igjen.",
    outcome: "rejected",
    decidedOn: "2026-02-01",
  });
  assert.equal(twice.statusCode, 422);
  assert.match(twice.body, /The item already has a decision/);
  // Nobody but the secretariat records decisions.
  const rep = await login("rep@rogaland.example");
  assert.equal((await rep.post(`/meetings/${meetingId}/decisions`, { agendaItemId: String(items[0]) })).statusCode, 403);
});

test("approved minutes cannot be edited; a decision is only followed by a new decision in a later meeting", async () => {
  const needId = await need("Behov med protokoll");
  const { sek, meetingId, items } = await meetingWith([needId]);
  await sek.post(`/meetings/${meetingId}/decisions`, {
    agendaItemId: String(items[0]),
    text: "Parkert til hausten.",
    outcome: "parked",
    decidedOn: "2026-02-01",
  });
  assert.equal((await sek.post(`/meetings/${meetingId}/minutes`, { minutesNote: "Alle møtte." })).statusCode, 303);
  assert.equal((await sek.post(`/meetings/${meetingId}/approve`, {})).statusCode, 303);
  const [approved] = await t.database.db.select().from(meetings).where(eq(meetings.id, meetingId));
  assert.ok(approved!.minutesApprovedAt);
  const before = await auditCount();
  const [decision] = await t.database.db.select().from(decisions).where(eq(decisions.meetingId, meetingId));
  for (const [path, fields] of [
    [`/meetings/${meetingId}/minutes`, { minutesNote: "Endra i ettertid." }],
    [`/meetings/${meetingId}/decisions/${decision!.id}/delete`, {}],
    [`/meetings/${meetingId}/items`, { title: "Ny sak" }],
    [`/meetings/${meetingId}/approve`, {}],
    [`/meetings/${meetingId}`, { title: "Nytt namn", bodyId: String(steeringId), meetingDate: "2027-02-02" }],
  ] as const) {
    const res = await sek.post(`${path}?lang=en`, fields);
    assert.equal(res.statusCode, 422, path);
    assert.match(res.body, /The minutes are approved and cannot be changed/, path);
  }
  const api = await sek.api("PATCH", `/api/v1/meetings/${meetingId}/minutes`, { minutesNote: "x" });
  assert.equal(api.statusCode, 422);
  assert.equal(await auditCount(), before, "nothing changed");
  assert.equal((await t.database.db.select().from(decisions).where(eq(decisions.meetingId, meetingId))).length, 1);
  // A later meeting follows the decision with a new one.
  const later = await meetingWith([needId]);
  const followed = await later.sek.post(`/meetings/${later.meetingId}/decisions`, {
    agendaItemId: String(later.items[0]),
    text: "Prioritert likevel.",
    outcome: "prioritised",
    decidedOn: "2026-05-01",
    supersedesId: String(decision!.id),
  });
  assert.equal(followed.statusCode, 303);
  const needPage = await new Session(t.app).get(`/needs/${needId}?lang=en`);
  assert.match(needPage.body, /Parkert til hausten[\s\S]*Prioritert likevel/, "both decisions, oldest first");
  const minutes = await new Session(t.app).get(`/meetings/${meetingId}/minutes?lang=en`);
  assert.match(minutes.body, /Approved by sek/);
  assert.match(minutes.body, /Alle møtte\./);
});

test("a decision marked not public is seen by the body and the secretariat only", async () => {
  const needId = await need("Behov med lukka vedtak");
  const { sek, meetingId, items } = await meetingWith([needId]);
  await sek.post(`/meetings/${meetingId}/decisions`, {
    agendaItemId: String(items[0]),
    text: "Lukka vedtak om forhandlingar.",
    outcome: "other",
    decidedOn: "2026-02-01",
    isPublic: "0",
  });
  const anonymous = await new Session(t.app).get(`/meetings/${meetingId}?lang=en`);
  assert.ok(!anonymous.body.includes("Lukka vedtak om forhandlingar"));
  assert.match(anonymous.body, /The decision is not public/);
  assert.ok(!(await new Session(t.app).get(`/n/${rogaland.slug}/decisions`)).body.includes("Lukka vedtak"));
  const sg = await login("sg@rogaland.example");
  assert.match((await sg.get(`/meetings/${meetingId}`)).body, /Lukka vedtak om forhandlingar/);
});

test("the steering group ranks needs and projects by number; each ranking is kept and shows how the list moved", async () => {
  const sg = await login("sg@rogaland.example");
  const form = await sg.get(`/n/${rogaland.slug}/priorities/rank?lang=en`);
  assert.equal(form.statusCode, 200);
  const keys = [...form.body.matchAll(/name="rank_((?:need|project):\d+)"/g)].map((m) => m[1]!);
  assert.ok(keys.length >= 3);
  const [a, b, c] = keys as [string, string, string];
  const before = (await t.database.db.select({ n: count() }).from(priorityRankings))[0]!.n;
  const duplicate = await sg.post(`/n/${rogaland.slug}/priorities?lang=en`, {
    decidedOn: "2027-03-01",
    [`rank_${a}`]: "1",
    [`track_${a}`]: "local",
    [`rank_${b}`]: "1",
    [`track_${b}`]: "local",
  });
  assert.equal(duplicate.statusCode, 422);
  assert.match(duplicate.body, /Place 1 is used twice in the same list/);
  const notNumber = await sg.post(`/n/${rogaland.slug}/priorities?lang=en`, { decidedOn: "2027-03-01", [`rank_${a}`]: "første" });
  assert.equal(notNumber.statusCode, 422);
  assert.match(notNumber.body, /Write the place as a whole number from 1/);
  assert.equal((await t.database.db.select({ n: count() }).from(priorityRankings))[0]!.n, before, "nothing saved");
  const first = await sg.post(`/n/${rogaland.slug}/priorities`, {
    decidedOn: "2027-03-01",
    [`rank_${a}`]: "1",
    [`track_${a}`]: "local",
    [`rank_${b}`]: "2",
    [`track_${b}`]: "local",
    [`rank_${c}`]: "1",
    [`track_${c}`]: "national",
  });
  assert.equal(first.statusCode, 303);
  const second = await sg.post(`/n/${rogaland.slug}/priorities`, {
    decidedOn: "2027-06-01",
    [`rank_${a}`]: "2",
    [`track_${a}`]: "local",
    [`rank_${b}`]: "1",
    [`track_${b}`]: "local",
  });
  assert.equal(second.statusCode, 303);
  const api = await new Session(t.app).api("GET", `/api/v1/networks/${rogaland.slug}/priorities`);
  const body = api.json();
  assert.equal(body.decidedOn, "2027-06-01");
  const moved = Object.fromEntries(
    body.entries.map((e: { needId: number | null; projectId: number | null; moved: number | null; position: number }) => [
      e.needId ? `need:${e.needId}` : `project:${e.projectId}`,
      [e.position, e.moved],
    ]),
  );
  assert.deepEqual(moved[b], [1, 1], "moved up one");
  assert.deepEqual(moved[a], [2, -1], "moved down one");
  const earlier = body.rankings.find((r: { decidedOn: string }) => r.decidedOn === "2027-03-01");
  const old = await new Session(t.app).get(`/n/${rogaland.slug}/priorities?ranking=${earlier.id}&lang=en`);
  assert.match(old.body, /Decided on 1 March 2027/);
  const csv = await new Session(t.app).get(`/n/${rogaland.slug}/priorities.csv?lang=en`);
  assert.equal(csv.body.trim().split("\n").length, 3, "header and two rows");
  const rep = await login("rep@rogaland.example");
  assert.equal(
    (await rep.get(`/n/${rogaland.slug}/priorities/rank`)).statusCode,
    403,
    "only the steering group and secretariat rank",
  );
});

test("a body with meetings on record cannot be removed; the secretariat is told why", async () => {
  await meetingWith([]);
  const sek = await login("sek@rogaland.example");
  await sek.get(`/n/${rogaland.slug}`);
  const res = await sek.post(`/n/${rogaland.slug}/bodies/${steeringId}/delete?lang=en`, {});
  assert.equal(res.statusCode, 409);
  assert.match(res.body, /The body has meetings or assessment rounds on record and cannot be removed/);
  assert.equal((await t.database.db.select().from(bodies).where(eq(bodies.id, steeringId))).length, 1);
});

test("a meeting's page, the priorities and the needs list cost the same number of queries for many items as for few", async () => {
  const small = await meetingWith([await need("Eitt behov")]);
  const manyNeeds: number[] = [];
  for (let i = 0; i < 8; i++) manyNeeds.push(await need(`Behov nummer ${i}`));
  const large = await meetingWith(manyNeeds);
  const queries = async (session: Session, url: string) => {
    const before = t.database.queries.count;
    const res = await session.get(url);
    assert.equal(res.statusCode, 200, res.body.slice(0, 300));
    return t.database.queries.count - before;
  };
  const sek = await login("sek@rogaland.example");
  assert.equal(await queries(sek, `/meetings/${large.meetingId}`), await queries(sek, `/meetings/${small.meetingId}`));
  const anonymous = new Session(t.app);
  assert.equal(
    await queries(anonymous, "/needs?network=digi-rogaland"),
    await queries(anonymous, "/needs?network=digi-nordland"),
  );
});

test("papers: the secretariat uploads a paper, an item points to it, and after approval no paper is added", async () => {
  const { sek, meetingId } = await meetingWith([]);
  await sek.get(`/meetings/${meetingId}`);
  const pdf = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF");
  const res = await sek.upload(
    `/meetings/${meetingId}/documents`,
    { title: "Saksframlegg" },
    { field: "file", filename: "sak.pdf", data: pdf },
  );
  assert.equal(res.statusCode, 303);
  const [paper] = await t.app.services.meetings.repo.documents.list(meetingId);
  assert.equal(
    (await sek.post(`/meetings/${meetingId}/items`, { title: "Orientering", documentId: String(paper!.id) })).statusCode,
    303,
  );
  const papers = await new Session(t.app).get(`/meetings/${meetingId}/papers?lang=en`);
  assert.match(papers.body, /Paper: Saksframlegg/);
  assert.equal((await new Session(t.app).get(`/meetings/${meetingId}/documents/${paper!.id}`)).statusCode, 200);
  await sek.post(`/meetings/${meetingId}/approve`, {});
  const late = await sek.upload(
    `/meetings/${meetingId}/documents?lang=en`,
    { title: "Etterpå" },
    { field: "file", filename: "b.pdf", data: pdf },
  );
  assert.equal(late.statusCode, 422);
  assert.match(late.body, /The minutes are approved and cannot be changed/);
  assert.equal((await t.app.services.meetings.repo.documents.list(meetingId)).length, 1);
});
