import assert from "node:assert/strict";
import { test } from "node:test";
import ExcelJS from "exceljs";
import { strToU8, zipSync } from "fflate";
import { checkUpload, detectType } from "./files.ts";

const workbook = async () => {
  const book = new ExcelJS.Workbook();
  book.addWorksheet("Ark1").addRow(["Tittel"]);
  return Buffer.from(await book.xlsx.writeBuffer());
};
/** The smallest Word document: its content types and a body. */
const wordDocument = () =>
  Buffer.from(
    zipSync({
      "[Content_Types].xml": strToU8(
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      ),
      "word/document.xml": strToU8(
        '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>',
      ),
    }),
  );
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

test("a file's type is read from its content, and must be the kind its name says", async () => {
  const xlsx = await workbook();
  assert.equal(await detectType("plan.xlsx", xlsx), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  assert.equal(await detectType("plan.docx", xlsx), null, "a workbook named as a Word document");
  assert.equal(
    await detectType("notat.docx", wordDocument()),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  );
  assert.equal(await detectType("notat.xlsx", wordDocument()), null);
  assert.equal(await detectType("bilde.png", PNG), "image/png");
  assert.equal(await detectType("bilde.jpg", PNG), null, "a PNG named as a JPEG");
  assert.equal(await detectType("rapport.pdf", Buffer.from("%PDF-1.4\n%âãÏÓ\n")), "application/pdf");
  assert.equal(await detectType("rapport.pdf", Buffer.from("MZ\x90\x00this is a program")), null);
  assert.equal(await detectType("liste.csv", Buffer.from("navn;kommune\nBø;Bø\n", "utf8")), "text/plain; charset=utf-8");
  assert.equal(await detectType("liste.csv", Buffer.from("navn;kommune\nBø;Bø\n", "latin1")), null, "text that is not UTF-8");
  assert.equal(await detectType("program.exe", Buffer.from("MZ")), null);
});

test("an upload is refused with the kinds Samverk takes when its content is not the kind its name says", async () => {
  const refused = await checkUpload("file", { filename: "plan.docx", data: await workbook(), truncated: false }, 1_000_000);
  assert.deepEqual(
    refused.errors.map((e) => e.key),
    ["errors.fileType"],
  );
  const taken = await checkUpload("file", { filename: "../../plan.xlsx", data: await workbook(), truncated: false }, 1_000_000);
  assert.equal(taken.errors.length, 0);
  assert.equal(taken.file?.name, "plan.xlsx");
});
