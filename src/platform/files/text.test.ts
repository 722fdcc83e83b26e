import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { deflateSync } from "node:zlib";
import { desc, eq } from "drizzle-orm";
import { strToU8, type Zippable, zipSync } from "fflate";
import { createTestApp, Session, type TestApp } from "../../../test/support/app.ts";
import { projects } from "../../modules/projects/schema.ts";
import { xlsxWorkbook } from "../http/xlsx.ts";
import { files } from "../schema.ts";
import { saveFile } from "./files.ts";
import { EXTRACTION_LIMITS, extractMissingText, extractText, MAX_TEXT_CHARS, normaliseText } from "./text.ts";

const PDF = "application/pdf";
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const ODT = "application/vnd.oasis.opendocument.text";
const ODS = "application/vnd.oasis.opendocument.spreadsheet";
const TXT = "text/plain; charset=utf-8";

/**
 * A minimal valid PDF: one page whose content stream shows each line in Helvetica with WinAnsi
 * encoding (so æ, ø and å are single bytes, written here as octal escapes). `extra` goes into the
 * trailer (an /Encrypt reference), `objects` are appended after the five of the page.
 */
function pdf(
  lines: string[],
  options: { stream?: Buffer; compress?: boolean; trailer?: string; objects?: string[] } = {},
): Buffer {
  const winAnsi = (s: string) =>
    [...s].map((c) => (c.charCodeAt(0) > 127 ? `\\${c.charCodeAt(0).toString(8)}` : /[()\\]/.test(c) ? `\\${c}` : c)).join("");
  const content =
    options.stream ?? Buffer.from(`BT /F1 12 Tf 72 720 Td 14 TL ${lines.map((l) => `(${winAnsi(l)}) '`).join(" ")} ET`, "latin1");
  const stream = options.compress ? deflateSync(content) : content;
  const objects = [
    Buffer.from("<< /Type /Catalog /Pages 2 0 R >>"),
    Buffer.from("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
    Buffer.from("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"),
    Buffer.concat([
      Buffer.from(`<< /Length ${stream.length}${options.compress ? " /Filter /FlateDecode" : ""} >>\nstream\n`),
      stream,
      Buffer.from("\nendstream"),
    ]),
    Buffer.from("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"),
    ...(options.objects ?? []).map((o) => Buffer.from(o, "latin1")),
  ];
  const parts = [Buffer.from("%PDF-1.4\n")];
  const offsets: number[] = [];
  let at = parts[0]!.length;
  objects.forEach((object, i) => {
    const part = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), object, Buffer.from("\nendobj\n")]);
    offsets.push(at);
    at += part.length;
    parts.push(part);
  });
  const entries = offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("");
  parts.push(
    Buffer.from(
      `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${entries}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${options.trailer ?? ""}>>\nstartxref\n${at}\n%%EOF\n`,
      "latin1",
    ),
  );
  return Buffer.concat(parts);
}

const zip = (entries: Record<string, string>, first?: [string, string]): Buffer => {
  const zippable: Zippable = {};
  // An OpenDocument's mimetype is its first entry, stored uncompressed.
  if (first) zippable[first[0]] = [strToU8(first[1]), { level: 0 }];
  for (const [name, text] of Object.entries(entries)) zippable[name] = strToU8(text);
  return Buffer.from(zipSync(zippable));
};

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';

