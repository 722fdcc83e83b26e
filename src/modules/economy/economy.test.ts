import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { and, asc, count, eq } from "drizzle-orm";
import { PASSWORD, testAccount } from "../../../test/support/accounts.ts";
import { createTestApp, Session, type TestApp } from "../../../test/support/app.ts";
import { sheetText } from "../../../test/support/xlsx.ts";
import { systemActor } from "../../platform/access/actor.ts";
import { auditLog } from "../../platform/schema.ts";
import { organisations, populationCounts, REFERENCE_POPULATION_DATE } from "../directory/index.ts";
import { modules } from "../index.ts";
import { budgetAnnualTable } from "./annual.ts";
import type { Budget } from "./economy.repo.ts";
import { settingsFormValues } from "./economy.service.ts";
import { checkFees, type FeeKey, feeOf, perInhabitantKroner, populationOn } from "./fees.ts";
import { budgetLines, budgets, releasedTime } from "./schema.ts";

let t: TestApp;
let network: { id: number; slug: string };
let nordland: { id: number; slug: string };
/** Three paying members of 3 000, 12 000 and 60 000 inhabitants (counted 2024-07-01), and an observer. */
let a: { id: number; name: string };
let b: { id: number; name: string };
let c: { id: number; name: string };
let observer: { id: number; name: string };
const actor = systemActor("test");

before(async () => {
  t = await createTestApp();
  const { db } = t.database;
  const { networks } = t.app.services;
  nordland = (await networks.bySlug("digi-nordland"))!;
  // Agder's municipalities are in no demo network: a network of our own, with figures we choose.
  const agder = await db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(and(eq(organisations.kind, "municipality"), eq(organisations.countyCode, "42")))
    .orderBy(asc(organisations.code))
    .limit(4);
  [a, b, c, observer] = agder as [typeof a, typeof a, typeof a, typeof a];
  const created = await networks.create(actor, { name: "Økonomitest Agder", shortName: "ØkoAgder", slug: "okonomi-agder" });
  assert.ok(created.ok, JSON.stringify(!created.ok && created.errors));
  network = { id: created.value.id, slug: created.value.slug };
  assert.ok((await networks.addMembers(actor, network.slug, { organisationIds: [a.id, b.id, c.id], level: "member" })).ok);
  assert.ok((await networks.addMembers(actor, network.slug, { organisationIds: [observer.id], level: "observer" })).ok);
  await db
    .insert(populationCounts)
    .values([
      { organisationId: a.id, countedOn: "2024-07-01", population: 3000 },
      { organisationId: b.id, countedOn: "2024-07-01", population: 12_000 },
      { organisationId: c.id, countedOn: "2024-07-01", population: 60_000 },
      { organisationId: a.id, countedOn: "2026-01-01", population: 3100 },
    ])
    .onConflictDoNothing();
  await testAccount(t.app, db, "sek@okonomi.example", { networkId: network.id, role: "secretariat" });
  await testAccount(t.app, db, "medlem@okonomi.example", { networkId: network.id, role: "member", organisationIds: [a.id] });
  await testAccount(t.app, db, "sek@nordland-okonomi.example", { networkId: nordland.id, role: "secretariat" });
});
after(() => t.close());

const login = (email: string) => new Session(t.app).login(email, PASSWORD);
const economy = () => t.app.services.economy;
const base = (year: number) => `/n/${network.slug}/economy/${year}`;

/** A budget of the test network for `year` with the key, made through the service; replaces one there. */
async function budget(year: number, key: Record<string, unknown>, visibility = "network"): Promise<Budget> {
  const existing = await economy().repo.budget(network.id, year);
  if (existing) await economy().remove(actor, existing);
  const created = await economy().create(actor, network.id, { year });
  assert.ok(created.ok, JSON.stringify(!created.ok && created.errors));
  const set = await economy().updateSettings(actor, created.value, { visibility, payingLevels: ["member"], ...key });
  assert.ok(set.ok, JSON.stringify(!set.ok && set.errors));
  return set.value;
}

/** The year's statements of the test network, by member. */
const feeByName = async (year: number) => {
  const view = await economy().view(network.id, year, actor);
  return new Map(view.statements.map((s) => [s.organisationId, s]));
};

const KEY = (k: Partial<FeeKey>): FeeKey => ({
  feeMethod: "fixed",
  feeFixed: 0,
  feePerInhabitant: 0,
  feeBySizeClass: {},
  populationOn: null,
  ...k,
});
const member = (population: number) => ({
  organisationId: 1,
  name: "x",
  level: "member",
  population,
  source: { kind: "count" as const, countedOn: "2024-07-01" },
});

test("the four keys against hand-worked fees for members of 3 000, 12 000 and 60 000 inhabitants", () => {
  const fees = (key: FeeKey) => [3000, 12_000, 60_000].map((p) => feeOf(key, member(p)).fee);
  // Fixed 50 000 kr each: 50 000 + 50 000 + 50 000 = 150 000.
  assert.deepEqual(fees(KEY({ feeMethod: "fixed", feeFixed: 50_000 })), [50_000, 50_000, 50_000]);
  // 12,35 kr per inhabitant: 3 000 × 12,35 = 37 050; 12 000 × 12,35 = 148 200; 60 000 × 12,35 = 741 000.
  assert.deepEqual(fees(KEY({ feeMethod: "per_inhabitant", feePerInhabitant: 12.35 })), [37_050, 148_200, 741_000]);
  // By size class: 3 000 is under 5 000 (40 000), 12 000 is 5 000–20 000 (75 000), 60 000 is over 50 000 (200 000).
  const bySize = { under_5000: 40_000, "5000_20000": 75_000, "20000_50000": 120_000, over_50000: 200_000 };
  assert.deepEqual(fees(KEY({ feeMethod: "size_class", feeBySizeClass: bySize })), [40_000, 75_000, 200_000]);
  // 25 000 kr + 4,50 kr per inhabitant: 25 000 + 13 500 = 38 500; 25 000 + 54 000 = 79 000; 25 000 + 270 000 = 295 000.
  assert.deepEqual(
    fees(KEY({ feeMethod: "fixed_plus_per_inhabitant", feeFixed: 25_000, feePerInhabitant: 4.5 })),
    [38_500, 79_000, 295_000],
  );
  // Half a krone rounds up, per member: 3 001 × 0,25 = 750,25 → 750; 3 002 × 0,25 = 750,50 → 751.
  assert.equal(perInhabitantKroner(3001, 0.25), 750);
  assert.equal(perInhabitantKroner(3002, 0.25), 751);
  // Computed in øre, so 0,1 + 0,2 style errors never round the wrong way: 10 × 0,15 = 1,50 → 2.
  assert.equal(perInhabitantKroner(10, 0.15), 2);
});

