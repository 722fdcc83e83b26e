import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { and, count, eq, isNull, notInArray } from "drizzle-orm";
import ExcelJS from "exceljs";
import { PASSWORD, testAccount } from "../../../../test/support/accounts.ts";
import { createTestApp, Session, type TestApp } from "../../../../test/support/app.ts";
import { csv, mapAsSuggested, preselected, textOf } from "../../../../test/support/imports.ts";
import { auditLog } from "../../../platform/schema.ts";
import { measureReports, measures, strategies } from "../schema.ts";

let t: TestApp;
let rogaland: { id: number; slug: string; name: string };
let more: { id: number; slug: string; name: string };
/** A member of Rogaland today without a strategy, and one with the demo data's adopted strategy. */
let plain: { id: number; name: string; code: string };
let withStrategy: { id: number; name: string; code: string };

before(async () => {
  t = await createTestApp();
  const { networks, directory } = t.app.services;
  rogaland = (await networks.bySlug("digi-rogaland"))!;
  more = (await networks.bySlug("digi-more-og-romsdal"))!;
  const current = (await networks.membersOf(rogaland.id)).filter((m) => m.organisationKind === "municipality" && !m.toDate);
  const owners = new Set(
    (await t.database.db.select({ id: strategies.organisationId }).from(strategies)).map((s) => s.id).filter((id) => id !== null),
  );
  const orgs = await directory.organisations.byIds(current.map((m) => m.organisationId));
  const pick = (o: (typeof orgs)[number]) => ({ id: o.id, name: o.name, code: o.code! });
  plain = pick(orgs.find((o) => !owners.has(o.id))!);
  withStrategy = pick(orgs.find((o) => owners.has(o.id))!);
  await testAccount(t.app, t.database.db, "sek@rogaland.example", { networkId: rogaland.id, role: "secretariat" });
  await testAccount(t.app, t.database.db, "sek@more.example", { networkId: more.id, role: "secretariat" });
  await testAccount(t.app, t.database.db, "member@rogaland.example", {
    networkId: rogaland.id,
    role: "member",
    organisationIds: [plain.id],
  });
});
after(() => t.close());

const login = (email: string) => new Session(t.app).login(email, PASSWORD);
const measureCount = async () => (await t.database.db.select({ n: count() }).from(measures))[0]!.n;
const audits = async () =>
  (await t.database.db.select({ n: count() }).from(auditLog).where(eq(auditLog.entity, "measure")))[0]!.n;
const strategiesOf = (organisationId: number) =>
  t.database.db.select().from(strategies).where(eq(strategies.organisationId, organisationId));
const measuresOf = (strategyId: number) => t.database.db.select().from(measures).where(eq(measures.strategyId, strategyId));

/** Uploads a file as strategies and measures and follows the redirect to its run; answers the run's address. */
async function upload(session: Session, data: Buffer, filename: string, network = rogaland) {
  const res = await session.upload(`/n/${network.slug}/import`, { kind: "strategy-measures" }, { field: "file", filename, data });
  assert.equal(res.statusCode, 303, res.body.slice(0, 2000));
  return res.headers.location as string;
}

/** Confirms the suggested mapping, and answers the preview page's text. */
async function previewText(session: Session, run: string) {
  const preview = await mapAsSuggested(session, run);
  assert.equal(preview.statusCode, 200, preview.body.slice(0, 3000));
  return textOf(preview.body);
}

/** A workbook's first sheet as rows of cell values, the header first. */
async function sheetOf(data: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(data as unknown as ExcelJS.Buffer);
  return { book, sheet: book.worksheets[0]! };
}

