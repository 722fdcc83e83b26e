import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { count, eq, sql } from "drizzle-orm";
import { PASSWORD, testAccount } from "../../../test/support/accounts.ts";
import { createTestApp, Session, type TestApp } from "../../../test/support/app.ts";
import { osloToday } from "../../platform/i18n/i18n.ts";
import { focusAreas, measureReports, measures, strategies, strategyGoals } from "./schema.ts";

let t: TestApp;
let rogaland: { id: number; slug: string };
let mine: { id: number; name: string };
let other: { id: number; name: string };

before(async () => {
  t = await createTestApp();
  const { networks, access } = t.app.services;
  rogaland = (await networks.bySlug("digi-rogaland"))!;
  [mine, other] = (await access.repo.memberOrganisations(rogaland.id)) as [typeof mine, typeof other];
  await testAccount(t.app, t.database.db, "rep@strategy.example", {
    networkId: rogaland.id,
    role: "member",
    organisationIds: [mine.id],
  });
  await testAccount(t.app, t.database.db, "sek@strategy.example", { networkId: rogaland.id, role: "secretariat" });
});
after(() => t.close());

const login = (email: string) => new Session(t.app).login(email, PASSWORD);
const idFrom = (location: string | undefined) => Number(location?.match(/\/strategies\/(\d+)/)?.[1]);
const thisYear = new Date().getFullYear();

test("a representative writes their organisation's strategy: goals, focus areas and an action plan", async () => {
  const rep = await login("rep@strategy.example");
  await rep.get("/strategies/new");
  const created = await rep.post("/strategies", {
    owner: `o:${mine.id}`,
    title: "Digitaliseringsstrategi",
    firstYear: String(thisYear),
    lastYear: String(thisYear + 3),
    vision: "Ein digital kommune for alle",
  });
  assert.equal(created.statusCode, 303, created.body.slice(0, 300));
  const id = idFrom(created.headers.location);
  await rep.get(`/strategies/${id}`);
  assert.equal((await rep.post(`/strategies/${id}/goals`, { title: "Betre tenester" })).statusCode, 303);
  const goalId = (await t.app.services.strategies.repo.goalsOf(id))[0]!.id;
  assert.equal(
    (
      await rep.post(`/strategies/${id}/focus-areas`, {
        title: "Innbyggjarane",
        why: "Fordi",
        what: "Sjølvbetening",
        goalIds: String(goalId),
      })
    ).statusCode,
    303,
  );
  const areaId = (await t.app.services.strategies.repo.focusAreasOf(id))[0]!.id;
  const added = await rep.post(`/strategies/${id}/measures`, {
    description: "Innføre digital søknad om barnehageplass",
    focusAreaId: String(areaId),
    goal: "80 % digitale søknader",
    indicator: "Del digitale søknader",
    responsibleOrganisationId: String(mine.id),
    deadlineYear: String(thisYear + 5),
    years: [String(thisYear), String(thisYear + 1)],
  });
  assert.equal(added.statusCode, 303, added.body.slice(0, 500));
  const page = await new Session(t.app).get(`/strategies/${id}?lang=en`);
  assert.match(page.body, /Innføre digital søknad om barnehageplass/);
  assert.match(page.body, /The deadline is outside the strategy&#39;s period|The deadline is outside the strategy's period/);
  assert.match(page.body, /0 of 1 measure done/);
  const list = await new Session(t.app).get(`/strategies?network=${rogaland.slug}`);
  assert.ok(list.body.includes(`href="/strategies/${id}"`));
});

test("bad input: a period backwards, another organisation, a responsible outside the network, years outside the period", async () => {
  const rep = await login("rep@strategy.example");
  await rep.get("/strategies/new");
  const before = (await t.database.db.select({ n: count() }).from(strategies))[0]!.n;
  const backwards = await rep.post("/strategies", { owner: `o:${mine.id}`, title: "X", firstYear: "2027", lastYear: "2024" });
  assert.equal(backwards.statusCode, 422);
  assert.match(backwards.body, /Siste år kan ikke være før første år/);
  assert.match(backwards.body, /value="X"/, "what was typed is kept");
  const foreign = await rep.post("/strategies", { owner: `o:${other.id}`, title: "X", firstYear: "2025", lastYear: "2027" });
  assert.equal(foreign.statusCode, 422);
  const forged = await rep.post("/strategies", { owner: "x:1", title: "X", firstYear: "2025", lastYear: "2027" });
  assert.equal(forged.statusCode, 422);
  assert.equal((await t.database.db.select({ n: count() }).from(strategies))[0]!.n, before);

  const sek = await login("sek@strategy.example");
  await sek.get("/strategies/new");
  const shared = await sek.post("/strategies", {
    owner: `n:${rogaland.id}`,
    title: "Felles strategi",
    firstYear: "2026",
    lastYear: "2029",
  });
  assert.equal(shared.statusCode, 303);
  const id = idFrom(shared.headers.location);
  const members = new Set((await t.app.services.strategies.repo.networkMembers(rogaland.id)).map((m) => m.id));
  const notMember = (await t.app.services.adoption.repo.adopters({})).find((o) => !members.has(o.id))!;
  const bad = await sek.post(`/strategies/${id}/measures`, {
    description: "Tiltak",
    responsibleOrganisationId: String(notMember.id),
    years: ["2030"],
  });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /Organisasjonen er ikke medlem av nettverket/);
  assert.match(bad.body, /Velg bare år i strategiperioden/);
  const badYear = await sek.post(`/strategies/${id}/measures`, { description: "Tiltak", deadlineYear: "tjue" });
  assert.equal(badYear.statusCode, 422);
  assert.match(badYear.body, /Skriv et årstall/);
  assert.match(badYear.body, />Tiltak<\/textarea>/, "what was typed is kept");
  assert.equal((await t.database.db.select({ n: count() }).from(measures).where(eq(measures.strategyId, id)))[0]!.n, 0);
});

