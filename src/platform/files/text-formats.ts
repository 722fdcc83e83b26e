import { unzipSync } from "fflate";

/**
 * How each kind of document's text is read. These run inside the extraction worker (text-worker.ts),
 * which text.ts starts with a time and memory cap; nothing here limits time by itself. Node runs this
 * file in the worker by stripping its types, without tsx: only erasable TypeScript here.
 */
export type TextKind = "pdf" | "docx" | "pptx" | "xlsx" | "odf";

/**
 * The most a document's zip may unpack to, all its text parts together, by their declared sizes: parts
 * past it are not unpacked, so a zip bomb gives no text rather than filling the memory.
 */
export const MAX_UNZIPPED_BYTES = 64 * 1024 * 1024;

/** Collects text up to a number of characters, then says it is full, so a reader can stop early. */
class Collector {
  private readonly parts: string[] = [];
  private length = 0;
  private readonly max: number;
  constructor(max: number) {
    this.max = max;
  }
  get full(): boolean {
    return this.length >= this.max;
  }
  push(text: string): void {
    if (this.full || text === "") return;
    this.parts.push(text);
    this.length += text.length;
  }
  toString(): string {
    return this.parts.join("");
  }
}

/** The text of a document of one kind, at most about `maxChars` characters (normalising shortens it). */
export async function readText(kind: TextKind, data: Uint8Array, maxChars: number): Promise<string> {
  const out = new Collector(maxChars);
  if (kind === "pdf") await pdfText(data, out);
  else zipText(kind, data, out);
  return out.toString();
}

/** A PDF's text, page by page through Mozilla's PDF.js (the unpdf build, which needs no worker of its own). */
async function pdfText(data: Uint8Array, out: Collector): Promise<void> {
  const { getDocumentProxy } = await import("unpdf");
  // No fonts, colour profiles or WebAssembly decoders are fetched: text needs none of them.
  const pdf = await getDocumentProxy(data, { verbosity: 0, useWasm: false, isEvalSupported: false, stopAtErrors: false });
  try {
    for (let number = 1; number <= pdf.numPages && !out.full; number++) {
      const page = await pdf.getPage(number);
      const content = await page.getTextContent();
      for (const item of content.items) if ("str" in item) out.push(item.hasEOL ? `${item.str}\n` : item.str);
      out.push("\n");
      page.cleanup();
    }
  } finally {
    await pdf.destroy();
  }
}

/** Which parts of an Office Open XML or OpenDocument zip hold its text, and which XML elements do. */
interface ZipFormat {
  parts(names: string[]): string[];
  /** Elements whose text content is the document's text. */
  text: ReadonlySet<string>;
  /** Elements that end a line (a paragraph, a line break, a cell, a slide's paragraph). */
  lines: ReadonlySet<string>;
  /** Elements that stand for a space (a tab, a run of spaces). */
  spaces: ReadonlySet<string>;
  /** Elements whose whole content is not the document's text (deleted tracked changes). */
  skip: ReadonlySet<string>;
}

/** Names like ppt/slides/slide10.xml in their number's order, not the alphabet's. */
const numbered = (pattern: RegExp) => (names: string[]) =>
  names
    .map((name) => ({ name, match: pattern.exec(name) }))
    .filter((n) => n.match)
    .sort((a, b) => Number(a.match![1]) - Number(b.match![1]))
    .map((n) => n.name);

