import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { and, count, eq, inArray, notInArray } from "drizzle-orm";
import ExcelJS from "exceljs";
import { PASSWORD, testAccount } from "../../../../test/support/accounts.ts";
import { createTestApp, Session, type TestApp } from "../../../../test/support/app.ts";
import { csv, mapAsSuggested, preselected, textOf } from "../../../../test/support/imports.ts";
import { systemActor } from "../../../platform/access/actor.ts";
import { RowsChanged } from "../../../platform/import/importer.ts";
import { auditLog } from "../../../platform/schema.ts";
import { organisations } from "../../directory/index.ts";
import { solutions } from "../schema.ts";
import { solutionImporter } from "./import.ts";

let t: TestApp;
let rogaland: { id: number; slug: string; name: string };
let more: { id: number; slug: string; name: string };
/** A current member of Rogaland. */
let member: { id: number; name: string; code: string };
/** A current member of Møre og Romsdal that has never been a member of Rogaland. */
let outsider: { id: number; name: string };
/** Every organisation that is or was a member of Rogaland, which the catalogue's network filter counts. */
let rogalandEver: number[];

before(async () => {
  t = await createTestApp();
  const { networks } = t.app.services;
  rogaland = (await networks.bySlug("digi-rogaland"))!;
  more = (await networks.bySlug("digi-more-og-romsdal"))!;
  const members = await networks.membersOf(rogaland.id);
  rogalandEver = members.map((m) => m.organisationId);
  const first = members.find((m) => m.organisationKind === "municipality" && !m.toDate)!;
  const org = (await t.app.services.directory.organisations.byIds([first.organisationId]))[0]!;
  member = { id: org.id, name: org.name, code: org.code! };
  const other = (await networks.membersOf(more.id)).find((m) => !m.toDate && !rogalandEver.includes(m.organisationId))!;
  outsider = { id: other.organisationId, name: other.organisationName };
  await testAccount(t.app, t.database.db, "sek@rogaland.example", { networkId: rogaland.id, role: "secretariat" });
  await testAccount(t.app, t.database.db, "sek@more.example", { networkId: more.id, role: "secretariat" });
  await testAccount(t.app, t.database.db, "member@rogaland.example", { networkId: rogaland.id, role: "member" });
});
after(() => t.close());

const login = (email: string) => new Session(t.app).login(email, PASSWORD);
const solutionCount = async () => (await t.database.db.select({ n: count() }).from(solutions))[0]!.n;
const solutionAudits = async () =>
  (await t.database.db.select({ n: count() }).from(auditLog).where(eq(auditLog.entity, "solution")))[0]!.n;
const byName = async (name: string) => (await t.database.db.select().from(solutions).where(eq(solutions.name, name)))[0];

/** Uploads a file as solutions and follows the redirect to its run; answers the run's address. */
async function upload(session: Session, data: Buffer, filename: string, fields: Record<string, string> = {}) {
  const res = await session.upload(
    `/n/${rogaland.slug}/import`,
    { kind: "solutions", ...fields },
    { field: "file", filename, data },
  );
  assert.equal(res.statusCode, 303, res.body.slice(0, 2000));
  return res.headers.location as string;
}

