import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { and, count, eq } from "drizzle-orm";
import { PASSWORD, testAccount } from "../../../../test/support/accounts.ts";
import { createTestApp, Session, type TestApp } from "../../../../test/support/app.ts";
import { osloToday } from "../../../platform/i18n/i18n.ts";
import { adoptionHistory, adoptions } from "../schema.ts";

let t: TestApp;
let rogaland: { id: number; slug: string };
let mine: { id: number; name: string };
let other: { id: number; name: string };
let solutionIds: number[];

before(async () => {
  t = await createTestApp();
  const { networks, access } = t.app.services;
  rogaland = (await networks.bySlug("digi-rogaland"))!;
  [mine, other] = (await access.repo.memberOrganisations(rogaland.id)) as [typeof mine, typeof other];
  await testAccount(t.app, t.database.db, "rep@rogaland.example", {
    networkId: rogaland.id,
    role: "member",
    organisationIds: [mine.id],
  });
  await testAccount(t.app, t.database.db, "sek@rogaland.example", { networkId: rogaland.id, role: "secretariat" });
  solutionIds = (await t.app.services.roadmap.list({})).slice(0, 3).map((s) => s.solution.id);
});
after(() => t.close());

const login = (email: string) => new Session(t.app).login(email, PASSWORD);
const historyCount = async () => (await t.database.db.select({ n: count() }).from(adoptionHistory))[0]!.n;
const row = (solutionId: number, fields: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries({ solutionId: String(solutionId), ...fields }).map(([k, v]) => [`s${solutionId}.${k}`, v]));
const future = `${Number(osloToday().slice(0, 4)) + 1}-03-01`;

test("a representative reports their own organisation's statuses; every change is kept", async () => {
  const rep = await login("rep@rogaland.example");
  await rep.get(`/organisations/${mine.id}/adoption`);
  const [a, b] = solutionIds as [number, number];
  const res = await rep.post(`/organisations/${mine.id}/adoption`, {
    ...row(a, { status: "in_use", sinceDate: "2025-02-01", comment: "Sidan i fjor" }),
    ...row(b, { status: "planned", targetDate: future }),
  });
  assert.equal(res.statusCode, 303);
  // The demo data reported other solutions for this municipality already; these two are the test's.
  const saved = (await t.database.db.select().from(adoptions).where(eq(adoptions.organisationId, mine.id))).filter((s) =>
    [a, b].includes(s.solutionId),
  );
  assert.deepEqual(
    saved.map((s) => [s.solutionId, s.status, s.sinceDate ?? s.targetDate]).sort(),
    [
      [a, "in_use", "2025-02-01"],
      [b, "planned", future],
    ].sort(),
  );
  // Saving the same again writes nothing; a change writes one more history row.
  const before = await historyCount();
  await rep.post(`/organisations/${mine.id}/adoption`, {
    ...row(a, { status: "in_use", sinceDate: "2025-02-01", comment: "Sidan i fjor" }),
  });
  assert.equal(await historyCount(), before);
  await rep.post(`/organisations/${mine.id}/adoption`, { ...row(b, { status: "in_progress" }) });
  const history = await t.app.services.adoption.repo.historyOf(mine.id, b);
  assert.deepEqual(
    history.map((h) => h.status),
    ["planned", "in_progress"],
  );
  const page = await new Session(t.app).get(`/organisations/${mine.id}/adoption?lang=en`);
  assert.match(page.body, /In progress/);
  const api = await new Session(t.app).api("GET", `/api/v1/organisations/${mine.id}/adoption`);
  assert.ok(api.json().some((x: { solutionId: number; status: string }) => x.solutionId === b && x.status === "in_progress"));
});

test("outside one's remit, a planned date in the past, or one bad row: refused, and nothing half-applied", async () => {
  const rep = await login("rep@rogaland.example");
  const [a, b, c] = solutionIds as [number, number, number];
  const before = await historyCount();
  const foreign = await rep.post(`/organisations/${other.id}/adoption`, {
    ...row(a, { status: "in_use", sinceDate: "2025-01-01" }),
  });
  assert.equal(foreign.statusCode, 403);
  await rep.get(`/organisations/${mine.id}/adoption`);
  const mixed = await rep.post(`/organisations/${mine.id}/adoption?lang=en`, {
    ...row(c, { status: "not_relevant" }),
    ...row(a, { status: "planned", targetDate: "2020-01-01" }),
    ...row(b, { status: "in_use" }),
  });
  assert.equal(mixed.statusCode, 422);
  assert.match(mixed.body, /A planned date cannot be in the past/);
  assert.match(mixed.body, /Give the date it has been in use since/);
  assert.match(mixed.body, new RegExp(`href="#field-s${a}-targetDate"`), "the error links to its row's field");
  // The summary names the field and its solution, not only the problem.
  const [nameA, nameB] = await Promise.all([a, b].map(async (s) => (await t.app.services.roadmap.repo.byId(s))!.name));
  const summary = mixed.body.match(/<ds-error-summary[\s\S]*?<\/ds-error-summary>/)?.[0] ?? "";
  assert.ok(summary.includes(`Planned for (${nameA}): A planned date cannot be in the past`), summary);
  assert.ok(summary.includes(`In use since (${nameB}): Give the date it has been in use since`), summary);
  assert.equal(await historyCount(), before, "the good row was not saved either");
  const api = await rep.api("PUT", `/api/v1/organisations/${mine.id}/adoption`, {
    statuses: [{ solutionId: a, status: "planned", targetDate: "2020-01-01" }],
  });
  assert.equal(api.statusCode, 422);
  const apiForeign = await rep.api("PUT", `/api/v1/organisations/${other.id}/adoption`, { statuses: [] });
  assert.equal(apiForeign.statusCode, 403);
  assert.equal(await historyCount(), before);
});

