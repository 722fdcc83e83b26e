import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { and, count, eq, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { PASSWORD, testAccount } from "../../../test/support/accounts.ts";
import { createTestApp, Session, type TestApp } from "../../../test/support/app.ts";
import { csv, mapAsSuggested, preselected, textOf, workbook } from "../../../test/support/imports.ts";
import { systemActor } from "../../platform/access/actor.ts";
import type { Result } from "../../platform/http/errors.ts";
import { auditLog } from "../../platform/schema.ts";
import { projectParticipants, projectPhaseChanges, projects, statusReports } from "../projects/index.ts";
import { importRuns } from "./schema.ts";

let t: TestApp;
let rogaland: { id: number; slug: string; name: string };
let more: { id: number; slug: string; name: string };
let member: { id: number; name: string; code: string };

before(async () => {
  t = await createTestApp();
  const { networks } = t.app.services;
  rogaland = (await networks.bySlug("digi-rogaland"))!;
  more = (await networks.bySlug("digi-more-og-romsdal"))!;
  const members = await networks.membersOf(rogaland.id);
  const first = members.find((m) => m.organisationKind === "municipality" && !m.toDate)!;
  const org = (await t.app.services.directory.organisations.byIds([first.organisationId]))[0]!;
  member = { id: org.id, name: org.name, code: org.code! };
  await testAccount(t.app, t.database.db, "sek@rogaland.example", { networkId: rogaland.id, role: "secretariat" });
  await testAccount(t.app, t.database.db, "sek@more.example", { networkId: more.id, role: "secretariat" });
  await testAccount(t.app, t.database.db, "member@rogaland.example", { networkId: rogaland.id, role: "member" });
});
after(() => t.close());

const must = <T>(result: Result<T>): T => {
  assert.ok(result.ok, JSON.stringify(result));
  return result.value;
};
const login = (email: string) => new Session(t.app).login(email, PASSWORD);
const projectCount = async (networkId: number) =>
  (await t.database.db.select({ n: count() }).from(projects).where(eq(projects.networkId, networkId)))[0]!.n;
const byTitle = async (title: string) =>
  (
    await t.database.db
      .select()
      .from(projects)
      .where(and(eq(projects.networkId, rogaland.id), eq(projects.title, title)))
  )[0];

/** Uploads a file and follows the redirect to its run; answers the run's address. */
async function upload(session: Session, data: Buffer, filename: string, fields: Record<string, string> = {}) {
  const res = await session.upload(
    `/n/${rogaland.slug}/import`,
    { kind: "projects", ...fields },
    { field: "file", filename, data },
  );
  assert.equal(res.statusCode, 303, res.body.slice(0, 2000));
  return res.headers.location as string;
}

test("the portfolio's own download comes back unchanged, and an edited value changes only that", async () => {
  const sek = await login("sek@rogaland.example");
  const download = await sek.get(`/projects.xlsx?network=${rogaland.slug}`);
  assert.equal(download.statusCode, 200);
  const before = await projectCount(rogaland.id);
  const audits = (await t.database.db.select({ n: count() }).from(auditLog).where(eq(auditLog.entity, "project")))[0]!.n;
  // As it went out: every row found as it is.
  const run = await upload(sek, download.rawPayload, "projects.xlsx");
  const preview = await mapAsSuggested(sek, run);
  assert.equal(preview.statusCode, 200, preview.body.slice(0, 3000));
  assert.match(preview.body, new RegExp(`Alle ${before} rader kan importeres: 0 nye, 0 endres og ${before} er som før`));
  const applied = await sek.post(`${run}/apply`, {});
  assert.equal(applied.statusCode, 303);
  const report = await sek.get(run);
  assert.match(report.body, new RegExp(`0 nye, 0 endret og ${before} som før`));
  assert.equal(await projectCount(rogaland.id), before);
  assert.equal((await t.database.db.select({ n: count() }).from(auditLog).where(eq(auditLog.entity, "project")))[0]!.n, audits);

  // One edit in a spreadsheet program: the phase and budget of one project.
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(download.rawPayload as unknown as ExcelJS.Buffer);
  const sheet = book.worksheets[0]!;
  const headers = (sheet.getRow(1).values as unknown[]).map(String);
  const row = sheet.getRow(2);
  const title = String(row.getCell(headers.indexOf("Tittel")).value);
  row.getCell(headers.indexOf("Fase")).value = "Gjennomføring";
  row.getCell(headers.indexOf("Budsjett")).value = 4_321_000;
  const edited = Buffer.from(await book.xlsx.writeBuffer());
  const original = (await byTitle(title))!;
  const phaseEvents = async (id: number) =>
    (
      (await t.database.db.execute(
        sql`select count(*)::int as n from activity_events where kind = 'project' and record_id = ${id} and type = 'phase_changed'`,
      )) as unknown as { rows: { n: number }[] }
    ).rows[0]!.n;
  const phaseEventsBefore = await phaseEvents(original.id);
  const run2 = await upload(sek, edited, "projects-edited.xlsx");
  const preview2 = await mapAsSuggested(sek, run2);
  assert.match(preview2.body, new RegExp(`0 nye, 1 endres og ${before - 1} er som før`));
  // The preview says what the update changes, in the reader's words.
  const changes = textOf(preview2.body);
  assert.match(changes, /Fase: [^→]+ → Gjennomføring/);
  assert.match(changes, /Budsjett: [\d–]+ → 4321000/);
  await sek.post(`${run2}/apply`, {});
  const changed = (await byTitle(title))!;
  assert.equal(changed.phase, "execution");
  assert.equal(changed.budget, 4_321_000);
  assert.equal(changed.summary, original.summary, "a field the file does not have is kept");
  assert.equal(changed.visibility, original.visibility);
  assert.equal(changed.version, original.version + 1);
  assert.notEqual(original.phase, "execution", "the demo project chosen moves to another phase");
  const phases = await t.database.db.select().from(projectPhaseChanges).where(eq(projectPhaseChanges.projectId, changed.id));
  assert.ok(phases.some((p) => p.fromPhase === original.phase && p.toPhase === "execution"));
  // Its followers hear of it, as of a phase changed on the project's page.
  assert.equal(await phaseEvents(changed.id), phaseEventsBefore + 1);
  // Applying again does nothing more: the run shows its report.
  const again = await sek.post(`${run2}/apply`, {});
  assert.equal(again.statusCode, 303);
  assert.equal((await byTitle(title))!.version, changed.version);
});

test("new projects from a Norwegian CSV: dates, amounts, an owner by number; made with their phase and lead", async () => {
  const sek = await login("sek@rogaland.example");
  const run = await upload(
    sek,
    csv([
      "Tittel;Eier;Fase;Startdato;Sluttdato;Budsjett;Stikkord;Synlighet",
      `Felles arkivplan;${member.code};Planlegging;01.02.2027;2027-12-31;1 200 000 kr;arkiv, noark;Offentlig`,
      "Digital postkasse for lag;;Idé;;;;;",
    ]),
    "nye.csv",
  );
  const preview = await mapAsSuggested(sek, run, { saveAs: "Min mal" });
  assert.match(preview.body, /Alle 2 rader kan importeres: 2 nye/);
  await sek.post(`${run}/apply`, {});
  const made = (await byTitle("Felles arkivplan"))!;
  assert.equal(made.ownerOrganisationId, member.id);
  assert.equal(made.phase, "planning");
  assert.equal(made.startDate, "2027-02-01");
  assert.equal(made.budget, 1_200_000);
  assert.deepEqual(made.tags, ["arkiv", "noark"]);
  assert.equal(made.visibility, "public");
  const second = (await byTitle("Digital postkasse for lag"))!;
  assert.equal(second.visibility, "network", "without the column, a new project is the network's only");
  assert.equal(second.ownerOrganisationId, null);
  const lead = await t.database.db.select().from(projectParticipants).where(eq(projectParticipants.projectId, made.id));
  assert.deepEqual(
    lead.map((l) => [l.organisationId, l.role]),
    [[member.id, "lead"]],
  );
  const phase = await t.database.db.select().from(projectPhaseChanges).where(eq(projectPhaseChanges.projectId, made.id));
  assert.deepEqual(
    phase.map((p) => [p.fromPhase, p.toPhase]),
    [[null, "planning"]],
  );
  // The project page shows it to the public.
  const page = await new Session(t.app).get(`/projects/${made.id}`);
  assert.equal(page.statusCode, 200);

  // The saved mapping reads a file whose columns come in another order.
  const start = await sek.get(`/n/${rogaland.slug}/import`);
  const saved = start.body.match(/value="(saved:\d+)"[^>]*>Prosjekter: Lagret kobling: Min mal/)?.[1];
  assert.ok(saved, "the saved mapping is offered");
  const run2 = await upload(sek, csv(["Synlighet;Budsjett;Tittel", "Nettverket;5000;Tredje prosjekt"]), "omvendt.csv", {
    mapping: saved,
  });
  const page2 = await sek.get(run2);
  const values = preselected(page2.body);
  assert.equal(values["field.title"], "2");
  assert.equal(values["field.budget"], "1");
  assert.equal(values["field.visibility"], "0");
});

test("every bad row is named with its reason, and nothing is written", async () => {
  const sek = await login("sek@rogaland.example");
  const otherProject = (await t.database.db.select().from(projects).where(eq(projects.networkId, more.id)).limit(1))[0]!;
  const [existing, second] = await t.database.db.select().from(projects).where(eq(projects.networkId, rogaland.id)).limit(2);
  assert.ok(existing && second);
  const before = await projectCount(rogaland.id);
  const runsBefore = (await t.database.db.select({ n: count() }).from(importRuns))[0]!.n;
  const run = await upload(
    sek,
    csv([
      "URL;Tittel;Eier;Fase;Startdato;Budsjett;Nettverk",
      ";Godt prosjekt;;Idé;;;",
      ";Ukjent eier;Oslo kommune;Idé;;;",
      ";Dårlig dato;;Idé;31.02.2027;;",
      ";Ukjent fase;;Kanskje;;;",
      ";Dårlig beløp;;Idé;;mange penger;",
      ";Godt prosjekt;;Idé;;;",
      `/projects/${second.id};${existing.title};;Idé;;;`,
      `/projects/${otherProject.id};Fra et annet nettverk;;Idé;;;`,
      ";Feil nettverk;;Idé;;;Digi Møre og Romsdal",
      ";;;Idé;;;",
    ]),
    "feil.csv",
  );
  const preview = await mapAsSuggested(sek, run);
  assert.equal(preview.statusCode, 200);
  const body = textOf(preview.body);
  assert.match(body, /9 av 10 rader må rettes før noe kan importeres/);
  assert.match(body, /Eier: «Oslo kommune» er ikke medlem av Digi Rogaland/);
  assert.match(body, /Startdato: «31.02.2027» er ikke en dato/);
  assert.match(body, /Fase: «Kanskje» er ikke en fase/);
  assert.match(body, /Budsjett: «mange penger» er ikke et beløp/);
  assert.match(body, /Tittel: Står også på linje 2/);
  assert.match(body, /Et annet prosjekt i nettverket heter allerede/);
  assert.match(body, new RegExp(`Prosjektet /projects/${otherProject.id} finnes ikke i dette nettverket`));
  assert.match(body, /Raden hører til Digi Møre og Romsdal/);
  assert.match(body, /Tittel: Fyll ut feltet/);
  assert.doesNotMatch(body, /name="_csrf"[^>]*>\s*<button[^>]*>Importer</, "no button to import");
  // Sent anyway: refused, nothing written, the run still to be applied.
  const forced = await sek.post(`${run}/apply`, {});
  assert.equal(forced.statusCode, 422);
  assert.equal(await projectCount(rogaland.id), before);
  assert.equal((await t.database.db.select({ n: count() }).from(importRuns))[0]!.n, runsBefore + 1);
  assert.equal(
    (
      await t.database.db
        .select()
        .from(importRuns)
        .where(eq(importRuns.id, Number(run.split("/").pop())))
    )[0]!.state,
    "mapping",
  );
});

test("files that cannot be read, and mappings that leave out what is required, are refused with their reason", async () => {
  const sek = await login("sek@rogaland.example");
  const refused = async (data: Buffer, filename: string, text: RegExp, fields: Record<string, string> = { kind: "projects" }) => {
    const res = await sek.upload(`/n/${rogaland.slug}/import`, fields, { field: "file", filename, data });
    assert.equal(res.statusCode, 422, filename);
    assert.match(res.body, text);
  };
  await refused(Buffer.from("Tittel;Fase\r\nBø;Idé\r\n", "latin1"), "latin1.csv", /ikke lagret som UTF-8/);
  await refused(csv(["Tittel;Fase"]), "tom.csv", /ingen rader under overskriftene/);
  await refused(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64)]), "odelagt.xlsx", /kan ikke leses/);
  await refused(Buffer.alloc(0), "ingenting.csv", /Velg en fil å laste opp/);
  // One far-away cell makes a sheet long or wide: refused without reading every empty cell before it.
  const far = async (row: number, column: number) => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("Ark1");
    sheet.getCell(1, 1).value = "Tittel";
    sheet.getCell(row, column).value = "x";
    return Buffer.from(await book.xlsx.writeBuffer());
  };
  await refused(await far(25_000, 1), "lang.xlsx", /mer enn 20\D?000 rader/);
  await refused(await far(2, 300), "bred.xlsx", /mer enn 200 kolonner/);
  await refused(csv(["Tittel", "X"]), "ukjent.csv", /Hva vil du importere\?[\s\S]*ds-validation-message/, { kind: "spaceships" });
  await refused(csv(["Tittel", "X"]), "feil-kobling.csv", /Koblingen du valgte, er for en annen type data/, {
    kind: "needs",
    mapping: "preset:prosjektportalen-365",
  });

  const run = await upload(sek, csv(["Navn på tiltak;Fase", "Noe;Idé"]), "uten-tittel.csv");
  const page = await sek.get(run);
  assert.equal(preselected(page.body)["field.title"], "", "no header is a title");
  assert.match(page.body, /Kolonner i filen som ikke brukes: Navn på tiltak/);
  const unmapped = await sek.post(`${run}/mapping`, { ...preselected(page.body) });
  assert.equal(unmapped.statusCode, 422);
  assert.match(unmapped.body, /Velg kolonnen for dette feltet/);
  const outside = await sek.post(`${run}/mapping`, { ...preselected(page.body), "field.title": "7" });
  assert.equal(outside.statusCode, 422);
  const right = await sek.post(`${run}/mapping`, { ...preselected(page.body), "field.title": "0" });
  assert.equal(right.statusCode, 303);
});

