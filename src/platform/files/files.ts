import { createHash } from "node:crypto";
import { eq, getTableColumns } from "drizzle-orm";
import { fileTypeFromBuffer } from "file-type";
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
 * The kinds of file Samverk keeps, recognised from their content by file-type (decision 0040), not by
 * what the browser says: documents, spreadsheets, presentations, images and plain text. The content
 * must be the kind the name says: an archive named .docx is a Word document only if it holds one.
 * Plain text has no signature, so it is any UTF-8 without NUL bytes. Anything else is refused.
 */
const KINDS: { type: string; extensions: string[] }[] = [
  { type: "application/pdf", extensions: ["pdf"] },
  { type: "image/png", extensions: ["png"] },
  { type: "image/jpeg", extensions: ["jpg", "jpeg"] },
  { type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", extensions: ["docx"] },
  { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", extensions: ["xlsx"] },
  { type: "application/vnd.openxmlformats-officedocument.presentationml.presentation", extensions: ["pptx"] },
  { type: "application/vnd.oasis.opendocument.text", extensions: ["odt"] },
  { type: "application/vnd.oasis.opendocument.spreadsheet", extensions: ["ods"] },
  { type: "application/vnd.oasis.opendocument.presentation", extensions: ["odp"] },
];
const TEXT = { type: "text/plain; charset=utf-8", extensions: ["txt", "csv", "md"] };
const isUtf8Text = (d: Buffer) => !d.includes(0) && Buffer.from(d.toString("utf8"), "utf8").equals(d);

export const ALLOWED_EXTENSIONS = [...KINDS, TEXT].flatMap((k) => k.extensions);

/** The media type of an upload, or null when its content is not one of the kinds above or not the kind its name says. */
export async function detectType(filename: string, data: Buffer): Promise<string | null> {
  const extension = filename.toLowerCase().split(".").pop() ?? "";
  if (TEXT.extensions.includes(extension)) return isUtf8Text(data) ? TEXT.type : null;
  const kind = KINDS.find((k) => k.extensions.includes(extension));
  if (!kind) return null;
  const found = await fileTypeFromBuffer(data);
  return found?.mime === kind.type ? kind.type : null;
}

/** A safe file name to keep and offer back: no path, no control characters, at most 200 characters. */
export function cleanName(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? "";
  // Control characters are dropped by code point, which says what it does more plainly than a regex.
  const printable = [...base].filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f && c !== '"').join("");
  return printable.trim().slice(-200) || "file";
}

/** Checks an upload against the limits; field errors name the file field. */
export async function checkUpload(
  field: string,
  value: unknown,
  maxBytes: number,
): Promise<{ errors: FieldError[]; file?: { name: string; mediaType: string; data: Buffer } }> {
  if (!isUpload(value) || value.data.length === 0) return { errors: [{ field, key: "errors.fileRequired" }] };
  if (value.truncated || value.data.length > maxBytes)
    return { errors: [{ field, key: "errors.fileTooLarge", params: { mb: Math.round(maxBytes / 1024 / 1024) } }] };
  const name = cleanName(value.filename);
  const mediaType = await detectType(name, value.data);
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
  const upload = await checkUpload("file", (input as Record<string, unknown> | undefined)?.file, maxBytes);
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
