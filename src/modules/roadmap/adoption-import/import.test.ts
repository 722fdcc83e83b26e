import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { and, count, eq } from "drizzle-orm";
import { PASSWORD, testAccount } from "../../../../test/support/accounts.ts";
import { createTestApp, Session, type TestApp } from "../../../../test/support/app.ts";
import { osloToday } from "../../../platform/i18n/i18n.ts";
import { adoptionHistory, adoptions } from "../schema.ts";

let t: TestApp;
let rogaland: { id: number; slug: string };
let members: { id: number; name: string; code: string | null; kind: string }[];

before(async () => {
  t = await createTestApp();
  const { networks, adoption } = t.app.services;
  rogaland = (await networks.bySlug("digi-rogaland"))!;
  members = (await adoption.repo.adopters({ networkId: rogaland.id })).filter((m) => m.kind === "municipality");
  await testAccount(t.app, t.database.db, "sek@rogaland.example", { networkId: rogaland.id, role: "secretariat" });
  const more = (await networks.bySlug("digi-more-og-romsdal"))!;
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
