import { Worker } from "node:worker_threads";
import { and, asc, eq, gt, inArray, isNull } from "drizzle-orm";
import type { DbOrTx } from "../db/client.ts";
import { files } from "../schema.ts";
import type { TextKind } from "./text-formats.ts";

/**
 * A stored document's text, extracted once when the file is stored and kept in `files.text` for
 * search (decision 0033): PDF through Mozilla's PDF.js (unpdf), Office Open XML and OpenDocument
 * through their zip (fflate) and XML, plain text as it is.
 */

/** The most characters of a document's text that are kept. */
export const MAX_TEXT_CHARS = 1_000_000;
/** What one extraction may take before its worker is ended (tests lower them). */
export interface ExtractionLimits {
  /** Time from the worker's start. */
  ms: number;
  /** Memory (heap and buffers) beyond four times the file's size. */
  memoryBytes: number;
}
export const EXTRACTION_LIMITS: ExtractionLimits = { ms: 20_000, memoryBytes: 256 * 1024 * 1024 };
/** Extractions run at once; more wait their turn (each takes a core while it runs). */
const CONCURRENT_EXTRACTIONS = 2;

/** The media types (as files.ts records them) whose text is extracted, and how. */
export const TEXT_MEDIA_TYPES: Readonly<Record<string, TextKind | "plain">> = {
  "application/pdf": "pdf",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
  "application/vnd.oasis.opendocument.text": "odf",
  "application/vnd.oasis.opendocument.spreadsheet": "odf",
  "application/vnd.oasis.opendocument.presentation": "odf",
  "text/plain; charset=utf-8": "plain",
};

// Line separators of every kind become "\n"; other control characters and invisible joiners and
// soft hyphens (which split a word for search) are dropped; tabs and other spaces are spaces.
const LINE_BREAKS = /\r\n?|[\f\v\u0085\u2028\u2029]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f\u00ad\u200b-\u200d\u2060\ufeff]/g;
const SPACES = /[^\S\n]+/g;
const AROUND_LINES = / ?\n[\s]*/g;

/**
 * Text as it is kept: whitespace runs collapsed to one space, or to one newline where a line ended,
 * control characters removed, trimmed, at most `max` characters (cut at a word where one is near).
 */
export function normaliseText(text: string, max = MAX_TEXT_CHARS): string {
  const clean = text
    .toWellFormed()
    .replace(LINE_BREAKS, "\n")
    .replace(INVISIBLE, "")
    .replace(SPACES, " ")
    .replace(AROUND_LINES, "\n")
    .trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const lastSpace = Math.max(cut.lastIndexOf(" "), cut.lastIndexOf("\n"));
  return (lastSpace > 0 && lastSpace > max - 100 ? cut.slice(0, lastSpace) : cut).toWellFormed().trimEnd();
}

let running = 0;
const waiting: (() => void)[] = [];

/** Runs work when one of the extraction slots is free; a finished one hands its slot to the next waiting. */
async function inTurn<T>(work: () => Promise<T>): Promise<T> {
  if (running < CONCURRENT_EXTRACTIONS) running++;
  else await new Promise<void>((resolve) => waiting.push(resolve));
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

/** Runs one extraction in a worker thread, ended when it passes the time or memory cap; null if it fails. */
function inWorker(kind: TextKind, data: Buffer, maxChars: number, limits: ExtractionLimits): Promise<string | null> {
  return new Promise((resolve) => {
    const memoryCap = limits.memoryBytes + 4 * data.length;
    // The worker gets its own copy of the bytes, moved rather than copied again.
    const copy = new Uint8Array(data);
    const worker = new Worker(new URL("./text-worker.ts", import.meta.url), {
      workerData: { kind, data: copy, maxChars },
      transferList: [copy.buffer],
      // Node strips the worker's types itself: loading tsx again in every worker would cost a second.
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: Math.max(64, Math.ceil(memoryCap / 1024 / 1024)) },
      // The worker's output (PDF.js warns on broken files) is read and dropped: a failure logs nothing.
      stdout: true,
      stderr: true,
    });
    worker.stdout.resume();
    worker.stderr.resume();
    let settled = false;
    const finish = (text: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(watch);
      void worker.terminate();
      resolve(text);
    };
    const timer = setTimeout(() => finish(null), limits.ms);
    // Decoded buffers live outside the heap limit above, so their size is watched from here.
    const watch = setInterval(() => {
      worker.getHeapStatistics().then(
        (heap) => {
          if (heap.used_heap_size + heap.external_memory > memoryCap) finish(null);
        },
        () => undefined,
      );
    }, 100);
    worker.on("message", (text: unknown) => finish(typeof text === "string" ? text : null));
    worker.on("error", () => finish(null));
    worker.on("exit", () => finish(null));
  });
}

/**
 * The text of a file of one media type, normalised and capped, or null when the type has no text or
 * the file cannot be read (corrupt, encrypted, too large or slow to read). Never throws, logs nothing.
 */
export async function extractText(
  mediaType: string,
  data: Buffer,
  limits: ExtractionLimits = EXTRACTION_LIMITS,
): Promise<string | null> {
  try {
    const kind = TEXT_MEDIA_TYPES[mediaType];
    if (!kind) return null;
    // A character takes at most four bytes, so more than that many bytes cannot be kept anyway.
    if (kind === "plain") return normaliseText(data.subarray(0, MAX_TEXT_CHARS * 4).toString("utf8"));
    // Normalising shortens the text, so a little more than the cap is read.
    const text = await inTurn(() => inWorker(kind, data, MAX_TEXT_CHARS + MAX_TEXT_CHARS / 10, limits));
    return text === null ? null : normaliseText(text);
  } catch {
    return null;
  }
}

/**
 * Extracts the text of stored files that have none yet (stored before extraction came, or read
 * when extraction failed), a batch of ids at a time and one file's bytes at a time. Files whose
 * text still cannot be read stay null; each file is tried once per run.
 */
export async function extractMissingText(
  db: DbOrTx,
  options: { batchSize?: number; progress?: (done: { checked: number; extracted: number }) => void } = {},
): Promise<{ checked: number; extracted: number }> {
  const batchSize = options.batchSize ?? 50;
  const done = { checked: 0, extracted: 0 };
  for (let after = 0; ; ) {
    const batch = await db
      .select({ id: files.id })
      .from(files)
      .where(and(isNull(files.text), inArray(files.mediaType, Object.keys(TEXT_MEDIA_TYPES)), gt(files.id, after)))
      .orderBy(asc(files.id))
      .limit(batchSize);
    if (batch.length === 0) return done;
    for (const { id } of batch) {
      const [file] = await db.select({ mediaType: files.mediaType, content: files.content }).from(files).where(eq(files.id, id));
      done.checked++;
      if (!file) continue;
      const text = await extractText(file.mediaType, file.content);
      if (text === null) continue;
      await db
        .update(files)
        .set({ text })
        .where(and(eq(files.id, id), isNull(files.text)));
      done.extracted++;
    }
    after = batch.at(-1)!.id;
    options.progress?.(done);
  }
}
