import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { and, count, eq, inArray } from "drizzle-orm";
import { PASSWORD, testAccount } from "../../../test/support/accounts.ts";
import { createTestApp, Session, type TestApp } from "../../../test/support/app.ts";
import { osloToday } from "../../platform/i18n/i18n.ts";
import { projects } from "../projects/index.ts";
import { adoptionHistory, adoptions, rollouts } from "./schema.ts";

let t: TestApp;
let rogaland: { id: number; slug: string };
let members: { id: number; name: string; code: string | null; kind: string }[];

before(async () => {
  t = await createTestApp();
  const { networks, adoption } = t.app.services;
  rogaland = (await networks.repo.bySlug("digi-rogaland"))!;
  members = (await adoption.repo.adopters({ networkId: rogaland.id })).filter((m) => m.kind === "municipality");
  await testAccount(t.app, t.database.db, "sek@rogaland.example", { networkId: rogaland.id, role: "secretariat" });
  const more = (await networks.repo.bySlug("digi-more-og-romsdal"))!;
  await testAccount(t.app, t.database.db, "sek@more.example", { networkId: more.id, role: "secretariat" });
  await testAccount(t.app, t.database.db, "member@rogaland.example", { networkId: rogaland.id, role: "member" });
});
after(() => t.close());

const login = (email: string) => new Session(t.app).login(email, PASSWORD);
const year = Number(osloToday().slice(0, 4));
const historyCount = async () => (await t.database.db.select({ n: count() }).from(adoptionHistory))[0]!.n;
const statusOf = async (organisationId: number, key: string) => {
  const solution = (await t.app.services.roadmap.list({})).find((s) => s.solution.key === key)!.solution;
  const [row] = await t.database.db
    .select()
    .from(adoptions)
    .where(and(eq(adoptions.organisationId, organisationId), eq(adoptions.solutionId, solution.id)));
  return row;
};
const csv = (lines: string[]) => Buffer.from(`${lines.join("\r\n")}\r\n`, "utf8");
const upload = (session: Session, data: Buffer) =>
  session.upload(`/n/${rogaland.slug}/adoption/import`, {}, { field: "file", filename: "statuser.csv", data, type: "text/csv" });

test("the network budget: each member's expected costs per year for what it has not adopted, as a page, CSV, xlsx and API", async () => {
  const visitor = new Session(t.app);
  const page = await visitor.get(`/n/${rogaland.slug}/roadmap/budget?lang=en`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Budget for national solutions/);
  assert.match(page.body, new RegExp(`<th scope="col" class="numeric">${year + 3}</th>`));
  const api = (await visitor.api("GET", `/api/v1/networks/${rogaland.slug}/roadmap-budget`)).json();
  assert.deepEqual(api.years, [year, year + 1, year + 2, year + 3]);
  assert.equal(api.members.length, (await t.app.services.adoption.repo.adopters({ networkId: rogaland.id })).length);
  // The totals are the sums of the members' rows, and the demo costs make them more than nothing.
  const sums = api.years.map((_: number, i: number) =>
    api.members.reduce((s: number, m: { perYear: number[] }) => s + (m.perYear[i] ?? 0), 0),
  );
  assert.deepEqual(api.totals, sums);
  assert.ok(sums.some((v: number) => v > 0));
  // A member that has every solution in use or not relevant costs nothing.
  const budget = await t.app.services.adoption.budget(rogaland.id);
  const member = budget.members.find((m) => m.total > 0)!;
  const catalogue = (await t.app.services.roadmap.list({ networkId: rogaland.id })).map((s) => s.solution.id);
  for (const solutionId of catalogue)
    await t.app.services.adoption.repo.upsert({
      organisationId: member.member.id,
      solutionId,
      status: "not_relevant",
      byLabel: "test",
    });
  const after = await t.app.services.adoption.budget(rogaland.id);
  assert.equal(after.members.find((m) => m.member.id === member.member.id)!.total, 0);
  const file = await visitor.get(`/n/${rogaland.slug}/roadmap/budget.csv`);
  assert.match(file.headers["content-type"] as string, /text\/csv/);
  assert.ok(file.body.includes(member.member.name));
  const xlsx = await visitor.get(`/n/${rogaland.slug}/roadmap/budget.xlsx`);
  assert.equal(xlsx.statusCode, 200);
  assert.equal((await visitor.get("/n/no-such-network/roadmap/budget")).statusCode, 404);
});