test("a strategy's action plan downloaded comes back as it went out; a status edited is reported, content of an adopted plan refused", async () => {
  const sek = await login("sek@rogaland.example");
  const [adopted] = (await strategiesOf(withStrategy.id)).filter((s) => s.status === "adopted");
  assert.ok(adopted, "the demo data gives the member an adopted strategy");
  const [shared] = await t.database.db
    .select()
    .from(strategies)
    .where(and(eq(strategies.networkId, rogaland.id), isNull(strategies.organisationId)));
  assert.ok(shared, "and the network a shared draft");
  const before = await measureCount();
  const auditsBefore = await audits();

  for (const strategy of [adopted, shared]) {
    for (const lang of ["nb", "en"]) {
      // Read by anyone, in their language: an English reader's file maps as well as a Norwegian's.
      const download = await new Session(t.app).get(`/strategies/${strategy.id}/plan.xlsx?lang=${lang}`);
      assert.equal(download.statusCode, 200);
      const n = (await measuresOf(strategy.id)).length;
      assert.ok(n > 0);
      const run = await upload(sek, download.rawPayload, `plan-${lang}.xlsx`);
      const page = await sek.get(run);
      const mapping = preselected(page.body);
      for (const field of ["address", "owner", "strategy", "period", "focusArea", "title", "status", "deadline", "years"])
        assert.notEqual(mapping[`field.${field}`], "", `${field} is mapped from the ${lang} download`);
      const preview = await previewText(sek, run);
      assert.match(
        preview,
        new RegExp(`Alle ${n} rader kan importeres: 0 nye, 0 endres og ${n} er som før`),
        preview.slice(0, 3000),
      );
      assert.equal((await sek.post(`${run}/apply`, {})).statusCode, 303);
    }
  }
  assert.equal(await measureCount(), before);
  assert.equal(await audits(), auditsBefore, "nothing written for rows as before");

  // The adopted plan with one status changed in a spreadsheet program: that measure is reported.
  const download = await sek.get(`/strategies/${adopted.id}/plan.xlsx`);
  const { book, sheet } = await sheetOf(download.rawPayload);
  const headers = (sheet.getRow(1).values as unknown[]).map(String);
  const row = sheet.getRow(2);
  const measureId = Number(
    String(row.getCell(headers.indexOf("URL")).value)
      .split("-")
      .pop(),
  );
  const original = (await t.database.db.select().from(measures).where(eq(measures.id, measureId)))[0]!;
  const newStatus = original.status === "dropped" ? "Pågår" : "Avbrutt";
  row.getCell(headers.indexOf("Status")).value = newStatus;
  row.getCell(headers.indexOf("Kommentar")).value = "Lagt bort i importen";
  const run = await upload(sek, Buffer.from(await book.xlsx.writeBuffer()), "plan-endret.xlsx");
  const preview = await previewText(sek, run);
  assert.match(preview, /0 nye, 1 endres og \d+ er som før/);
  assert.match(preview, new RegExp(`Status: [^→]+ → ${newStatus}`));
  const reportsBefore = (await t.database.db.select().from(measureReports).where(eq(measureReports.measureId, measureId))).length;
  assert.equal((await sek.post(`${run}/apply`, {})).statusCode, 303);
  const reported = (await t.database.db.select().from(measures).where(eq(measures.id, measureId)))[0]!;
  assert.equal(reported.status, original.status === "dropped" ? "in_progress" : "dropped");
  assert.equal(reported.statusComment, "Lagt bort i importen");
  assert.equal(reported.description, original.description);
  const reports = await t.database.db.select().from(measureReports).where(eq(measureReports.measureId, measureId));
  assert.equal(reports.length, reportsBefore + 1, "kept as a status report");

  // Content of an adopted strategy is frozen, as on its page.
  row.getCell(headers.indexOf("Konkret mål")).value = "Eit nytt mål";
  const frozen = await previewText(sek, await upload(sek, Buffer.from(await book.xlsx.writeBuffer()), "plan-mal.xlsx"));
  assert.match(frozen, /1 av \d+ rader må rettes/);
  assert.match(frozen, /Strategi: «[^»]+» er vedtatt: tiltakene kan bare få ny status og kommentar/);
});