test("the catalogue's download comes back unchanged, other owners' rows too, and an edited vendor changes only that solution", async () => {
  const sek = await login("sek@rogaland.example");
  const download = await sek.get(`/solutions.xlsx?network=${rogaland.slug}`);
  assert.equal(download.statusCode, 200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(download.rawPayload as unknown as ExcelJS.Buffer);
  const sheet = book.worksheets[0]!;
  const headers = (sheet.getRow(1).values as unknown[]).map(String);
  const rows = sheet.rowCount - 1;
  assert.ok(rows > 1);
  // What the network's members use is listed too: some rows are solutions offered outside the network.
  const current = new Set((await t.app.services.networks.currentMembersIn(t.database.db, rogaland.id)).map((m) => m.id));
  const listed = await t.database.db
    .select()
    .from(solutions)
    .where(
      inArray(
        solutions.id,
        Array.from({ length: rows }, (_, i) =>
          Number(
            String(sheet.getRow(i + 2).getCell(headers.indexOf("URL")).value)
              .split("/")
              .pop(),
          ),
        ),
      ),
    );
  assert.equal(listed.length, rows);
  assert.ok(
    listed.some((s) => !current.has(s.ownerOrganisationId)),
    "the download has a row of a solution offered outside the network",
  );
  const before = await solutionCount();
  const audits = await solutionAudits();

  // As it went out: every row found as it is, the user count left unmapped.
  const run = await upload(sek, download.rawPayload, "losninger.xlsx");
  const mapping = await sek.get(run);
  const values = preselected(mapping.body);
  assert.equal(values["field.address"], String(headers.indexOf("URL") - 1), "the URL column is the address");
  assert.equal(values["field.url"], "", "not the solution's own link");
  assert.match(mapping.body, /Kolonner i filen som ikke brukes: Brukere/);
  const preview = textOf((await mapAsSuggested(sek, run)).body);
  assert.match(
    preview,
    new RegExp(`Alle ${rows} rader kan importeres: 0 nye, 0 endres og ${rows} er som før`),
    preview.match(/må rettes[\s\S]{0,1500}/)?.[0],
  );
  assert.equal((await sek.post(`${run}/apply`, {})).statusCode, 303);
  assert.match(textOf((await sek.get(run)).body), new RegExp(`0 nye, 0 endret og ${rows} som før`));
  assert.equal(await solutionCount(), before);
  assert.equal(await solutionAudits(), audits);

  // One edit in a spreadsheet program: the vendor of a solution a member offers.
  const at = listed.findIndex((s) => current.has(s.ownerOrganisationId));
  const row = [...Array(rows).keys()]
    .map((i) => sheet.getRow(i + 2))
    .find((r) => String(r.getCell(headers.indexOf("URL")).value) === `/solutions/${listed[at]!.id}`)!;
  const original = listed[at]!;
  row.getCell(headers.indexOf("Leverandør eller utvikler")).value = "Ny leverandør AS";
  const everyOther = async () =>
    t.database.db
      .select()
      .from(solutions)
      .where(notInArray(solutions.id, [original.id]))
      .orderBy(solutions.id);
  const othersBefore = await everyOther();
  const run2 = await upload(sek, Buffer.from(await book.xlsx.writeBuffer()), "losninger-endret.xlsx");
  const preview2 = textOf((await mapAsSuggested(sek, run2)).body);
  assert.match(preview2, new RegExp(`0 nye, 1 endres og ${rows - 1} er som før`), preview2.match(/må rettes[\s\S]{0,1500}/)?.[0]);
  assert.match(preview2, new RegExp(`Leverandør eller utvikler: ${original.vendor || "–"} → Ny leverandør AS`));
  assert.equal((await sek.post(`${run2}/apply`, {})).statusCode, 303);
  const changed = (await t.database.db.select().from(solutions).where(eq(solutions.id, original.id)))[0]!;
  assert.equal(changed.vendor, "Ny leverandør AS");
  assert.deepEqual(
    { ...changed, vendor: original.vendor, updatedAt: original.updatedAt },
    original,
    "nothing else of it changed",
  );
  assert.deepEqual(await everyOther(), othersBefore, "no other solution changed");
  const [entry] = await t.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entity, "solution"), eq(auditLog.entityId, String(original.id))));
  assert.deepEqual(entry?.after, { vendor: "Ny leverandør AS" });
  assert.equal(await solutionAudits(), audits + 1);
});

test("the download in English and in nynorsk comes back as before too: origin and maturity read by their labels", async () => {
  for (const lang of ["en", "nn"] as const) {
    const sek = await login("sek@rogaland.example");
    const download = await sek.get(`/solutions.csv?network=${rogaland.slug}&lang=${lang}`);
    assert.equal(download.statusCode, 200);
    assert.ok(download.body.includes(lang === "en" ? "Kind of solution" : "Type løysing"), download.body.slice(0, 300));
    const rows = download.body.trim().split(/\r?\n/).length - 1;
    const run = await upload(sek, download.rawPayload, `solutions-${lang}.csv`);
    const preview = textOf((await mapAsSuggested(sek, run)).body);
    const expected =
      lang === "en"
        ? `All ${rows} rows can be imported: 0 new, 0 changed and ${rows} as before`
        : `Alle ${rows} rader kan importerast: 0 nye, 0 blir endra og ${rows} er som før`;
    assert.ok(preview.includes(expected), `${lang}: ${preview.match(/(rows|rader)[\s\S]{0,1500}/)?.[0]}`);
  }
});

