import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { count, eq } from "drizzle-orm";
import { ADMIN, createTestApp, Session, type TestApp } from "../../../test/support/app.ts";
import { undoable } from "../../../test/support/db.ts";
import { skipUnlessSlow } from "../../../test/support/passes.ts";
import { UserService } from "../auth/users.ts";
import { auditLog, users } from "../schema.ts";
import { systemActor } from "./actor.ts";

/**
 * The reviewed table of who may use which route: one line per route, "METHOD path policy" and then
 * one mark per role, A where the role is let in and - where it is refused. The test walks every
 * registered route (pages and API, reads and writes) as every role, in the network Digi Rogaland,
 * and compares what happened with the table. A route added, a policy changed or a rule changed
 * makes it fail until the table is updated and reviewed with it (UPDATE_ROUTE_TABLE=1 rewrites it;
 * then read the diff).
 *
 * "other-secretariat" runs another network (Digi Nordland) and represents an organisation there:
 * the table shows it can change nothing in Digi Rogaland, for every write there is.
 */
const TABLE = path.join(import.meta.dirname, "route-policies.txt");
const ROLES = ["anonymous", "signed-in", "member", "representative", "other-secretariat", "secretariat", "admin"] as const;
type Role = (typeof ROLES)[number];
const SLUG = "digi-rogaland";
const PASSWORD = "an ordinary long password";

let t: TestApp;
let routes: { method: string; url: string; policy: string }[] = [];
const sessions = new Map<Role, Session>();
let fixtureCount = 0;
/** The Digi Rogaland member the representative acts for. */
let representedOrganisationId = 0;
/** Walk projects relate to the one made before them. */
let previousProjectId: number | undefined;

async function makeUser(email: string): Promise<number> {
  await new UserService(t.database.db).createAdmin({ email, password: PASSWORD, name: email.split("@")[0] });
  const [row] = await t.database.db.update(users).set({ isAdmin: false }).where(eq(users.email, email)).returning();
  return row!.id;
}

before(async () => {
  t = await createTestApp();
  routes = t.app.routePolicies;
  const { networks, access } = t.app.services;
  const rogaland = (await networks.bySlug(SLUG))!;
  const nordland = (await networks.bySlug("digi-nordland"))!;
  const [rogalandOrg] = await access.repo.memberOrganisations(rogaland.id);
  representedOrganisationId = rogalandOrg!.id;
  const [nordlandOrg] = await access.repo.memberOrganisations(nordland.id);
  await makeUser("plain@test.example");
  await access.repo.setAccess(rogaland.id, await makeUser("member@test.example"), "member", []);
  await access.repo.setAccess(rogaland.id, await makeUser("rep@test.example"), "member", [rogalandOrg!.id]);
  await access.repo.setAccess(nordland.id, await makeUser("other@test.example"), "secretariat", [nordlandOrg!.id]);
  await access.repo.setAccess(rogaland.id, await makeUser("secretariat@test.example"), "secretariat", []);
  const logins: Record<Exclude<Role, "anonymous">, [string, string]> = {
    "signed-in": ["plain@test.example", PASSWORD],
    member: ["member@test.example", PASSWORD],
    representative: ["rep@test.example", PASSWORD],
    "other-secretariat": ["other@test.example", PASSWORD],
    secretariat: ["secretariat@test.example", PASSWORD],
    admin: [ADMIN.email, ADMIN.password],
  };
  const anonymous = new Session(t.app);
  await anonymous.get("/login"); // a CSRF token, so anonymous form posts reach the route
  sessions.set("anonymous", anonymous);
  for (const [role, [email, password]] of Object.entries(logins))
    sessions.set(role as Role, await new Session(t.app).login(email, password));
});
after(() => t.close());

/**
 * Records of Digi Rogaland for one request to act on: a body with a seat, a person seated there, a
 * membership, an account with access and an invitation. Writes get new ones each time, so a delete
 * by one role leaves the next role something to try.
 */
