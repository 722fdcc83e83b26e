import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { count } from "drizzle-orm";
import { PASSWORD, testAccount } from "../../../../test/support/accounts.ts";
import { createTestApp, Session, type TestApp } from "../../../../test/support/app.ts";
import { systemActor } from "../../../platform/access/actor.ts";
import { osloToday } from "../../../platform/i18n/i18n.ts";
import { benefits, projectParticipants, projects } from "../../projects/index.ts";
import { ambitions, focusAreaSources, measureBenefits, strategies } from "../schema.ts";

let t: TestApp;
let rogaland: { id: number; slug: string };
let members: { id: number; name: string }[];
const today = osloToday();
const year = Number(today.slice(0, 4));

before(async () => {
  t = await createTestApp();
  const { networks, adoption } = t.app.services;
  rogaland = (await networks.bySlug("digi-rogaland"))!;
  members = await adoption.repo.adopters({ networkId: rogaland.id });
  await testAccount(t.app, t.database.db, "sek@ambition.example", { networkId: rogaland.id, role: "secretariat" });
  await testAccount(t.app, t.database.db, "rep@ambition.example", {
    networkId: rogaland.id,
    role: "member",
    organisationIds: [members[0]!.id],
  });
});
after(() => t.close());

const login = (email: string) => new Session(t.app).login(email, PASSWORD);
const rows = async (table: typeof ambitions | typeof strategies | typeof focusAreaSources) =>
  (await t.database.db.select({ n: count() }).from(table))[0]!.n;
const themeId = async (key: string) => (await t.app.services.themes.repo.list(null)).find((x) => x.key === key)!.id;

/** A member's adopted strategy with one focus area tagged with each of these themes. */
async function adoptedStrategy(organisationId: number, areas: [title: string, theme: string][], adoptedOn: string) {
  const { strategies: service, themes } = t.app.services;
  const actor = systemActor("test");
  const created = await service.create(actor, { organisationId }, { title: "Strategi", firstYear: year - 1, lastYear: year + 2 });
  assert.ok(created.ok);
  const id = created.value.id;
  const tags: Record<string, number[]> = {};
  for (const [title, theme] of areas) {
    const area = await service.addFocusArea(actor, id, { title });
    assert.ok(area.ok);
    tags[`a${area.value}`] = [await themeId(theme)];
  }
  assert.ok((await themes.saveTags(actor, id, tags)).ok);
  assert.ok((await service.adopt(actor, id, { adoptedOn, adoptedBy: "kommunestyret" })).ok);
  return id;
}