test("adoption freezes a revision; measures are still followed up; a new revision copies it and replaces it when adopted", async () => {
  const rep = await login("rep@strategy.example");
  const { strategies: service } = t.app.services;
  const [item] = await service.repo.list({ organisationId: mine.id });
  const id = item!.strategy.id;
  await rep.get(`/strategies/${id}`);
  const future = await rep.post(`/strategies/${id}/adopt`, { adoptedOn: `${thisYear + 1}-01-01`, adoptedBy: "kommunestyret" });
  assert.equal(future.statusCode, 422);
  assert.match(future.body, /kan ikke være fram i tid/);
  assert.equal(
    (await rep.post(`/strategies/${id}/adopt`, { adoptedOn: `${thisYear}-01-15`, adoptedBy: "kommunestyret" })).statusCode,
    303,
  );

  // Frozen: the details, goals and measures refuse changes, and say why.
  const edit = await rep.post(`/strategies/${id}`, {
    title: "Ny tittel",
    firstYear: String(thisYear),
    lastYear: String(thisYear + 3),
  });
  assert.equal(edit.statusCode, 422);
  assert.match(edit.body, /Strategien er vedtatt og kan ikke endres/);
  assert.equal((await rep.post(`/strategies/${id}/goals`, { title: "Eit mål til" })).statusCode, 422);
  assert.equal((await service.get(id)).title, "Digitaliseringsstrategi");

  // Follow-up after adoption, each report kept.
  const measureId = (await service.repo.measuresOf(id))[0]!.measure.id;
  assert.equal(
    (await rep.post(`/strategies/${id}/measures/${measureId}/report`, { status: "in_progress", comment: "Starta" })).statusCode,
    303,
  );
  assert.equal(
    (await rep.post(`/strategies/${id}/measures/${measureId}/report`, { status: "done", comment: "Ferdig" })).statusCode,
    303,
  );
  const badStatus = await rep.post(`/strategies/${id}/measures/${measureId}/report`, { status: "nearly" });
  assert.equal(badStatus.statusCode, 422);
  const reports = await t.database.db.select().from(measureReports).where(eq(measureReports.measureId, measureId));
  assert.deepEqual(reports.map((r) => r.status).sort(), ["done", "in_progress"]);
  assert.match((await new Session(t.app).get(`/strategies/${id}?lang=en`)).body, /1 of 1 measure done/);

  // A new revision: a draft copy of everything, one at a time.
  const revised = await rep.post(`/strategies/${id}/revisions`, {});
  assert.equal(revised.statusCode, 303);
  const nextId = idFrom(revised.headers.location);
  assert.notEqual(nextId, id);
  // Sent again from the same sign-in it leads to the same draft (decision 0022); from another, it is refused.
  assert.equal((await rep.post(`/strategies/${id}/revisions`, {})).headers.location, revised.headers.location);
  assert.equal((await (await login("rep@strategy.example")).post(`/strategies/${id}/revisions`, {})).statusCode, 422);
  const copy = await service.detail(nextId);
  assert.equal(copy.strategy.revision, 2);
  assert.equal(copy.strategy.status, "draft");
  assert.deepEqual(
    copy.focusAreas.map((a) => [a.title, a.goalIds.length]),
    [["Innbyggjarane", 1]],
  );
  assert.equal(copy.measures[0]!.focusAreaId, copy.focusAreas[0]!.id, "the measure points at the copy's focus area");
  assert.equal((await rep.post(`/strategies/${nextId}/goals`, { title: "Eit nytt mål" })).statusCode, 303);
  const changes = await new Session(t.app).get(`/strategies/${nextId}`);
  assert.match(changes.body, /Endringer fra forrige versjon/);
  assert.match(changes.body, /Nytt mål: Eit nytt mål/);
  assert.equal(
    (await rep.post(`/strategies/${nextId}/adopt`, { adoptedOn: `${thisYear}-02-01`, adoptedBy: "kommunestyret" })).statusCode,
    303,
  );
  assert.equal((await service.get(id)).status, "replaced");
  const onReplaced = await rep.post(`/strategies/${id}/measures/${measureId}/report`, { status: "done" });
  assert.equal(onReplaced.statusCode, 422);
  assert.match(onReplaced.body, /Denne versjonen er erstattet/);
});