test("the secretariat uploads statuses as CSV: every row accepted, applied in one go, each change kept in the history", async () => {
  const sek = await login("sek@rogaland.example");
  const form = await sek.get(`/n/${rogaland.slug}/adoption/import`);
  assert.equal(form.statusCode, 200);
  const [a, b] = members as [(typeof members)[0], (typeof members)[0]];
  const before = await historyCount();
  const res = await upload(
    sek,
    csv([
      "kommunenummer;losning;status;dato;kommentar",
      `${a.code};id-porten;I bruk;01.02.2024;Sidan 2024`,
      `${a.code};DigiSos;planlagt;${year + 1}-06-01;`,
      `${b.code};altinn;not_relevant;;"Har ikkje behov; ennå"`,
    ]),
  );
  assert.equal(res.statusCode, 200, res.body.slice(0, 500));
  assert.match(res.body, /3 rader godtatt/);
  assert.equal((await statusOf(a.id, "id-porten"))!.sinceDate, "2024-02-01");
  assert.equal((await statusOf(a.id, "digisos"))!.targetDate, `${year + 1}-06-01`);
  assert.equal((await statusOf(b.id, "altinn"))!.comment, "Har ikkje behov; ennå");
  assert.ok((await historyCount()) > before);
  // The same file again changes nothing.
  const again = await historyCount();
  const same = await upload(
    sek,
    csv(["kommunenummer;losning;status;dato;kommentar", `${a.code};id-porten;I bruk;01.02.2024;Sidan 2024`]),
  );
  assert.match(same.body, /1 rad godtatt, 0 statuser endret/);
  assert.equal(await historyCount(), again);
  // The template lists the members' statuses as they are now, in the same format.
  const template = await sek.get(`/n/${rogaland.slug}/adoption/template.csv`);
  assert.match(template.body, /kommunenummer,losning,status,dato,kommentar/);
  assert.ok(template.body.includes(`${a.code},id-porten,I bruk,2024-02-01,Sidan 2024`));
});

test("unknown numbers, non-members, duplicates, bad statuses and dates: each row refused with its reason, and nothing applied", async () => {
  const sek = await login("sek@rogaland.example");
  const [a] = members as [(typeof members)[0]];
  const outsider = (await t.app.services.adoption.repo.adopters({})).find(
    (o) => o.code && !members.some((m) => m.id === o.id) && o.kind === "municipality",
  )!;
  const before = await historyCount();
  const beforeStatus = await statusOf(a.id, "krr");
  const res = await upload(
    sek,
    csv([
      "kommunenummer,losning,status,dato",
      `${a.code},krr,in_use,2025-01-01`,
      "9999,krr,in_use,2025-01-01",
      `${outsider.code},krr,in_use,2025-01-01`,
      `${a.code},no-such-solution,in_use,2025-01-01`,
      `${a.code},altinn,almost,`,
      `${a.code},krr,in_use,2025-01-01`,
      `${a.code},maskinporten,planned,2020-01-01`,
      `${a.code},ansattporten,in_use,31.02.2025`,
    ]),
  );
  assert.equal(res.statusCode, 422);
  assert.match(res.body, /Ingenting er lagret: 7 av 8 rader kan ikke brukes/);
  assert.match(res.body, /Ingen kommune eller fylkeskommune har nummeret «9999»/);
  assert.ok(res.body.includes(`${outsider.name} er ikke medlem av nettverket`));
  assert.match(res.body, /Ingen løsning heter «no-such-solution»/);
  assert.match(res.body, /«almost» er ikke en status/);
  assert.match(res.body, /Samme kommune og løsning står også på linje 2/);
  assert.match(res.body, /«31.02.2025» er ikke en dato/);
  assert.equal(await historyCount(), before, "the one good row was not applied either");
  assert.deepEqual(await statusOf(a.id, "krr"), beforeStatus);
});

test("a row is refused for what the form and the API refuse, never cut to fit: a 100 kB comment is named and nothing is stored", async () => {
  const sek = await login("sek@rogaland.example");
  const [a, b] = members as [(typeof members)[0], (typeof members)[0]];
  const before = await historyCount();
  const beforeStatus = await statusOf(b.id, "altinn");
  const long = "x".repeat(100_000);
  const res = await upload(
    sek,
    csv([
      "kommunenummer;losning;status;dato;kommentar",
      `${a.code};krr;not_started;;Greitt`,
      `${b.code};altinn;not_relevant;;${long}`,
    ]),
  );
  assert.equal(res.statusCode, 422);
  assert.match(res.body, /Ingenting er lagret: 1 av 2 rader kan ikke brukes/);
  assert.match(res.body, /kommentar: Teksten kan ha høyst 1000 tegn/);
  assert.equal(await historyCount(), before);
  assert.deepEqual(await statusOf(b.id, "altinn"), beforeStatus);
  // The API refuses the same row with the same reason, named by its line and column.
  const api = await sek.api("POST", `/api/v1/networks/${rogaland.slug}/adoption/import`, {
    csv: `kommunenummer;losning;status;kommentar\n${b.code};altinn;not_relevant;${long}\n`,
  });
  assert.equal(api.statusCode, 422, api.body.slice(0, 300));
  assert.deepEqual(
    api.json().error.fields.map((e: { field: string; key?: string }) => e.field),
    ["line 2: kommentar"],
  );
  assert.equal(await historyCount(), before);
});