test("the shared strategy starts from the themes the members have in common, each focus area linked back to theirs", async () => {
  const a = await adoptedStrategy(
    members[0]!.id,
    [
      ["Tenester på nett", "citizen_services"],
      ["Tryggleik", "security"],
    ],
    `${year - 1}-06-01`,
  );
  const b = await adoptedStrategy(members[1]!.id, [["Digitale tenester", "citizen_services"]], `${year}-01-10`);
  const sek = await login("sek@ambition.example");
  const page = await sek.get(`/n/${rogaland.slug}/strategies/themes?lang=en`);
  assert.match(page.body, /Start the shared strategy/);
  // A theme several members have is ticked; one nobody has is not.
  const citizen = await themeId("citizen_services");
  const security = await themeId("security");
  assert.match(page.body, new RegExp(`value="${citizen}" checked`));
  assert.match(page.body, new RegExp(`value="${await themeId("school")}"/>`));

  // Bad input changes nothing and keeps what was typed.
  const before = [await rows(strategies), await rows(focusAreaSources)];
  const none = await sek.post(`/n/${rogaland.slug}/strategies/shared?lang=en`, {
    title: "Felles",
    firstYear: "2027",
    lastYear: "2030",
  });
  assert.equal(none.statusCode, 422);
  assert.match(none.body, /Choose at least one theme/);
  assert.match(none.body, /value="Felles"/);
  const backwards = await sek.post(`/n/${rogaland.slug}/strategies/shared?lang=en`, {
    title: "Felles",
    firstYear: "2030",
    lastYear: "2027",
    themeIds: String(citizen),
  });
  assert.equal(backwards.statusCode, 422);
  assert.match(backwards.body, /The last year cannot be before the first year/);
  const unknown = await sek.post(`/n/${rogaland.slug}/strategies/shared?lang=en`, {
    title: "Felles",
    firstYear: "2027",
    lastYear: "2030",
    themeIds: ["999999"],
  });
  assert.equal(unknown.statusCode, 422);
  assert.deepEqual([await rows(strategies), await rows(focusAreaSources)], before);
  // A member's representative cannot start the network's strategy.
  const rep = await login("rep@ambition.example");
  assert.equal(
    (
      await rep.post(`/n/${rogaland.slug}/strategies/shared`, {
        title: "Felles",
        firstYear: "2027",
        lastYear: "2030",
        themeIds: String(citizen),
      })
    ).statusCode,
    403,
  );

  const started = await sek.post(`/n/${rogaland.slug}/strategies/shared`, {
    title: "Felles strategi",
    firstYear: "2027",
    lastYear: "2030",
    themeIds: [String(citizen), String(security)],
  });
  assert.equal(started.statusCode, 303, started.body.slice(0, 300));
  const id = Number(started.headers.location?.match(/\/strategies\/(\d+)/)?.[1]);
  const detail = await t.app.services.strategies.detail(id);
  assert.equal(detail.strategy.networkId, rogaland.id);
  assert.equal(detail.strategy.status, "draft");
  // Most shared first, named by the theme in the secretariat's language (English, chosen above), each
  // linked to every member's focus area with the theme: ours, and the demo members'.
  const { rows: overlap } = await t.app.services.themes.overlap(rogaland.id);
  const membersWith = (id: number) => overlap.find((r) => r.theme.id === id)!.members;
  assert.deepEqual(
    detail.focusAreas.map((x) => [x.title, x.sources.length]),
    [
      ["Digital services for citizens", membersWith(citizen)],
      ["Information security and privacy", membersWith(security)],
    ],
  );
  const sourceStrategies = detail.focusAreas[0]!.sources.map((x) => x.strategyId);
  assert.ok(sourceStrategies.includes(a) && sourceStrategies.includes(b));
  assert.deepEqual(
    detail.focusAreas[1]!.sources.filter((x) => x.strategyId === a || x.strategyId === b).map((x) => x.strategyId),
    [a],
  );
  const shown = await new Session(t.app).get(`/strategies/${id}?lang=en`);
  assert.match(shown.body, /Drawn from/);
  assert.ok(
    shown.body.includes(`href="/strategies/${b}#area-${detail.focusAreas[0]!.sources.find((x) => x.strategyId === b)!.id}"`),
  );
  // The new focus areas carry their theme, so the shared strategy is compared like the others.
  const tags = await t.app.services.themes.repo.tagsOf(id);
  assert.deepEqual(tags.areaTags.map((x) => x.themeId).sort(), [citizen, security].sort());

  // The same through the API, and the links survive a new revision.
  const api = await sek.api("POST", `/api/v1/networks/${rogaland.slug}/shared-strategies`, {
    title: "Felles strategi (API)",
    firstYear: 2027,
    lastYear: 2030,
    themeIds: [citizen],
  });
  assert.equal(api.statusCode, 201, api.body);
  assert.equal(api.json().focusAreas[0].sourceFocusAreaIds.length, membersWith(citizen));
  const refused = await sek.api("POST", `/api/v1/networks/${rogaland.slug}/shared-strategies`, {
    title: "X",
    firstYear: 2027,
    lastYear: 2030,
    themeIds: [],
  });
  assert.equal(refused.statusCode, 422);
  assert.equal(refused.json().error.fields[0].field, "themeIds");
  const actor = systemActor("test");
  assert.ok((await t.app.services.strategies.adopt(actor, id, { adoptedOn: today, adoptedBy: "styringsgruppa" })).ok);
  const next = await t.app.services.strategies.newRevision(actor, id);
  assert.ok(next.ok);
  assert.equal((await t.app.services.strategies.detail(next.value.id)).focusAreas[0]!.sources.length, membersWith(citizen));
});