test("new measures from a CSV: a new strategy for a member made as a draft, a measure added to the network's shared draft", async () => {
  const sek = await login("sek@rogaland.example");
  const [shared] = await t.database.db
    .select()
    .from(strategies)
    .where(and(eq(strategies.networkId, rogaland.id), isNull(strategies.organisationId)));
  const area = (await t.app.services.strategies.repo.focusAreasOf(shared!.id))[0]!;
  const sharedBefore = (await measuresOf(shared!.id)).length;
  const run = await upload(
    sek,
    csv([
      "Medlem;Strategi;Periode;Innsatsområde;Tiltak;Konkret mål;Ansvarlig;Frist;År;Status;Kommentar",
      `${plain.code};Digital kommune;2026–2029;;Felles sak- og arkivsystem;Eitt arkiv;IKT-leiar;01.06.2027;2026, 2027;Pågår;Anskaffing er i gang`,
      `${plain.name};Digital kommune;2026–2029;;Digital postkasse;;;2028;;;`,
      `${rogaland.name};${shared!.title};;${area.title};Felles kompetanseløft;;${plain.name}, arbeidsutvalet;2027;;Ikke startet;`,
    ]),
    "tiltak.csv",
  );
  const preview = await previewText(sek, run);
  assert.match(preview, /Alle 3 rader kan importeres: 3 nye, 0 endres og 0 er som før/, preview.slice(0, 3000));
  assert.equal((await sek.post(`${run}/apply`, {})).statusCode, 303);
  assert.match(textOf((await sek.get(run)).body), /3 nye, 0 endret og 0 som før/);

  const [made] = await strategiesOf(plain.id);
  assert.ok(made);
  assert.equal(made.title, "Digital kommune");
  assert.equal(made.status, "draft");
  assert.deepEqual([made.firstYear, made.lastYear], [2026, 2029]);
  const list = await measuresOf(made.id);
  assert.deepEqual(
    list.map((m) => m.description),
    ["Felles sak- og arkivsystem", "Digital postkasse"],
  );
  const first = list[0]!;
  assert.equal(first.status, "in_progress");
  assert.equal(first.statusComment, "Anskaffing er i gang");
  assert.equal(first.deadlineDate, "2027-06-01");
  assert.deepEqual(first.years, [2026, 2027]);
  assert.equal(first.responsible, "IKT-leiar");
  assert.equal(list[1]!.deadlineYear, 2028);
  assert.equal((await t.database.db.select().from(measureReports).where(eq(measureReports.measureId, first.id))).length, 1);
  const added = (await measuresOf(shared!.id)).find((m) => m.description === "Felles kompetanseløft")!;
  assert.equal(added.focusAreaId, area.id);
  assert.equal(added.responsibleOrganisationId, plain.id);
  assert.equal(added.responsible, "arbeidsutvalet");
  assert.equal(added.position, sharedBefore);

  // On the strategy's page for everyone to see, and its download comes back as it went out.
  const page = await new Session(t.app).get(`/strategies/${made.id}`);
  assert.equal(page.statusCode, 200);
  assert.match(textOf(page.body), /Felles sak- og arkivsystem/);
  const again = await upload(sek, (await sek.get(`/strategies/${made.id}/plan.xlsx`)).rawPayload, "ny-plan.xlsx");
  assert.match(await previewText(sek, again), /Alle 2 rader kan importeres: 0 nye, 0 endres og 2 er som før/);
  // The same file again finds the measures by their titles: nothing new.
  const same = await upload(
    sek,
    csv(["Medlem;Strategi;Tiltak;Frist", `${plain.code};Digital kommune;Digital postkasse;2029`]),
    "igjen.csv",
  );
  const changed = await previewText(sek, same);
  assert.match(changed, /0 nye, 1 endres og 0 er som før/);
  assert.match(changed, /Frist: 2028 → 2029/);
});