test("a file in the wrong encoding, malformed, without the columns or empty is refused as a whole, in the user's language", async () => {
  const sek = await login("sek@rogaland.example");
  await sek.get("/?lang=en");
  const [a] = members as [(typeof members)[0]];
  const before = await historyCount();
  const latin1 = Buffer.from(`kommunenummer;losning;status;dato;kommentar\r\n${a.code};krr;in_use;2025-01-01;Bø\r\n`, "latin1");
  const cases: [Buffer, RegExp][] = [
    [latin1, /not saved as UTF-8/],
    [csv(["kommunenummer;losning;status", `${a.code};"krr;in_use`]), /cannot be read as CSV/],
    [csv(["kommunenummer;losning;status", `${a.code};krr;in_use;extra`]), /cannot be read as CSV/],
    [csv(["nummer;status", `${a.code};in_use`]), /lacks the columns losning/],
    [csv(["kommunenummer;losning;status"]), /no rows below its header/],
    [Buffer.alloc(0), /Choose a CSV file/],
  ];
  for (const [data, message] of cases) {
    const res = await upload(sek, data);
    assert.equal(res.statusCode, 422, message.source);
    assert.match(res.body, message);
    assert.match(res.body, /error-summary|ds-error-summary/);
  }
  assert.equal(await historyCount(), before);
});

test("only the network's secretariat uploads; the API takes CSV text with the same checks", async () => {
  const member = await login("member@rogaland.example");
  assert.equal((await member.get(`/n/${rogaland.slug}/adoption/import`)).statusCode, 403);
  const other = await login("sek@more.example");
  assert.equal((await other.get(`/n/${rogaland.slug}/adoption/template.csv`)).statusCode, 403);
  const [a] = members as [(typeof members)[0]];
  const sek = await login("sek@rogaland.example");
  const bad = await sek.api("POST", `/api/v1/networks/${rogaland.slug}/adoption/import`, {
    csv: `kommunenummer;losning;status\n${a.code};krr;in_use\n0000;krr;in_use\n`,
  });
  assert.equal(bad.statusCode, 422, bad.body);
  assert.deepEqual(
    bad.json().error.fields.map((e: { field: string }) => e.field),
    ["line 2", "line 3"],
    "in use without a date, and an unknown number",
  );
  const good = await sek.api("POST", `/api/v1/networks/${rogaland.slug}/adoption/import`, {
    csv: `kommunenummer;losning;status\n${a.code};krr;not_started\n`,
  });
  assert.equal(good.statusCode, 200, good.body);
  assert.deepEqual(good.json(), { rows: 1, changed: 1 });
  assert.equal((await statusOf(a.id, "krr"))!.status, "not_started");
  const refused = await other.api("POST", `/api/v1/networks/${rogaland.slug}/adoption/import`, { csv: "x" });
  assert.equal(refused.statusCode, 403);
});

test("adoption over time: the quarters from the first report, as a chart with a table, and in the API", async () => {
  const solution = (await t.app.services.roadmap.list({})).find((s) => s.solution.key === "digital-postkasse")!.solution;
  const visitor = new Session(t.app);
  const page = await visitor.get(`/roadmap/${solution.id}/adoption?network=${rogaland.slug}&lang=en`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<svg class="chart"[^>]*role="img"/);
  assert.match(page.body, /Share of inhabitants/);
  const api = (
    await visitor.api("GET", `/api/v1/national-solutions/${solution.id}/adoption-history?network=${rogaland.slug}`)
  ).json();
  assert.ok(api.quarters.length > 1);
  // In use never goes down in the demo data, and the last quarter matches the statuses today.
  const inUseNow = (
    await t.database.db
      .select({ n: count() })
      .from(adoptions)
      .where(
        and(
          eq(adoptions.solutionId, solution.id),
          eq(adoptions.status, "in_use"),
          inArray(
            adoptions.organisationId,
            (await t.app.services.adoption.repo.adopters({ networkId: rogaland.id })).map((m) => m.id),
          ),
        ),
      )
  )[0]!.n;
  assert.equal(api.quarters.at(-1).inUse, inUseNow);
  assert.equal((await visitor.get(`/roadmap/${solution.id}/adoption?county=xx`)).statusCode, 400);
});