const FORMATS: Record<Exclude<TextKind, "pdf">, ZipFormat> = {
  docx: {
    parts: (names) => ["word/document.xml", "word/footnotes.xml", "word/endnotes.xml"].filter((n) => names.includes(n)),
    text: new Set(["w:t"]),
    lines: new Set(["w:p", "w:br", "w:cr"]),
    spaces: new Set(["w:tab"]),
    skip: new Set(["w:del"]),
  },
  pptx: {
    parts: numbered(/^ppt\/slides\/slide(\d+)\.xml$/),
    text: new Set(["a:t"]),
    lines: new Set(["a:p", "a:br"]),
    spaces: new Set(),
    skip: new Set(),
  },
  xlsx: {
    // Shared strings hold most cells' text; a sheet's own <t> elements are its inline strings.
    parts: (names) => [
      ...names.filter((n) => n === "xl/sharedStrings.xml"),
      ...numbered(/^xl\/worksheets\/sheet(\d+)\.xml$/)(names),
    ],
    text: new Set(["t"]),
    lines: new Set(["si", "row"]),
    spaces: new Set(["c"]),
    skip: new Set(["rPh"]),
  },
  odf: {
    parts: (names) => names.filter((n) => n === "content.xml"),
    text: new Set(["text:p", "text:h"]),
    lines: new Set(["text:p", "text:h", "text:line-break"]),
    spaces: new Set(["text:s", "text:tab", "table:table-cell"]),
    // Comments carry their author's name and a date besides their text: they are left out, as in docx.
    skip: new Set(["text:tracked-changes", "office:annotation"]),
  },
};

function zipText(kind: Exclude<TextKind, "pdf">, data: Uint8Array, out: Collector): void {
  const format = FORMATS[kind];
  // First only the names (the filter sees every entry and unpacks none), then the text parts, whose
  // declared sizes must stay within the cap; fflate never writes past a declared size, so a part
  // that lies about its size is cut there rather than unpacked without limit.
  const names: string[] = [];
  unzipSync(data, {
    filter: (entry) => {
      names.push(entry.name);
      return false;
    },
  });
  const wanted = new Set(format.parts(names));
  let unzipped = 0;
  const parts = unzipSync(data, {
    filter: (entry) => {
      if (!wanted.has(entry.name) || unzipped + entry.originalSize > MAX_UNZIPPED_BYTES) return false;
      unzipped += entry.originalSize;
      return true;
    },
  });
  const decoder = new TextDecoder("utf-8");
  for (const name of format.parts(names)) {
    const part = parts[name];
    if (!part || out.full) continue;
    delete parts[name];
    xmlText(decoder.decode(part), format, out);
    out.push("\n");
  }
}

// One token at a time: a comment, CDATA, a declaration or processing instruction, a tag, or text.
// A tag's attributes cannot hold "<" in XML, so no token runs past the next "<": the scan is linear.
const TOKEN =
  /<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<[!?][^<>]*>|<(\/?)([^\s<>/]+)(?:[^<>"']|"[^"<]*"|'[^'<]*')*?(\/?)>|([^<]+)|</g;

const ENTITY = /&(?:#x([0-9a-f]+)|#(\d+)|(lt|gt|amp|quot|apos));/gi;
const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(ENTITY, (_, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    if (name) return NAMED[name.toLowerCase()] ?? "";
    const code = hex ? Number.parseInt(hex, 16) : Number(dec);
    return code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : "";
  });
}

/** The text of one XML part: the text inside the format's text elements, with its lines and spaces. */
export function xmlText(xml: string, format: Pick<ZipFormat, "text" | "lines" | "spaces" | "skip">, out: Collector): void {
  let inText = 0;
  let skipping = 0;
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(xml); match && !out.full; match = TOKEN.exec(xml)) {
    const [, cdata, closing, name, selfClosing, text] = match;
    if (name !== undefined) {
      const opens = closing !== "/" && selfClosing !== "/";
      const closes = closing === "/" || selfClosing === "/";
      if (format.skip.has(name)) skipping += opens ? 1 : closing === "/" ? -1 : 0;
      if (format.text.has(name)) inText += opens ? 1 : closing === "/" ? -1 : 0;
      if (skipping > 0) continue;
      if (closes && format.lines.has(name)) out.push("\n");
      else if (format.spaces.has(name)) out.push(" ");
    } else if (skipping === 0 && inText > 0) {
      if (cdata !== undefined) out.push(cdata);
      else if (text !== undefined) out.push(decodeEntities(text));
    }
  }
}

/** A Collector for tests and callers that read one XML part by itself. */
export const collector = (maxChars: number) => new Collector(maxChars);