test("the sum check: equal, apart by rounding only, or apart by more (a warning)", () => {
  // Two members at 0,25 kr: 750 + 751 = 1 501 kr; the exact share is 1 500,75. Rounding may explain ½ kr per member (1 kr).
  const rows = [3001, 3002].map((p) => feeOf(KEY({ feeMethod: "per_inhabitant", feePerInhabitant: 0.25 }), member(p)));
  assert.deepEqual(checkFees(rows, 1501, "per_inhabitant"), {
    fees: 1501,
    budgeted: 1501,
    difference: 0,
    roundingTolerance: 1,
    differs: false,
  });
  assert.equal(checkFees(rows, 1500, "per_inhabitant").differs, false, "1 kr apart over two rounded fees is rounding");
  const off = checkFees(rows, 1400, "per_inhabitant");
  assert.equal(off.difference, 101);
  assert.equal(off.differs, true);
  // A fixed key rounds nothing: any difference is a real one.
  assert.equal(checkFees([feeOf(KEY({ feeFixed: 100 }), member(1))], 99, "fixed").differs, true);
});

test("the population counted on or before the budget's date; the latest when it names none; the register's figure, said so, when no count", () => {
  const counts = [
    { countedOn: "2024-07-01", population: 3000 },
    { countedOn: "2026-01-01", population: 3100 },
  ];
  assert.deepEqual(populationOn(counts, "2025-06-30", 2900), {
    population: 3000,
    source: { kind: "count", countedOn: "2024-07-01" },
  });
  assert.deepEqual(populationOn(counts, "2026-01-01", 2900), {
    population: 3100,
    source: { kind: "count", countedOn: "2026-01-01" },
  });
  assert.deepEqual(populationOn(counts, null, 2900), { population: 3100, source: { kind: "count", countedOn: "2026-01-01" } });
  assert.deepEqual(populationOn(counts, "2020-01-01", 2900), { population: 2900, source: { kind: "organisation" } });
  assert.deepEqual(populationOn([], "2020-01-01", null), { population: null, source: { kind: "none" } });
});

test("the reference import records each municipality's figure as counted on 2025-01-01, once", async () => {
  const { db } = t.database;
  const [oslo] = await db.select().from(organisations).where(eq(organisations.code, "0301"));
  const rows = await db.select().from(populationCounts).where(eq(populationCounts.organisationId, oslo!.id));
  assert.deepEqual(
    rows.map((r) => [r.countedOn, r.population]),
    [[REFERENCE_POPULATION_DATE, oslo!.population]],
  );
  const before = (await db.select({ n: count() }).from(populationCounts))[0]!.n;
  // Again, as `samverk import reference` does.
  const directory = modules.find((m) => m.name === "directory")!;
  await directory.shipped!.update(db, { always: true, progress: () => {} });
  assert.equal((await db.select({ n: count() }).from(populationCounts))[0]!.n, before, "a second import adds nothing");
});

test("fees of the test network by each key, from the counts of the chosen date, through the service", async () => {
  // 2024-12-31: the counts of 2024-07-01 (3 000, 12 000, 60 000), not the reference's 2025-01-01 nor a's 2026 count.
  await budget(2031, {
    feeMethod: "fixed_plus_per_inhabitant",
    feeFixed: "25 000",
    feePerInhabitant: "4,50",
    populationOn: "2024-12-31",
  });
  let fees = await feeByName(2031);
  assert.deepEqual(
    [a, b, c].map((o) => fees.get(o.id)!.fee),
    [38_500, 79_000, 295_000],
  );
  assert.deepEqual(fees.get(a.id)!.source, { kind: "count", countedOn: "2024-07-01" });
  assert.equal(fees.has(observer.id), false, "an observer does not pay");
  await budget(2031, { feeMethod: "per_inhabitant", feePerInhabitant: "12,35", populationOn: "2024-12-31" });
  fees = await feeByName(2031);
  assert.deepEqual(
    [a, b, c].map((o) => fees.get(o.id)!.fee),
    [37_050, 148_200, 741_000],
  );
  await budget(2031, {
    feeMethod: "size_class",
    size_under_5000: "40000",
    size_5000_20000: "75000",
    size_20000_50000: "120000",
    size_over_50000: "200000",
    populationOn: "2024-12-31",
  });
  fees = await feeByName(2031);
  assert.deepEqual(
    [a, b, c].map((o) => fees.get(o.id)!.fee),
    [40_000, 75_000, 200_000],
  );
  await budget(2031, { feeMethod: "fixed", feeFixed: "50000", populationOn: "2024-12-31" });
  fees = await feeByName(2031);
  assert.deepEqual(
    [a, b, c].map((o) => fees.get(o.id)!.fee),
    [50_000, 50_000, 50_000],
  );
  // A key that counts inhabitants needs the date, so a later count never changes the fees.
  const noDate = await economy().updateSettings(actor, (await economy().repo.budget(network.id, 2031))!, {
    visibility: "network",
    payingLevels: ["member"],
    feeMethod: "per_inhabitant",
    feePerInhabitant: "12.35",
  });
  assert.ok(!noDate.ok);
  assert.deepEqual(
    noDate.errors.map((e) => [e.field, e.key]),
    [["populationOn", "economy.errors.populationOn"]],
  );
  // Before every count: the register's own figure, and the statement says so.
  await budget(2031, { feeMethod: "per_inhabitant", feePerInhabitant: "1", populationOn: "2020-01-01" });
  fees = await feeByName(2031);
  const [registered] = await t.database.db.select().from(organisations).where(eq(organisations.id, b.id));
  assert.equal(fees.get(b.id)!.fee, registered!.population);
  assert.deepEqual(fees.get(b.id)!.source, { kind: "organisation" });
  const sek = await login("sek@okonomi.example");
  const page = await sek.get(`${base(2031)}?lang=en`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /The population in the organisation register \(no count on or before 1 Jan(uary)? 2020\)/);
});