test("ambitions are measured from the data: strategies covering a year, a solution in use, joint projects a year", async () => {
  const sek = await login("sek@ambition.example");
  const n = members.length;
  // Strategy coverage: the members with an adopted strategy covering this year (the demo members'
  // and the two from the test above), counted here straight from the table as the oracle.
  const adopted = (await t.database.db.select().from(strategies)).filter(
    (x) => x.adoptedOn && x.firstYear <= year && x.lastYear >= year && members.some((m) => m.id === x.organisationId),
  );
  const covered = new Set(adopted.map((x) => x.organisationId)).size;
  assert.ok(covered >= 2);
  const form = await sek.get(`/n/${rogaland.slug}/ambitions/new?lang=en`);
  assert.equal(form.statusCode, 200);
  const coverage = await sek.post(`/n/${rogaland.slug}/ambitions`, {
    title: "Alle har strategi",
    kind: "strategy_coverage",
    target: "100",
    deadline: `${year + 1}-12-31`,
    year: String(year),
  });
  assert.equal(coverage.statusCode, 303, coverage.body.slice(0, 500));
  const coverageId = Number(coverage.headers.location?.match(/ambitions\/(\d+)/)?.[1]);
  const progress = await t.app.services.ambitions.progress(await t.app.services.ambitions.get(rogaland.id, coverageId));
  assert.equal(progress.measurement.value, (covered / n) * 100);
  assert.equal(progress.state, "open");
  assert.equal(progress.measurement.members.filter((m) => !m.met).length, n - covered);
  assert.equal(progress.measurement.members.find((m) => m.id === members[0]!.id)!.met, true);
  // The history steps up in the quarter each was adopted: this year's adoption is not in last year's quarters.
  assert.equal(progress.measurement.history.at(-1)!.value, (covered / n) * 100);
  assert.ok(progress.measurement.history[0]!.value < (covered / n) * 100);
  const page = await new Session(t.app).get(`/n/${rogaland.slug}/ambitions/${coverageId}?lang=en`);
  assert.match(page.body, new RegExp(`Members missing: ${n - covered} of ${n}`));
  assert.match(page.body, /<svg class="chart"/);

  // A national solution in use, from the adoption records: one more member reports it in use.
  const solution = (await t.app.services.roadmap.list({})).find((s) => s.solution.key === "digital-postkasse")!.solution;
  const adoption = await sek.api("POST", `/api/v1/networks/${rogaland.slug}/ambitions`, {
    title: "Alle brukar Digital postkasse",
    kind: "solution_adoption",
    target: 100,
    deadline: `${year + 2}-06-30`,
    solutionId: solution.id,
  });
  assert.equal(adoption.statusCode, 201, adoption.body);
  const adoptionUrl = `/api/v1/networks/${rogaland.slug}/ambitions/${adoption.json().id}`;
  const missing = adoption.json().members.find((m: { met: boolean }) => !m.met);
  assert.ok(
    (
      await t.app.services.adoption.report(systemActor("test"), missing.organisationId, [
        { solutionId: solution.id, status: "in_use", sinceDate: today },
      ])
    ).ok,
  );
  const adopted2 = (await new Session(t.app).api("GET", adoptionUrl)).json();
  assert.equal(adopted2.value, adoption.json().value + 100 / n);
  assert.equal(adopted2.members.find((m: { organisationId: number }) => m.organisationId === missing.organisationId).met, true);
  assert.equal(adopted2.history.at(-1).value, adopted2.value);

  // Joint projects started this year: the network's own, by start date; a member's own project does not count.
  const projectsAmbition = await sek.api("POST", `/api/v1/networks/${rogaland.slug}/ambitions`, {
    title: "To fellesprosjekt i året",
    kind: "joint_projects",
    target: 2,
    deadline: `${year + 3}-12-31`,
  });
  assert.equal(projectsAmbition.statusCode, 201, projectsAmbition.body);
  const before = projectsAmbition.json();
  const perYear = (h: { period: string; value: number }[], y: number) => h.find((x) => x.period === String(y))?.value ?? 0;
  const [joint] = await t.database.db
    .insert(projects)
    .values([
      { networkId: rogaland.id, title: "Felles prosjekt", kind: "regional", sector: "other", startDate: `${year}-01-02` },
      { networkId: rogaland.id, title: "Eldre prosjekt", kind: "regional", sector: "other", startDate: `${year - 2}-03-01` },
      {
        networkId: rogaland.id,
        ownerOrganisationId: members[1]!.id,
        title: "Eige prosjekt",
        kind: "local",
        sector: "other",
        startDate: `${year}-02-01`,
      },
    ])
    .returning();
  await t.database.db
    .insert(projectParticipants)
    .values({ projectId: joint!.id, organisationId: members[2]!.id, role: "participant" });
  const measured = (await new Session(t.app).api("GET", `/api/v1/networks/${rogaland.slug}/ambitions/${before.id}`)).json();
  assert.equal(measured.value, before.value + 1);
  assert.equal(perYear(measured.history, year), perYear(before.history, year) + 1);
  assert.equal(perYear(measured.history, year - 2), perYear(before.history, year - 2) + 1);
  assert.equal(perYear(measured.history, year - 1), perYear(before.history, year - 1));
  assert.equal(measured.members.find((m: { organisationId: number }) => m.organisationId === members[2]!.id).met, true);

  // The dashboard: ambitions, the shared plan and the coverage of member strategies.
  const dashboard = await new Session(t.app).get(`/n/${rogaland.slug}/strategies?lang=en`);
  assert.equal(dashboard.statusCode, 200);
  assert.match(dashboard.body, /Alle har strategi/);
  assert.match(dashboard.body, /Shared action plan/);
  assert.match(dashboard.body, /Felles strategi/);
  assert.match(dashboard.body, new RegExp(`Adopted and current</dt><dd>${covered} of ${n}`));
  const api = (await new Session(t.app).api("GET", `/api/v1/networks/${rogaland.slug}/strategy-dashboard`)).json();
  const stated = (await t.app.services.ambitions.repo.list(rogaland.id)).length;
  assert.equal(api.ambitions.length, stated);
  assert.equal(api.coverage.members.filter((m: { standing: string }) => m.standing === "adopted").length, covered);
  assert.equal(api.sharedStrategy.title, "Felles strategi", "the adopted shared strategy is the current one");

  // Removing one.
  assert.equal((await sek.api("DELETE", `/api/v1/networks/${rogaland.slug}/ambitions/${measured.id}`)).statusCode, 204);
  assert.equal((await new Session(t.app).api("GET", `/api/v1/networks/${rogaland.slug}/ambitions`)).json().total, stated - 1);
});