test("only those who act for the owner change a strategy", async () => {
  const sek = await login("sek@strategy.example");
  const [shared] = await t.app.services.strategies.repo.list({ networkId: rogaland.id, status: "draft" });
  const rep = await login("rep@strategy.example");
  const refused = await rep.post(`/strategies/${shared!.strategy.id}/goals`, { title: "Nei" });
  assert.equal(refused.statusCode, 403);
  assert.equal((await sek.post(`/strategies/${shared!.strategy.id}/goals`, { title: "Ja" })).statusCode, 303);
  const anonymous = await new Session(t.app).post(`/strategies/${shared!.strategy.id}/goals`, { title: "Nei" });
  assert.match(anonymous.headers.location ?? String(anonymous.statusCode), /^\/login|^40[13]$/);
});

test("a strategy started from a template gets its structure; the action plan downloads as a workbook", async () => {
  const rep = await login("rep@strategy.example");
  const [template] = await t.app.services.strategies.repo.list({ organisationId: mine.id, status: "replaced" });
  await rep.get("/strategies/new");
  const created = await rep.post("/strategies", {
    owner: `o:${mine.id}`,
    title: "Neste periode",
    firstYear: String(thisYear + 4),
    lastYear: String(thisYear + 7),
    templateId: String(template!.strategy.id),
  });
  assert.equal(created.statusCode, 303, created.body.slice(0, 300));
  const copy = await t.app.services.strategies.detail(idFrom(created.headers.location));
  assert.deepEqual(
    copy.focusAreas.map((a) => a.title),
    ["Innbyggjarane"],
  );
  assert.equal(copy.measures[0]!.status, "not_started", "measures start anew");
  assert.equal(copy.measures[0]!.deadlineYear, thisYear + 5, "a deadline inside the new period is kept");
  assert.deepEqual(copy.measures[0]!.years, [], "years of the old period are dropped");
  const unknown = await rep.post("/strategies", {
    owner: `o:${mine.id}`,
    title: "X",
    firstYear: "2030",
    lastYear: "2031",
    templateId: "999999",
  });
  assert.equal(unknown.statusCode, 422);
  const xlsx = await new Session(t.app).get(`/strategies/${template!.strategy.id}/plan.xlsx`);
  assert.equal(xlsx.statusCode, 200);
  assert.match(xlsx.headers["content-type"] as string, /spreadsheetml/);
});