test("the secretariat reports for its members; the matrix shows every cell in a fixed number of queries, with shares in use", async () => {
  const sek = await login("sek@rogaland.example");
  await sek.get(`/organisations/${other.id}/adoption`);
  const [a] = solutionIds as [number];
  assert.equal(
    (await sek.post(`/organisations/${other.id}/adoption`, { ...row(a, { status: "in_use", sinceDate: "2024-06-01" }) }))
      .statusCode,
    303,
  );
  const queries = async (url: string) => {
    const before = t.database.queries.count;
    const res = await t.app.inject({ url });
    assert.equal(res.statusCode, 200);
    return { count: t.database.queries.count - before, body: res.body };
  };
  // The first page after a change reads the header's network list again; the pages after it keep it.
  await t.app.inject({ url: "/roadmap?lang=en" });
  const rogalandMatrix = await queries(`/roadmap/adoption?network=${rogaland.slug}&lang=en`);
  const nordland = await queries("/roadmap/adoption?network=digi-nordland&lang=en");
  assert.equal(nordland.count, rogalandMatrix.count);
  const county = await queries("/roadmap/adoption?county=11&lang=en");
  const country = await queries("/roadmap/adoption?lang=en");
  assert.equal(country.count, county.count, "357 municipalities cost what one county's do");
  assert.match(country.body, /3\d\d organisations, \d+ solutions/);
  const matrix = await t.app.services.adoption.matrix({ networkId: rogaland.id });
  const total = matrix.totals.find((c) => c.solutionId === a)!;
  const inUse = matrix.adopters.filter((o) => matrix.statusOf(o.id, a)?.status === "in_use");
  assert.equal(total.adopted, inUse.length);
  const population = matrix.adopters.reduce((s, o) => s + (o.population ?? 0), 0);
  const inhabitants = inUse.reduce((s, o) => s + (o.population ?? 0), 0);
  assert.ok(Math.abs(total.inhabitantShare - inhabitants / population) < 1e-9);
  assert.ok(inUse.some((o) => o.id === other.id));
  const [stored] = await t.database.db
    .select()
    .from(adoptions)
    .where(and(eq(adoptions.organisationId, other.id), eq(adoptions.solutionId, a)));
  assert.equal(stored!.byLabel, "sek");
});

test("the whole country's matrix comes fifty organisations a page, with shares of every organisation", async () => {
  const rowsOf = (html: string) =>
    [...html.matchAll(/<th scope="row"><a class="ds-link" href="\/organisations\/(\d+)\/adoption"/g)].map((m) => m[1]);
  const first = await t.app.inject({ url: "/roadmap/adoption?lang=en" });
  const total = Number(first.body.match(/(\d+) organisations, \d+ solutions/)![1]);
  assert.ok(total > 350);
  assert.equal(rowsOf(first.body).length, 50);
  assert.match(first.body, new RegExp(`${total} organisations, \\d+ solutions\\. Showing 1–50 of ${total}\\.`));
  assert.match(first.body, /aria-label="Pages"/);
  const lastPage = Math.ceil(total / 50);
  const last = await t.app.inject({ url: `/roadmap/adoption?lang=en&page=${lastPage}` });
  assert.equal(rowsOf(last.body).length, total - (lastPage - 1) * 50);
  // Every organisation on exactly one page.
  const seen = new Set<string | undefined>();
  for (let page = 1; page <= lastPage; page++)
    for (const id of rowsOf((await t.app.inject({ url: `/roadmap/adoption?lang=en&page=${page}` })).body)) seen.add(id);
  assert.equal(seen.size, total);
  // The shares under the table are the same on every page.
  const shares = (html: string) => html.slice(html.indexOf("<tfoot>"), html.indexOf("</tfoot>"));
  assert.equal(shares(last.body), shares(first.body));
  const beyond = await t.app.inject({ url: `/roadmap/adoption?lang=en&page=${lastPage + 1}` });
  assert.equal(beyond.statusCode, 200);
  assert.match(beyond.body, /Nothing found/);
  const bad = await t.app.inject({ url: "/roadmap/adoption?lang=nb&page=zero" });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /page<\/strong>: Verdien er ikke gyldig/);
  assert.doesNotMatch(bad.body, /<table class="ds-table adoption-matrix"/);
});

test("a municipality's own roadmap is a page, a CSV and an xlsx", async () => {
  const page = await new Session(t.app).get(`/organisations/${mine.id}/roadmap?lang=en`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Coming in the next 24 months/);
  assert.match(page.body, /What we must start now/);
  const csv = await new Session(t.app).get(`/organisations/${mine.id}/roadmap.csv?lang=en`);
  assert.match(csv.body.split("\n")[0]!, /Part.*Name.*When.*What/);
  const xlsx = await t.app.inject({ url: `/organisations/${mine.id}/roadmap.xlsx` });
  assert.equal(xlsx.headers["content-type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  const company = (await t.app.services.directory.organisations.byKind("county"))[0]!;
  assert.equal((await new Session(t.app).get(`/organisations/${company.id}/roadmap`)).statusCode, 404, "only for municipalities");
});