async function fixtures() {
  const { networks, directory, access, invitations } = t.app.services;
  const actor = systemActor("route walk");
  const n = ++fixtureCount;
  const network = (await networks.bySlug(SLUG))!;
  const org = await directory.createOrganisation(actor, { kind: "company", name: `Walk ${n} AS` });
  const person = await directory.createPerson(actor, { name: `Walk Person ${n}` });
  const body = await networks.createBody(actor, SLUG, { kind: "working_group", name: `Walk group ${n}` });
  assert.ok(org.ok && person.ok && body.ok);
  await networks.addBodyMember(actor, SLUG, body.value.id, { personId: person.value.id, role: "member" });
  await networks.addMembers(actor, SLUG, { organisationIds: [org.value.id], level: "member" });
  const membership = (await networks.membersOf(network.id)).find((m) => m.organisationId === org.value.id)!;
  const seat = (await networks.repo.membersOfBodies([body.value.id]))[0]!;
  // No password: this account is only acted on, never signed in with.
  const [user] = await t.database.db
    .insert(users)
    .values({ email: `walk-${n}@test.example`, name: `Walk ${n}` })
    .returning();
  const userId = user!.id;
  await access.repo.setAccess(network.id, userId, "member", []);
  const invitation = await invitations.invite(actor, { email: `invitee-${n}@test.example`, networkId: network.id }, (key) => key);
  assert.ok(invitation.ok);
  const file = { filename: `walk-${n}.txt`, data: Buffer.from("minutes"), truncated: false };
  const document = await networks.addDocument(actor, SLUG, body.value.id, { title: `Walk ${n}`, file }, 1024);
  assert.ok(document.ok);
  // A project of the organisation the representative acts for, with a participant, a report and a measured benefit.
  const { projects } = t.app.services;
  const project = await projects.create(actor, network.id, {
    title: `Walk project ${n}`,
    kind: "local",
    sector: "other",
    ownerOrganisationId: representedOrganisationId,
  });
  assert.ok(project.ok);
  const projectId = project.value.id;
  assert.ok((await projects.setParticipant(actor, projectId, { organisationId: org.value.id, role: "participant" })).ok);
  const colours = { overall: "green", time: "green", cost: "green", quality: "green", risk: "green", benefit: "green" };
  const report = await projects.addReport(actor, projectId, { reportDate: "2027-01-01", ...colours });
  const benefit = await projects.addBenefit(actor, projectId, {
    title: "B",
    type: "time",
    indicator: "I",
    unit: "u",
    baseline: 1,
    target: 2,
  });
  assert.ok(report.ok && benefit.ok);
  const measurement = await projects.addMeasurement(actor, projectId, benefit.value.id, { measuredOn: "2027-01-01", value: 1 });
  assert.ok(measurement.ok);
  // Its funding, link, relation (to itself is refused, so to the previous walk project) and document.
  const funding = await projects.addFunding(actor, projectId, { source: "KS DigiFin", applied: 100 });
  const link = await projects.addLink(actor, projectId, { title: "Side", url: "https://example.org" });
  const relation = await projects.addRelation(actor, projectId, {
    relatedProjectId: previousProjectId ?? projectId,
    kind: "related",
  });
  const projectDocument = await projects.addDocument(actor, projectId, { title: `Walk ${n}`, file }, 1024);
  assert.ok(funding.ok && link.ok && projectDocument.ok);
  previousProjectId = projectId;
  // Another organisation asking to take part in the project.
  const asker = await directory.createOrganisation(actor, { kind: "company", name: `Walk ${n} B AS` });
  assert.ok(asker.ok);
  const joinRequest = await projects.requestToJoin(actor, projectId, { organisationId: asker.value.id }, (key) => key);
  assert.ok(joinRequest.ok);
  // A solution the represented organisation offers, used by the walk's organisation and introduced by the project.
  const { solutions } = t.app.services;
  const solution = await solutions.create(actor, {
    name: `Walk solution ${n}`,
    origin: "product",
    maturity: "stable",
    ownerOrganisationId: representedOrganisationId,
  });
  assert.ok(solution.ok);
  assert.ok((await solutions.addUser(actor, solution.value.id, { organisationId: org.value.id })).ok);
  assert.ok((await solutions.addProject(actor, solution.value.id, { projectId })).ok);
  // A need of the represented organisation, supported by the walk's organisation, with an
  // attachment, in a round of the working committee; a criterion; a meeting with an agenda item,
  // a paper and a decided item.
  const { needs, assessment, meetings } = t.app.services;
  const need = await needs.create(actor, network.id, {
    organisationId: representedOrganisationId,
    title: `Walk need ${n}`,
    problem: "P",
  });
  assert.ok(need.ok);
  const needId = need.value.id;
  assert.ok((await needs.support(actor, needId, { organisationId: org.value.id })).ok);
  const needDocument = await needs.addDocument(actor, needId, { title: `Walk ${n}`, file }, 1024);
  // The need as a national need of its own, and passed on to a national body.
  const national = await t.app.services.nationalNeeds.start(actor, needId, { title: `Walk national need ${n}` });
  const submission = await t.app.services.needSubmissions.create(actor, network.id, {
    recipientKind: "digdir",
    title: `Walk submission ${n}`,
    sentOn: "2026-01-01",
    needIds: [String(needId)],
  });
  assert.ok(national.ok && submission.ok);
  const [committee] = await assessment.committeesOf(network.id);
  const round = await assessment.createRound(
    actor,
    network.id,
    { title: `Walk round ${n}`, deadline: "2099-01-01", bodyId: committee!.id, needIds: [needId] },
    (key) => key,
  );
  const criterion = await assessment.saveCriterion(actor, network.id, null, { name: `Walk criterion ${n}` });
  const meeting = await meetings.create(actor, network.id, {
    title: `Walk meeting ${n}`,
    bodyId: body.value.id,
    meetingDate: "2026-01-01",
  });
  assert.ok(needDocument.ok && round.ok && criterion.ok && meeting.ok);
  const meetingId = meeting.value.id;
  const item = await meetings.addItem(actor, meetingId, { title: `Walk item ${n}`, needId });
  const decided = await meetings.addItem(actor, meetingId, { title: `Walk decided item ${n}` });
  const paper = await meetings.addDocument(actor, meetingId, { title: `Walk paper ${n}`, file }, 1024);
  assert.ok(item.ok && decided.ok && paper.ok);
  const decision = await meetings.decide(
    actor,
    meetingId,
    { agendaItemId: decided.value, text: "Tatt til orientering.", outcome: "other", decidedOn: "2026-01-01" },
    (key) => key,
  );
  assert.ok(decision.ok);
  // A regional initiative of Digi Rogaland on the roadmap, with a milestone and a task.
  const { roadmap } = t.app.services;
  const initiative = await roadmap.create(actor, network.id, {
    name: `Walk initiative ${n}`,
    owner: "Digi Rogaland",
    category: "other",
  });
  assert.ok(initiative.ok);
  const milestone = await roadmap.addMilestone(actor, initiative.value.id, {
    kind: "pilot",
    date: "2027-01-01",
    precision: "year",
  });
  const task = await roadmap.addTask(actor, initiative.value.id, { kind: "training", leadMonths: 3 });
  // The network's project is the initiative's joint rollout.
  const rollout = await roadmap.linkRollout(actor, initiative.value.id, { projectId });
  assert.ok(milestone.ok && task.ok && rollout.ok);
  // A draft strategy of the represented organisation, with a goal, a focus area and a measure.
  const { strategies } = t.app.services;
  const strategy = await strategies.create(
    actor,
    { organisationId: representedOrganisationId },
    {
      title: `Walk strategy ${n}`,
      firstYear: 2026,
      lastYear: 2029,
    },
  );
  assert.ok(strategy.ok);
  const goal = await strategies.addGoal(actor, strategy.value.id, { title: "Mål" });
  const area = await strategies.addFocusArea(actor, strategy.value.id, { title: "Område" });
  const measure = await strategies.addMeasure(actor, strategy.value.id, { description: "Tiltak" });
  assert.ok(goal.ok && area.ok && measure.ok);
  // The network's shared draft, put out for consultation.
  const shared = await strategies.create(
    actor,
    { networkId: network.id },
    { title: `Walk shared ${n}`, firstYear: 2027, lastYear: 2030 },
  );
  assert.ok(shared.ok);
  const consultation = await t.app.services.consultations.openOnStrategy(
    actor,
    shared.value.id,
    {
      title: `Walk consultation ${n}`,
      opensDate: "2026-01-01",
      opensTime: "08:00",
      closesDate: "2099-12-31",
      closesTime: "12:00",
    },
    (key) => key,
  );
  assert.ok(consultation.ok);
  const given = await t.app.services.consultations.submit(
    consultation.value.id,
    {
      formToken: await t.app.services.consultations.formToken(consultation.value.id, new Date(Date.now() - 10_000)),
      body: "Walk input",
    },
    { actor: null, ipKey: `walk-${n}`, locale: "nb" },
  );
  assert.ok(given.ok);
  const input = await t.app.services.consultations.repo.inputByReference(consultation.value.id, given.value.reference);
  // A gathering of the network, with an item in its programme and a registration.
  const { gatherings } = t.app.services;
  const gathering = await gatherings.create(actor, network.id, {
    kind: "seminar",
    title: `Walk gathering ${n}`,
    startsDate: "2099-01-01",
    startsTime: "09:00",
    endsDate: "2099-01-01",
    endsTime: "15:00",
  });
  assert.ok(gathering.ok);
  const programmeItem = await gatherings.addSession(actor, gathering.value, { date: "2099-01-01", time: "10:00", title: "Post" });
  const registration = await gatherings.register(
    gathering.value.id,
    { name: `Walk ${n}`, email: `walk-${n}@gathering.example`, organisationName: "Walk" },
    { actor: null, locale: "nb" },
  );
  const question = await gatherings.addQuestion(actor, gathering.value, { text: "Spørsmål" });
  assert.ok(programmeItem.ok && registration.ok && question.ok);
  const slides = { filename: `walk-${n}.txt`, data: Buffer.from("slides"), truncated: false };
  const gatheringDocument = await gatherings.addDocument(actor, gathering.value, { title: `Walk ${n}`, file: slides }, 1024);
  const gatheringLink = await gatherings.addLink(actor, gathering.value, { title: "Opptak", url: "https://example.org/opptak" });
  assert.ok(gatheringDocument.ok && gatheringLink.ok);
  // A subject network Digi Rogaland owns, the walk's account in it, with an experience note, a
  // question, a document and a review asked for the network's project.
  const { subjects } = t.app.services;
  const subject = await subjects.create(actor, { name: `Walk subject ${n}`, ownerNetworkId: String(network.id) });
  assert.ok(subject.ok);
  const subjectId = subject.value.id;
  await subjects.repo.addMember({ subjectNetworkId: subjectId, userId, role: "member" });
  const subjectAccess = await subjects.accessFor(actor, subjectId);
  const note = await subjects.createNote(actor, subjectAccess, { title: `Walk note ${n}`, whatWeDid: "x" });
  const subjectQuestion = await subjects.ask(actor, subjectAccess, { title: `Walk question ${n}` });
  const subjectDocument = await subjects.addDocument(actor, subjectAccess, { title: `Walk ${n}`, file }, 1024);
  const review = await subjects.requestReview(actor, projectId, { subjectNetworkId: String(subjectId), request: "Vurder" });
  assert.ok(note.ok && subjectQuestion.ok && subjectDocument.ok && review.ok);
  // A budget of its own year (one per network and year), with a line and released time for the walk's member.
  const { economy } = t.app.services;
  const budget = await economy.create(actor, network.id, { year: 2090 + n });
  assert.ok(budget.ok);
  const budgetLine = await economy.addLine(actor, budget.value, { category: "grant", label: "Walk", budgeted: "1" });
  const released = await economy.addReleased(actor, budget.value, {
    organisationId: String(org.value.id),
    personName: `Walk ${n}`,
    hours: "1",
    rate: "1",
  });
  assert.ok(budgetLine.ok && released.ok);
  // The network's annual report for the budget's year, a draft its secretariat writes.
  const annualReport = await t.app.services.annual.create(actor, network.id, { kind: "report", year: budget.value.year }, () => ({
    title: `Walk report ${n}`,
    sections: [],
  }));
  assert.ok(annualReport.ok);
  // A draft survey of the network with a question and a recipient at the member the representative acts for.
  const { surveys } = t.app.services;
  const survey = await surveys.create(actor, network.id, { title: `Walk survey ${n}`, year: "2026", closesOn: "2099-01-01" });
  assert.ok(survey.ok);
  const surveyQuestion = await surveys.addQuestion(actor, survey.value, { kind: "scale", text: "Nytte" });
  const surveyRecipient = await surveys.addRecipient(actor, survey.value, {
    organisationId: String(representedOrganisationId),
    email: `walk-${n}@survey.example`,
  });
  assert.ok(surveyQuestion.ok && surveyRecipient.ok);
  return {
    surveyId: survey.value.id,
    surveyQuestionId: surveyQuestion.value.id,
    surveyRecipientId: surveyRecipient.value.id,
    budgetYear: budget.value.year,
    budgetLineId: budgetLine.value.id,
    releasedId: released.value.id,
    subjectSlug: subject.value.slug,
    subjectOwnerId: network.id,
    noteId: note.value.id,
    subjectQuestionId: subjectQuestion.value.id,
    subjectDocumentId: subjectDocument.value,
    reviewId: review.value.id,
    gatheringId: gathering.value.id,
    gatheringSessionId: programmeItem.value.id,
    gatheringQuestionId: question.value.id,
    gatheringReceipt: registration.value.receipt,
    gatheringDocumentId: gatheringDocument.value,
    gatheringLinkId: gatheringLink.value.id,
    inputId: input!.id,
    sharedStrategyId: shared.value.id,
    consultationId: consultation.value.id,
    strategyId: strategy.value.id,
    strategyParts: { goals: goal.value, "focus-areas": area.value, measures: measure.value } as Record<string, number>,
    initiativeId: initiative.value.id,
    milestoneId: milestone.value.id,
    taskId: task.value,
    needId,
    needDocumentId: needDocument.value,
    nationalNeedId: national.value.id,
    submissionId: submission.value.id,
    roundId: round.value.id,
    criterionId: criterion.value.id,
    meetingId,
    agendaItemId: item.value,
    meetingDocumentId: paper.value,
    decisionId: decision.value.id,
    bodyId: body.value.id,
    seatId: seat.id,
    personId: person.value.id,
    organisationId: org.value.id,
    membershipId: membership.id,
    userId,
    invitationId: invitation.value,
    documentId: document.value,
    projectId,
    reportId: report.value.id,
    benefitId: benefit.value.id,
    measurementId: measurement.value.id,
    solutionId: solution.value.id,
    requestId: joinRequest.value,
    fundingId: funding.value.id,
    linkId: link.value.id,
    relationId: relation.ok ? relation.value.id : 1,
    projectDocumentId: projectDocument.value,
  };
}