test("bad ambitions are refused with a clear message and nothing saved: data that does not exist, shares above 100, a missing year", async () => {
  const sek = await login("sek@ambition.example");
  await sek.get("/");
  const before = await rows(ambitions);
  const noData = await sek.post(`/n/${rogaland.slug}/ambitions?lang=en`, {
    title: "Alle brukar noko",
    kind: "solution_adoption",
    target: "100",
    deadline: `${year + 1}-12-31`,
    solutionId: "999999",
  });
  assert.equal(noData.statusCode, 422);
  assert.match(noData.body, /The ambition refers to data that does not exist/);
  assert.match(noData.body, /value="Alle brukar noko"/, "what was typed is kept");
  const tooMuch = await sek.post(`/n/${rogaland.slug}/ambitions?lang=nn`, {
    title: "Meir enn alle",
    kind: "strategy_coverage",
    target: "150",
    deadline: `${year + 1}-12-31`,
  });
  assert.equal(tooMuch.statusCode, 422);
  assert.match(tooMuch.body, /Ein del kan vere høgst 100 prosent/);
  assert.match(tooMuch.body, /Skriv året strategiane skal dekkje/);
  const api = await sek.api("POST", `/api/v1/networks/${rogaland.slug}/ambitions`, {
    title: "X",
    kind: "weather",
    target: 0,
    deadline: "someday",
  });
  assert.equal(api.statusCode, 422);
  assert.deepEqual(
    api
      .json()
      .error.fields.map((f: { field: string }) => f.field)
      .sort(),
    ["deadline", "kind", "target"],
  );
  assert.equal(await rows(ambitions), before);
  // Only the secretariat states ambitions.
  const rep = await login("rep@ambition.example");
  await rep.get("/");
  assert.equal(
    (
      await rep.api("POST", `/api/v1/networks/${rogaland.slug}/ambitions`, {
        title: "X",
        kind: "joint_projects",
        target: 1,
        deadline: `${year}-12-31`,
      })
    ).statusCode,
    403,
  );
  assert.equal((await rep.get(`/n/${rogaland.slug}/ambitions/new`)).statusCode, 403);
  // Another network's ambition is not found through this one.
  const [mine] = await t.app.services.ambitions.repo.list(rogaland.id);
  assert.equal((await new Session(t.app).get(`/n/digi-more-og-romsdal/ambitions/${mine!.id}`)).statusCode, 404);
});