test("a project list exported from Prosjektportalen 365 is read with its column names, phases and date cells", async () => {
  const sek = await login("sek@rogaland.example");
  const data = await workbook([
    [
      "Tittel",
      "Fase",
      "Tjenesteområde",
      "Prosjekttype",
      "Prosjekteier",
      "Startdato",
      "Sluttdato",
      "Totalt budsjett",
      "Mål",
      "Prosjektleder",
    ],
    [
      "Ny sak- og arkivløsning",
      "Gjennomføre",
      "Arkiv",
      "",
      member.name,
      new Date(Date.UTC(2026, 0, 15)),
      new Date(Date.UTC(2027, 5, 30)),
      2500000,
      "Felles løsning",
      "Kari",
    ],
    ["Velferdsteknologi", "Konsept", "Helse og omsorg", "", "", null, null, null, "", ""],
  ]);
  const run = await upload(sek, data, "Prosjekter.xlsx", { mapping: "preset:prosjektportalen-365" });
  const page = await sek.get(run);
  const values = preselected(page.body);
  assert.equal(values["field.phase"], "1");
  assert.equal(values["field.summary"], "8");
  assert.match(page.body, /Kolonner i filen som ikke brukes: [^<]*Prosjektleder/);
  const preview = await mapAsSuggested(sek, run);
  assert.match(preview.body, /Alle 2 rader kan importeres: 2 nye/, preview.body.match(/Må rettes[\s\S]{0,2000}/)?.[0]);
  await sek.post(`${run}/apply`, {});
  const made = (await byTitle("Ny sak- og arkivløsning"))!;
  assert.equal(made.phase, "execution");
  assert.equal(made.sector, "archive");
  assert.equal(made.startDate, "2026-01-15");
  assert.equal(made.endDate, "2027-06-30");
  assert.equal(made.budget, 2_500_000);
  assert.equal(made.summary, "Felles løsning");
  assert.equal((await byTitle("Velferdsteknologi"))!.phase, "concept");
  // Without choosing the preset, the file is recognised by its headers; next month's file (no
  // Samverk addresses in it) finds the projects it made by their titles, and changes what moved.
  const nextMonth = await workbook([
    [
      "Tittel",
      "Fase",
      "Tjenesteområde",
      "Prosjekttype",
      "Prosjekteier",
      "Startdato",
      "Sluttdato",
      "Totalt budsjett",
      "Mål",
      "Prosjektleder",
    ],
    [
      "Ny sak- og arkivløsning",
      "Avslutte",
      "Arkiv",
      "",
      member.name,
      new Date(Date.UTC(2026, 0, 15)),
      new Date(Date.UTC(2027, 5, 30)),
      2500000,
      "Felles løsning",
      "Kari",
    ],
    ["Velferdsteknologi", "Konsept", "Helse og omsorg", "", "", null, null, null, "", ""],
  ]);
  const run2 = await upload(sek, nextMonth, "Prosjekter desember.xlsx");
  assert.equal(preselected((await sek.get(run2)).body)["field.budget"], "7");
  assert.match(textOf((await mapAsSuggested(sek, run2)).body), /Alle 2 rader kan importeres: 0 nye, 1 endres og 1 er som før/);
  await sek.post(`${run2}/apply`, {});
  assert.equal((await byTitle("Ny sak- og arkivløsning"))!.phase, "closing");
});