test("a solution saved by someone else after its row was checked stops the file, and nothing of it is written", async () => {
  const importer = solutionImporter(t.app.services.networks);
  const [one, two] = await t.database.db
    .select()
    .from(solutions)
    .where(
      inArray(
        solutions.ownerOrganisationId,
        (await t.app.services.networks.currentMembersIn(t.database.db, rogaland.id)).map((m) => m.id),
      ),
    )
    .orderBy(solutions.id)
    .limit(2);
  assert.ok(one && two);
  const scope = { actor: systemActor("test"), network: rogaland, today: "2026-01-01" };
  const checked = await importer.check(t.database.db, scope, [
    { line: 2, values: { address: `/solutions/${one.id}`, vendor: "Først AS" } },
    { line: 3, values: { address: `/solutions/${two.id}`, vendor: "Så AS" } },
  ]);
  assert.deepEqual(
    checked.map((r) => [r.action, r.problems]),
    [
      ["update", []],
      ["update", []],
    ],
  );
  await t.database.db.update(solutions).set({ licence: "Endret imens" }).where(eq(solutions.id, two.id));
  await assert.rejects(
    t.database.db.transaction((tx) => importer.apply(tx, scope, checked)),
    (error: Error) => error instanceof RowsChanged,
  );
  const after = await t.database.db
    .select()
    .from(solutions)
    .where(inArray(solutions.id, [one.id, two.id]));
  assert.deepEqual(after.map((s) => s.vendor).sort(), [one.vendor, two.vendor].sort());
});

test("new solutions from a CSV: labels in any of the three languages, an owner by number; shown in the catalogue", async () => {
  const sek = await login("sek@rogaland.example");
  const before = await solutionCount();
  const run = await upload(
    sek,
    csv([
      "Navn;Tilbys av;Leverandør;Type løsning;Modenhet;Lisens;Kategori",
      `Felles innbyggerdialog;${member.code};Dialog AS;Produkt fra leverandør;I drift;proprietary;Dialog`,
      `Åpen møteplanlegger;${member.name};;Open source;In development;EUPL-1.2;`,
      `Gammal timebok;${member.code};Gamle AS;Teneste;Blir fasa ut;;`,
    ]),
    "nye.csv",
  );
  const preview = textOf((await mapAsSuggested(sek, run)).body);
  assert.match(preview, /Alle 3 rader kan importeres: 3 nye/, preview.match(/må rettes[\s\S]{0,1500}/)?.[0]);
  assert.equal((await sek.post(`${run}/apply`, {})).statusCode, 303);
  assert.equal(await solutionCount(), before + 3);
  const first = (await byName("Felles innbyggerdialog"))!;
  assert.equal(first.ownerOrganisationId, member.id);
  assert.equal(first.vendor, "Dialog AS");
  assert.equal(first.origin, "product");
  assert.equal(first.maturity, "stable");
  assert.equal(first.licence, "proprietary");
  assert.equal(first.category, "Dialog");
  assert.equal(first.maintenanceType, "contract", "the form's choice where the file has no column");
  const second = (await byName("Åpen møteplanlegger"))!;
  assert.equal(second.origin, "open_source");
  assert.equal(second.maturity, "development");
  const third = (await byName("Gammal timebok"))!;
  assert.equal(third.origin, "service");
  assert.equal(third.maturity, "obsolete");
  const audit = await t.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entity, "solution"), eq(auditLog.entityId, String(first.id)), eq(auditLog.action, "create")));
  assert.equal(audit.length, 1);

  // The catalogue shows them, to anyone, and its page of each opens.
  const catalogue = await new Session(t.app).get(`/solutions?owner=${member.id}`);
  assert.equal(catalogue.statusCode, 200);
  for (const name of ["Felles innbyggerdialog", "Åpen møteplanlegger", "Gammal timebok"])
    assert.match(textOf(catalogue.body), new RegExp(name));
  assert.equal((await new Session(t.app).get(`/solutions/${first.id}`)).statusCode, 200);

  // The same file again, next month: each row finds the solution it made by its name.
  const again = await upload(
    sek,
    csv(["Navn;Tilbys av;Modenhet", `Felles innbyggerdialog;${member.code};Utprøving`, `Gammal timebok;${member.code};Utfases`]),
    "neste-maned.csv",
  );
  assert.match(textOf((await mapAsSuggested(sek, again)).body), /Alle 2 rader kan importeres: 0 nye, 1 endres og 1 er som før/);
  await sek.post(`${again}/apply`, {});
  assert.equal((await byName("Felles innbyggerdialog"))!.maturity, "beta");
});