test("the API: a network's shared strategy built, followed up and adopted, with the same refusals", async () => {
  const sek = await login("sek@strategy.example");
  const created = await sek.api("POST", `/api/v1/networks/${rogaland.slug}/strategies`, {
    title: "Via API",
    firstYear: 2026,
    lastYear: 2028,
  });
  assert.equal(created.statusCode, 201, created.body);
  const id = created.json().id;
  const backwards = await sek.api("POST", `/api/v1/networks/${rogaland.slug}/strategies`, {
    title: "X",
    firstYear: 2028,
    lastYear: 2026,
  });
  assert.equal(backwards.statusCode, 422);
  const goal = await sek.api("POST", `/api/v1/strategies/${id}/goals`, { title: "Mål" });
  assert.equal(goal.statusCode, 201, goal.body);
  const area = await sek.api("POST", `/api/v1/strategies/${id}/focus-areas`, {
    title: "Område",
    goalIds: [goal.json().goals[0].id],
  });
  assert.equal(area.statusCode, 201, area.body);
  const measure = await sek.api("POST", `/api/v1/strategies/${id}/measures`, {
    description: "Tiltak",
    focusAreaId: area.json().focusAreas[0].id,
    deadlineYear: 2027,
    years: [2026, 2027],
  });
  assert.equal(measure.statusCode, 201, measure.body);
  const measureId = measure.json().measures[0].id;
  const report = await sek.api("POST", `/api/v1/strategies/${id}/measures/${measureId}/reports`, {
    status: "in_progress",
    comment: "Godt i gang",
  });
  assert.equal(report.statusCode, 201, report.body);
  assert.equal(report.json().measures[0].reports[0].comment, "Godt i gang");
  const adopted = await sek.api("POST", `/api/v1/strategies/${id}/adopt`, {
    adoptedOn: "2026-01-20",
    adoptedBy: "styringsgruppa",
  });
  assert.equal(adopted.statusCode, 200, adopted.body);
  const frozen = await sek.api("PUT", `/api/v1/strategies/${id}`, { title: "Endra", firstYear: 2026, lastYear: 2028 });
  assert.equal(frozen.statusCode, 422);
  // The refusal says why and what to do, not "some fields are not filled in correctly".
  assert.equal(frozen.json().error.code, "refused");
  assert.match(frozen.json().error.message, /vedtatt og kan ikke endres/);
  assert.equal((await sek.api("DELETE", `/api/v1/strategies/${id}/goals/${goal.json().goals[0].id}`)).statusCode, 422);
  const rep = await login("rep@strategy.example");
  assert.equal((await rep.api("POST", `/api/v1/strategies/${id}/goals`, { title: "Nei" })).statusCode, 403);
  const listed = (
    await new Session(t.app).api("GET", `/api/v1/strategies?network=${rogaland.slug}&status=adopted&limit=500`)
  ).json().items;
  assert.ok(listed.some((s: { id: number }) => s.id === id));
  const admin = await new Session(t.app).login();
  const missing = await admin.api("POST", "/api/v1/organisations/999999/strategies", {
    title: "X",
    firstYear: 2026,
    lastYear: 2027,
  });
  assert.equal(missing.statusCode, 404);
});

test("themes: suggested from the text, saved for focus areas and goals, compared across the members, extended by the network", async () => {
  const rep = await login("rep@strategy.example");
  const [item] = await t.app.services.strategies.repo.list({ organisationId: mine.id, status: "adopted" });
  const id = item!.strategy.id;
  const detail = await t.app.services.strategies.detail(id);
  const area = detail.focusAreas.find((a) => a.title === "Innbyggjarane")!;
  const themes = await t.app.services.themes.themesFor(id);
  const citizen = themes.find((x) => x.key === "citizen_services")!;
  const security = themes.find((x) => x.key === "security")!;
  const form = await rep.get(`/strategies/${id}/themes`);
  assert.equal(form.statusCode, 200);
  assert.match(form.body, new RegExp(`name="a${area.id}" value="${citizen.id}" checked`), "suggested from «Sjølvbetening»");
  assert.match(form.body, /Foreslått ut fra teksten/);

  const bad = await rep.post(`/strategies/${id}/themes`, { [`a${area.id}`]: "999999" });
  assert.equal(bad.statusCode, 422);
  assert.deepEqual((await t.app.services.themes.repo.tagsOf(id)).areaTags, [], "nothing saved");
  const saved = await rep.post(`/strategies/${id}/themes`, { [`a${area.id}`]: [String(citizen.id), String(security.id)] });
  assert.equal(saved.statusCode, 303, "tagging is allowed on an adopted strategy");
  assert.equal((await t.app.services.themes.repo.tagsOf(id)).areaTags.length, 2);

  const overlap = await new Session(t.app).get(`/n/${rogaland.slug}/strategies/themes?lang=en`);
  assert.equal(overlap.statusCode, 200);
  assert.ok(overlap.body.includes(`href="/strategies/${id}"`));
  assert.match(overlap.body, /Digital services for citizens<\/th><td class="numeric">\d+ of \d+/);

  const sek = await login("sek@strategy.example");
  await sek.get(`/n/${rogaland.slug}/strategies/themes`);
  assert.equal(
    (await sek.post(`/n/${rogaland.slug}/strategies/themes`, { name: "Kart og geodata", keywords: "kart geodata" })).statusCode,
    303,
  );
  const twice = await sek.post(`/n/${rogaland.slug}/strategies/themes`, { name: "Kart og geodata" });
  assert.equal(twice.statusCode, 422);
  assert.match(twice.body, /allerede et tema med dette navnet/);
  assert.equal((await rep.post(`/n/${rogaland.slug}/strategies/themes`, { name: "Nei" })).statusCode, 403);
  assert.ok(
    (await t.app.services.themes.themesFor(id)).some((x) => x.name === "Kart og geodata"),
    "a member's strategy gets its network's themes",
  );
});