test("only the network's own secretariat imports, and only into its network", async () => {
  const sek = await login("sek@rogaland.example");
  const run = await upload(sek, csv(["Tittel", "Hemmelig importprosjekt"]), "hemmelig.csv");
  const id = run.split("/").pop();
  const other = await login("sek@more.example");
  assert.equal((await other.get(`/n/${rogaland.slug}/import`)).statusCode, 403);
  assert.equal((await other.get(run)).statusCode, 403);
  assert.equal((await other.post(`${run}/apply`, {})).statusCode, 403);
  // Their own network's address with Rogaland's run: not found.
  assert.equal((await other.get(`/n/${more.slug}/import/${id}`)).statusCode, 404);
  assert.equal((await other.post(`/n/${more.slug}/import/${id}/apply`, {})).statusCode, 404);
  assert.doesNotMatch((await other.get(`/n/${more.slug}/import`)).body, /hemmelig/);
  const plain = await login("member@rogaland.example");
  assert.equal((await plain.get(`/n/${rogaland.slug}/import`)).statusCode, 403);
  assert.equal((await plain.get(`${run}/preview`)).statusCode, 403);
  const anonymous = await new Session(t.app).get(run);
  assert.ok([302, 303, 401].includes(anonymous.statusCode));
  assert.equal(await byTitle("Hemmelig importprosjekt"), undefined);
  // The secretariat's own page offers it, and the network's page links to it for them alone.
  assert.match((await sek.get(`/n/${rogaland.slug}`)).body, new RegExp(`href="/n/${rogaland.slug}/import"`));
  assert.doesNotMatch((await plain.get(`/n/${rogaland.slug}`)).body, new RegExp(`href="/n/${rogaland.slug}/import"`));
  const template = await sek.get(`/n/${rogaland.slug}/import/template/projects.xlsx`);
  assert.equal(template.statusCode, 200);
  assert.equal((await sek.get(`/n/${rogaland.slug}/import/template/spaceships.xlsx`)).statusCode, 404);
});

