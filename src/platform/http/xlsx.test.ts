import assert from "node:assert/strict";
import { test } from "node:test";
import ExcelJS from "exceljs";
import { readXlsx, xlsxWorkbook } from "./xlsx.ts";

test("a workbook keeps text as written, numbers as numbers, days as dates and amounts in kroner", async () => {
  const book = await xlsxWorkbook(
    "Prosjekter i Digi Rogaland: 2027",
    ["Tittel", { header: "Budsjett", kind: "kroner" }, "Start", "Slutt"],
    [
      ["Æ & Ø <script>", 1_200_000, "2027-03-01", "2028"],
      ["Kontrolltegn\u0001 fjernes", null, "", new Date(Date.UTC(2027, 11, 31))],
    ],
  );
  const rows = await readXlsx(book);
  assert.deepEqual(rows, [
    ["Tittel", "Budsjett", "Start", "Slutt"],
    ["Æ & Ø <script>", 1_200_000, new Date(Date.UTC(2027, 2, 1)), "2028"],
    ["Kontrolltegn fjernes", null, null, new Date(Date.UTC(2027, 11, 31))],
  ]);

  // How a spreadsheet program shows it: the header bold and kept in view, formats and widths set.
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(book as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0]!;
  assert.equal(sheet.name, "Prosjekter i Digi Rogaland 2027", "a sheet name cannot hold a colon");
  assert.deepEqual(
    sheet.views.map((v) => [v.state, (v as { ySplit?: number }).ySplit]),
    [["frozen", 1]],
  );
  assert.equal(sheet.getRow(1).getCell(1).font?.bold, true);
  assert.equal(sheet.getCell("B2").numFmt, '#,##0 "kr"');
  assert.equal(sheet.getCell("C2").numFmt, "dd.mm.yyyy");
  assert.equal(sheet.getCell("D2").type, ExcelJS.ValueType.String, "a year alone stays text");
  assert.ok(sheet.getColumn(1).width! >= "Kontrolltegn fjernes".length, "a column is as wide as what it holds");
});

test("columns past Z, and a sheet of only a header, read back as written", async () => {
  const header = Array.from({ length: 30 }, (_, i) => `K${i}`);
  assert.deepEqual(await readXlsx(await xlsxWorkbook("Brei", header, [])), [header]);
});

test("a formula reads as its result and rich text as its text", async () => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Ark");
  sheet.addRow(["Navn", "Sum"]);
  sheet.addRow([{ richText: [{ text: "Bø " }, { text: "kommune", font: { bold: true } }] }, { formula: "1+1", result: 2 }]);
  const rows = await readXlsx(Buffer.from(await workbook.xlsx.writeBuffer()));
  assert.deepEqual(rows, [
    ["Navn", "Sum"],
    ["Bø kommune", 2],
  ]);
});