test("a measure names the portfolio's benefits it should give; the adopted document is uploaded and downloaded", async () => {
  const sek = await login("sek@ambition.example");
  const [project] = await t.database.db
    .insert(projects)
    .values({ networkId: rogaland.id, title: "Gevinstprosjekt", kind: "regional", sector: "other" })
    .returning();
  const [benefit] = await t.database.db
    .insert(benefits)
    .values({
      projectId: project!.id,
      title: "Spart tid i saksbehandlinga",
      type: "time",
      indicator: "Timar",
      unit: "t",
      baseline: 100,
      target: 50,
    })
    .returning();
  const more = (await t.app.services.networks.bySlug("digi-more-og-romsdal"))!;
  const [elsewhere] = await t.database.db
    .insert(projects)
    .values({ networkId: more.id, title: "Anna nettverk", kind: "regional", sector: "other" })
    .returning();
  const [foreign] = await t.database.db
    .insert(benefits)
    .values({ projectId: elsewhere!.id, title: "Framand", type: "time", indicator: "x", unit: "t", baseline: 1, target: 2 })
    .returning();
  const created = await t.app.services.strategies.create(
    systemActor("test"),
    { networkId: rogaland.id },
    { title: "Plan", firstYear: year, lastYear: year + 1 },
  );
  assert.ok(created.ok);
  const id = created.value.id;
  const page = await sek.get(`/strategies/${id}?lang=en`);
  assert.match(page.body, /Benefits the measure should give/);
  const links = async () => (await t.database.db.select({ n: count() }).from(measureBenefits))[0]!.n;
  const linksBefore = await links();
  const bad = await sek.post(`/strategies/${id}/measures?lang=en`, { description: "Tiltak", benefitIds: String(foreign!.id) });
  assert.equal(bad.statusCode, 422);
  assert.equal(await links(), linksBefore);
  const good = await sek.post(`/strategies/${id}/measures`, { description: "Tiltak", benefitIds: String(benefit!.id) });
  assert.equal(good.statusCode, 303);
  const shown = await new Session(t.app).get(`/strategies/${id}?lang=en`);
  assert.ok(shown.body.includes(`href="/projects/${project!.id}/benefits/${benefit!.id}"`));
  const api = (await new Session(t.app).api("GET", `/api/v1/strategies/${id}`)).json();
  assert.deepEqual(api.measures[0].benefitIds, [benefit!.id]);
  assert.equal(api.documentUrl, null);

  // The adopted document: a real PDF is kept; another kind of content is refused and nothing changes.
  const pdf = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
  const wrong = await sek.upload(
    `/strategies/${id}/document?lang=en`,
    {},
    {
      field: "file",
      filename: "strategi.pdf",
      data: Buffer.from("MZ not a pdf"),
      type: "application/pdf",
    },
  );
  assert.equal(wrong.statusCode, 422);
  assert.match(wrong.body, /Samverk only accepts these file types/);
  assert.equal((await t.app.services.strategies.get(id)).documentFileId, null);
  const uploaded = await sek.upload(`/strategies/${id}/document`, {}, { field: "file", filename: "strategi.pdf", data: pdf });
  assert.equal(uploaded.statusCode, 303, uploaded.body.slice(0, 300));
  const download = await new Session(t.app).get(`/strategies/${id}/document`);
  assert.equal(download.statusCode, 200);
  assert.equal(download.headers["content-type"], "application/pdf");
  assert.equal(download.rawPayload.compare(pdf), 0);
  assert.equal(
    (await new Session(t.app).api("GET", `/api/v1/strategies/${id}`)).json().documentUrl,
    `/strategies/${id}/document`,
  );
  // Only those who keep the strategy upload it.
  const rep = await login("rep@ambition.example");
  await rep.get("/");
  const refused = await rep.upload(`/strategies/${id}/document`, {}, { field: "file", filename: "x.pdf", data: pdf });
  assert.equal(refused.statusCode, 403);
  assert.equal((await new Session(t.app).get("/strategies/999999/document")).statusCode, 404);
});