test("adoption statuses go through the same steps: the members' template comes back unchanged, and a bad row stops the file", async () => {
  const sek = await login("sek@rogaland.example");
  const template = await sek.get(`/n/${rogaland.slug}/adoption/template.csv`);
  assert.equal(template.statusCode, 200);
  const lines = template.body
    .replace(/^\uFEFF/, "")
    .trim()
    .split(/\r?\n/);
  const uploadAdoption = async (data: Buffer, filename: string) => {
    const res = await sek.upload(`/n/${rogaland.slug}/import`, { kind: "adoption" }, { field: "file", filename, data });
    assert.equal(res.statusCode, 303, res.body.slice(0, 2000));
    return res.headers.location as string;
  };
  const same = await uploadAdoption(Buffer.from(template.body), "statuser.csv");
  const preview = await mapAsSuggested(sek, same);
  assert.match(
    preview.body,
    new RegExp(`Alle ${lines.length - 1} rader kan importeres: 0 nye, 0 endres og ${lines.length - 1} er som før`),
  );

  // One member's status set: that row changes; a non-member's row stops everything.
  const edited = [lines[0]!, `${member.code},id-porten,I bruk,01.02.2024,Fra importen`];
  const run = await uploadAdoption(Buffer.from(edited.join("\r\n")), "en-status.csv");
  const one = await mapAsSuggested(sek, run);
  assert.match(one.body, /Alle 1 rad kan importeres: 0 nye, 1 endres og 0 er som før/);
  await sek.post(`${run}/apply`, {});
  const matrix = await t.app.services.adoption.repo.of([member.id]);
  const idPorten = (await t.app.services.roadmap.list({})).find((s) => s.solution.key === "id-porten")!.solution;
  const row = matrix.find((a) => a.solutionId === idPorten.id)!;
  assert.equal(row.status, "in_use");
  assert.equal(row.sinceDate, "2024-02-01");
  assert.equal(row.comment, "Fra importen");

  const bad = await uploadAdoption(
    Buffer.from([lines[0]!, `${member.code},id-porten,planlagt,2020-01-01,`, "0301,id-porten,I bruk,2024-01-01,"].join("\r\n")),
    "feil-status.csv",
  );
  const refused = await mapAsSuggested(sek, bad);
  refused.body = textOf(refused.body);
  assert.match(refused.body, /2 av 2 rader må rettes/);
  assert.match(refused.body, /Kommunenummer: Oslo - Oslove er ikke medlem av nettverket/);
  assert.match(refused.body, /Dato: En planlagt dato kan ikke være passert/);
  assert.equal((await sek.post(`${bad}/apply`, {})).statusCode, 422);
  assert.equal((await t.app.services.adoption.repo.of([member.id])).find((a) => a.solutionId === idPorten.id)!.status, "in_use");
});