test("released time is paid back in the member's statement; the check warns when the fees and the budget differ", async () => {
  const b2032 = await budget(2032, {
    feeMethod: "fixed_plus_per_inhabitant",
    feeFixed: "25000",
    feePerInhabitant: "4.5",
    populationOn: "2024-12-31",
  });
  const sek = await login("sek@okonomi.example");
  await sek.get(base(2032));
  // 37,5 hours at 800 kr = 30 000 kr for a; 7,5 hours at 333 kr = 2 497,50 → 2 498 kr for the observer.
  let res = await sek.post(`${base(2032)}/released`, {
    organisationId: String(a.id),
    personId: "",
    personName: "Kari Frikjøpt",
    bodyId: "",
    hours: "37,5",
    rate: "800",
    note: "Arbeidsutvalget",
  });
  assert.equal(res.statusCode, 303, res.body.slice(0, 500));
  res = await sek.post(`${base(2032)}/released`, {
    organisationId: String(observer.id),
    personName: "Ola Observatør",
    hours: "7.5",
    rate: "333",
  });
  assert.equal(res.statusCode, 303);
  const view = await economy().view(network.id, 2032, actor);
  const of = (id: number) => view.statements.find((s) => s.organisationId === id)!;
  assert.deepEqual([of(a.id).fee, of(a.id).releasedAmount, of(a.id).net], [38_500, 30_000, 8_500]);
  assert.deepEqual(
    [of(observer.id).pays, of(observer.id).fee, of(observer.id).releasedAmount, of(observer.id).net],
    [false, 0, 2498, -2498],
  );
  assert.deepEqual(view.releasedTotal, { hours: 45, amount: 32_498 });
  // Fees 38 500 + 79 000 + 295 000 = 412 500 against a budgeted 400 000: 12 500 apart, a warning.
  res = await sek.post(`${base(2032)}/lines`, {
    category: "member_fees",
    label: "Medlemskontingent",
    budgeted: "400 000",
    actual: "",
  });
  assert.equal(res.statusCode, 303);
  let page = await sek.get(`${base(2032)}?lang=en`);
  assert.match(page.body, /do not match the budgeted fee income \(400,000\skr\): the difference is 12,500\skr/);
  const [line] = await t.database.db.select().from(budgetLines).where(eq(budgetLines.budgetId, b2032.id));
  res = await sek.post(`${base(2032)}/lines/${line!.id}`, {
    category: "member_fees",
    label: "Medlemskontingent",
    budgeted: "412500",
    actual: "",
  });
  assert.equal(res.statusCode, 303);
  page = await sek.get(`${base(2032)}?lang=en`);
  assert.match(page.body, /The fees \(412,500\skr\) equal the budgeted fee income/);
  // One member's printable statement.
  const statement = await sek.get(`${base(2032)}/fees/${a.id}?lang=en`);
  assert.equal(statement.statusCode, 200);
  assert.match(statement.body, /25,000 kr \+ population 3,000 × 4.5 kr \(13,500 kr\) = 38,500 kr/);
  assert.match(statement.body, /Kari Frikjøpt/);
  assert.match(statement.body, /8,500\skr/);

  // The services the reports and the annual report use, in a fixed number of queries.
  let before = t.database.queries.count;
  const money = await economy().memberMoney(network.id, { from: 2030, to: 2040 }, actor);
  const memberMoneyQueries = t.database.queries.count - before;
  assert.deepEqual(money.get(observer.id), { fee: 0, releasedHours: 7.5, releasedAmount: 2498 });
  assert.ok(memberMoneyQueries <= 4, `memberMoney took ${memberMoneyQueries} queries`);
  before = t.database.queries.count;
  const summary = await economy().budgetSummary(network.id, 2032, actor);
  assert.ok(t.database.queries.count - before <= 5);
  assert.deepEqual(summary, {
    year: 2032,
    visibility: "network",
    lines: [{ category: "member_fees", label: "Medlemskontingent", budgeted: 412_500, actual: null }],
    income: { budgeted: 412_500, actual: 0, lines: 1, recorded: 0 },
    cost: { budgeted: 0, actual: 0, lines: 0, recorded: 0 },
    fees: 412_500,
    releasedTime: { hours: 45, amount: 32_498 },
  });
  assert.equal(await economy().budgetSummary(network.id, 2032, null), null, "anonymous sees no network budget");
  assert.equal((await economy().memberMoney(network.id, { from: 2030, to: 2040 }, null)).size, 0);

  // The statements as files: CSV and xlsx, with the same figures.
  const csv = await sek.get(`${base(2032)}/fees.csv?lang=en`);
  assert.equal(csv.statusCode, 200);
  assert.match(csv.headers["content-type"] as string, /text\/csv/);
  assert.match(csv.body, /Member.*Fee.*Released time paid back.*Net to pay/);
  assert.match(csv.body, new RegExp(`${a.name}.*38500.*30000.*8500`));
  const xlsx = await sek.get(`${base(2032)}/fees.xlsx?lang=en`);
  assert.equal(xlsx.statusCode, 200);
  const sheet = await sheetText(xlsx.rawPayload);
  assert.match(sheet, new RegExp(c.name));
  assert.match(sheet, /295000/);
  const one = await sek.get(`${base(2032)}/fees/${a.id}/statement.csv?lang=en`);
  assert.match(one.body, /Kari Frikjøpt.*37.5.*800.*30000/);
  assert.doesNotMatch(one.body, new RegExp(c.name), "one member's file holds only that member");
});

test("bad input is refused with a clear error and changes nothing", async () => {
  const b2033 = await budget(2033, { feeMethod: "fixed", feeFixed: "1000" });
  const sek = await login("sek@okonomi.example");
  await sek.get(base(2033));
  const counts = async () => [
    (await t.database.db.select({ n: count() }).from(budgetLines).where(eq(budgetLines.budgetId, b2033.id)))[0]!.n,
    (await t.database.db.select({ n: count() }).from(releasedTime).where(eq(releasedTime.budgetId, b2033.id)))[0]!.n,
    (await t.database.db.select({ n: count() }).from(budgets).where(eq(budgets.networkId, network.id)))[0]!.n,
    (await t.database.db.select({ n: count() }).from(auditLog))[0]!.n,
  ];
  const before = await counts();
  let res = await sek.post(`${base(2033)}/lines?lang=en`, {
    category: "other_cost",
    label: "Minus",
    budgeted: "-500",
    actual: "",
  });
  assert.equal(res.statusCode, 422);
  assert.match(res.body, /Enter whole kroner/);
  assert.match(res.body, /value="Minus"/, "what was typed comes back");
  res = await sek.post(`${base(2033)}/lines?lang=en`, { category: "lottery", label: "Lotteri", budgeted: "500" });
  assert.equal(res.statusCode, 422);
  assert.match(res.body, /Choose one of the categories/);
  res = await sek.post(`${base(2033)}/released?lang=en`, {
    organisationId: String(a.id),
    personName: "Per",
    hours: "mange",
    rate: "åtte hundre",
  });
  assert.equal(res.statusCode, 422);
  assert.match(res.body, /Write the hours as a number/);
  assert.match(res.body, /Write the rate in whole kroner per hour/);
  res = await sek.post(`${base(2033)}/released?lang=en`, {
    organisationId: String(a.id),
    personName: "Per",
    hours: "0",
    rate: "800",
  });
  assert.equal(res.statusCode, 422, "no hours is no released time");
  assert.match(res.body, /above 0/);
  res = await sek.post(`${base(2033)}/released?lang=en`, { organisationId: String(c.id), personName: "", hours: "1", rate: "1" });
  assert.match(res.body, /Choose a person or write a name/);
  res = await sek.post(`${base(2033)}/released?lang=en`, {
    organisationId: String(nordland.id),
    personName: "Utenfor",
    hours: "1",
    rate: "1",
  });
  assert.equal(res.statusCode, 422);
  await sek.get(`/n/${network.slug}/economy`);
  res = await sek.post(`/n/${network.slug}/economy?lang=en`, { year: "1999", visibility: "network" });
  assert.equal(res.statusCode, 422);
  assert.match(res.body, /Write a year from 2000 to 2200/);
  res = await sek.post(`/n/${network.slug}/economy?lang=en`, { year: "2033", visibility: "network" });
  assert.match(res.body, /already has a budget for this year/);
  await sek.get(`${base(2033)}/settings`);
  res = await sek.post(`${base(2033)}/settings?lang=en`, {
    visibility: "network",
    feeMethod: "per_inhabitant",
    feePerInhabitant: "1,234",
    payingLevels: [],
  });
  assert.equal(res.statusCode, 422);
  assert.match(res.body, /at most two decimals/);
  assert.match(res.body, /Choose at least one membership level that pays/);
  // The same through the API.
  const api = await sek.api("POST", `/api/v1/networks/${network.slug}/budgets/2033/released?lang=en`, {
    organisationId: a.id,
    personName: "Per",
    hours: "x",
    rate: -5,
  });
  assert.equal(api.statusCode, 422);
  assert.deepEqual(
    api
      .json()
      .error.fields.map((f: { field: string }) => f.field)
      .sort(),
    ["hours", "rate"],
  );
  const apiLine = await sek.api("POST", `/api/v1/networks/${network.slug}/budgets/2033/lines`, {
    category: "nonsense",
    label: "x",
    budgeted: -1,
  });
  assert.equal(apiLine.statusCode, 422);
  assert.deepEqual(await counts(), before);
});

