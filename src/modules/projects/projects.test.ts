import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { count, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { ADMIN, createTestApp, Session, type TestApp } from "../../../test/support/app.ts";
import { UserService } from "../../platform/auth/users.ts";
import { auditLog, users } from "../../platform/schema.ts";
import { achievement, trend } from "./projects.service.ts";
import { projects, savedViews } from "./schema.ts";

let t: TestApp;
let rogaland: { id: number };
let stavanger: { id: number; name: string };
let sandnes: { id: number; name: string };
const PASSWORD = "a representative's long password";

async function account(email: string, networkId: number, role: "member" | "secretariat", organisationIds: number[] = []) {
  await new UserService(t.database.db).createAdmin({ email, password: PASSWORD, name: email.split("@")[0] });
  const [row] = await t.database.db.update(users).set({ isAdmin: false }).where(eq(users.email, email)).returning();
  await t.app.services.access.repo.setAccess(networkId, row!.id, role, organisationIds);
}

before(async () => {
  t = await createTestApp();
  const { networks, access } = t.app.services;
  rogaland = (await networks.bySlug("digi-rogaland"))!;
  [stavanger, sandnes] = (await access.repo.memberOrganisations(rogaland.id)) as [typeof stavanger, typeof sandnes];
  await account("rep@stavanger.example", rogaland.id, "member", [stavanger.id]);
  await account("member@rogaland.example", rogaland.id, "member");
  await account("sek@rogaland.example", rogaland.id, "secretariat");
  await account("rep@sandnes.example", rogaland.id, "member", [sandnes.id]);
});
after(() => t.close());

const auditCount = async () => (await t.database.db.select({ n: count() }).from(auditLog))[0]!.n;
const projectCount = async () => (await t.database.db.select({ n: count() }).from(projects))[0]!.n;
const idFrom = (location: string | undefined) => Number(location?.match(/\/projects\/(\d+)/)?.[1]);

const valid = (overrides: Record<string, string> = {}) => ({
  title: "Felles journalløsning for helsestasjonene",
  summary: "Én journal for helsestasjon og skolehelsetjeneste.",
  kind: "regional",
  sector: "health_care",
  startDate: "2027-01-01",
  endDate: "2027-12-31",
  budget: "1 200 000",
  tags: "Helse, journal, helse",
  visibility: "public",
  ...overrides,
});

test("a representative registers a project for their organisation, which leads it; the overview finds it at once", async () => {
  const rep = await new Session(t.app).login("rep@stavanger.example", PASSWORD);
  const form = await rep.get("/n/digi-rogaland/projects/new?lang=en");
  assert.equal(form.statusCode, 200);
  assert.ok(form.body.includes(stavanger.name));
  const res = await rep.post("/n/digi-rogaland/projects", valid({ ownerOrganisationId: String(stavanger.id) }));
  assert.equal(res.statusCode, 303);
  const id = idFrom(res.headers.location);
  const project = (await t.app.services.projects.repo.byId(id))!;
  assert.equal(project.budget, 1_200_000, "spaces in amounts are read as a Norwegian writes them");
  assert.deepEqual(project.tags, ["helse", "journal"], "tags trimmed, lower-cased, once each");
  assert.equal(project.phase, "idea");
  const participants = await t.app.services.projects.repo.participantsOf([id]);
  assert.deepEqual(
    participants.map((p) => [p.organisationId, p.role]),
    [[stavanger.id, "lead"]],
  );
  // Full-text search with Norwegian stemming: "journalløsningene" finds "journalløsning".
  const found = await new Session(t.app).get("/projects?q=journall%C3%B8sningene&lang=en");
  assert.ok(found.body.includes("Felles journalløsning for helsestasjonene"));
  const filtered = await new Session(t.app).get(`/projects?organisation=${stavanger.id}&tag=journal&kind=regional`);
  assert.ok(filtered.body.includes(`/projects/${id}"`));
  const other = await new Session(t.app).get(`/projects?organisation=${sandnes.id}&tag=journal`);
  assert.ok(!other.body.includes(`/projects/${id}"`));
  const orgPage = await new Session(t.app).get(`/organisations/${stavanger.id}?lang=en`);
  assert.match(orgPage.body, /Projects it leads and takes part in[\s\S]*Felles journalløsning for helsestasjonene/);
  const csv = await new Session(t.app).get("/projects.csv?tag=journal");
  assert.match(csv.body, /Felles journalløsning for helsestasjonene/);
  assert.equal(csv.body.trim().split("\n").length, 2, "the CSV holds exactly what the filter shows");
  const xlsx = await t.app.inject({ url: "/projects.xlsx?tag=journal" });
  assert.equal(xlsx.statusCode, 200);
  assert.match(String(xlsx.headers["content-type"]), /spreadsheetml/);
  assert.equal(xlsx.rawPayload.subarray(0, 2).toString(), "PK", "a ZIP package");
  // Typed cells in the reader's language: the budget a number in kroner, the start a date.
  const english = (await t.app.inject({ url: "/projects.xlsx?tag=journal&lang=en" })).rawPayload;
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(english as unknown as ExcelJS.Buffer);
  const sheet = book.worksheets[0]!;
  assert.equal(sheet.name, "Project portfolio");
  const header = (sheet.getRow(1).values as unknown[]).slice(1);
  const budget = sheet.getRow(2).getCell(header.indexOf("Budget") + 1);
  assert.deepEqual([budget.value, budget.numFmt], [1_200_000, '#,##0 "kr"']);
  assert.ok(sheet.getRow(2).getCell(header.indexOf("Start date") + 1).value instanceof Date, "the start is a date");
});

test("a representative cannot register for another organisation, nor a network project, and nothing is saved", async () => {
  const rep = await new Session(t.app).login("rep@stavanger.example", PASSWORD);
  await rep.get("/n/digi-rogaland/projects/new");
  const before = [await projectCount(), await auditCount()];
  const foreign = await rep.post("/n/digi-rogaland/projects?lang=en", valid({ ownerOrganisationId: String(sandnes.id) }));
  assert.equal(foreign.statusCode, 422);
  assert.match(foreign.body, /You can only choose organisations you act for/);
  const none = await rep.post("/n/digi-rogaland/projects?lang=en", valid({ ownerOrganisationId: "" }));
  assert.equal(none.statusCode, 422);
  assert.match(
    none.body,
    /Only the secretariat can register the network&#x27;s own projects|Only the secretariat can register the network's own projects/,
  );
  assert.deepEqual([await projectCount(), await auditCount()], before);
  // A member without representation may not register at all.
  const member = await new Session(t.app).login("member@rogaland.example", PASSWORD);
  assert.equal((await member.get("/n/digi-rogaland/projects/new")).statusCode, 403);
});

test("bad input is refused field by field, in the user's language, keeping what was typed", async () => {
  const sek = await new Session(t.app).login("sek@rogaland.example", PASSWORD);
  await sek.get("/n/digi-rogaland/projects/new");
  const before = [await projectCount(), await auditCount()];
  const res = await sek.post(
    "/n/digi-rogaland/projects?lang=nn",
    valid({
      title: "Beholdt tittel",
      startDate: "2027-06-01",
      endDate: "2027-01-01",
      budget: "-5",
      sector: "ukjent",
      tags: "x".repeat(41),
    }),
  );
  assert.equal(res.statusCode, 422);
  assert.ok(res.body.includes('value="Beholdt tittel"'), "input kept");
  assert.match(res.body, /Slutt kan ikkje vere før start/);
  assert.match(res.body, /Skriv eit heilt tal kroner/);
  assert.match(res.body, /høgst 40 teikn/);
  const absurd = await sek.post("/n/digi-rogaland/projects?lang=en", valid({ budget: "99999999999999" }));
  assert.match(absurd.body, /unreasonably large/);
  const sector = await sek.post("/n/digi-rogaland/projects?lang=en", valid({ sector: "ukjent" }));
  assert.equal(sector.statusCode, 422);
  const body = await sek.post("/n/digi-rogaland/projects?lang=en", valid({ visibility: "body" }));
  assert.match(body.body, /Choose the body that may see the project/);
  assert.deepEqual([await projectCount(), await auditCount()], before);
});

test("two people edit the same project: the second save is told and sees both versions", async () => {
  const sek = await new Session(t.app).login("sek@rogaland.example", PASSWORD);
  await sek.get("/n/digi-rogaland/projects/new");
  const created = await sek.post("/n/digi-rogaland/projects", valid({ title: "Samtidig redigering" }));
  const id = idFrom(created.headers.location);
  const rep = await new Session(t.app).login(ADMIN.email, ADMIN.password);
  const formA = await sek.get(`/projects/${id}/edit`);
  const formB = await rep.get(`/projects/${id}/edit`);
  const version = formA.body.match(/name="version" value="(\d+)"/)?.[1];
  assert.equal(version, formB.body.match(/name="version" value="(\d+)"/)?.[1]);
  const first = await sek.post(`/projects/${id}`, valid({ title: "Tittel fra sekretariatet", version: version! }));
  assert.equal(first.statusCode, 303);
  const second = await rep.post(`/projects/${id}?lang=en`, valid({ title: "Tittel fra administratoren", version: version! }));
  assert.equal(second.statusCode, 409);
  assert.match(second.body, /Someone else saved the project while you were editing/);
  assert.ok(second.body.includes("Tittel fra sekretariatet"), "the saved version is shown");
  assert.ok(second.body.includes('value="Tittel fra administratoren"'), "the user's own version is kept in the form");
  assert.equal((await t.app.services.projects.repo.byId(id))!.title, "Tittel fra sekretariatet", "nothing overwritten");
  // Saving again from the form that came back replaces it knowingly.
  const newVersion = second.body.match(/name="version" value="(\d+)"/)?.[1];
  assert.equal(Number(newVersion), Number(version) + 1);
  const third = await rep.post(`/projects/${id}`, valid({ title: "Tittel fra administratoren", version: newVersion! }));
  assert.equal(third.statusCode, 303);
  assert.equal((await t.app.services.projects.repo.byId(id))!.title, "Tittel fra administratoren");
});

test("phases, participants, status reports and benefits through the pages", async () => {
  const rep = await new Session(t.app).login("rep@stavanger.example", PASSWORD);
  await rep.get("/n/digi-rogaland/projects/new");
  const created = await rep.post(
    "/n/digi-rogaland/projects",
    valid({ title: "Fasetest", ownerOrganisationId: String(stavanger.id) }),
  );
  const id = idFrom(created.headers.location);

  assert.equal((await rep.post(`/projects/${id}/phase`, { phase: "planning", note: "Vedtatt i AU" })).statusCode, 303);
  const same = await rep.post(`/projects/${id}/phase?lang=en`, { phase: "planning" });
  assert.equal(same.statusCode, 422);
  const changes = await t.app.services.projects.repo.phaseChangesOf(id);
  assert.deepEqual(
    changes.map((c) => [c.fromPhase, c.toPhase, c.changedByLabel]),
    [
      ["idea", "planning", "rep"],
      [null, "idea", "rep"],
    ],
  );

  assert.equal(
    (await rep.post(`/projects/${id}/participants`, { organisationId: String(sandnes.id), role: "interested" })).statusCode,
    303,
  );
  assert.equal(
    (await rep.post(`/projects/${id}/participants`, { organisationId: String(sandnes.id), role: "participant" })).statusCode,
    303,
  );
  const notAnOrg = await rep.post(`/projects/${id}/participants?lang=en`, { organisationId: "999999", role: "participant" });
  assert.equal(notAnOrg.statusCode, 422);
  assert.match(notAnOrg.body, /Choose an organisation from the list/);
  const roles = (await t.app.services.projects.repo.participantsOf([id])).map((p) => [p.organisationId, p.role]);
  assert.deepEqual(roles, [
    [stavanger.id, "lead"],
    [sandnes.id, "participant"],
  ]);

  const colours = { overall: "yellow", time: "yellow", cost: "green", quality: "green", risk: "red", benefit: "green" };
  const report = await rep.post(`/projects/${id}/reports`, {
    reportDate: "2027-02-01",
    ...colours,
    riskComment: "Leverandøren er sen",
  });
  assert.equal(report.statusCode, 303);
  const draft = await rep.get(`/projects/${id}/reports/new?copy=1`);
  assert.ok(draft.body.includes("Leverandøren er sen"), "the next report starts from the previous one");
  const badReport = await rep.post(`/projects/${id}/reports?lang=en`, { reportDate: "1. februar", overall: "blue" });
  assert.equal(badReport.statusCode, 422);
  await rep.post(`/projects/${id}/reports`, { reportDate: "2027-03-01", ...colours, overall: "green" });
  const page = await rep.get(`/projects/${id}?lang=en`);
  assert.match(page.body, /Status report 1 March 2027/);
  assert.match(page.body, /Earlier reports/);
  const overview = await rep.get(`/projects?status=green&organisation=${stavanger.id}`);
  assert.ok(overview.body.includes(`/projects/${id}"`), "the overview shows the latest report's status");
  const yellow = await rep.get(`/projects?status=yellow&organisation=${stavanger.id}`);
  assert.ok(!yellow.body.includes(`/projects/${id}"`));

  const benefit = await rep.post(`/projects/${id}/benefits`, {
    title: "Raskere svar",
    type: "time",
    indicator: "Svartid",
    unit: "dager",
    baseline: "10",
    target: "4",
  });
  assert.equal(benefit.statusCode, 303);
  const benefitPath = benefit.headers.location!.replace(/\?.*/, "");
  await rep.get(benefitPath);
  await rep.post(`${benefitPath}/measurements`, { measuredOn: "2027-03-01", value: "8" });
  await rep.post(`${benefitPath}/measurements`, { measuredOn: "2027-06-01", value: "5,5" });
  const shown = await rep.get(`${benefitPath}?lang=en`);
  assert.match(shown.body, /75%/, "(5.5 − 10) / (4 − 10) = 75 %");
  assert.match(shown.body, /better than the previous measurement/);
  const benefitsPage = await rep.get(`/projects/benefits?organisation=${stavanger.id}&q=fasetest&lang=en`);
  assert.match(benefitsPage.body, /1 benefit in 1 project/);
  assert.match(
    benefitsPage.body,
    /<th scope="row">Time<\/th><td>dager<\/td><td class="numeric">1 of 1<\/td><td class="numeric">10<\/td><td class="numeric">4<\/td><td class="numeric">5.5<\/td>/,
  );
  const badValue = await rep.post(`${benefitPath}/measurements?lang=en`, { measuredOn: "2027-07-01", value: "mye" });
  assert.equal(badValue.statusCode, 422);
  assert.match(badValue.body, /Enter a number/);
});

test("a measurement for a benefit of another project is not found, and changes nothing", async () => {
  const admin = await new Session(t.app).login();
  const [a, b] = (await t.app.services.projects.repo.list({}, null, "title", 2, 0)).items;
  const benefitOfB = await admin.api("POST", `/api/v1/projects/${b!.id}/benefits`, {
    title: "B",
    type: "money",
    indicator: "Kroner",
    unit: "kr",
    baseline: 0,
    target: 100,
  });
  assert.equal(benefitOfB.statusCode, 201);
  const before = await auditCount();
  const wrong = await admin.api("POST", `/api/v1/projects/${a!.id}/benefits/${benefitOfB.json().id}/measurements`, {
    measuredOn: "2027-01-01",
    value: 5,
  });
  assert.equal(wrong.statusCode, 404);
  assert.equal(await auditCount(), before);
});

test("the API reads and writes projects with the same rules and optimistic locking", async () => {
  const admin = await new Session(t.app).login();
  const created = await admin.api("POST", "/api/v1/networks/digi-rogaland/projects", {
    title: "API-prosjekt",
    kind: "innovation",
    sector: "technical",
    ownerOrganisationId: sandnes.id,
    tags: ["sensorer"],
  });
  assert.equal(created.statusCode, 201, created.body);
  const project = created.json();
  assert.equal(project.participants[0].role, "lead");
  const patched = await admin.api("PATCH", `/api/v1/projects/${project.id}`, { budget: 50_000, version: project.version });
  assert.equal(patched.statusCode, 200, patched.body);
  assert.equal(patched.json().budget, 50_000);
  const stale = await admin.api("PATCH", `/api/v1/projects/${project.id}`, { budget: 60_000, version: project.version });
  assert.equal(stale.statusCode, 409);
  const badDates = await admin.api("POST", "/api/v1/networks/digi-rogaland/projects", {
    title: "Feil",
    kind: "local",
    sector: "other",
    startDate: "2027-05-01",
    endDate: "2027-01-01",
  });
  assert.equal(badDates.statusCode, 422);
  const participant = await admin.api("POST", `/api/v1/projects/${project.id}/participants`, {
    organisationId: stavanger.id,
    role: "participant",
    fromDate: "2027-01-01",
  });
  assert.equal(participant.statusCode, 200);
  const report = await admin.api("POST", `/api/v1/projects/${project.id}/status-reports`, {
    reportDate: "2027-02-01",
    overall: "green",
    time: "green",
    cost: "yellow",
    quality: "green",
    risk: "green",
    benefit: "green",
  });
  assert.equal(report.statusCode, 201, report.body);
  const listed = await admin.api("GET", "/api/v1/projects?tag=sensorer&status=green");
  assert.ok(listed.json().items.some((p: { id: number }) => p.id === project.id));

  // The representative of Stavanger does not run Sandnes' project, even as a participant.
  const rep = await new Session(t.app).login("rep@stavanger.example", PASSWORD);
  const refused = await rep.api("PATCH", `/api/v1/projects/${project.id}`, { budget: 1, version: 2 });
  assert.equal(refused.statusCode, 403);
});

test("a project kept to the network is hidden from visitors in lists, pages and the API", async () => {
  const sek = await new Session(t.app).login("sek@rogaland.example", PASSWORD);
  await sek.get("/n/digi-rogaland/projects/new");
  const created = await sek.post("/n/digi-rogaland/projects", valid({ title: "Internt prosjekt", visibility: "network" }));
  const id = idFrom(created.headers.location);
  const visitor = new Session(t.app);
  assert.equal((await visitor.get(`/projects/${id}`)).statusCode, 404);
  assert.equal((await visitor.get(`/api/v1/projects/${id}`)).statusCode, 404);
  assert.ok(!(await visitor.get("/projects?q=internt")).body.includes("Internt prosjekt"));
  assert.ok(!(await visitor.get("/projects.csv?q=internt")).body.includes("Internt prosjekt"));
  const member = await new Session(t.app).login("member@rogaland.example", PASSWORD);
  assert.equal((await member.get(`/projects/${id}`)).statusCode, 200);
  assert.ok((await member.get("/projects?q=internt")).body.includes("Internt prosjekt"));
});

test("a list's total is counted once per filter and kind of viewer, until the data changes", async () => {
  const { repo } = t.app.services.projects;
  const original = repo.count.bind(repo);
  let counted = 0;
  repo.count = (...args) => {
    counted += 1;
    return original(...args);
  };
  try {
    const member = await new Session(t.app).login("member@rogaland.example", PASSWORD);
    const visitor = new Session(t.app);
    const total = async (s: Session) => (await s.api("GET", "/api/v1/projects?network=digi-rogaland&limit=1")).json().total;
    await t.database.db
      .insert(projects)
      .values({ networkId: rogaland.id, title: "Bare for nettverket", kind: "local", sector: "other", visibility: "network" });
    const forMember = await total(member);
    assert.equal(await total(member), forMember);
    assert.equal(counted, 1, "counted once for the same filter and viewer");
    const forVisitor = await total(visitor);
    assert.equal(forVisitor, forMember - (await countKeptToTheNetwork()), "a visitor's total is their own");
    assert.equal(counted, 2);
    // Any change to the data is counted at the next request.
    await t.database.db
      .insert(projects)
      .values({ networkId: rogaland.id, title: "Nytt felles prosjekt", kind: "local", sector: "other" });
    assert.equal(await total(member), forMember + 1);
    assert.equal(await total(visitor), forVisitor + 1);
    assert.equal(counted, 4);
  } finally {
    repo.count = original;
  }
});

async function countKeptToTheNetwork() {
  const rows = await t.database.db
    .select({ visibility: projects.visibility })
    .from(projects)
    .where(eq(projects.networkId, rogaland.id));
  return rows.filter((r) => r.visibility === "network").length;
}

test("achievement and trend follow the direction of the target", () => {
  const down = { baseline: 10, target: 4 };
  assert.equal(achievement(down, undefined), null);
  assert.equal(achievement(down, 7), 0.5);
  assert.equal(trend(down, [8, 6]), "up");
  assert.equal(trend(down, [6, 8]), "down");
  assert.equal(trend({ baseline: 0, target: 100 }, [20, 40]), "up");
  assert.equal(trend(down, [6]), null);
});

test("the demo networks hold a realistic portfolio", async () => {
  const { items, total } = await t.app.services.projects.repo.list({}, null, "title", 500, 0);
  assert.ok(total >= 40, `${total} public demo projects`);
  assert.ok(items.some((p) => p.status !== null));
  const withBenefits = await t.app.services.projects.repo.benefitsOf(items.map((p) => p.id));
  assert.ok(withBenefits.length >= 5);
});

test("the secretariat adds a sector of the network's own, which projects can then use; duplicates are refused", async () => {
  const sek = await new Session(t.app).login("sek@rogaland.example", PASSWORD);
  await sek.get("/n/digi-rogaland/sectors");
  assert.equal((await sek.post("/n/digi-rogaland/sectors", { name: "Havbruk og fiskeri" })).statusCode, 303);
  const again = await sek.post("/n/digi-rogaland/sectors?lang=en", { name: "havbruk og fiskeri" });
  assert.equal(again.statusCode, 422);
  assert.match(again.body, /already has a sector with this name/);
  const empty = await sek.post("/n/digi-rogaland/sectors?lang=en", { name: "  " });
  assert.equal(empty.statusCode, 422);
  await sek.get("/n/digi-rogaland/projects/new");
  const created = await sek.post("/n/digi-rogaland/projects", valid({ title: "Sjømatportal", sector: "x-havbruk-og-fiskeri" }));
  assert.equal(created.statusCode, 303);
  const page = await sek.get(`/projects/${idFrom(created.headers.location)}`);
  assert.match(page.body, /Havbruk og fiskeri/);
  const rep = await new Session(t.app).login("rep@stavanger.example", PASSWORD);
  assert.equal((await rep.get("/n/digi-rogaland/sectors")).statusCode, 403);
});

test("we want to take part: Sandnes asks, Stavanger's lead is told, accepts, and Sandnes is told and takes part", async () => {
  const lead = await new Session(t.app).login("rep@stavanger.example", PASSWORD);
  await lead.get("/n/digi-rogaland/projects/new");
  const created = await lead.post(
    "/n/digi-rogaland/projects",
    valid({ title: "Felles vikarpool", ownerOrganisationId: String(stavanger.id) }),
  );
  const id = idFrom(created.headers.location);

  const asker = await new Session(t.app).login("rep@sandnes.example", PASSWORD);
  const page = await asker.get(`/projects/${id}?lang=en`);
  assert.match(page.body, /Want to take part\?/);
  const before = await auditCount();
  const notMine = await asker.post(`/projects/${id}/join?lang=en`, { organisationId: String(stavanger.id), role: "participant" });
  assert.equal(notMine.statusCode, 422);
  assert.match(notMine.body, /already takes part|You can only choose organisations you act for/);
  assert.equal(await auditCount(), before);
  const asked = await asker.post(`/projects/${id}/join`, {
    organisationId: String(sandnes.id),
    role: "participant",
    note: "Vi mangler vikarer",
  });
  assert.equal(asked.statusCode, 303);
  const again = await asker.post(`/projects/${id}/join?lang=en`, { organisationId: String(sandnes.id), role: "interested" });
  assert.match(again.body, /already has a request waiting/);

  const [toLead] = await t.app.services.mail.outbox.to("rep@stavanger.example");
  assert.ok(toLead, "the lead's representative is told");
  assert.match(toLead.subject, /Felles vikarpool/);
  assert.match(toLead.body, new RegExp(`/projects/${id}#join-heading`));
  assert.match(toLead.body, /Vi mangler vikarer/);

  const [request] = await t.app.services.projects.repo.joinRequestsOf(id);
  // The asker cannot decide on its own request.
  assert.equal(
    (await asker.post(`/projects/${id}/join-requests/${request!.request.id}`, { decision: "accept" })).statusCode,
    403,
  );
  await lead.get(`/projects/${id}`);
  const accepted = await lead.post(`/projects/${id}/join-requests/${request!.request.id}`, {
    decision: "accept",
    reason: "Velkommen",
  });
  assert.equal(accepted.statusCode, 303);
  const twice = await lead.post(`/projects/${id}/join-requests/${request!.request.id}?lang=en`, { decision: "decline" });
  assert.equal(twice.statusCode, 422);
  assert.match(twice.body, /already been decided/);
  const participants = await t.app.services.projects.repo.participantsOf([id]);
  assert.ok(participants.some((p) => p.organisationId === sandnes.id && p.role === "participant"));
  const [toAsker] = await t.app.services.mail.outbox.to("rep@sandnes.example");
  assert.ok(toAsker, "the asker is told");
  assert.match(toAsker.body, /Velkommen/);
  const shown = await lead.get(`/projects/${id}?lang=en`);
  assert.match(shown.body, /Earlier requests[\s\S]*Accepted/);
});

test("funding, links, related projects and documents: added, shown, refused when wrong, removed", async () => {
  const rep = await new Session(t.app).login("rep@stavanger.example", PASSWORD);
  await rep.get("/n/digi-rogaland/projects/new");
  const created = await rep.post(
    "/n/digi-rogaland/projects",
    valid({ title: "Ressurstest", ownerOrganisationId: String(stavanger.id) }),
  );
  const id = idFrom(created.headers.location);
  await rep.get(`/projects/${id}/resources`);
  const before = await auditCount();
  const tooMuch = await rep.post(`/projects/${id}/funding?lang=en`, {
    source: "KS DigiFin",
    applied: "100 000",
    granted: "200 000",
  });
  assert.equal(tooMuch.statusCode, 422);
  assert.match(tooMuch.body, /cannot exceed the amount applied for/);
  assert.ok(tooMuch.body.includes('value="KS DigiFin"'), "typed input kept");
  const negative = await rep.post(`/projects/${id}/funding?lang=en`, { source: "KS DigiFin", applied: "-1" });
  assert.equal(negative.statusCode, 422);
  const badLink = await rep.post(`/projects/${id}/links?lang=en`, { title: "Side", url: "javascript:alert(1)" });
  assert.equal(badLink.statusCode, 422);
  const self = await rep.post(`/projects/${id}/relations?lang=en`, { relatedProjectId: String(id), kind: "builds_on" });
  assert.equal(self.statusCode, 422);
  const lying = await rep.upload(
    `/projects/${id}/documents?lang=en`,
    { title: "Prosjektplan" },
    { field: "file", filename: "plan.pdf", data: Buffer.from("MZ this is not a pdf"), type: "application/pdf" },
  );
  assert.equal(lying.statusCode, 422);
  assert.ok(lying.body.includes('value="Prosjektplan"'));
  const tooLarge = await t.app.services.projects.addDocument(
    { userId: null, label: "test", isAdmin: true },
    id,
    { title: "Stor", file: { filename: "stor.txt", data: Buffer.from("x".repeat(2048)), truncated: true } },
    1024,
  );
  assert.ok(!tooLarge.ok && tooLarge.errors.some((e) => e.key === "errors.fileTooLarge"));
  assert.equal(await auditCount(), before, "nothing saved");

  assert.equal(
    (await rep.post(`/projects/${id}/funding`, { source: "KS DigiFin", applied: "300 000", granted: "" })).statusCode,
    303,
  );
  assert.equal(
    (await rep.post(`/projects/${id}/links`, { title: "Prosjektside", url: "https://example.org/p" })).statusCode,
    303,
  );
  const [other] = (await t.app.services.projects.repo.list({ networkId: undefined }, null, "title", 1, 0)).items;
  assert.equal(
    (await rep.post(`/projects/${id}/relations`, { relatedProjectId: String(other!.id), kind: "builds_on" })).statusCode,
    303,
  );
  // From another sign-in (the same form sent again in one session answers the first redirect, decision 0022).
  const elsewhere = await new Session(t.app).login("rep@stavanger.example", PASSWORD);
  const twice = await elsewhere.post(`/projects/${id}/relations?lang=en`, {
    relatedProjectId: String(other!.id),
    kind: "builds_on",
  });
  assert.match(twice.body, /already have this relation/);
  const uploaded = await rep.upload(
    `/projects/${id}/documents`,
    { title: "Prosjektplan" },
    { field: "file", filename: "plan.txt", data: Buffer.from("Plan\n"), type: "text/plain" },
  );
  assert.equal(uploaded.statusCode, 303);

  const page = await new Session(t.app).get(`/projects/${id}?lang=en`);
  assert.match(page.body, /KS DigiFin[\s\S]*Not decided/);
  assert.match(page.body, /Builds on: <a class="ds-link" href="\/projects\//);
  const otherPage = await new Session(t.app).get(`/projects/${other!.id}?lang=en`);
  assert.match(otherPage.body, /Built on by: <a class="ds-link" href="\/projects\/\d+">Ressurstest/);
  const api = (await new Session(t.app).api("GET", `/api/v1/projects/${id}`)).json();
  assert.equal(api.funding[0].applied, 300_000);
  assert.equal(api.documents.length, 1);
  const download = await new Session(t.app).get(api.documents[0].url);
  assert.equal(download.statusCode, 200);
  assert.match(String(download.headers["content-disposition"]), /attachment/);
  const funding = await rep.api("DELETE", `/api/v1/projects/${id}/funding/${api.funding[0].id}`);
  assert.equal(funding.statusCode, 204);
  // Another project's link is not found here.
  const [otherLink] = (await t.app.services.projects.repo.resourcesOf(other!.id)).links;
  if (otherLink) assert.equal((await rep.api("DELETE", `/api/v1/projects/${id}/links/${otherLink.id}`)).statusCode, 404);
});

test("the timeline draws 2 000 projects in the same number of queries as a dozen, a page at a time", async () => {
  const network = (await t.app.services.networks.bySlug("digi-trondelag"))!;
  await t.database.db.insert(projects).values(
    Array.from({ length: 2000 }, (_, i) => ({
      networkId: network.id,
      title: `Massetest ${i}`,
      kind: "local" as const,
      sector: "other",
      startDate: `202${i % 6}-0${(i % 9) + 1}-01`,
      endDate: "2029-12-31",
    })),
  );
  const queries = async (url: string) => {
    const before = t.database.queries.count;
    const res = await t.app.inject({ url });
    assert.equal(res.statusCode, 200, res.body.slice(0, 300));
    return { count: t.database.queries.count - before, body: res.body };
  };
  // The first page after a change reads the header's network list again; the pages after it keep it.
  await t.app.inject({ url: "/projects/timeline?lang=en" });
  const few = await queries("/projects/timeline?network=digi-rogaland&lang=en");
  const many = await queries("/projects/timeline?network=digi-trondelag&lang=en&view=quarter&year=2025");
  assert.equal(many.count, few.count);
  assert.match(many.body, /2,01\d projects/);
  assert.equal((many.body.match(/class="timeline-label"/g) ?? []).length, 200, "one page of bars");
  assert.match(many.body, /Q3 2026/);
  const page = await queries("/projects/timeline?network=digi-trondelag&page=11");
  assert.equal(page.count, few.count);
  // The overview pages just as well.
  const list = await queries("/projects?network=digi-trondelag&q=massetest");
  assert.match(list.body, /Viser 1–50 av 2[\s\u00a0]000/);
});

test("saved views: a user names the filters shown, finds them again, and only they can delete them", async () => {
  const rep = await new Session(t.app).login("rep@stavanger.example", PASSWORD);
  await rep.get("/projects?phase=execution&sort=-start&page=2");
  const saved = await rep.post("/projects/saved-views", {
    name: "Pågående, nyeste først",
    kind: "projects",
    query: "phase=execution&sort=-start&page=2",
  });
  assert.equal(saved.statusCode, 303);
  assert.equal(saved.headers.location, "/projects?phase=execution&sort=-start&viewSaved=1", "kept without its page");
  const page = await rep.get("/projects?lang=en");
  assert.match(page.body, /Your saved views \(1\)/);
  assert.ok(page.body.includes('href="/projects?phase=execution&amp;sort=-start"'));
  const noName = await rep.post("/projects/saved-views?lang=en", { name: "", kind: "timeline", query: "view=quarter" });
  assert.equal(noName.statusCode, 422);
  assert.match(noName.body, /Fill in this field/);
  // Only a tampered form sends a query the page cannot show: refused, and nothing saved.
  const badQuery = await rep.post("/projects/saved-views", { name: "Ugyldig", kind: "projects", query: "phase=nonsense" });
  assert.equal(badQuery.statusCode, 400);
  const views = await t.database.db.select().from(savedViews);
  assert.equal(views.length, 1);
  const other = await new Session(t.app).login("sek@rogaland.example", PASSWORD);
  await other.get("/projects");
  assert.equal((await other.post(`/projects/saved-views/${views[0]!.id}/delete`, {})).statusCode, 404, "not someone else's");
  assert.equal((await rep.post(`/projects/saved-views/${views[0]!.id}/delete`, {})).statusCode, 303);
  assert.match((await rep.get("/projects?lang=en")).body, /Your saved views \(0\)/);
  assert.equal(
    (await new Session(t.app).post("/projects/saved-views", { name: "x", kind: "projects" })).statusCode,
    303,
    "visitors are sent to sign in",
  );
});

test("the secretariat sets a checklist for each phase; the project ticks off its current phase's items", async () => {
  const sek = await new Session(t.app).login("sek@rogaland.example", PASSWORD);
  await sek.get("/n/digi-rogaland/checklists");
  const added = await sek.post("/n/digi-rogaland/checklists", {
    phase: "idea",
    text: "Behovet er forankret i kommunedirektørens ledergruppe",
  });
  assert.equal(added.statusCode, 303);
  const empty = await sek.post("/n/digi-rogaland/checklists?lang=en", { phase: "idea", text: "" });
  assert.equal(empty.statusCode, 422);
  const rep = await new Session(t.app).login("rep@stavanger.example", PASSWORD);
  assert.equal((await rep.get("/n/digi-rogaland/checklists")).statusCode, 403);
  await rep.get("/n/digi-rogaland/projects/new");
  const created = await rep.post(
    "/n/digi-rogaland/projects",
    valid({ title: "Sjekklistetest", ownerOrganisationId: String(stavanger.id) }),
  );
  const id = idFrom(created.headers.location);
  const page = await rep.get(`/projects/${id}?lang=en`);
  assert.match(page.body, /Checklist for Idea: 0 of \d+ done/);
  const detail = await t.app.services.projects.visible(id, null);
  const item = detail.checklist.find((i) => i.text.startsWith("Behovet er forankret"))!;
  const later = detail.checklist.find((i) => i.phase !== "idea");
  assert.equal((await rep.post(`/projects/${id}/checklist`, { done: String(item.id) })).statusCode, 303);
  assert.match((await rep.get(`/projects/${id}?lang=en`)).body, /Checklist for Idea: 1 of \d+ done/);
  if (later) {
    const wrongPhase = await rep.post(`/projects/${id}/checklist?lang=en`, { done: String(later.id) });
    assert.equal(wrongPhase.statusCode, 422, "only the current phase's items");
  }
  const marks = (await t.app.services.projects.visible(id, null)).checklist.filter((i) => i.mark);
  assert.deepEqual(
    marks.map((m) => m.id),
    [item.id],
  );
});