test("needs: the needs list's download comes back unchanged, an edit changes that need, and a new need needs its problem", async () => {
  const sek = await login("sek@rogaland.example");
  const download = await sek.get(`/needs.xlsx?network=${rogaland.slug}`);
  assert.equal(download.statusCode, 200);
  const uploadNeeds = async (data: Buffer, filename: string) => {
    const res = await sek.upload(`/n/${rogaland.slug}/import`, { kind: "needs" }, { field: "file", filename, data });
    assert.equal(res.statusCode, 303, res.body.slice(0, 2000));
    return res.headers.location as string;
  };
  const run = await uploadNeeds(download.rawPayload, "behov.xlsx");
  const preview = textOf((await mapAsSuggested(sek, run)).body);
  const rows = Number(preview.match(/Alle (\d+) rader kan importeres: 0 nye, 0 endres og \1 er som før/)?.[1]);
  assert.ok(rows > 0, preview.match(/må rettes[\s\S]{0,1500}/)?.[0]);

  const book = new ExcelJS.Workbook();
  await book.xlsx.load(download.rawPayload as unknown as ExcelJS.Buffer);
  const sheet = book.worksheets[0]!;
  const headers = (sheet.getRow(1).values as unknown[]).map(String);
  const row = sheet.getRow(2);
  row.getCell(headers.indexOf("Hvor det haster")).value = "Kritisk";
  const address = String(row.getCell(headers.indexOf("URL")).value);
  const run2 = await uploadNeeds(Buffer.from(await book.xlsx.writeBuffer()), "behov-endret.xlsx");
  assert.match(textOf((await mapAsSuggested(sek, run2)).body), new RegExp(`0 nye, 1 endres og ${rows - 1} er som før`));
  await sek.post(`${run2}/apply`, {});
  const changed = await t.app.services.needs.repo.byId(Number(address.split("/").pop()));
  assert.equal(changed!.urgency, "critical");

  const fresh = await uploadNeeds(
    csv([
      "Tittel;Organisasjon;Problemet;Hvor det haster",
      `Felles varsling ved flom;${member.code};Innbyggerne får ikke varsel i tide.;Mye`,
      `Uten problem;${member.code};;`,
    ]),
    "nye-behov.csv",
  );
  const refused = textOf((await mapAsSuggested(sek, fresh)).body);
  assert.match(refused, /1 av 2 rader må rettes/);
  assert.match(refused, /Problemet: Fyll ut feltet/);
});