test("themes through the API: the list and overlap, a network's own theme, and a strategy's tags", async () => {
  const sek = await login("sek@ambition.example");
  await sek.get("/");
  const list = (await new Session(t.app).api("GET", `/api/v1/networks/${rogaland.slug}/strategy-themes?lang=en`)).json();
  const citizen = list.themes.find((x: { key: string }) => x.key === "citizen_services");
  assert.ok(citizen.members >= 2);
  assert.equal(citizen.name, "Digital services for citizens");
  const added = await sek.api("POST", `/api/v1/networks/${rogaland.slug}/strategy-themes`, {
    name: "Kart og geodata",
    keywords: "kart geodata",
  });
  assert.equal(added.statusCode, 201, added.body);
  const twice = await sek.api("POST", `/api/v1/networks/${rogaland.slug}/strategy-themes`, { name: "Kart og geodata" });
  assert.equal(twice.statusCode, 422);
  const [item] = await t.app.services.strategies.repo.list({ organisationId: members[0]!.id });
  const id = item!.strategy.id;
  const [area] = await t.app.services.strategies.repo.focusAreasOf(id);
  const set = await sek.api("PUT", `/api/v1/strategies/${id}/themes`, {
    focusAreas: [{ id: area!.id, themeIds: [added.json().id] }],
  });
  assert.equal(set.statusCode, 200, set.body);
  assert.deepEqual(set.json().focusAreas, [{ id: area!.id, themeIds: [added.json().id] }]);
  // A theme of another network, or a part of another strategy, is refused and nothing changes.
  const bad = await sek.api("PUT", `/api/v1/strategies/${id}/themes`, {
    focusAreas: [{ id: 999999, themeIds: [added.json().id] }],
  });
  assert.equal(bad.statusCode, 422);
  assert.deepEqual((await new Session(t.app).api("GET", `/api/v1/strategies/${id}/themes`)).json().focusAreas, [
    { id: area!.id, themeIds: [added.json().id] },
  ]);
});

