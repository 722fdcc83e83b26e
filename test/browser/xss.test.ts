import assert from "node:assert/strict";
import { test } from "node:test";
import { systemActor } from "../../src/platform/access/actor.ts";
import { ADMIN, Session } from "../support/app.ts";
import { login, serverAndBrowser } from "../support/browser.ts";

const suite = serverAndBrowser();

const SCRIPT = "<script>window.__xss = 1</script>";
const ATTRIBUTE = '"><img src=x onerror="window.__xss = 2">';
const PAYLOAD = `${SCRIPT} ${ATTRIBUTE}`;

test("script payloads typed into forms and API writes come back as inert text", async () => {
  const s = await new Session(suite.server.app).login();
  const person = (await s.api("POST", "/api/v1/people", { name: `Person ${PAYLOAD}`, title: PAYLOAD })).json();
  const network = await s.api("POST", "/api/v1/networks", {
    name: `Nettverk ${PAYLOAD}`,
    shortName: "XSS",
    slug: "xss-test",
    description: PAYLOAD,
    contactIds: [person.id],
  });
  assert.equal(network.statusCode, 201, network.body);
  const body = (
    await s.api("POST", "/api/v1/networks/xss-test/bodies", { kind: "other", name: `Organ ${PAYLOAD}`, mandate: PAYLOAD })
  ).json();
  const org = await s.api("POST", "/api/v1/organisations", { kind: "company", name: `Selskap ${PAYLOAD}`, description: PAYLOAD });
  assert.equal(org.statusCode, 201, org.body);

  // A document whose title and file name carry the payload.
  const upload = await suite.server.app.services.networks.addDocument(
    systemActor(),
    "xss-test",
    body.id,
    { title: PAYLOAD, visibility: "public", file: { filename: `${ATTRIBUTE}.txt`, data: Buffer.from("text"), truncated: false } },
    1024 * 1024,
  );
  assert.ok(upload.ok);
  // Invitations and access: a name typed by the secretariat, and one chosen by the invited person.
  await s.get("/n/xss-test/people");
  assert.equal(
    (await s.post("/n/xss-test/people", { email: "xss-1@test.example", name: PAYLOAD, role: "member" })).statusCode,
    303,
  );
  assert.equal(
    (await s.post("/n/xss-test/people", { email: "xss-2@test.example", name: PAYLOAD, role: "member" })).statusCode,
    303,
  );
  const linkFor = async (email: string) =>
    (await suite.server.app.services.mail.outbox.to(email))[0]!.body.match(/(\/invitation\/[\w-]+)/)![1]!;
  const invitee = new Session(suite.server.app);
  const acceptPath = await linkFor("xss-1@test.example");
  await invitee.get(acceptPath);
  const accepted = await invitee.post(acceptPath, {
    name: PAYLOAD,
    password: "a long enough password 1",
    repeat: "a long enough password 1",
  });
  assert.equal(accepted.statusCode, 303);
  const [account] = await suite.server.app.services.access.repo
    .peopleWithAccess((await suite.server.app.services.networks.repo.bySlug("xss-test"))!.id)
    .then((list) => list.filter((p) => p.email === "xss-1@test.example"));

  // A personal access token named with the payload.
  await s.get("/account/tokens");
  assert.equal((await s.post("/account/tokens", { name: PAYLOAD, scopes: "read", days: "30" })).statusCode, 201);

  // A project with the payload in its text fields, tags, a status comment and a benefit.
  const project = await s.api("POST", "/api/v1/networks/digi-rogaland/projects", {
    title: `Prosjekt ${PAYLOAD}`,
    summary: PAYLOAD,
    description: PAYLOAD,
    problem: PAYLOAD,
    kind: "regional",
    sector: "other",
    tags: [ATTRIBUTE.slice(0, 40)],
  });
  assert.equal(project.statusCode, 201, project.body);
  const projectId = project.json().id;
  const colours = { overall: "red", time: "red", cost: "red", quality: "red", risk: "red", benefit: "red" };
  await s.api("POST", `/api/v1/projects/${projectId}/status-reports`, {
    reportDate: "2027-01-01",
    ...colours,
    overallComment: PAYLOAD,
  });
  const benefit = await s.api("POST", `/api/v1/projects/${projectId}/benefits`, {
    title: PAYLOAD,
    type: "other",
    indicator: PAYLOAD,
    unit: ATTRIBUTE.slice(0, 40),
    baseline: 0,
    target: 1,
  });
  assert.equal(benefit.statusCode, 201, benefit.body);

  // A solution with the payload, and a publiccode.yml import that fails with the payload in it.
  const solution = await s.api("POST", "/api/v1/solutions", {
    name: `Løsning ${PAYLOAD}`,
    summary: PAYLOAD,
    description: PAYLOAD,
    vendor: PAYLOAD,
    category: PAYLOAD,
    licence: ATTRIBUTE.slice(0, 90),
    origin: "product",
    maturity: "stable",
    ownerOrganisationId: org.json().id,
  });
  assert.equal(solution.statusCode, 201, solution.body);

  // A need, a supporter's note, a round, a meeting with an agenda item and a decision, all with the payload.
  const members = (await s.api("GET", "/api/v1/networks/digi-rogaland/members?limit=2")).json().items;
  const need = await s.api("POST", "/api/v1/networks/digi-rogaland/needs", {
    organisationId: members[0].organisationId,
    title: `Behov ${PAYLOAD}`,
    problem: PAYLOAD,
    affected: PAYLOAD,
    benefit: PAYLOAD,
    legalRequirement: ATTRIBUTE,
  });
  assert.equal(need.statusCode, 201, need.body);
  const needId = need.json().id;
  const supported = await s.api("POST", `/api/v1/needs/${needId}/supporters`, {
    organisationId: members[1].organisationId,
    note: PAYLOAD,
  });
  assert.equal(supported.statusCode, 200, supported.body);
  const rogalandBodies = (await s.api("GET", "/api/v1/networks/digi-rogaland/bodies")).json().items;
  const committee = rogalandBodies.find((b: { kind: string }) => b.kind === "working_committee");
  const round = await s.api("POST", "/api/v1/networks/digi-rogaland/rounds", {
    title: `Runde ${PAYLOAD}`,
    cycle: ATTRIBUTE.slice(0, 60),
    deadline: "2099-01-01",
    bodyId: committee.id,
    needIds: [needId],
  });
  assert.equal(round.statusCode, 201, round.body);
  const roundId = round.json().id;
  const criterionId = round.json().criteria[0].id;
  await s.api("PUT", `/api/v1/rounds/${roundId}/needs/${needId}/scores`, {
    scores: [{ criterionId, score: 3, comment: PAYLOAD }],
  });
  await s.api("PUT", `/api/v1/rounds/${roundId}/needs/${needId}/recommendation`, {
    recommendation: "recommend",
    justification: PAYLOAD,
  });
  const meeting = await s.api("POST", "/api/v1/networks/digi-rogaland/meetings", {
    title: `Møte ${PAYLOAD}`,
    bodyId: committee.id,
    meetingDate: "2026-01-01",
    place: PAYLOAD,
  });
  assert.equal(meeting.statusCode, 201, meeting.body);
  const meetingId = meeting.json().id;
  const agenda = await s.api("POST", `/api/v1/meetings/${meetingId}/agenda`, {
    title: `Sak ${PAYLOAD}`,
    description: PAYLOAD,
    needId,
  });
  const itemId = agenda.json().agenda[0].id;
  const decided = await s.api("POST", `/api/v1/meetings/${meetingId}/decisions`, {
    agendaItemId: itemId,
    text: PAYLOAD,
    outcome: "prioritised",
    decidedOn: "2026-01-01",
  });
  assert.equal(decided.statusCode, 201, decided.body);

  // A regional initiative with a custom milestone, a task, costs, an adoption comment and a rollout.
  const initiative = await s.api("POST", "/api/v1/networks/digi-rogaland/initiatives", {
    name: `Initiativ ${PAYLOAD}`,
    owner: PAYLOAD.slice(0, 100),
    category: "other",
    purpose: PAYLOAD,
  });
  assert.equal(initiative.statusCode, 201, initiative.body);
  const initiativeId = initiative.json().id;
  const milestone = await s.api("POST", `/api/v1/national-solutions/${initiativeId}/milestones`, {
    kind: "custom",
    label: PAYLOAD.slice(0, 100),
    date: "2027-07-01",
    precision: "quarter",
    note: PAYLOAD,
  });
  assert.equal(milestone.statusCode, 201, milestone.body);
  await s.api("POST", `/api/v1/national-solutions/${initiativeId}/tasks`, {
    kind: "other",
    description: PAYLOAD,
    beforeKind: "custom",
    leadMonths: 6,
  });
  await s.api("PUT", `/api/v1/national-solutions/${initiativeId}/costs`, {
    costs: [{ sizeClass: "under_5000", oneOff: 1000, yearly: 100 }],
  });
  const reported = await s.api("PUT", `/api/v1/organisations/${members[0].organisationId}/adoption`, {
    statuses: [{ solutionId: initiativeId, status: "not_started", comment: PAYLOAD }],
  });
  assert.equal(reported.statusCode, 200, reported.body);
  const rollout = await s.api("POST", `/api/v1/national-solutions/${initiativeId}/rollouts`, { projectId });
  assert.equal(rollout.statusCode, 201, rollout.body);

  // A shared strategy with the payload in its text, a goal, a focus area and a reported measure.
  const strategy = await s.api("POST", "/api/v1/networks/digi-rogaland/strategies", {
    title: `Strategi ${PAYLOAD}`,
    firstYear: 2026,
    lastYear: 2028,
    vision: PAYLOAD,
  });
  assert.equal(strategy.statusCode, 201, strategy.body);
  const strategyId = strategy.json().id;
  const goal = (await s.api("POST", `/api/v1/strategies/${strategyId}/goals`, { title: PAYLOAD, description: PAYLOAD })).json();
  await s.api("POST", `/api/v1/strategies/${strategyId}/focus-areas`, {
    title: PAYLOAD,
    why: PAYLOAD,
    what: PAYLOAD,
    goalIds: [goal.goals[0].id],
  });
  const withMeasure = await s.api("POST", `/api/v1/strategies/${strategyId}/measures`, {
    description: PAYLOAD,
    goal: PAYLOAD,
    indicator: PAYLOAD.slice(0, 300),
    responsible: PAYLOAD.slice(0, 300),
  });
  assert.equal(withMeasure.statusCode, 201, withMeasure.body);
  await s.api("POST", `/api/v1/strategies/${strategyId}/measures/${withMeasure.json().measures[0].id}/reports`, {
    status: "in_progress",
    comment: PAYLOAD,
  });
  // A network theme named with the payload tags it, and the shared strategy started from it carries the name.
  const theme = await s.api("POST", "/api/v1/networks/digi-rogaland/strategy-themes", { name: PAYLOAD.slice(0, 100) });
  assert.equal(theme.statusCode, 201, theme.body);
  const focusAreaId = (await s.api("GET", `/api/v1/strategies/${strategyId}`)).json().focusAreas[0].id;
  const tagged = await s.api("PUT", `/api/v1/strategies/${strategyId}/themes`, {
    focusAreas: [{ id: focusAreaId, themeIds: [theme.json().id] }],
  });
  assert.equal(tagged.statusCode, 200, tagged.body);
  const shared = await s.api("POST", "/api/v1/networks/digi-rogaland/shared-strategies", {
    title: `Felles ${PAYLOAD}`,
    firstYear: 2027,
    lastYear: 2030,
    themeIds: [theme.json().id],
  });
  assert.equal(shared.statusCode, 201, shared.body);
  const ambition = await s.api("POST", "/api/v1/networks/digi-rogaland/ambitions", {
    title: `Ambisjon ${PAYLOAD}`,
    description: PAYLOAD,
    kind: "joint_projects",
    target: 2,
    deadline: "2029-12-31",
  });
  assert.equal(ambition.statusCode, 201, ambition.body);
  // A consultation on the payload's shared draft, with a question and an input full of it, published and answered.
  const actor = { userId: null, label: "xss", isAdmin: true };
  const consultation = await suite.server.app.services.consultations.openOnStrategy(
    actor,
    shared.json().id,
    {
      title: `Høyring ${PAYLOAD}`,
      intro: PAYLOAD,
      opensDate: "2020-01-01",
      opensTime: "08:00",
      closesDate: "2099-01-01",
      closesTime: "08:00",
      publishInputs: "1",
    },
    (key) => key,
  );
  assert.ok(consultation.ok);
  const consultationId = consultation.value.id;
  await suite.server.app.services.consultations.addQuestion(actor, consultationId, {
    text: PAYLOAD,
    kind: "choice",
    options: `${PAYLOAD}\nNei`,
  });
  const question = (await suite.server.app.services.consultations.repo.questionsOf(consultationId))[0]!;
  const given = await suite.server.app.services.consultations.submit(
    consultationId,
    {
      formToken: await suite.server.app.services.consultations.formToken(consultationId, new Date(Date.now() - 10_000)),
      body: PAYLOAD,
      name: PAYLOAD.slice(0, 200),
      organisation: PAYLOAD.slice(0, 200),
      [`q${question.id}`]: PAYLOAD,
    },
    { actor: null, ipKey: "xss", locale: "nb" },
  );
  assert.ok(given.ok);
  const input = (await suite.server.app.services.consultations.repo.inputByReference(consultationId, given.value.reference))!;
  await suite.server.app.services.consultations.handle(actor, consultationId, input.id, {
    action: "category",
    category: PAYLOAD.slice(0, 100),
  });
  await suite.server.app.services.consultations.handle(actor, consultationId, input.id, { action: "answer", answer: PAYLOAD });
  await suite.server.app.services.consultations.publishAnswers(actor, consultationId);

  const context = await suite.browser.newContext();
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await login(page, suite.server.url, ADMIN.email, ADMIN.password);
  const pages = [
    "/n/xss-test",
    `/n/xss-test/bodies/${body.id}`,
    `/people/${person.id}`,
    `/organisations/${org.json().id}`,
    "/people",
    "/networks",
    `/search?q=${encodeURIComponent(PAYLOAD)}`,
    `/organisations?q=${encodeURIComponent(PAYLOAD)}`,
    `/people/${person.id}/edit`,
    "/n/xss-test/edit",
    "/n/xss-test/people",
    `/n/xss-test/people/${account!.userId}/edit`,
    "/admin/invitations",
    await linkFor("xss-2@test.example"),
    "/account/tokens",
    "/admin/audit",
    "/account/data",
    `/projects/${projectId}`,
    `/projects/${projectId}/edit`,
    `/projects/${projectId}/reports/new?copy=1`,
    `/projects/${projectId}/benefits/${benefit.json().id}`,
    `/projects?q=${encodeURIComponent(PAYLOAD)}`,
    "/projects?network=digi-rogaland",
    `/solutions/${solution.json().id}`,
    `/solutions/${solution.json().id}/edit`,
    `/solutions?q=${encodeURIComponent(PAYLOAD)}`,
    `/needs/${needId}`,
    `/needs/${needId}/edit`,
    "/needs?network=digi-rogaland",
    `/needs/similar?text=${encodeURIComponent(`Behov ${PAYLOAD}`)}`,
    `/rounds/${roundId}`,
    `/rounds/${roundId}/needs/${needId}`,
    "/n/digi-rogaland/rounds",
    `/meetings/${meetingId}`,
    `/meetings/${meetingId}/papers`,
    `/meetings/${meetingId}/minutes`,
    "/n/digi-rogaland/meetings",
    "/n/digi-rogaland/decisions",
    "/n/digi-rogaland/priorities/rank",
    `/roadmap/${initiativeId}`,
    `/roadmap/${initiativeId}/edit`,
    `/roadmap/${initiativeId}/adoption?network=digi-rogaland`,
    "/roadmap?network=digi-rogaland",
    "/roadmap/timeline?network=digi-rogaland",
    "/roadmap/adoption?network=digi-rogaland",
    "/n/digi-rogaland/roadmap/budget",
    `/organisations/${members[0].organisationId}/adoption`,
    `/organisations/${members[0].organisationId}/roadmap`,
    "/strategies",
    `/strategies/${strategyId}`,
    `/strategies/${strategyId}/edit`,
    `/strategies/${strategyId}/themes`,
    `/strategies/${strategyId}/focus-areas/${focusAreaId}/edit`,
    `/strategies/${strategyId}/measures/${withMeasure.json().measures[0].id}/edit`,
    `/strategies/${shared.json().id}`,
    "/n/digi-rogaland/strategies/themes",
    "/n/digi-rogaland/strategies",
    `/n/digi-rogaland/ambitions/${ambition.json().id}`,
    `/consultations/${consultationId}`,
    `/consultations/${consultationId}/input`,
    `/consultations/${consultationId}/inputs`,
    `/consultations/${consultationId}/summary`,
    `/consultations/${consultationId}/receipt/${given.value.receipt}`,
    "/n/digi-rogaland/consultations",
    `/search?q=${encodeURIComponent("Strategi")}`,
  ];
  for (const path of pages) {
    await page.goto(`${suite.server.url}${path}`);
    assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined, path);
    assert.equal(await page.locator("main img[src=x]").count(), 0, `${path}: no injected element`);
  }
  // The payload is shown as the text that was typed.
  await page.goto(`${suite.server.url}/n/xss-test`);
  assert.ok(((await page.textContent("h1")) ?? "").includes(SCRIPT));

  // A form that comes back with errors shows the payload in its fields, still inert.
  await page.goto(`${suite.server.url}/networks/new`);
  await page.fill("#field-name", PAYLOAD);
  await page.fill("#field-description", PAYLOAD);
  await page.fill("#field-slug", "Not valid");
  await page.click("form.stack button[type=submit]");
  await page.waitForSelector(".ds-error-summary");
  assert.equal(await page.inputValue("#field-name"), PAYLOAD);
  assert.equal(await page.inputValue("#field-description"), PAYLOAD);
  assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);
  // A publiccode.yml that fails validation comes back in its field, inert.
  await page.goto(`${suite.server.url}/solutions/import`);
  await page.fill("#field-publiccode", `name: ${PAYLOAD}`);
  await page.click("form.stack button[type=submit]");
  await page.waitForSelector(".ds-error-summary");
  assert.equal(await page.inputValue("#field-publiccode"), `name: ${PAYLOAD}`);
  assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);
  // Suggestions typed in with JavaScript arrive as server-escaped HTML, inert too.
  await page.goto(`${suite.server.url}/n/digi-rogaland/needs/new`);
  await page.fill("#field-title", `Behov ${PAYLOAD}`);
  await page.waitForSelector(`#similar-results a[href="/needs/${needId}"]`);
  assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);
  assert.equal(await page.locator("main img[src=x]").count(), 0);
  // An uploaded status file whose cells carry the payload: its report shows them as text.
  await page.goto(`${suite.server.url}/n/digi-rogaland/adoption/import`);
  const cells = `"${PAYLOAD.replaceAll('"', '""')}"`;
  await page.setInputFiles("#field-file", {
    name: "xss.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`kommunenummer;losning;status\n${cells};${cells};${cells}\n`),
  });
  await page.click("form.stack button[type=submit]");
  await page.waitForSelector("#report-heading");
  assert.ok(((await page.textContent("#report-heading ~ .table-scroll")) ?? "").includes(SCRIPT));
  assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);
  assert.equal(await page.locator("main img[src=x]").count(), 0);
  assert.deepEqual(dialogs, []);
  await context.close();
});