function fill(url: string, f: Awaited<ReturnType<typeof fixtures>>): string {
  let id = 1;
  if (/\/members\/:id/.test(url)) id = f.membershipId;
  else if (/\/bodies\/:id/.test(url)) id = f.bodyId;
  else if (/\/invitations\/:id/.test(url)) id = f.invitationId;
  // Adoption, a roadmap and strategies are for municipalities: the one the representative acts for.
  else if (/^(\/api\/v1)?\/organisations\/:id\/(adoption|roadmap|strategies)/.test(url)) id = representedOrganisationId;
  else if (/^(\/api\/v1)?\/organisations\//.test(url)) id = f.organisationId;
  else if (/^(\/api\/v1)?\/people\//.test(url)) id = f.personId;
  else if (/^(\/api\/v1)?\/projects\//.test(url)) id = f.projectId;
  else if (/^(\/api\/v1)?\/solutions\//.test(url)) id = f.solutionId;
  else if (/^(\/needs\/national|\/api\/v1\/national-needs)\/:id/.test(url)) id = f.nationalNeedId;
  else if (/^(\/needs\/submissions|\/api\/v1\/need-submissions)\/:id/.test(url)) id = f.submissionId;
  else if (/^(\/api\/v1)?\/needs\//.test(url)) id = f.needId;
  else if (/^(\/api\/v1)?\/meetings\//.test(url)) id = f.meetingId;
  else if (/^(\/roadmap|\/api\/v1\/national-solutions)\//.test(url)) id = f.initiativeId;
  else if (/^(\/api\/v1)?\/strategies\/:id\/consultations/.test(url)) id = f.sharedStrategyId;
  else if (/^(\/api\/v1)?\/strategies\//.test(url)) id = f.strategyId;
  else if (/^(\/api\/v1)?\/consultations\//.test(url)) id = f.consultationId;
  else if (/^(\/api\/v1)?\/gatherings\//.test(url)) id = f.gatheringId;
  else if (/^(\/api\/v1)?\/surveys\//.test(url)) id = f.surveyId;
  else if (/^(\/api\/v1)?\/experience\//.test(url)) id = f.noteId;
  else if (/^(\/api\/v1)?\/questions\//.test(url)) id = f.subjectQuestionId;
  const inSubject = /^(\/api\/v1)?\/subject-networks\//.test(url);
  const documentId = inSubject
    ? f.subjectDocumentId
    : /^(\/api\/v1)?\/gatherings\//.test(url)
      ? f.gatheringDocumentId
      : /^(\/api\/v1)?\/projects\//.test(url)
        ? f.projectDocumentId
        : /^(\/api\/v1)?\/needs\//.test(url)
          ? f.needDocumentId
          : /^(\/api\/v1)?\/meetings\//.test(url)
            ? f.meetingDocumentId
            : f.documentId;
  return (
    url
      .replace(":slug", inSubject ? f.subjectSlug : SLUG)
      .replace(":reviewId", String(f.reviewId))
      .replace(":networkId", String(f.subjectOwnerId))
      .replace(":roundId", String(f.roundId))
      .replace(":needId", String(f.needId))
      .replace(":criterionId", String(f.criterionId))
      .replace(":decisionId", String(f.decisionId))
      .replace(":milestoneId", String(f.milestoneId))
      .replace(":taskId", String(f.taskId))
      .replace(":reportId", String(f.reportId))
      .replace(":benefitId", String(f.benefitId))
      .replace(":measurementId", String(f.measurementId))
      .replace(":organisationId", String(f.organisationId))
      .replace(":year", String(f.budgetYear))
      .replace(":kind", "report")
      .replace(":file", "members.csv")
      .replace(":lineId", String(f.budgetLineId))
      .replace(":releasedId", String(f.releasedId))
      .replace(":projectId", String(f.projectId))
      .replace(":requestId", String(f.requestId))
      .replace(":partId", String(f.strategyParts[url.match(/\/(goals|focus-areas|measures)\/:partId/)?.[1] ?? ""] ?? 999999))
      .replace(":viewId", "999999")
      .replace(":inputId", String(f.inputId))
      .replace(":itemId", /\/meetings\//.test(url) ? String(f.agendaItemId) : "999999")
      .replace(":memberId", String(f.seatId))
      .replace(":userId", String(f.userId))
      .replace(":documentId", String(documentId))
      .replace(":fundingId", String(f.fundingId))
      .replace(":linkId", String(/\/gatherings\//.test(url) ? f.gatheringLinkId : f.linkId))
      .replace(":relationId", String(f.relationId))
      .replace(":sessionId", String(f.gatheringSessionId))
      .replace(":questionId", String(/\/surveys\//.test(url) ? f.surveyQuestionId : f.gatheringQuestionId))
      .replace(":recipientId", String(f.surveyRecipientId))
      // A consultation's receipt stays a malformed one (400); a gathering's is the walk's registration.
      .replace(":receipt", /\/gatherings\//.test(url) ? f.gatheringReceipt : ":receipt")
      .replace(":id", String(id))
      .replace(":token", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
  );
}

/** Every write is audited in its transaction, so the trail's length tells whether anything changed. */
async function auditCount(): Promise<number> {
  const [row] = await t.database.db.select({ n: count() }).from(auditLog);
  return row!.n;
}

/** Refused: 401, 403, or a page that sends the visitor to sign in. Server errors fail the test. */
async function outcome(role: Role, method: string, url: string): Promise<"A" | "-"> {
  const session = sessions.get(role)!;
  const res = url.startsWith("/api/")
    ? await session.api(method as "GET", url, method === "GET" ? undefined : {})
    : method === "GET"
      ? await session.get(url)
      : await session.post(url, {});
  assert.ok(res.statusCode < 500, `${method} ${url} as ${role}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  const refused = [401, 403].includes(res.statusCode) || (res.statusCode === 303 && res.headers.location?.startsWith("/login"));
  return refused ? "-" : "A";
}

// Who may use a route is decided by the policies, not by the database: the walk runs once, in the
// embedded pass (test/support/passes.ts); the access sweep still runs on both databases.
test("every route declares a policy, and every role gets what the reviewed table says", {
  timeout: 600_000,
  skip: skipUnlessSlow,
}, async () => {
  const stable = await fixtures();
  // Signing out ends the session the walk uses, so it goes last.
  const ordered = [...routes].sort((a, b) => Number(a.url === "/logout") - Number(b.url === "/logout"));
  const lines: string[] = [];
  // Every write is undone after it is tried (a transaction rolled back), so the same records serve
  // every role: a delete by one role leaves the next role something to try, without building new
  // records after each of the 716 writes that are let in.
  const current = await fixtures();
  const undo = undoable(t.database);
  for (const r of ordered) {
    assert.ok(r.policy, `${r.method} ${r.url} declares no policy`);
    const marks: ("A" | "-")[] = [];
    for (const role of ROLES) {
      const write = r.method !== "GET";
      const session = sessions.get(role)!;
      const kept = { cookies: session.cookies, token: session.token };
      if (write) await undo.begin();
      try {
        const changesBefore = await auditCount();
        const mark = await outcome(role, r.method, fill(r.url, write ? current : stable));
        if (mark === "-")
          assert.equal(await auditCount(), changesBefore, `${r.method} ${r.url} as ${role} was refused yet changed something`);
        marks.push(mark);
      } finally {
        if (write) {
          await undo.rollback();
          // The session the write may have ended or replaced is back in the database: so is its cookie.
          Object.assign(session, kept);
        }
      }
    }
    lines.push(`${r.method} ${r.url} ${r.policy} ${marks.join(" ")}`);
  }
  lines.sort();
  const header = `# METHOD path policy | ${ROLES.join(" ")}`;
  if (process.env.UPDATE_ROUTE_TABLE) writeFileSync(TABLE, `${[header, ...lines].join("\n")}\n`);
  const reviewed = readFileSync(TABLE, "utf8").trim().split("\n").slice(1);
  assert.deepEqual(lines, reviewed);
});

test("public routes let everyone in; the administrator is let in everywhere", () => {
  const table = readFileSync(TABLE, "utf8").trim().split("\n").slice(1);
  for (const line of table) {
    const [method, url, policy, ...marks] = line.split(" ");
    if (url === "/logout") continue;
    if (policy === "public")
      assert.deepEqual(
        marks,
        ROLES.map(() => "A"),
        `${method} ${url} is public`,
      );
    else assert.equal(marks[0], "-", `${method} ${url} refuses anonymous visitors`);
    assert.equal(marks.at(-1), "A", `${method} ${url} lets the administrator in`);
  }
});

test("no role acting for another network can change anything in this one", () => {
  const table = readFileSync(TABLE, "utf8").trim().split("\n").slice(1);
  const other = ROLES.indexOf("other-secretariat");
  const writes = table.filter((l) => !l.startsWith("GET ")).map((l) => l.split(" "));
  for (const [method, url, policy, ...marks] of writes) {
    // Own account, and new shared directory records (a company, a person) that belong to no network yet.
    // New shared catalogue records (a solution, a use of one) are checked against the organisation
    // chosen in the body, by the service, not by the route.
    // Asking to take part is open to any organisation's representative, from any network.
    // Saying "we have this need too" likewise.
    // A rollout link names its project in the body; the service checks the project's network.
    // A new strategy names its owner in the body; the route checks it with strategy.edit.
    // A subject network spans networks: anyone joins it, and a secretariat starts one or adds its own
    // network as an owner, which the service checks against the network named in the body.
    if (
      [
        "public",
        "account.own",
        "organisation.create",
        "person.create",
        "solution.create",
        "project.join",
        "need.support",
        "rollout.link",
        "strategy.create",
        "subject.join",
        "subject.create",
      ].includes(policy!)
    )
      continue;
    assert.equal(marks[other], "-", `${method} ${url} must refuse another network's secretariat`);
    // Representatives keep their own organisation's projects and solutions; nothing else of the network.
    const representativeMayWrite = [
      "project.create",
      "project.update",
      // Asking a subject network to review a project is for whoever runs the project.
      "subject.requestReview",
      "solution.update",
      "need.create",
      "need.update",
      "adoption.report",
      "strategy.create",
      "strategy.edit",
    ].includes(policy!);
    for (const role of representativeMayWrite
      ? (["signed-in", "member"] as const)
      : (["signed-in", "member", "representative"] as const))
      assert.equal(marks[ROLES.indexOf(role)], "-", `${method} ${url} must refuse a ${role}`);
  }
});

test("an app with a route that declares no policy refuses to start", async () => {
  await assert.rejects(
    createTestApp({ extend: (app) => app.get("/sneaky", async () => "no policy here") }),
    /Routes without a policy: GET \/sneaky/,
  );
});