/** A minimal Word document: its content types, its relationship to the body, and the body. */
function docx(body: string): Buffer {
  return zip({
    "[Content_Types].xml": `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
    "_rels/.rels": `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
    "word/document.xml": `${XML}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
  });
}

const WORD_BODY =
  '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Velferdsteknologi i kommunane</w:t></w:r></w:p>' +
  '<w:p><w:r><w:t xml:space="preserve">Korleis </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>tenesta</w:t></w:r>' +
  '<w:r><w:t xml:space="preserve"> når innbyggjarane: </w:t></w:r><w:r><w:t>æøå &amp; ÆØÅ</w:t><w:tab/><w:t>&#x2013;slutt</w:t></w:r></w:p>' +
  '<w:p><w:del w:id="1" w:author="Kari"><w:r><w:delText>sletta tekst</w:delText></w:r></w:del>' +
  '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:t>Siste</w:t><w:br/><w:t>linje</w:t></w:r></w:p>';

const ODF_NS =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" ' +
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"';

/** A minimal OpenDocument: the mimetype first, the manifest and the content. */
function odf(mediaType: string, body: string): Buffer {
  return zip(
    {
      "META-INF/manifest.xml": `${XML}<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="${mediaType}"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>`,
      "content.xml": `${XML}<office:document-content ${ODF_NS}><office:automatic-styles><style:style xmlns:style="s" style:name="P1"/></office:automatic-styles><office:body>${body}</office:body></office:document-content>`,
    },
    ["mimetype", mediaType],
  );
}

const ODT_BODY =
  '<office:text><text:h text:outline-level="1">Velferdsteknologi</text:h>' +
  '<text:p text:style-name="P1">Om <text:span text:style-name="T1">tenesta</text:span>,<text:s text:c="3"/>æøå<text:tab/>ÆØÅ' +
  "<office:annotation><dc:creator>Kari Nordmann</dc:creator><dc:date>2026-01-01</dc:date><text:p>ein kommentar</text:p></office:annotation>" +
  "<text:line-break/>andre linje &lt;b&gt;</text:p>" +
  "<text:tracked-changes><text:changed-region><text:deletion><text:p>sletta</text:p></text:deletion></text:changed-region></text:tracked-changes>" +
  "</office:text>";

describe("extractText", () => {
  test("reads a PDF's text, with Norwegian letters", async () => {
    const text = await extractText(PDF, pdf(["Velferdsteknologi i tenesta", "Blåbær og æøå ÆØÅ"]));
    assert.equal(text, "Velferdsteknologi i tenesta\nBlåbær og æøå ÆØÅ");
    const compressed = await extractText(PDF, pdf(["velferdsteknologi"], { compress: true }));
    assert.equal(compressed, "velferdsteknologi");
  });

  test("reads a Word document's paragraphs, leaving out deleted text and field codes", async () => {
    assert.equal(
      await extractText(DOCX, docx(WORD_BODY)),
      "Velferdsteknologi i kommunane\nKorleis tenesta når innbyggjarane: æøå & ÆØÅ –slutt\nSiste\nlinje",
    );
  });

  test("reads an OpenDocument text, leaving out comments (and their authors) and tracked deletions", async () => {
    assert.equal(await extractText(ODT, odf(ODT, ODT_BODY)), "Velferdsteknologi\nOm tenesta, æøå ÆØÅ\nandre linje <b>");
  });

  test("reads spreadsheets and presentations too, and plain text as it is", async () => {
    const workbook = await xlsxWorkbook(
      "Tiltak",
      ["Tiltak", "Kostnad"],
      [
        ["Velferdsteknologi i tenesta", 1200],
        ["Tryggleik æøå", 5],
      ],
    );
    // A workbook of this kernel keeps its texts once each, as spreadsheet programs do (shared strings).
    assert.equal(await extractText(XLSX, workbook), "Tiltak\nKostnad\nVelferdsteknologi i tenesta\nTryggleik æøå");
    const sheet =
      '<office:spreadsheet><table:table table:name="Ark1"><table:table-row><table:table-cell office:value-type="string"><text:p>tenesta</text:p></table:table-cell>' +
      '<table:table-cell office:value-type="float" office:value="3"><text:p>3</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet>';
    assert.equal(await extractText(ODS, odf(ODS, sheet)), "tenesta\n3");
    const slide = (text: string) =>
      `${XML}<p:sld xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"><p:cSld><p:spTree><p:sp><p:txBody><a:p><a:r><a:t>${text}</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sld>`;
    const deck = zip({ "ppt/slides/slide10.xml": slide("tiande"), "ppt/slides/slide2.xml": slide("andre: æøå") });
    assert.equal(await extractText(PPTX, deck), "andre: æøå\ntiande");
    assert.equal(
      await extractText(TXT, Buffer.from("Velferdsteknologi\r\n\r\n\ti  tenesta\u0000 æøå\n")),
      "Velferdsteknologi\ni tenesta æøå",
    );
  });

  test("several extractions at once each answer their own document's text", async () => {
    const words = ["tenesta", "velferdsteknologi", "æøå", "kommunane", "innbyggjar"];
    const texts = await Promise.all(words.map((word) => extractText(DOCX, docx(`<w:p><w:r><w:t>${word}</w:t></w:r></w:p>`))));
    assert.deepEqual(texts, words);
  });

  test("answers null for a corrupt, truncated or encrypted file and for a kind without text", async () => {
    assert.equal(await extractText(PDF, Buffer.from("%PDF-1.4\nthis is not a PDF")), null);
    assert.equal(await extractText(PDF, pdf(["velferdsteknologi"]).subarray(0, 150)), null);
    const encrypted = pdf(["hemmeleg"], {
      objects: [`<< /Filter /Standard /V 1 /R 2 /O <${"11".repeat(32)}> /U <${"22".repeat(32)}> /P -4 >>`],
      trailer: `/Encrypt 6 0 R /ID [<${"ab".repeat(16)}> <${"ab".repeat(16)}>] `,
    });
    assert.equal(await extractText(PDF, encrypted), null, "a PDF that needs a password");
    assert.equal(await extractText(DOCX, docx(WORD_BODY).subarray(0, 300)), null, "a cut-off zip");
    assert.equal(await extractText(DOCX, Buffer.from("PK\u0003\u0004 not a zip")), null);
    assert.equal(await extractText("image/png", Buffer.from([137, 80, 78, 71])), null);
  });

  test("a zip bomb gives no text instead of filling the memory, whatever sizes it declares", async () => {
    const bomb = Buffer.from(
      zipSync({ "word/document.xml": [strToU8(`<w:t>velferdsteknologi</w:t>${" ".repeat(4 * 1024 * 1024)}`), { level: 9 }] }),
    );
    const withSize = (size: number) => {
      const patched = Buffer.from(bomb);
      for (let i = 0; i + 4 <= patched.length; i++) {
        const signature = patched.readUInt32LE(i);
        if (signature === 0x04034b50) patched.writeUInt32LE(size, i + 22); // local header: size unpacked
        if (signature === 0x02014b50) patched.writeUInt32LE(size, i + 24); // central directory: size unpacked
      }
      return patched;
    };
    assert.equal(await extractText(DOCX, withSize(0xfffffff0)), "", "a part said to unpack past the cap is not unpacked");
    assert.equal(await extractText(DOCX, withSize(40)), "velferdsteknologi", "a part unpacks only to the size it declares");
  });

  test("an extraction past its time or memory cap is ended and answers null", async () => {
    const fine = pdf(["velferdsteknologi"]);
    assert.equal(await extractText(PDF, fine, { ...EXTRACTION_LIMITS, ms: 1 }), null);
    // A PDF bomb: 100 KB whose content stream inflates to 96 MB. PDF.js would read it (slowly, holding
    // hundreds of megabytes); the memory watch ends it well before the time cap.
    const stream = Buffer.concat([
      Buffer.from("BT /F1 12 Tf 72 720 Td "),
      Buffer.alloc(96 * 1024 * 1024, 0x20),
      Buffer.from("(x) Tj ET"),
    ]);
    const bomb = pdf([], { stream, compress: true });
    const started = Date.now();
    assert.equal(await extractText(PDF, bomb, { ms: 60_000, memoryBytes: 64 * 1024 * 1024 }), null);
    assert.ok(Date.now() - started < 30_000, "ended by the memory watch, not the time cap");
    assert.equal(await extractText(PDF, fine, { ms: 60_000, memoryBytes: 64 * 1024 * 1024 }), "velferdsteknologi");
  });
});

