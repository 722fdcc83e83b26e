/**
 * The import benchmark (issue 26): a secretariat's workbook of many projects is uploaded, previewed
 * and applied, as the import's pages do it. Measured: rows a second for each step and the process's
 * peak memory, against the limit of the same run (the same projects inserted in batches with nothing
 * read or checked). Checked: every row made a project, all in one transaction (one creation time,
 * which is the transaction's), and a file with one bad row among them writes nothing.
 *
 *   npm run bench:import -- --rows 5000 [--out bench/results]
 *   DATABASE_URL=postgres://… npm run bench:import -- --rows 5000
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { systemActor } from "../src/platform/access/actor.ts";
import { xlsxWorkbook } from "../src/platform/http/xlsx.ts";
import { createTestApp } from "../test/support/app.ts";
import { machine } from "./lib/report.ts";

const { values } = parseArgs({
  options: { rows: { type: "string", default: "5000" }, out: { type: "string", default: "bench/results" } },
});
const count = Number(values.rows);
if (!(count >= 10 && count <= 20_000)) {
  console.error("--rows from 10 to 20000");
  process.exit(2);
}

const database = process.env.DATABASE_URL ? "postgresql" : "embedded";
const t = await createTestApp();
const db = t.database.db;
const rows = async <T>(query: ReturnType<typeof sql>) => ((await db.execute(query)) as unknown as { rows: T[] }).rows;

/** The process's resident memory before the import's work (the app and its database), and its peak while the steps run. */
const rssBefore = process.memoryUsage.rss();
let peakRss = rssBefore;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
}, 20);

try {
  const { imports, networks } = t.app.services;
  const rogaland = (await networks.bySlug("digi-rogaland"))!;
  const network = { id: rogaland.id, slug: rogaland.slug, name: rogaland.name };
  const members = await rows<{ name: string }>(sql`
    select o.name from memberships m join organisations o on o.id = m.organisation_id
    where m.network_id = ${network.id} and m.to_date is null order by o.name`);
  const phases = ["Idé", "Konsept", "Planlegging", "Gjennomføring", "Avslutning", "Forvaltning"];
  // The portfolio download's columns, as a secretariat's edited workbook has them.
  const header = [
    "Tittel",
    "Eier",
    "Type",
    "Sektor",
    "Fase",
    "Startdato",
    "Sluttdato",
    { header: "Budsjett", kind: "kroner" as const },
    "Stikkord",
  ];
  const row = (i: number, title = `Importert prosjekt ${i}`) => [
    title,
    members[i % members.length]!.name,
    "Felles regionalt",
    "Annet",
    phases[i % phases.length],
    `2027-${String((i % 12) + 1).padStart(2, "0")}-01`,
    `2029-${String((i % 12) + 1).padStart(2, "0")}-28`,
    100_000 + i,
    "import, benchmark",
  ];
  const book = await xlsxWorkbook(
    "Prosjekter",
    header,
    Array.from({ length: count }, (_, i) => row(i + 1)),
  );
  const actor = systemActor("bench");
  const scope = imports.scope(actor, network);
  const before = (await rows<{ n: number }>(sql`select count(*)::int as n from projects`))[0]!.n;

  // One bad row among the rest: nothing is written.
  const badBook = await xlsxWorkbook("Prosjekter", header, [
    ...Array.from({ length: count - 1 }, (_, i) => row(i + 1, `Avvist prosjekt ${i + 1}`)),
    row(count, ""),
  ]);
  const bad = await imports.start(actor, network, { kind: "projects" }, { name: "bad.xlsx", data: badBook });
  if (!bad.ok) throw new Error(JSON.stringify(bad.errors));
  const refused = await imports.apply(scope, bad.value);
  const nothingWritten =
    !refused.ok && (await rows<{ n: number }>(sql`select count(*)::int as n from projects`))[0]!.n === before;

  const time = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
    const started = performance.now();
    const value = await work();
    return [value, (performance.now() - started) / 1000];
  };
  const [started, uploadSeconds] = await time(() =>
    imports.start(actor, network, { kind: "projects" }, { name: "prosjekter.xlsx", data: book }),
  );
  if (!started.ok) throw new Error(JSON.stringify(started.errors));
  const [preview, previewSeconds] = await time(() => imports.preview(scope, started.value));
  const problems = preview.filter((r) => r.problems.length).length;
  const [applied, applySeconds] = await time(() => imports.apply(scope, started.value));
  if (!applied.ok) throw new Error(`the import was refused: ${problems} rows with problems`);
  const made = await rows<{ n: number; moments: number }>(sql`
    select count(*)::int as n, count(distinct created_at)::int as moments from projects where title like 'Importert prosjekt %'`);

  // The limit: the same projects written in batches of a thousand, nothing read or checked, rolled back.
  const values_ = Array.from(
    { length: count },
    (_, i) => sql`(${network.id}, ${`Grense ${i}`}, 'regional', 'other', 'idea', ${100_000 + i})`,
  );
  const limitStarted = performance.now();
  await db
    .transaction(async (tx) => {
      for (let at = 0; at < count; at += 1000)
        await tx.execute(
          sql`insert into projects (network_id, title, kind, sector, phase, budget) values ${sql.join(values_.slice(at, at + 1000), sql`, `)}`,
        );
      throw new Error("rollback");
    })
    .catch(() => undefined);
  const limitSeconds = (performance.now() - limitStarted) / 1000;

  clearInterval(sampler);
  const rate = (seconds: number) => Math.round(count / seconds);
  const result = {
    at: new Date().toISOString(),
    machine: machine(),
    database,
    rows: count,
    workbookKb: Math.round(book.length / 1024),
    uploadSeconds: Number(uploadSeconds.toFixed(2)),
    previewSeconds: Number(previewSeconds.toFixed(2)),
    applySeconds: Number(applySeconds.toFixed(2)),
    previewRowsPerSecond: rate(previewSeconds),
    applyRowsPerSecond: rate(applySeconds),
    limitRowsPerSecond: rate(limitSeconds),
    applyRatioToLimit: Number((limitSeconds / applySeconds).toFixed(3)),
    rssBeforeMb: Math.round(rssBefore / 2 ** 20),
    peakRssMb: Math.round(peakRss / 2 ** 20),
    created: made[0]!.n,
    oneTransaction: made[0]!.moments === 1,
    badFileWroteNothing: nothingWritten,
  };
  console.log(JSON.stringify(result, null, 2));
  mkdirSync(values.out, { recursive: true });
  writeFileSync(`${values.out}/import-${database}-latest.json`, `${JSON.stringify(result, null, 2)}\n`);
  if (result.created !== count || !result.oneTransaction || !nothingWritten) process.exitCode = 1;
} finally {
  clearInterval(sampler);
  await t.close();
}