test("policy: another network's secretariat neither reads a restricted budget nor edits; anonymous sees only a public one; the API the same", async () => {
  await budget(2034, { feeMethod: "fixed", feeFixed: "1000" });
  const outsider = await login("sek@nordland-okonomi.example");
  const anonymous = new Session(t.app);
  const memberSession = await login("medlem@okonomi.example");
  const paths = [
    base(2034),
    `${base(2034)}/fees.csv`,
    `${base(2034)}/fees.xlsx`,
    `${base(2034)}/fees/${a.id}`,
    `${base(2034)}/fees/${a.id}/statement.csv`,
    `/api/v1/networks/${network.slug}/budgets/2034`,
  ];
  for (const path of paths) {
    assert.equal((await outsider.get(path)).statusCode, 404, path);
    assert.equal((await anonymous.get(path)).statusCode, 404, path);
    assert.equal((await memberSession.get(path)).statusCode, 200, path);
  }
  assert.doesNotMatch((await outsider.get(`/n/${network.slug}/economy`)).body, /2034/);
  assert.doesNotMatch((await anonymous.get(`/api/v1/networks/${network.slug}/budgets`)).body, /2034/);
  assert.doesNotMatch(
    (await anonymous.get(`/n/${network.slug}`)).body,
    /economy-heading/,
    "no section for those who see no budget",
  );
  // Writes: the outsider is refused, on the pages and in the API, and nothing changes.
  await outsider.get(`/n/${nordland.slug}/economy`);
  assert.equal((await outsider.post(`${base(2034)}/lines`, { category: "grant", label: "Snik", budgeted: "1" })).statusCode, 403);
  assert.equal((await outsider.get(`${base(2034)}/settings`)).statusCode, 403);
  assert.equal((await outsider.post(`/n/${network.slug}/economy`, { year: "2035" })).statusCode, 403);
  assert.equal(
    (await memberSession.post(`${base(2034)}/lines`, { category: "grant", label: "Snik", budgeted: "1" })).statusCode,
    403,
  );
  const api = await outsider.api("POST", `/api/v1/networks/${network.slug}/budgets/2034/lines`, {
    category: "grant",
    label: "Snik",
    budgeted: 1,
  });
  assert.equal(api.statusCode, 403);
  assert.equal((await anonymous.api("DELETE", `/api/v1/networks/${network.slug}/budgets/2034`)).statusCode, 401);
  assert.equal((await economy().view(network.id, 2034, actor)).lines.length, 0);
  // Public: anonymous reads it, in the API too, but still cannot write.
  await budget(2034, { feeMethod: "fixed", feeFixed: "1000" }, "public");
  assert.equal((await anonymous.get(base(2034))).statusCode, 200);
  assert.equal((await anonymous.get(`/api/v1/networks/${network.slug}/budgets/2034`)).statusCode, 200);
  assert.match((await anonymous.get(`/n/${network.slug}`)).body, /economy-heading/);
  // The secretariat writes through the API.
  const sek = await login("sek@okonomi.example");
  const line = await sek.api("POST", `/api/v1/networks/${network.slug}/budgets/2034/lines`, {
    category: "grant",
    label: "KS DigiFin",
    budgeted: 800_000,
    actual: null,
  });
  assert.equal(line.statusCode, 201, line.body);
  const id = line.json().id;
  const put = await sek.api("PUT", `/api/v1/networks/${network.slug}/budgets/2034/lines/${id}`, {
    category: "grant",
    label: "KS DigiFin",
    budgeted: 800_000,
    actual: 750_000,
  });
  assert.equal(put.json().actual, 750_000);
  const detail = (await anonymous.get(`/api/v1/networks/${network.slug}/budgets/2034`)).json();
  assert.deepEqual(detail.income, {
    budgeted: 800_000,
    actual: 750_000,
    open: 0,
    lines: 1,
    recorded: 1,
    budgetedRecorded: 800_000,
    deviation: -50_000,
  });
  const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.entity, "budget_line"));
  assert.ok(audit.some((e) => e.action === "update" && e.entityId === String(id)));
});

test("a budget started from the previous year copies its lines without actual amounts and its key", async () => {
  await budget(2036, { feeMethod: "fixed", feeFixed: "1234" });
  const prev = (await economy().repo.budget(network.id, 2036))!;
  assert.ok(
    (await economy().addLine(actor, prev, { category: "secretariat", label: "Sekretariat", budgeted: "100", actual: "90" })).ok,
  );
  const existing = await economy().repo.budget(network.id, 2037);
  if (existing) await economy().remove(actor, existing);
  const sek = await login("sek@okonomi.example");
  await sek.get(`/n/${network.slug}/economy`);
  const res = await sek.post(`/n/${network.slug}/economy`, { year: "2037", visibility: "network", copyPrevious: "1" });
  assert.equal(res.statusCode, 303);
  const view = await economy().view(network.id, 2037, actor);
  assert.deepEqual(
    view.lines.map((l) => [l.category, l.label, l.budgeted, l.actual]),
    [["secretariat", "Sekretariat", 100, null]],
  );
  assert.equal(view.budget.feeFixed, 1234);
});