test("an ambition with a deadline in 2020 is measured on its deadline, and its history and chart reach it", async () => {
  const sek = await login("sek@ambition.example");
  const actor = systemActor("test");
  const { strategies: service } = t.app.services;
  // Two members' strategies covering 2020: one adopted before the deadline, one after it.
  const adopt = async (organisationId: number, adoptedOn: string) => {
    const created = await service.create(
      actor,
      { organisationId },
      { title: `Strategi 2018–2021 (${adoptedOn})`, firstYear: 2018, lastYear: 2021 },
    );
    assert.ok(created.ok);
    assert.ok((await service.adopt(actor, created.value.id, { adoptedOn, adoptedBy: "kommunestyret" })).ok);
  };
  const covering2020 = new Set(
    (await t.database.db.select().from(strategies))
      .filter((x) => x.firstYear <= 2020 && x.lastYear >= 2020)
      .map((x) => x.organisationId),
  );
  const [early, late] = members.filter((m) => !covering2020.has(m.id)) as [(typeof members)[number], (typeof members)[number]];
  await adopt(early.id, "2019-05-02");
  await adopt(late.id, "2021-03-01");
  const created = await sek.api("POST", `/api/v1/networks/${rogaland.slug}/ambitions`, {
    title: "Alle har strategi innan 2020",
    kind: "strategy_coverage",
    target: 100,
    deadline: "2020-12-31",
    year: 2020,
  });
  assert.equal(created.statusCode, 201, created.body);
  const a = created.json();
  assert.equal(a.measuredOn, "2020-12-31");
  assert.equal(a.state, "missed");
  const standing = (id: number) => a.members.find((m: { organisationId: number }) => m.organisationId === id);
  assert.equal(standing(early.id).met, true);
  assert.equal(standing(late.id).met, false, "adopted after the deadline: it does not meet the target by 2020");
  // The oracle: members with a strategy covering 2020 adopted by the deadline, straight from the table.
  const inTime = new Set(
    (await t.database.db.select().from(strategies))
      .filter((x) => x.adoptedOn && x.adoptedOn <= "2020-12-31" && x.firstYear <= 2020 && x.lastYear >= 2020)
      .map((x) => x.organisationId)
      .filter((id) => members.some((m) => m.id === id)),
  ).size;
  assert.equal(a.value, (inTime / members.length) * 100);
  // The history covers the deadline's quarter and those before it, and runs on to today's.
  const periods = a.history.map((h: { period: string }) => h.period);
  assert.ok(periods.includes("2020-10-01"), periods.join());
  assert.ok(periods[0] <= "2019-04-01");
  assert.equal(periods.at(-1), `${year}-${String(Math.floor((Number(today.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, "0")}-01`);

  const page = (await new Session(t.app).get(`/n/${rogaland.slug}/ambitions/${a.id}?lang=en`)).body;
  assert.match(page, /<dt>At the deadline<\/dt>/);
  assert.match(page, /The deadline has passed: the value and where the members stand are as they were on 31 December 2020/);
  assert.match(page, /<th scope="row">Q4 2020<\/th>/);
  assert.match(page, /class="chart-marker"/);

  // A deadline ahead: the chart's axis reaches it, with the quarters to come not yet measured.
  const ahead = await sek.api("POST", `/api/v1/networks/${rogaland.slug}/ambitions`, {
    title: "Alle har strategi for neste periode",
    kind: "strategy_coverage",
    target: 100,
    deadline: `${year + 2}-06-30`,
    year,
  });
  assert.equal(ahead.json().measuredOn, today);
  const aheadPage = (await new Session(t.app).get(`/n/${rogaland.slug}/ambitions/${ahead.json().id}?lang=en`)).body;
  assert.match(aheadPage, new RegExp(`>Q2 ${year + 2}</text>`), "the deadline's quarter is on the chart's axis");
  assert.doesNotMatch(aheadPage, new RegExp(`<th scope="row">Q2 ${year + 2}</th>`), "but not in the table of measured values");
  assert.doesNotMatch(aheadPage, /At the deadline/);
});