test("a draft's goals, focus areas and measures are changed in place, checked as when added; an adopted one refuses", async () => {
  const sek = await login("sek@strategy.example");
  const created = await sek.api("POST", `/api/v1/networks/${rogaland.slug}/strategies`, {
    title: "Utkast",
    firstYear: thisYear,
    lastYear: thisYear + 2,
  });
  const id = created.json().id;
  const goalId = (await sek.api("POST", `/api/v1/strategies/${id}/goals`, { title: "Mål" })).json().goals[0].id;
  const areaId = (await sek.api("POST", `/api/v1/strategies/${id}/focus-areas`, { title: "Område" })).json().focusAreas[0].id;
  const measureId = (
    await sek.api("POST", `/api/v1/strategies/${id}/measures`, { description: "Tiltak", deadlineYear: thisYear + 1 })
  ).json().measures[0].id;

  // The edit page shows what is there; a save changes it and goes back to the page's section.
  const form = await sek.get(`/strategies/${id}/focus-areas/${areaId}/edit?lang=en`);
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /Change the focus area/);
  assert.match(form.body, /value="Område"/);
  const saved = await sek.post(`/strategies/${id}/focus-areas/${areaId}`, {
    title: "Område",
    why: "Fordi medlemmene ønskjer det",
    what: "Felles løysingar",
    goalIds: String(goalId),
  });
  assert.equal(saved.statusCode, 303);
  assert.match(saved.headers.location ?? "", /#areas-heading$/);
  const area = (await t.app.services.strategies.detail(id)).focusAreas[0]!;
  assert.equal(area.why, "Fordi medlemmene ønskjer det");
  assert.deepEqual(area.goalIds, [goalId]);

  // Bad input: nothing is changed, and what was typed comes back.
  const empty = await sek.post(`/strategies/${id}/goals/${goalId}?lang=en`, { title: " ", description: "Ny tekst" });
  assert.equal(empty.statusCode, 422);
  assert.match(empty.body, /Fill in this field/);
  assert.match(empty.body, />Ny tekst<\/textarea>/);
  const members = new Set((await t.app.services.strategies.repo.networkMembers(rogaland.id)).map((m) => m.id));
  const outsider = (await t.app.services.adoption.repo.adopters({})).find((o) => !members.has(o.id))!;
  const outside = await sek.post(`/strategies/${id}/measures/${measureId}?lang=en`, {
    description: "Tiltak endra",
    responsibleOrganisationId: String(outsider.id),
  });
  assert.equal(outside.statusCode, 422);
  assert.match(outside.body, /The organisation is not a member of the network/);
  assert.equal((await t.app.services.strategies.detail(id)).measures[0]!.description, "Tiltak");
  assert.equal((await sek.get(`/strategies/${id}/measures/999999/edit`)).statusCode, 404);

  // Through the API; the status stays as reported.
  await sek.api("POST", `/api/v1/strategies/${id}/measures/${measureId}/reports`, { status: "in_progress" });
  const changed = await sek.api("PUT", `/api/v1/strategies/${id}/measures/${measureId}`, {
    description: "Tiltak endra",
    expectedBenefits: "Færre telefonar",
    responsibleOrganisationId: mine.id,
    deadlineYear: thisYear + 2,
    years: [thisYear + 1, thisYear],
  });
  assert.equal(changed.statusCode, 200, changed.body);
  const m = changed.json().measures[0];
  assert.deepEqual(
    [m.description, m.expectedBenefits, m.years, m.status],
    ["Tiltak endra", "Færre telefonar", [thisYear, thisYear + 1], "in_progress"],
  );
  const page = await new Session(t.app).get(`/strategies/${id}?lang=en`);
  assert.match(page.body, /Benefits: Færre telefonar/);

  // Only those who keep the strategy, and only a draft.
  const rep = await login("rep@strategy.example");
  assert.equal((await rep.get(`/strategies/${id}/goals/${goalId}/edit`)).statusCode, 403);
  await sek.api("POST", `/api/v1/strategies/${id}/adopt`, { adoptedOn: osloToday(), adoptedBy: "styret" });
  const frozen = await sek.post(`/strategies/${id}/goals/${goalId}?lang=en`, { title: "Endra etter vedtak" });
  assert.equal(frozen.statusCode, 422);
  assert.match(frozen.body, /The strategy is adopted and cannot be changed/);
  const refused = await sek.api("PUT", `/api/v1/strategies/${id}/goals/${goalId}`, { title: "Endra" });
  assert.equal(refused.statusCode, 422);
  // (the language the session chose with ?lang=en above)
  assert.doesNotMatch(refused.json().error.message, /not filled in correctly/);
  assert.match(refused.json().error.message, /adopted and cannot be changed\. Start a new revision/);
  assert.equal((await t.app.services.strategies.detail(id)).goals[0]!.title, "Mål");
  // The edit pages say up front that the strategy is adopted, offer a new revision, and no form.
  for (const path of [`/strategies/${id}/edit`, `/strategies/${id}/goals/${goalId}/edit`]) {
    const edit = await sek.get(`${path}?lang=en`);
    assert.equal(edit.statusCode, 200, path);
    assert.match(edit.body, /The strategy is adopted and cannot be changed\. Start a new revision/, path);
    assert.ok(edit.body.includes(`action="/strategies/${id}/revisions"`), `${path}: a new revision is offered`);
    assert.ok(
      !edit.body.includes(`action="/strategies/${id}/goals/${goalId}"`) && !edit.body.includes(`action="/strategies/${id}"`),
      path,
    );
  }
  // Once a revision is started, the edit page points to it instead.
  const revision = await sek.api("POST", `/api/v1/strategies/${id}/revisions`);
  const next = await sek.get(`/strategies/${id}/edit?lang=nn`);
  assert.match(next.body, /Strategien er vedteken og kan ikkje endrast/);
  assert.ok(next.body.includes(`href="/strategies/${revision.json().id}"`));
});