test("the demo networks have two years of budgets with fees that add up, grants and released time", async () => {
  const rogaland = (await t.app.services.networks.bySlug("digi-rogaland"))!;
  for (const year of [2025, 2026]) {
    const view = await economy().view(rogaland.id, year, actor);
    assert.equal(view.budget.feeMethod, "fixed_plus_per_inhabitant");
    assert.equal(view.check.differs, false);
    assert.ok(view.lines.some((l) => l.label === "Skjønnsmidler fra Statsforvalteren"));
    assert.ok(view.released.length > 0);
    assert.deepEqual([view.releasedCheck.against, view.releasedCheck.differs], ["actual", false]);
  }
});

test("a new budget counts the population on 1 January of its year, a copy moves the previous date a year on, and a later count changes no fee", async () => {
  for (const y of [2042, 2043]) {
    const existing = await economy().repo.budget(network.id, y);
    if (existing) await economy().remove(actor, existing);
  }
  const created = await economy().create(actor, network.id, { year: 2042 });
  assert.ok(created.ok);
  assert.equal(created.value.populationOn, "2042-01-01");
  const set = await economy().updateSettings(actor, created.value, {
    ...settingsFormValues(created.value),
    feeMethod: "per_inhabitant",
    feePerInhabitant: "10",
    populationOn: "2041-07-01",
  });
  assert.ok(set.ok, JSON.stringify(!set.ok && set.errors));
  // a's latest count on or before 2041-07-01 is 3 100 (2026-01-01): 31 000 kr.
  assert.equal((await feeByName(2042)).get(a.id)!.fee, 31_000);
  await t.database.db.insert(populationCounts).values({ organisationId: a.id, countedOn: "2042-06-01", population: 9000 });
  try {
    assert.equal((await feeByName(2042)).get(a.id)!.fee, 31_000, "a count after the date changes nothing");
  } finally {
    await t.database.db
      .delete(populationCounts)
      .where(and(eq(populationCounts.organisationId, a.id), eq(populationCounts.countedOn, "2042-06-01")));
  }
  const copied = await economy().create(actor, network.id, { year: 2043, copyPrevious: "1" });
  assert.ok(copied.ok);
  assert.equal(copied.value.populationOn, "2042-07-01");
  assert.equal(copied.value.feeMethod, "per_inhabitant");
  // The year in the path is the kernel's whole number from 2000 to 2200: anything else is a 400.
  for (const y of ["20x1", "1999", "2201", "2042.5"])
    assert.equal((await new Session(t.app).get(`/n/${network.slug}/economy/${y}`)).statusCode, 400, y);
});

test("released time: who, hours and rate only for the network's people, a restricted body's name only under the visibility rule, the public sees totals per member", async () => {
  const { networks } = t.app.services;
  const hidden = await networks.createBody(actor, network.slug, {
    kind: "working_group",
    name: "Lukket gruppe ØkoSkjult",
    visibility: "body",
  });
  assert.ok(hidden.ok, JSON.stringify(!hidden.ok && hidden.errors));
  const b2038 = await budget(2038, { feeMethod: "fixed", feeFixed: "1000" }, "public");
  const added = await economy().addReleased(actor, b2038, {
    organisationId: String(a.id),
    personName: "Skjult Frikjøpt",
    bodyId: String(hidden.value.id),
    hours: "10",
    rate: "987",
    note: "Privat merknad",
  });
  assert.ok(added.ok, JSON.stringify(!added.ok && added.errors));
  const secret = /Skjult Frikjøpt|ØkoSkjult|\b987\b|Privat merknad/;
  const anonymous = new Session(t.app);
  const paths = [
    `${base(2038)}?lang=en`,
    `${base(2038)}/fees.csv`,
    `${base(2038)}/fees.xlsx`,
    `${base(2038)}/fees/${a.id}?lang=en`,
    `${base(2038)}/fees/${a.id}/statement.csv`,
    `${base(2038)}/fees/${a.id}/statement.xlsx`,
    `/api/v1/networks/${network.slug}/budgets/2038`,
  ];
  for (const path of paths) {
    const res = await anonymous.get(path);
    assert.equal(res.statusCode, 200, path);
    const text = path.endsWith(".xlsx") ? await sheetText(res.rawPayload) : res.body;
    assert.doesNotMatch(text, secret, path);
  }
  // The public sees the member's total: 10 hours, 9 870 kr.
  const page = (await anonymous.get(`${base(2038)}?lang=en`)).body;
  assert.match(page, /Released time per member/);
  assert.match(page, /9,870\skr/);
  const api = (await anonymous.get(`/api/v1/networks/${network.slug}/budgets/2038`)).json();
  assert.deepEqual(api.released, []);
  assert.equal(api.releasedDetail, false);
  const row = api.statements.find((s: { organisationId: number }) => s.organisationId === a.id);
  assert.deepEqual([row.releasedHours, row.releasedAmount], [10, 9870]);
  // A member of the network sees who and the rate, but not the name of a body it has no seat in.
  const member = await login("medlem@okonomi.example");
  const memberPage = (await member.get(`${base(2038)}?lang=en`)).body;
  assert.match(memberPage, /Skjult Frikjøpt/);
  assert.doesNotMatch(memberPage, /ØkoSkjult/);
  assert.doesNotMatch((await member.get(`${base(2038)}/fees/${a.id}/statement.csv`)).body, /ØkoSkjult/);
  const memberApi = (await member.get(`/api/v1/networks/${network.slug}/budgets/2038`)).json();
  assert.deepEqual(
    memberApi.released.map((r: { personName: string; rate: number }) => [r.personName, r.rate]),
    [["Skjult Frikjøpt", 987]],
  );
  // The secretariat sees everything of its network.
  const sek = await login("sek@okonomi.example");
  assert.match((await sek.get(`${base(2038)}?lang=en`)).body, /ØkoSkjult/);
  // Another network's secretariat is the public here.
  const outsider = await login("sek@nordland-okonomi.example");
  assert.doesNotMatch((await outsider.get(`${base(2038)}?lang=en`)).body, secret);
});