test("a download whose owner has left the network comes back unchanged; a SharePoint ID column is not taken for the address", async () => {
  const sek = await login("sek@rogaland.example");
  const [owned] = await t.database.db
    .execute(sql`
    select p.owner_organisation_id as id from projects p where p.network_id = ${rogaland.id} and p.owner_organisation_id is not null
      and p.owner_organisation_id <> ${member.id} limit 1`)
    .then((r) => (r as unknown as { rows: { id: number }[] }).rows);
  await t.database.db.execute(sql`
    update memberships set to_date = '2025-12-31' where network_id = ${rogaland.id} and organisation_id = ${owned!.id}`);
  const download = await sek.get(`/projects.xlsx?network=${rogaland.slug}`);
  const run = await upload(sek, download.rawPayload, "etter-utmelding.xlsx");
  assert.match(textOf((await mapAsSuggested(sek, run)).body), /kan importeres: 0 nye, 0 endres/);

  const sharepoint = await upload(sek, csv(["ID;Tittel;Fase", "3;Fra SharePoint;Konsept"]), "sharepoint.csv");
  assert.equal(preselected((await sek.get(sharepoint)).body)["field.address"], "", "an ID column is SharePoint's, not Samverk's");
});

test("people: the people list comes back unchanged, a person is found by e-mail and changed, and people of other networks stay as they are", async () => {
  const sek = await login("sek@rogaland.example");
  const uploadPeople = async (data: Buffer, filename: string) => {
    const res = await sek.upload(`/n/${rogaland.slug}/import`, { kind: "people" }, { field: "file", filename, data });
    assert.equal(res.statusCode, 303, res.body.slice(0, 2000));
    return res.headers.location as string;
  };
  const download = await sek.get("/people.csv");
  assert.equal(download.statusCode, 200);
  const same = await uploadPeople(Buffer.from(download.body), "personer.csv");
  const preview = textOf((await mapAsSuggested(sek, same)).body);
  assert.match(
    preview,
    /Alle (\d+) rader kan importeres: 0 nye, 0 endres og \1 er som før/,
    preview.match(/må rettes[\s\S]{0,1500}/)?.[0],
  );

  const created = await uploadPeople(
    csv([
      "Navn;Stilling;Organisasjon;E-post;Telefon",
      `Kari Importert;Rådgiver;${member.code};kari.importert@example.no;+47 400 00 000`,
    ]),
    "ny-person.csv",
  );
  assert.match(textOf((await mapAsSuggested(sek, created)).body), /Alle 1 rad kan importeres: 1 nye/);
  await sek.post(`${created}/apply`, {});
  const [kari] = await t.app.services.directory.people.byEmail("kari.importert@example.no");
  assert.equal(kari!.title, "Rådgiver");

  const changed = await uploadPeople(
    csv(["E-post;Navn;Stilling", "kari.importert@example.no;Kari Importert;Seniorrådgiver"]),
    "endret.csv",
  );
  const changes = textOf((await mapAsSuggested(sek, changed)).body);
  assert.match(changes, /Stilling: Rådgiver → Seniorrådgiver/);
  await sek.post(`${changed}/apply`, {});
  assert.equal((await t.app.services.directory.people.byEmail("kari.importert@example.no"))[0]!.title, "Seniorrådgiver");

  // Someone in Møre og Romsdal's secretariat's care, and a new person in an organisation outside the network: refused.
  const moreMember = (await t.app.services.networks.membersOf(more.id)).find((m) => !m.toDate)!;
  const outsider = must(
    await t.app.services.directory.createPerson(systemActor("test"), {
      name: "Ola Utenfor",
      organisationId: moreMember.organisationId,
      email: "ola.utenfor@example.no",
    }),
  );
  const refused = await uploadPeople(
    csv([
      "Navn;Organisasjon;E-post;Stilling",
      "Ola Utenfor;;ola.utenfor@example.no;Ny tittel",
      `Per Ny;${moreMember.organisationName};per.ny@example.no;`,
    ]),
    "andre.csv",
  );
  const text = textOf((await mapAsSuggested(sek, refused)).body);
  assert.match(text, /2 av 2 rader må rettes/);
  assert.match(text, /Ola Utenfor er med i et annet nettverk/);
  assert.match(text, new RegExp(`«${moreMember.organisationName}» er ikke medlem av Digi Rogaland`));
  assert.equal((await t.app.services.directory.people.byEmail("ola.utenfor@example.no"))[0]!.title, outsider.title);
});