test("a new revision compares its parts by identity: an edited measure is changed, with each field before and after", async () => {
  const sek = await login("sek@strategy.example");
  const { strategies: service } = t.app.services;
  const id = (
    await sek.api("POST", `/api/v1/networks/${rogaland.slug}/strategies`, {
      title: "Felles strategi",
      firstYear: thisYear,
      lastYear: thisYear + 3,
    })
  ).json().id;
  await sek.api("POST", `/api/v1/strategies/${id}/goals`, { title: "Gode tenester" });
  await sek.api("POST", `/api/v1/strategies/${id}/focus-areas`, { title: "Innbyggjarar" });
  await sek.api("POST", `/api/v1/strategies/${id}/measures`, { description: "Digital søknad", deadlineYear: thisYear + 1 });
  await sek.api("POST", `/api/v1/strategies/${id}/measures`, { description: "Felles chatbot" });
  await sek.api("POST", `/api/v1/strategies/${id}/adopt`, { adoptedOn: osloToday(), adoptedBy: "styret" });
  const next = await sek.api("POST", `/api/v1/strategies/${id}/revisions`, {});
  assert.equal(next.statusCode, 201, next.body);
  const nextId = next.json().id;
  const copy = next.json();
  const before = await service.detail(id);
  assert.deepEqual(
    copy.measures.map((m: { originId: number }) => m.originId),
    before.measures.map((m) => m.id),
    "each copied measure says which one it was copied from",
  );
  assert.equal(copy.goals[0].originId, before.goals[0]!.id);

  // The text of one measure edited through the page, another removed, a third added.
  const [edited, removed] = copy.measures as { id: number }[];
  await sek.get(`/strategies/${nextId}/measures/${edited!.id}/edit`);
  const saved = await sek.post(`/strategies/${nextId}/measures/${edited!.id}`, {
    description: "Digital søknad om barnehageplass",
    deadlineYear: String(thisYear + 2),
  });
  assert.equal(saved.statusCode, 303, saved.body.slice(0, 500));
  assert.equal((await sek.api("DELETE", `/api/v1/strategies/${nextId}/measures/${removed!.id}`)).statusCode, 204);
  await sek.api("POST", `/api/v1/strategies/${nextId}/measures`, { description: "Felles innlogging" });
  await sek.api("PUT", `/api/v1/strategies/${nextId}/goals/${copy.goals[0].id}`, { title: "Gode og like tenester" });

  const page = (await new Session(t.app).get(`/strategies/${nextId}?lang=en`)).body;
  const section = page.slice(page.indexOf('id="changes-heading"'));
  assert.match(section, /Changed goal: Gode og like tenester/);
  assert.match(section, /title: “Gode tenester” → “Gode og like tenester”/);
  assert.match(section, /Changed measure: Digital søknad om barnehageplass/);
  assert.match(section, /description: “Digital søknad” → “Digital søknad om barnehageplass”/);
  assert.match(section, new RegExp(`deadline: “${thisYear + 1}” → “${thisYear + 2}”`));
  assert.match(section, /Added measure: Felles innlogging/);
  assert.match(section, /Removed measure: Felles chatbot/);
  assert.doesNotMatch(section, /(Added|Removed) measure: Digital søknad/);
  assert.doesNotMatch(section, /focus area:/, "the focus area's copy is the same focus area");
  const nb = (await new Session(t.app).get(`/strategies/${nextId}`)).body;
  assert.match(nb, /beskrivelse: «Digital søknad» → «Digital søknad om barnehageplass»/);
});