test("every bad row is named with its reason, and nothing is written", async () => {
  const sek = await login("sek@rogaland.example");
  const [elsewhere] = await t.database.db
    .select({ id: solutions.id, name: solutions.name, vendor: solutions.vendor, owner: organisations.name })
    .from(solutions)
    .innerJoin(organisations, eq(organisations.id, solutions.ownerOrganisationId))
    .where(notInArray(solutions.ownerOrganisationId, rogalandEver))
    .limit(1);
  assert.ok(elsewhere, "a solution offered outside the network");
  const before = await solutionCount();
  const audits = await solutionAudits();
  const run = await upload(
    sek,
    csv([
      "URL;Navn;Tilbys av;Leverandør;Modenhet",
      `;God løsning;${member.code};;I drift`,
      ";Ukjent eier;Ukjent organisasjon AS;;I drift",
      `;Eier utenfor;${outsider.name};;I drift`,
      `;Ukjent modenhet;${member.code};;Kanskje`,
      `;God løsning;${member.code};;I drift`,
      `/solutions/${elsewhere.id};${elsewhere.name};${elsewhere.owner};Endret leverandør AS;`,
      `/solutions/99999999;Finnes ikke;${member.code};;`,
      `;;${member.code};;`,
    ]),
    "feil.csv",
  );
  const preview = await mapAsSuggested(sek, run);
  assert.equal(preview.statusCode, 200);
  const body = textOf(preview.body);
  assert.match(body, /7 av 8 rader må rettes før noe kan importeres/);
  assert.match(body, /Tilbys av: Ingen organisasjon heter «Ukjent organisasjon AS»/);
  assert.match(body, new RegExp(`Tilbys av: «${outsider.name}» er ikke medlem av ${rogaland.name}`));
  assert.match(body, /Modenhet: «Kanskje» er ikke en modenhet/);
  assert.match(body, /Navn: Står også på linje 2/);
  assert.match(
    body,
    new RegExp(`«${elsewhere.name}» tilhører ${elsewhere.owner}, utenfor ${rogaland.name}: den kan bare endres av eieren`),
  );
  assert.match(body, /Løsningen \/solutions\/99999999 finnes ikke i katalogen/);
  assert.match(body, /Navn: Fyll ut feltet/);
  // Sent anyway: refused, and nothing written.
  assert.equal((await sek.post(`${run}/apply`, {})).statusCode, 422);
  assert.equal(await solutionCount(), before);
  assert.equal(await solutionAudits(), audits);
  assert.equal(await byName("God løsning"), undefined);
  assert.equal((await t.database.db.select().from(solutions).where(eq(solutions.id, elsewhere.id)))[0]!.vendor, elsewhere.vendor);

  // Without the address, the row is found by its name, and refused the same way.
  const byItsName = await upload(
    sek,
    csv(["Navn;Tilbys av;Leverandør", `${elsewhere.name};${member.code};${elsewhere.vendor}`]),
    "navn.csv",
  );
  const named = textOf((await mapAsSuggested(sek, byItsName)).body);
  assert.match(named, /1 av 1 rad(er)? må rettes/);
  assert.match(named, new RegExp(`tilhører ${elsewhere.owner}, utenfor ${rogaland.name}`));
});

test("only the network's own secretariat imports solutions", async () => {
  const sek = await login("sek@rogaland.example");
  const run = await upload(sek, csv(["Navn;Tilbys av", `Hemmelig løsning;${member.code}`]), "hemmelig.csv");
  const other = await login("sek@more.example");
  assert.equal((await other.get(`/n/${rogaland.slug}/import`)).statusCode, 403);
  assert.equal((await other.get(run)).statusCode, 403);
  assert.equal((await other.post(`${run}/apply`, {})).statusCode, 403);
  const plain = await login("member@rogaland.example");
  assert.equal((await plain.get(`/n/${rogaland.slug}/import`)).statusCode, 403);
  assert.equal((await plain.get(`${run}/preview`)).statusCode, 403);
  assert.equal((await plain.post(`${run}/apply`, {})).statusCode, 403);
  assert.equal(await byName("Hemmelig løsning"), undefined);
  // The secretariat is offered the kind, with its template.
  assert.match((await sek.get(`/n/${rogaland.slug}/import`)).body, /value="solutions"/);
  assert.equal((await sek.get(`/n/${rogaland.slug}/import/template/solutions.xlsx`)).statusCode, 200);
});