describe("normaliseText", () => {
  test("collapses whitespace, drops control characters, soft hyphens and joiners, and caps the length", () => {
    assert.equal(normaliseText("  a\u00a0\t b \n\n \n c\u000b d\u0007e vel\u00adferd\u200bs \r\n"), "a b\nc\nde velferds");
    assert.equal(normaliseText("\ud800 lone surrogate"), "\ufffd lone surrogate");
    const long = `${"ord ".repeat(MAX_TEXT_CHARS / 4)}slutt`;
    const capped = normaliseText(long);
    assert.ok(capped.length <= MAX_TEXT_CHARS && capped.length > MAX_TEXT_CHARS - 10);
    assert.ok(capped.endsWith("ord"), "cut at a word");
    assert.equal(normaliseText("abcdefgh", 5), "abcde");
  });
});

describe("stored files keep their text", () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  test("a document uploaded to a project has its text in files.text; the backfill fills one stored without", async () => {
    const { db } = t.database;
    const [project] = await db.select({ id: projects.id }).from(projects).limit(1);
    const admin = await new Session(t.app).login();
    await admin.get(`/projects/${project!.id}/documents/new`);
    const uploaded = await admin.upload(
      `/projects/${project!.id}/documents`,
      { title: "Plan for velferdsteknologi" },
      { field: "file", filename: "plan.docx", data: docx(WORD_BODY), type: DOCX },
    );
    assert.equal(uploaded.statusCode, 303, uploaded.body.slice(0, 500));
    const [stored] = await db.select().from(files).orderBy(desc(files.id)).limit(1);
    assert.equal(stored!.name, "plan.docx");
    assert.match(stored!.text ?? "", /Velferdsteknologi i kommunane\nKorleis tenesta når innbyggjarane: æøå/);

    // Saved the other way (a strategy's or a consultation's document): the text comes with the insert.
    const odt = await saveFile(db, { name: "notat.odt", mediaType: ODT, data: odf(ODT, ODT_BODY) }, null);
    const picture = await saveFile(db, { name: "bilde.png", mediaType: "image/png", data: Buffer.from([137, 80, 78, 71]) }, null);
    const broken = await saveFile(db, { name: "brote.pdf", mediaType: PDF, data: Buffer.from("%PDF-1.4 broken") }, null);
    const textOf = async (id: number) => (await db.select({ text: files.text }).from(files).where(eq(files.id, id)))[0]!.text;
    assert.match((await textOf(odt.id)) ?? "", /tenesta, æøå/);
    assert.equal(await textOf(picture.id), null);
    assert.equal(await textOf(broken.id), null);

    // Files stored before extraction came have no text; the backfill reads them, once per run.
    await db.update(files).set({ text: null }).where(eq(files.id, stored!.id));
    await db.update(files).set({ text: null }).where(eq(files.id, odt.id));
    const ran = await extractMissingText(db, { batchSize: 1 });
    assert.deepEqual(ran, { checked: 3, extracted: 2 }, "the docx, the odt and the broken PDF; not the picture");
    assert.equal(await textOf(stored!.id), stored!.text);
    assert.match((await textOf(odt.id)) ?? "", /tenesta, æøå/);
    assert.equal(await textOf(broken.id), null, "what cannot be read stays null");
    assert.deepEqual(await extractMissingText(db), { checked: 1, extracted: 0 });
  });
});