test("every bad row is named with its reason, and nothing is written", async () => {
  const sek = await login("sek@rogaland.example");
  const [adopted] = (await strategiesOf(withStrategy.id)).filter((s) => s.status === "adopted");
  const ours = new Set((await t.app.services.networks.currentMembersIn(t.database.db, rogaland.id)).map((m) => m.id));
  const otherMember = (await t.app.services.networks.currentMembersIn(t.database.db, more.id)).find((m) => !ours.has(m.id))!;
  const measuresBefore = await measureCount();
  const strategiesBefore = (await t.database.db.select({ n: count() }).from(strategies))[0]!.n;
  const run = await upload(
    sek,
    csv([
      "Medlem;Strategi;Periode;Tiltak;Frist;Status",
      `${plain.code};Ny plan;2026–2029;Godt tiltak;;`,
      `Ukjent kommune;Ny plan;2026–2029;Ukjent eier;;`,
      `${otherMember.name};Ny plan;2026–2029;Ikke medlem;;`,
      `${plain.code};Ny plan;2026–2029;Dårlig dato;31.02.2027;`,
      `${plain.code};Ny plan;2026–2029;Ukjent status;;Kanskje`,
      `${plain.code};Ny plan;2026–2029;Godt tiltak;;`,
      `${plain.code};Plan uten periode;;Noe;;`,
      `${withStrategy.code};${adopted!.title};;Nytt i en vedtatt plan;;`,
      `${plain.code};Ny plan;2026–2029;;;`,
    ]),
    "feil.csv",
  );
  const body = await previewText(sek, run);
  assert.match(body, /8 av 9 rader må rettes før noe kan importeres/);
  assert.match(body, new RegExp(`Eier: «Ukjent kommune» er ikke medlem av ${rogaland.name}`));
  assert.match(body, new RegExp(`Eier: «${otherMember.name}» er ikke medlem av ${rogaland.name}`));
  assert.match(body, /Frist: «31.02.2027» er ikke en frist/);
  assert.match(body, /Status: «Kanskje» er ikke en status for tiltak/);
  assert.match(body, /Tiltak: Står også på linje 2/);
  assert.match(body, new RegExp(`Strategi: ${plain.name} har ingen strategi som heter «Plan uten periode»`));
  assert.match(body, /Strategi: «[^»]+» er vedtatt/);
  assert.match(body, /Tiltak: Fyll ut feltet/);
  // Sent anyway: refused, and nothing written.
  assert.equal((await sek.post(`${run}/apply`, {})).statusCode, 422);
  assert.equal(await measureCount(), measuresBefore);
  assert.equal((await t.database.db.select({ n: count() }).from(strategies))[0]!.n, strategiesBefore);

  // An English file's words are read too; a measure of another network's member is not this network's.
  const [elsewhere] = await t.database.db
    .select({ id: measures.id, strategyId: measures.strategyId })
    .from(measures)
    .innerJoin(strategies, eq(strategies.id, measures.strategyId))
    .where(notInArray(strategies.organisationId, [...ours]))
    .limit(1);
  assert.ok(elsewhere, "the demo data gives other networks' members strategies");
  {
    const english = await upload(
      sek,
      csv(["URL,Owner,Strategy,Measure", `/strategies/${elsewhere.strategyId}#measure-${elsewhere.id},${plain.code},X,Y`]),
      "other.csv",
    );
    assert.match(
      await previewText(sek, english),
      new RegExp(`Tiltaket /strategies/${elsewhere.strategyId}#measure-${elsewhere.id} finnes ikke`),
    );
  }
});

test("only the network's own secretariat imports strategies and measures into it", async () => {
  const data = csv(["Medlem;Strategi;Periode;Tiltak", `${plain.code};Hemmeleg plan;2026–2029;Hemmeleg tiltak`]);
  const sek = await login("sek@rogaland.example");
  const run = await upload(sek, data, "hemmeleg.csv");
  for (const email of ["sek@more.example", "member@rogaland.example"]) {
    const other = await login(email);
    const res = await other.upload(
      `/n/${rogaland.slug}/import`,
      { kind: "strategy-measures" },
      { field: "file", filename: "x.csv", data },
    );
    assert.equal(res.statusCode, 403, email);
    assert.equal((await other.get(`/n/${rogaland.slug}/import`)).statusCode, 403, email);
    assert.equal((await other.get(`${run}/preview`)).statusCode, 403, email);
    assert.equal((await other.post(`${run}/apply`, {})).statusCode, 403, email);
  }
  assert.equal((await strategiesOf(plain.id)).filter((s) => s.title === "Hemmeleg plan").length, 0);
});