test("released time names only a person of the member or one seated in the network", async () => {
  const { directory } = t.app.services;
  const b2044 = await budget(2044, { feeMethod: "fixed", feeFixed: "1000" });
  const ofC = await directory.createPerson(actor, { name: "Person fra C", organisationId: String(c.id) });
  const ofA = await directory.createPerson(actor, { name: "Person fra A", organisationId: String(a.id) });
  assert.ok(ofC.ok && ofA.ok);
  const record = (personId: number) =>
    economy().addReleased(actor, b2044, { organisationId: String(a.id), personId: String(personId), hours: "1", rate: "100" });
  const refused = await record(ofC.value.id);
  assert.ok(!refused.ok);
  assert.deepEqual(
    refused.errors.map((e) => [e.field, e.key]),
    [["personId", "economy.errors.personNotOfMember"]],
  );
  assert.equal((await economy().view(network.id, 2044, actor)).released.length, 0, "nothing recorded");
  const accepted = await record(ofA.value.id);
  assert.ok(accepted.ok);
  assert.equal(accepted.value.personName, "Person fra A");
  // Seated in one of the network's bodies (for another member) is enough.
  const body = await t.app.services.networks.createBody(actor, network.slug, {
    kind: "working_group",
    name: "Åpen gruppe",
    visibility: "network",
  });
  assert.ok(body.ok);
  assert.ok(
    (await t.app.services.networks.addBodyMember(actor, network.slug, body.value.id, { personId: ofC.value.id, role: "member" }))
      .ok,
  );
  assert.ok((await record(ofC.value.id)).ok);
  // The page tells the secretariat in its language.
  const sek = await login("sek@okonomi.example");
  await sek.get(base(2044));
  const ofNone = await directory.createPerson(actor, { name: "Person uten tilknytning" });
  assert.ok(ofNone.ok);
  const res = await sek.post(`${base(2044)}/released?lang=en`, {
    organisationId: String(a.id),
    personId: String(ofNone.value.id),
    hours: "1",
    rate: "100",
  });
  assert.equal(res.statusCode, 422);
  assert.match(
    res.body,
    /Choose a person from the member or with a seat in one of the network&#39;s bodies|Choose a person from the member or with a seat in one of the network's bodies/,
  );
});

test("hours add up in tenths, and the recorded released time is checked against the released time line", async () => {
  const b2041 = await budget(2041, { feeMethod: "fixed", feeFixed: "1000" }, "public");
  for (const hours of ["12,3", "4,1"])
    assert.ok(
      (await economy().addReleased(actor, b2041, { organisationId: String(b.id), personName: "Timer", hours, rate: "100" })).ok,
    );
  // 12,3 + 4,1 = 16,4 hours (not 16.400000000000002); 1 230 + 410 = 1 640 kr.
  let view = await economy().view(network.id, 2041, actor);
  assert.deepEqual(view.releasedTotal, { hours: 16.4, amount: 1640 });
  assert.equal(view.statements.find((s) => s.organisationId === b.id)!.releasedHours, 16.4);
  assert.equal((await economy().memberMoney(network.id, { from: 2041, to: 2041 }, actor)).get(b.id)!.releasedHours, 16.4);
  assert.equal((await economy().budgetSummary(network.id, 2041, actor))!.releasedTime.hours, 16.4);
  const anonymous = new Session(t.app);
  assert.doesNotMatch((await anonymous.get(`${base(2041)}/fees.csv`)).body, /16\.4000/);
  assert.match((await anonymous.get(`${base(2041)}/fees.csv`)).body, /16\.4/);
  assert.equal(view.releasedCheck.noLine, true);
  // Against the budgeted line: 1 640 recorded, 2 000 budgeted, a warning.
  const line = await economy().addLine(actor, b2041, { category: "released_time", label: "Frikjøp", budgeted: "2000" });
  assert.ok(line.ok);
  view = await economy().view(network.id, 2041, actor);
  assert.deepEqual(
    { ...view.releasedCheck },
    { recorded: 1640, against: "budgeted", line: 2000, difference: -360, differs: true, noLine: false },
  );
  let page = (await anonymous.get(`${base(2041)}?lang=en`)).body;
  assert.match(page, /Recorded released time \(1,640\skr\) differs from the budgeted released time \(2,000\skr\)/);
  // Once the line has its actual amount, against that: equal, no warning.
  assert.ok(
    (
      await economy().updateLine(actor, b2041, line.value.id, {
        category: "released_time",
        label: "Frikjøp",
        budgeted: "2000",
        actual: "1640",
      })
    ).ok,
  );
  view = await economy().view(network.id, 2041, actor);
  assert.deepEqual([view.releasedCheck.against, view.releasedCheck.differs], ["actual", false]);
  page = (await anonymous.get(`${base(2041)}?lang=nn`)).body;
  assert.match(page, /Registrert frikjøp \(1\s640\skr\) er lik faktisk frikjøp/);
  const api = (await anonymous.get(`/api/v1/networks/${network.slug}/budgets/2041`)).json();
  assert.equal(api.releasedCheck.recorded, 1640);
  assert.equal(api.statements.find((s: { organisationId: number }) => s.organisationId === b.id).releasedHours, 16.4);
});