test("the migration's back-fill finds each part's origin in the previous revision by its title", async () => {
  const sek = await login("sek@strategy.example");
  const { db } = t.database;
  const id = (
    await sek.api("POST", `/api/v1/networks/${rogaland.slug}/strategies`, {
      title: "Eldre",
      firstYear: thisYear,
      lastYear: thisYear,
    })
  ).json().id;
  await sek.api("POST", `/api/v1/strategies/${id}/goals`, { title: "Mål" });
  await sek.api("POST", `/api/v1/strategies/${id}/focus-areas`, { title: "Område" });
  // Two measures with the same text are paired in plan order.
  await sek.api("POST", `/api/v1/strategies/${id}/measures`, { description: "Same" });
  await sek.api("POST", `/api/v1/strategies/${id}/measures`, { description: "Same" });
  await sek.api("POST", `/api/v1/strategies/${id}/adopt`, { adoptedOn: osloToday(), adoptedBy: "styret" });
  const nextId = (await sek.api("POST", `/api/v1/strategies/${id}/revisions`, {})).json().id;
  const expected = await t.app.services.strategies.detail(nextId);
  // As a revision made before the column was: no origins.
  await db.update(measures).set({ originId: null }).where(eq(measures.strategyId, nextId));
  await db.update(strategyGoals).set({ originId: null }).where(eq(strategyGoals.strategyId, nextId));
  await db.update(focusAreas).set({ originId: null }).where(eq(focusAreas.strategyId, nextId));
  const migration = readFileSync(new URL("../../../migrations/0035_strategy_part_origins.sql", import.meta.url), "utf8");
  for (const statement of migration.split("--> statement-breakpoint").filter((s) => /^\s*(--.*\n)*\s*UPDATE/.test(s)))
    await db.execute(sql.raw(statement));
  const after = await t.app.services.strategies.detail(nextId);
  const origins = (d: typeof after) => [
    d.goals.map((g) => g.originId),
    d.focusAreas.map((a) => a.originId),
    d.measures.map((m) => m.originId),
  ];
  assert.deepEqual(origins(after), origins(expected));
  assert.equal(new Set(after.measures.map((m) => m.originId)).size, 2);
});