test("status reports from Prosjektportalen's status list: its choices become colours, and the same file again is as before", async () => {
  const sek = await login("sek@rogaland.example");
  const [project] = await t.database.db.select().from(projects).where(eq(projects.networkId, rogaland.id)).limit(1);
  const header = [
    "Prosjekt",
    "Opprettet",
    "GtOverallStatus",
    "GtStatusTime",
    "GtStatusBudget",
    "GtStatusQuality",
    "GtStatusRisk",
    "GtStatusGainAchievement",
    "GtStatusBudgetComment",
  ];
  const data = await workbook([
    header,
    [
      project!.title,
      new Date(Date.UTC(2026, 10, 30)),
      "Går som planlagt",
      "På plan",
      "Mindre overskridelser",
      "Ihht. spesifikasjon",
      "Lav",
      "Ikke påbegynt",
      "Lisenser dyrere enn ventet",
    ],
  ]);
  const reportsBefore = (
    await t.database.db.select({ n: count() }).from(statusReports).where(eq(statusReports.projectId, project!.id))
  )[0]!.n;
  const run = await upload(sek, data, "Prosjektstatus.xlsx", { kind: "status-reports" });
  const preview = textOf((await mapAsSuggested(sek, run)).body);
  assert.match(preview, /Alle 1 rad kan importeres: 1 nye/, preview.match(/må rettes[\s\S]{0,1500}/)?.[0]);
  await sek.post(`${run}/apply`, {});
  const [report] = await t.database.db
    .select()
    .from(statusReports)
    .where(and(eq(statusReports.projectId, project!.id), eq(statusReports.reportDate, "2026-11-30")));
  assert.deepEqual(
    [report!.overall, report!.time, report!.cost, report!.quality, report!.risk, report!.benefit],
    ["yellow", "green", "yellow", "green", "green", "green"],
  );
  assert.equal(report!.overallComment, "Går som planlagt");
  assert.equal(report!.costComment, "Lisenser dyrere enn ventet");
  const again = await upload(sek, data, "Prosjektstatus igjen.xlsx", { kind: "status-reports" });
  assert.match(textOf((await mapAsSuggested(sek, again)).body), /Alle 1 rad kan importeres: 0 nye, 0 endres og 1 er som før/);
  assert.equal(
    (await t.database.db.select({ n: count() }).from(statusReports).where(eq(statusReports.projectId, project!.id)))[0]!.n,
    reportsBefore + 1,
  );

  const bad = await upload(
    sek,
    await workbook([
      header,
      ["Finnes ikke", "2026-11-30", "", "Grei", "På budsjett", "Ihht. spesifikasjon", "Lav", "På plan", ""],
    ]),
    "feil.xlsx",
    { kind: "status-reports" },
  );
  const refused = textOf((await mapAsSuggested(sek, bad)).body);
  assert.match(refused, /Ingen prosjekter i Digi Rogaland heter «Finnes ikke»/);
  assert.match(refused, /Tid: «Grei» er ikke en status/);
});