test("the chosen key's own amounts are required (a typed 0 is a 0), the other keys' amounts are ignored; on the page and in the API, changing nothing", async () => {
  await budget(2045, { feeMethod: "fixed", feeFixed: "1000" });
  const sek = await login("sek@okonomi.example");
  await sek.get(`${base(2045)}/settings`);
  const stored = async () => (await economy().repo.budget(network.id, 2045))!;
  const before = await stored();
  const post = (fields: Record<string, unknown>) =>
    sek.post(`${base(2045)}/settings?lang=en`, {
      visibility: "network",
      note: "Typed note",
      payingLevels: ["member"],
      populationOn: "2045-01-01",
      ...fields,
    });
  // Each method with its own amounts left empty: an error at each empty one, and only there.
  const cases: [Record<string, string>, string[]][] = [
    [{ feeMethod: "fixed", feeFixed: "" }, ["feeFixed"]],
    [{ feeMethod: "per_inhabitant", feePerInhabitant: " " }, ["feePerInhabitant"]],
    [
      { feeMethod: "size_class", size_under_5000: "40000", size_5000_20000: "" },
      ["size_5000_20000", "size_20000_50000", "size_over_50000"],
    ],
    [{ feeMethod: "fixed_plus_per_inhabitant", feeFixed: "", feePerInhabitant: "" }, ["feeFixed", "feePerInhabitant"]],
  ];
  for (const [fields, wanted] of cases) {
    const res = await post(fields);
    assert.equal(res.statusCode, 422, JSON.stringify(fields));
    const summary = res.body.match(/<ds-error-summary[\s\S]*?<\/ds-error-summary>/)![0];
    assert.deepEqual(
      [...summary.matchAll(/href="#field-([\w]+)"/g)].map((m) => m[1]),
      wanted,
      JSON.stringify(fields),
    );
    assert.match(summary, /Fill in this field/);
    assert.match(res.body, />Typed note</, "what was typed comes back");
  }
  assert.deepEqual(await stored(), before, "nothing changed");
  // The class label inside the field's label is lower-case mid-sentence.
  assert.match((await sek.get(`${base(2045)}/settings?lang=en`)).body, /Amount for under 5,000 inhabitants/);
  // A deliberate 0 is a 0; what another key would use is ignored, even when it is not a number.
  let res = await post({ feeMethod: "fixed", feeFixed: "0", feePerInhabitant: "mye", size_over_50000: "" });
  assert.equal(res.statusCode, 303, res.body.slice(0, 300));
  assert.deepEqual([(await stored()).feeMethod, (await stored()).feeFixed], ["fixed", 0]);
  res = await post({ feeMethod: "per_inhabitant", feePerInhabitant: "0", feeFixed: "" });
  assert.equal(res.statusCode, 303);
  assert.deepEqual([(await stored()).feeMethod, (await stored()).feePerInhabitant], ["per_inhabitant", 0]);
  // The settings form shows an amount the key does not use, never given, as empty rather than 0.
  const form = (await sek.get(`${base(2045)}/settings`)).body;
  assert.match(form, /name="feeFixed" type="text" value[ />]/);
  assert.match(form, /name="feePerInhabitant" type="text" value="0"/);

  // The API: the same rule, the size classes named as the API sends them.
  const changed = await stored();
  const api = (body: Record<string, unknown>) =>
    sek.api("PUT", `/api/v1/networks/${network.slug}/budgets/2045?lang=en`, {
      visibility: "network",
      payingLevels: ["member"],
      populationOn: "2045-01-01",
      ...body,
    });
  for (const [body, fields] of [
    [{ feeMethod: "fixed" }, ["feeFixed"]],
    [{ feeMethod: "fixed", feeFixed: null }, ["feeFixed"]],
    [{ feeMethod: "fixed_plus_per_inhabitant", feeFixed: 100 }, ["feePerInhabitant"]],
    [
      { feeMethod: "size_class", feeBySizeClass: { under_5000: 1, "5000_20000": 2, "20000_50000": 0 } },
      ["feeBySizeClass.over_50000"],
    ],
  ] as const) {
    const r = await api(body);
    assert.equal(r.statusCode, 422, JSON.stringify(body));
    assert.deepEqual(
      r.json().error.fields.map((f: { field: string; message: string }) => [f.field, f.message]),
      fields.map((f) => [f, "Fill in this field."]),
    );
  }
  assert.deepEqual(await stored(), changed, "nothing changed");
  const ok = await api({
    feeMethod: "size_class",
    feeBySizeClass: { under_5000: 1, "5000_20000": 2, "20000_50000": 0, over_50000: 3 },
  });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.deepEqual(ok.json().feeKey.bySizeClass, { under_5000: 1, "5000_20000": 2, "20000_50000": 0, over_50000: 3 });
});

test("released time: each person in the list names their member, a person and a typed name together are refused, and the rate's error gives a rate's example", async () => {
  const { directory, networks } = t.app.services;
  const b2046 = await budget(2046, { feeMethod: "fixed", feeFixed: "1000" });
  const body = await networks.createBody(actor, network.slug, {
    kind: "working_group",
    name: "Namnebror",
    visibility: "network",
  });
  assert.ok(body.ok);
  const twins: number[] = [];
  for (const org of [a, b]) {
    const person = await directory.createPerson(actor, { name: "Tvilling Navnesen", organisationId: String(org.id) });
    assert.ok(person.ok);
    twins.push(person.value.id);
    const seat = await networks.addBodyMember(actor, network.slug, body.value.id, { personId: person.value.id, role: "member" });
    assert.ok(seat.ok, JSON.stringify(!seat.ok && seat.errors));
  }
  const sek = await login("sek@okonomi.example");
  const page = (await sek.get(`${base(2046)}?lang=en`)).body;
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  assert.match(page, new RegExp(`<option value="${twins[0]}">Tvilling Navnesen \\(${esc(a.name)}\\)</option>`));
  assert.match(page, new RegExp(`<option value="${twins[1]}">Tvilling Navnesen \\(${esc(b.name)}\\)</option>`));

  const rows = async () => (await economy().view(network.id, 2046, actor)).released.length;
  // A person chosen and another name typed: which one was meant? Refused, both kept in the form.
  let res = await sek.post(`${base(2046)}/released?lang=en`, {
    organisationId: String(a.id),
    personId: String(twins[0]),
    personName: "Noen Annen",
    hours: "2",
    rate: "950",
  });
  assert.equal(res.statusCode, 422);
  assert.match(res.body, /href="#field-released-personName">[^<]*Choose a person from the list or write a name, not both/);
  assert.match(res.body, new RegExp(`<option value="${twins[0]}" selected`));
  assert.match(res.body, /value="Noen Annen"/);
  const api = await sek.api("POST", `/api/v1/networks/${network.slug}/budgets/2046/released`, {
    organisationId: a.id,
    personId: twins[0],
    personName: "Noen Annen",
    hours: 2,
    rate: 950,
  });
  assert.equal(api.statusCode, 422);
  assert.deepEqual(
    api.json().error.fields.map((f: { field: string }) => f.field),
    ["personName"],
  );
  // A rate typed like a salary: the error's example is a rate.
  res = await sek.post(`${base(2046)}/released?lang=en`, {
    organisationId: String(a.id),
    personName: "Per",
    hours: "2",
    rate: "1 200 000",
  });
  assert.equal(res.statusCode, 422);
  assert.match(res.body, /Write the rate in whole kroner per hour, at most 100,000, for example 950/);
  assert.doesNotMatch(res.body, /1 200 000\./);
  assert.equal(await rows(), 0, "nothing recorded");
  // The person's own name sent with the person (as the API gives a row back) is no conflict.
  const same = await sek.api("POST", `/api/v1/networks/${network.slug}/budgets/2046/released`, {
    organisationId: a.id,
    personId: twins[0],
    personName: "Tvilling Navnesen",
    hours: 1,
    rate: 950,
  });
  assert.equal(same.statusCode, 201, same.body);
  assert.ok(
    (await economy().addReleased(actor, b2046, { organisationId: String(b.id), personName: "Per", hours: "944", rate: "780" }))
      .ok,
  );
  // 945 hours in all: the count and the amount read as two figures, in each language.
  const sums: Record<string, RegExp> = {
    en: /945 hours in all, 737,270\skr\./,
    nb: /945 timer til sammen, 737\s270\skr\./,
    nn: /945 timar til saman, 737\s270\skr\./,
  };
  for (const [lang, wanted] of Object.entries(sums))
    assert.match((await sek.get(`${base(2046)}?lang=${lang}`)).body, wanted, lang);
});

