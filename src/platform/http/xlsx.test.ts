import assert from "node:assert/strict";
import { test } from "node:test";
import { crc32, inflateRawSync } from "node:zlib";
import { xlsxWorkbook } from "./xlsx.ts";

/** Reads a ZIP archive through its central directory, checking every entry's CRC. */
function unzip(archive: Buffer): Map<string, string> {
  const end = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(end >= 0, "end of central directory");
  const count = archive.readUInt16LE(end + 10);
  let at = archive.readUInt32LE(end + 16);
  const files = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    assert.equal(archive.readUInt32LE(at), 0x02014b50, "central directory entry");
    const crc = archive.readUInt32LE(at + 16);
    const size = archive.readUInt32LE(at + 20);
    const nameLength = archive.readUInt16LE(at + 28);
    const local = archive.readUInt32LE(at + 42);
    const name = archive.subarray(at + 46, at + 46 + nameLength).toString("utf8");
    assert.equal(archive.readUInt32LE(local), 0x04034b50, "local header");
    const start = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
    const data = inflateRawSync(archive.subarray(start, start + size));
    assert.equal(crc32(data), crc, `${name}: CRC`);
    files.set(name, data.toString("utf8"));
    at += 46 + nameLength + archive.readUInt16LE(at + 30) + archive.readUInt16LE(at + 32);
  }
  return files;
}

test("a workbook is a valid package: every part present, text escaped, numbers as numbers", () => {
  const book = xlsxWorkbook(
    "Prosjekter",
    ["Tittel", "Budsjett"],
    [
      ["Æ & Ø <script>", 1_200_000],
      ["Kontrolltegn\u0001 fjernes", null],
    ],
  );
  const files = unzip(book);
  assert.deepEqual([...files.keys()].sort(), [
    "[Content_Types].xml",
    "_rels/.rels",
    "xl/_rels/workbook.xml.rels",
    "xl/styles.xml",
    "xl/workbook.xml",
    "xl/worksheets/sheet1.xml",
  ]);
  const sheet = files.get("xl/worksheets/sheet1.xml")!;
  assert.match(sheet, /<c r="A2" t="inlineStr"><is><t xml:space="preserve">Æ &amp; Ø &lt;script&gt;<\/t><\/is><\/c>/);
  assert.match(sheet, /<c r="B2"><v>1200000<\/v><\/c>/);
  assert.match(sheet, /Kontrolltegn fjernes/);
  assert.ok(!sheet.includes("\u0001"));
  assert.match(sheet, /<c r="A1" s="1" t="inlineStr">/, "the header is bold");
  assert.match(files.get("xl/workbook.xml")!, /<sheet name="Prosjekter"/);
});

test("columns past Z are named as spreadsheets name them", () => {
  const header = Array.from({ length: 30 }, (_, i) => `K${i}`);
  const sheet = unzip(xlsxWorkbook("Brei", header, [])).get("xl/worksheets/sheet1.xml")!;
  assert.match(sheet, /r="Z1"/);
  assert.match(sheet, /r="AA1"/);
  assert.match(sheet, /r="AD1"/);
});