test("joint rollout: a secretariat links its network's public project; the solution lists it with the municipalities taking part", async () => {
  const db = t.database.db;
  const solution = (await t.app.services.roadmap.list({})).find((s) => s.solution.key === "eformidling")!.solution;
  const [open, closed] = await db
    .select({ id: projects.id, title: projects.title, visibility: projects.visibility })
    .from(projects)
    .where(eq(projects.networkId, rogaland.id))
    .orderBy(projects.id)
    .then((rows) => [rows.find((r) => r.visibility === "public")!, rows.find((r) => r.visibility !== "public")]);
  const sek = await login("sek@rogaland.example");
  const page = await sek.get(`/roadmap/${solution.id}`);
  assert.match(page.body, /Koble til innføringsprosjekt/);
  const res = await sek.post(`/roadmap/${solution.id}/rollouts`, { projectId: String(open!.id) });
  assert.equal(res.statusCode, 303);
  const shown = await new Session(t.app).get(`/roadmap/${solution.id}?lang=en`);
  assert.ok(shown.body.includes(`href="/projects/${open!.id}"`));
  assert.match(shown.body, /Taking part: |The project has no participants yet/);
  // Twice, another network's secretariat, a project that is not public: refused, nothing added.
  // Sent again from the same sign-in it leads where the first did (decision 0022); from another, it is refused.
  const again = await sek.post(`/roadmap/${solution.id}/rollouts`, { projectId: String(open!.id) });
  assert.equal(again.headers.location, res.headers.location);
  const twice = await (await login("sek@rogaland.example")).post(`/roadmap/${solution.id}/rollouts`, {
    projectId: String(open!.id),
  });
  assert.equal(twice.statusCode, 422);
  assert.match(twice.body, /allerede koblet/);
  const other = await login("sek@more.example");
  const foreign = await other.post(`/roadmap/${solution.id}/rollouts`, { projectId: String(open!.id) });
  assert.equal(foreign.statusCode, 422);
  assert.match(foreign.body, /nettverk du er sekretariat for/);
  if (closed) {
    const hidden = await sek.post(`/roadmap/${solution.id}/rollouts`, { projectId: String(closed.id) });
    assert.equal(hidden.statusCode, 422);
    assert.match(hidden.body, /ikke offentlig/);
  }
  const links = () => db.select().from(rollouts).where(eq(rollouts.solutionId, solution.id));
  assert.equal((await links()).length, 1);
  const project = await new Session(t.app).get(`/projects/${open!.id}`);
  assert.ok(project.body.includes(`href="/roadmap/${solution.id}#rollout-heading"`), "the project names what it rolls out");
  const api = (await new Session(t.app).api("GET", `/api/v1/national-solutions/${solution.id}`)).json();
  assert.deepEqual(
    api.rollouts.map((r: { projectId: number; network: { slug: string } }) => [r.projectId, r.network.slug]),
    [[open!.id, rogaland.slug]],
  );
  // Only the project's own network removes the link.
  assert.equal((await other.post(`/roadmap/${solution.id}/rollouts/${open!.id}/delete`, {})).statusCode, 403);
  assert.equal((await sek.post(`/roadmap/${solution.id}/rollouts/${open!.id}/delete`, {})).statusCode, 303);
  assert.equal((await links()).length, 0);
});

test("national editors: an administrator grants the role, the editor keeps the national catalogue, and the role can be taken back", async () => {
  const admin = await new Session(t.app).login();
  const editorId = await testAccount(t.app, t.database.db, "editor@digdir.example", { networkId: rogaland.id, role: "member" });
  const unknown = await admin.post("/roadmap/editors", { email: "nobody@nowhere.example" });
  assert.equal(unknown.statusCode, 422);
  assert.match(unknown.body, /Ingen konto har denne e-postadressen/);
  const badEmail = await admin.post("/roadmap/editors", { email: "not an address" });
  assert.equal(badEmail.statusCode, 422);
  let editor = await login("editor@digdir.example");
  assert.equal((await editor.get("/roadmap/new")).statusCode, 403);
  assert.equal((await admin.post("/roadmap/editors", { email: "Editor@Digdir.example" })).statusCode, 303);
  assert.ok((await admin.get("/roadmap/editors")).body.includes("editor@digdir.example"));
  // The role is read at sign-in and for each request, so the open session gets it at once.
  assert.equal((await editor.get("/roadmap/new")).statusCode, 200);
  const created = await editor.post("/roadmap", { name: "Nasjonal test-løysing", owner: "Digdir", category: "platform" });
  assert.equal(created.statusCode, 303);
  const api = await editor.api("POST", "/api/v1/national-solutions", { name: "Via API", owner: "KS", category: "other" });
  assert.equal(api.statusCode, 201);
  // An editor does not hand out the role.
  assert.equal((await editor.get("/roadmap/editors")).statusCode, 403);
  assert.equal((await admin.post(`/roadmap/editors/${editorId}/revoke`, {})).statusCode, 303);
  editor = await login("editor@digdir.example");
  assert.equal((await editor.get("/roadmap/new")).statusCode, 403);
  assert.equal((await admin.post("/roadmap/editors/999999/revoke", {})).statusCode, 404);
});
