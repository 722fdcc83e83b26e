import { createHash } from "node:crypto";
import { eq, getTableColumns } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../access/actor.ts";
import { recordAudit } from "../audit/audit.ts";
import type { Db, DbOrTx } from "../db/client.ts";
import { type FieldError, invalid, ok, type Result } from "../http/errors.ts";
import { toFieldErrors } from "../http/validation.ts";
import { files } from "../schema.ts";
import { extractText } from "./text.ts";

/** A file as the multipart parser hands it over (see app.ts): name, the bytes kept, and whether more came. */
export interface Upload {
  filename: string;
  data: Buffer;
  truncated: boolean;
}

export const isUpload = (value: unknown): value is Upload =>
  typeof value === "object" && value !== null && Buffer.isBuffer((value as Upload).data) && "truncated" in value;

/**
 * The kinds of file Samverk keeps, recognised by their first bytes, not by what the browser says:
 * documents, spreadsheets, presentations, images and plain text. Anything else is refused.
 */
const KINDS: { type: string; extensions: string[]; matches(data: Buffer): boolean }[] = [
  { type: "application/pdf", extensions: ["pdf"], matches: (d) => d.subarray(0, 5).toString("latin1") === "%PDF-" },
  {
    type: "image/png",
    extensions: ["png"],
    matches: (d) => d.subarray(0, 8).equals(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10])),
  },
  { type: "image/jpeg", extensions: ["jpg", "jpeg"], matches: (d) => d[0] === 0xff && d[1] === 0xd8 && d[2] === 0xff },
  ...(
    [
      ["docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
      ["xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
      ["pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"],
      ["odt", "application/vnd.oasis.opendocument.text"],
      ["ods", "application/vnd.oasis.opendocument.spreadsheet"],
      ["odp", "application/vnd.oasis.opendocument.presentation"],
    ] as const
  ).map(([extension, type]) => ({
    type,
    extensions: [extension],
    // Office and OpenDocument files are zip archives; the extension tells which.
    matches: (d: Buffer) => d.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])),
  })),
  {
    type: "text/plain; charset=utf-8",
    extensions: ["txt", "csv", "md"],
    matches: (d) => !d.includes(0) && Buffer.from(d.toString("utf8"), "utf8").equals(d),
  },
];

export const ALLOWED_EXTENSIONS = KINDS.flatMap((k) => k.extensions);

/** The media type of an upload, or null when its content is not one of the kinds above. */
export function detectType(filename: string, data: Buffer): string | null {
  const extension = filename.toLowerCase().split(".").pop() ?? "";
  const kind = KINDS.find((k) => k.extensions.includes(extension));
  return kind?.matches(data) ? kind.type : null;
}

/** A safe file name to keep and offer back: no path, no control characters, at most 200 characters. */
export function cleanName(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? "";
  // Control characters are dropped by code point, which says what it does more plainly than a regex.
  const printable = [...base].filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f && c !== '"').join("");
  return printable.trim().slice(-200) || "file";
}

/** Checks an upload against the limits; field errors name the file field. */
export function checkUpload(
  field: string,
  value: unknown,
  maxBytes: number,
): { errors: FieldError[]; file?: { name: string; mediaType: string; data: Buffer } } {
  if (!isUpload(value) || value.data.length === 0) return { errors: [{ field, key: "errors.fileRequired" }] };
  if (value.truncated || value.data.length > maxBytes)
    return { errors: [{ field, key: "errors.fileTooLarge", params: { mb: Math.round(maxBytes / 1024 / 1024) } }] };
  const name = cleanName(value.filename);
  const mediaType = detectType(name, value.data);
  if (!mediaType) return { errors: [{ field, key: "errors.fileType", params: { types: ALLOWED_EXTENSIONS.join(", ") } }] };
  return { errors: [], file: { name, mediaType, data: value.data } };
}

/**
 * Stores a file with its text for search (text.ts), in one insert. A caller may pass the text already
 * extracted, as storeTitledFile does, so that extraction (up to its time cap) runs before its
 * transaction rather than while the transaction holds a connection.
 */
export async function saveFile(
  tx: DbOrTx,
  file: { name: string; mediaType: string; data: Buffer; text?: string | null },
  userId: number | null,
) {
  const text = file.text !== undefined ? file.text : await extractText(file.mediaType, file.data);
  const [row] = await tx
    .insert(files)
    .values({
      name: file.name,
      mediaType: file.mediaType,
      size: file.data.length,
      sha256: createHash("sha256").update(file.data).digest("hex"),
      content: file.data,
      text,
      createdById: userId,
    })
    .returning({ id: files.id, name: files.name, size: files.size, sha256: files.sha256, mediaType: files.mediaType });
  return row!;
}

/** A stored file with its bytes, for download (its extracted text, which can be long, is left out). */
export async function readFile(db: DbOrTx, id: number) {
  const { text: _text, ...columns } = getTableColumns(files);
  const [row] = await db.select(columns).from(files).where(eq(files.id, id));
  return row;
}

export async function deleteFile(tx: DbOrTx, id: number) {
  await tx.delete(files).where(eq(files.id, id));
}

const titledFile = z.object({ title: z.string().trim().min(1, "errors.required").max(200) });

/**
 * A document as records keep them (a project's, a need's, a meeting's papers): a title and a file.
 * Both are checked before anything is saved, every problem at once; then the file, the caller's row
 * pointing to it and the audit entry are written in one transaction. Answers the caller's row id.
 */
export async function storeTitledFile(
  db: Db,
  actor: Actor,
  input: unknown,
  maxBytes: number,
  record: { entity: string; insert: (tx: DbOrTx, fileId: number, title: string) => Promise<{ id: number }> },
): Promise<Result<number>> {
  const parsed = titledFile.safeParse(input);
  const upload = checkUpload("file", (input as Record<string, unknown> | undefined)?.file, maxBytes);
  const errors = [...(parsed.success ? [] : toFieldErrors(parsed.error)), ...upload.errors];
  if (!parsed.success || !upload.file || errors.length) return invalid(errors);
  const file = { ...upload.file, text: await extractText(upload.file.mediaType, upload.file.data) };
  const title = parsed.data.title;
  return ok(
    await db.transaction(async (tx) => {
      const saved = await saveFile(tx, file, actor.userId);
      const row = await record.insert(tx, saved.id, title);
      await recordAudit(tx, actor, { action: "create", entity: record.entity, entityId: row.id, after: { title, file: saved } });
      return row.id;
    }),
  );
}

/** Removes a titled document: the caller's row, then the file, with an audit entry, in one transaction. */
export async function removeTitledFile(
  db: Db,
  actor: Actor,
  entity: string,
  doc: { id: number; fileId: number },
  deleteRow: (tx: DbOrTx) => Promise<unknown>,
): Promise<void> {
  await db.transaction(async (tx) => {
    await deleteRow(tx);
    await deleteFile(tx, doc.fileId);
    await recordAudit(tx, actor, { action: "delete", entity, entityId: doc.id, before: doc });
  });
}