test("totals count actual amounts only where they are recorded: the deviation compares those lines, and the page says how many of how many", async () => {
  const b2047 = await budget(2047, { feeMethod: "fixed", feeFixed: "1000" }, "public");
  for (const line of [
    { category: "grant", label: "Tilskudd ført", budgeted: "1000", actual: "900" },
    { category: "other_income", label: "Inntekt åpen", budgeted: "500", actual: "" },
    { category: "secretariat", label: "Kostnad ført", budgeted: "800", actual: "850" },
    { category: "projects", label: "Kostnad åpen", budgeted: "700", actual: "" },
  ])
    assert.ok((await economy().addLine(actor, b2047, line)).ok);
  const { totals } = await economy().view(network.id, 2047, actor);
  // Income: 900 recorded against its 1 000 budgeted (−100), not against 1 500 (−600).
  assert.deepEqual(totals.income, {
    budgeted: 1500,
    actual: 900,
    open: 1,
    lines: 2,
    recorded: 1,
    budgetedRecorded: 1000,
    deviation: -100,
  });
  assert.deepEqual([totals.cost.actual, totals.cost.deviation], [850, 50]);
  // The result over the recorded lines: 900 − 850 = 50, against their budgeted 1 000 − 800 = 200.
  assert.deepEqual(totals.result, { budgeted: 0, actual: 50, lines: 4, recorded: 2, deviation: -150 });
  const anonymous = new Session(t.app);
  const page = (await anonymous.get(`${base(2047)}?lang=en`)).body;
  const income = page.match(/<section[^>]*aria-labelledby="income-heading"[\s\S]*?<\/section>/)?.[0] ?? page;
  assert.match(
    income,
    /<tfoot><tr><th scope="row">Total<\/th><td><\/td><td class="numeric">1,500\skr<\/td><td class="numeric">900\skr<\/td><td class="numeric">-100\skr<\/td>/,
  );
  assert.match(page, /Actual amounts recorded for 1 of 2 lines\. The actual total and the deviation count only those lines\./);
  assert.match(page, /<dt>Result, actual<\/dt><dd>50\skr \(actual amounts recorded for 2 of 4 lines\)<\/dd>/);
  assert.match((await anonymous.get(`/n/${network.slug}/economy?lang=en`)).body, /2 of 4/);
  const api = (await anonymous.get(`/api/v1/networks/${network.slug}/budgets/2047`)).json();
  assert.deepEqual(api.income, totals.income);
  assert.deepEqual(api.result, totals.result);
  // No actual amount at all: dashes, not 0 kr.
  const b2048 = await budget(2048, { feeMethod: "fixed", feeFixed: "1000" }, "public");
  assert.ok((await economy().addLine(actor, b2048, { category: "grant", label: "Åpen", budgeted: "1000" })).ok);
  const empty = (await anonymous.get(`${base(2048)}?lang=en`)).body;
  assert.match(empty, /<dt>Result, actual<\/dt><dd>–<\/dd>/);
  assert.match(empty, /Actual amounts recorded for 0 of 1 line\./);
  assert.equal((await economy().view(network.id, 2048, actor)).totals.result.deviation, null);
});

test("the annual plan's and report's budget table: income and its total, then costs and theirs, then the result; the years as far as the annual documents'", async () => {
  const b2049 = await budget(2049, { feeMethod: "fixed", feeFixed: "1000" });
  // Entered mixed: a cost, an income, a cost, an income.
  for (const line of [
    { category: "secretariat", label: "Sekretariatet", budgeted: "800", actual: "850" },
    { category: "grant", label: "Tilskuddet", budgeted: "1000", actual: "900" },
    { category: "projects", label: "Prosjektene", budgeted: "700", actual: "" },
    { category: "other_income", label: "Annen inntekt", budgeted: "500", actual: "" },
  ])
    assert.ok((await economy().addLine(actor, b2049, line)).ok);
  const summary = (await economy().budgetSummary(network.id, 2049, actor))!;
  assert.deepEqual(
    summary.lines.map((l) => l.label),
    ["Tilskuddet", "Annen inntekt", "Sekretariatet", "Prosjektene"],
  );
  const income = { label: "economy.incomeTitle" };
  const cost = { label: "economy.costTitle" };
  const total = { label: "economy.annual.total" };
  const result = { label: "economy.annual.result" };
  assert.deepEqual(budgetAnnualTable(summary, "plan").rows, [
    [income, "Tilskuddet", 1000],
    [income, "Annen inntekt", 500],
    [income, total, 1500],
    [cost, "Sekretariatet", 800],
    [cost, "Prosjektene", 700],
    [cost, total, 1500],
    [result, null, 0],
  ]);
  // A report: actual totals over the lines that have one; the result's actual left out, and said why.
  assert.deepEqual(budgetAnnualTable(summary, "report").rows, [
    [income, "Tilskuddet", 1000, 900],
    [income, "Annen inntekt", 500, null],
    [income, total, 1500, 900],
    [cost, "Sekretariatet", 800, 850],
    [cost, "Prosjektene", 700, null],
    [cost, total, 1500, 850],
    [result, null, 0, null],
    [{ label: "economy.annual.partial" }, null, null, null],
  ]);
  for (const [id, actual] of [
    [summary.lines.findIndex((l) => l.label === "Prosjektene"), "600"],
    [summary.lines.findIndex((l) => l.label === "Annen inntekt"), "450"],
  ] as const) {
    const line = (await economy().view(network.id, 2049, actor)).lines.find((l) => l.label === summary.lines[id]!.label)!;
    assert.ok((await economy().updateLine(actor, b2049, line.id, { ...line, actual })).ok);
  }
  const complete = budgetAnnualTable((await economy().budgetSummary(network.id, 2049, actor))!, "report").rows;
  assert.deepEqual(complete.at(-1), [result, null, 0, 1350 - 1450]);

  // Through the annual plan's page: the grouped table, in the reader's language.
  const sek = await login("sek@okonomi.example");
  await sek.get(`/n/${network.slug}/annual`);
  const made = await sek.post(`/n/${network.slug}/annual`, { kind: "plan", year: "2049" });
  assert.equal(made.statusCode, 303, made.body.slice(0, 300));
  const page = (await sek.get(`/n/${network.slug}/annual/plan/2049?lang=en`)).body;
  const at = (text: string) => page.indexOf(text);
  assert.ok(at("Income or cost") > 0, "the side column");
  assert.ok(
    at("Tilskuddet") < at("Annen inntekt") &&
      at("Annen inntekt") < at("Sekretariatet") &&
      at("Sekretariatet") < at("Prosjektene"),
    "income first, then costs",
  );

  // A budget as late as an annual document may be: 2200.
  const late = await economy().create(actor, network.id, { year: "2200" });
  assert.ok(late.ok, JSON.stringify(!late.ok && late.errors));
  const tooLate = await economy().create(actor, network.id, { year: "2201" });
  assert.ok(!tooLate.ok);
  assert.deepEqual(
    tooLate.errors.map((e) => [e.field, e.key]),
    [["year", "economy.errors.year"]],
  );
  assert.equal((await sek.get(`/n/${network.slug}/economy/2200`)).statusCode, 200);
});
