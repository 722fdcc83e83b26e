import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from "node:crypto";
import { and, eq, lt, or, sql } from "drizzle-orm";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Db } from "../db/client.ts";
import { formSubmissions } from "../schema.ts";
import { AppError } from "./errors.ts";

/**
 * A create form sent again (Back, then send; a double click; a reload that posts again) is stored
 * once: the kernel answers it with the redirect the first one got (decision 0022). Routes opt in with
 * `config: { storedOnce: true }`.
 */

/** How long a sent form is remembered: longer than anyone takes to press Back and send again. */
export const ONCE_MINUTES = 15;

/** Fields that differ between two copies of the same form without saying anything new. */
const IGNORED_FIELDS = new Set(["_csrf", "formToken"]);

interface Pending {
  id: string;
  key: Buffer;
}
const pending = new WeakMap<FastifyRequest, Pending>();

/** Who sends: the session when signed in, else the browser (its CSRF cookie, which no other browser has). */
function sender(req: FastifyRequest): string | null {
  if (req.sessionId) return `session:${req.sessionId}`;
  const cookie = req.cookies?.samverk_csrf;
  return cookie ? `browser:${cookie}` : null;
}

/** A form's fields in one order; a file counts by its name and the hash of its bytes. */
function canonicalBody(body: unknown): string | null {
  if (!body || typeof body !== "object" || Array.isArray(body)) return null;
  const value = (v: unknown): unknown => {
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean" || v === null) return v;
    if (Array.isArray(v)) return v.map(value);
    if (v && typeof v === "object" && "data" in v && Buffer.isBuffer((v as { data: unknown }).data)) {
      const file = v as { filename?: string; data: Buffer };
      return { filename: file.filename ?? "", sha256: createHash("sha256").update(file.data).digest("base64url") };
    }
    return String(v);
  };
  const entries = Object.entries(body as Record<string, unknown>)
    .filter(([k]) => !IGNORED_FIELDS.has(k))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => [k, value(v)]);
  return JSON.stringify(entries);
}

function seal(key: Buffer, text: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const data = Buffer.concat([cipher.update(text, "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), data]).toString("base64url");
}

function open(key: Buffer, sealed: string): string | null {
  try {
    const bytes = Buffer.from(sealed, "base64url");
    const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(12, 28));
    return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

/** How long a form being handled holds its claim: a claim older than this was abandoned (the process stopped). */
const CLAIM_SECONDS = 30;
/** How long a copy sent while the first is still being handled waits for the first one's answer. */
const WAIT_MS = 5_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Registers the check (after the CSRF check, so only this site's own forms count) and the recording.
 * The first copy claims the form's row before it is handled ("" as its location), in one atomic
 * insert, so copies sent at the same instant (a double click) meet the claim and wait for the first
 * one's answer instead of storing again.
 */
export function registerStoredOnce(app: FastifyInstance, db: Db, secret: string): void {
  app.addHook("preHandler", async (req: FastifyRequest, reply: FastifyReply) => {
    if (req.method !== "POST" || !req.routeOptions.config.storedOnce) return;
    const who = sender(req);
    const body = canonicalBody(req.body);
    if (!who || body === null) return;
    // The path as routed, not as written: /n/x/projects and /n/x/projects/ are one form.
    const material = JSON.stringify([who, req.routeOptions.url, req.params, body]);
    const id = createHmac("sha256", secret).update(`form-once-id\0${material}`).digest("base64url");
    const key = createHmac("sha256", secret).update(`form-once-key\0${material}`).digest();
    const remembered = new Date(Date.now() - ONCE_MINUTES * 60_000);
    const abandoned = new Date(Date.now() - CLAIM_SECONDS * 1000);
    // A remembered answer that is too old, or a claim whose handling never ended, no longer counts.
    await db
      .delete(formSubmissions)
      .where(
        and(
          eq(formSubmissions.id, id),
          or(
            lt(formSubmissions.createdAt, remembered),
            and(eq(formSubmissions.location, ""), lt(formSubmissions.createdAt, abandoned)),
          ),
        ),
      );
    const [claimed] = await db
      .insert(formSubmissions)
      .values({ id, location: "" })
      .onConflictDoNothing()
      .returning({ id: formSubmissions.id });
    if (claimed) {
      pending.set(req, { id, key });
      return;
    }
    for (let waited = 0; ; waited += 100) {
      const [earlier] = await db
        .select({ location: formSubmissions.location })
        .from(formSubmissions)
        .where(eq(formSubmissions.id, id));
      // The first copy was refused (its row is gone): this one is handled as a form of its own.
      if (!earlier) return;
      const location = earlier.location ? open(key, earlier.location) : null;
      if (location) return reply.redirect(location, 303);
      if (waited >= WAIT_MS) throw new AppError(409, "conflict", "errors.formBeingSent");
      await sleep(100);
    }
  });

  // Only a form that succeeded is remembered: one refused with errors may be corrected and sent again.
  app.addHook("onSend", async (req, reply, payload) => {
    const marked = pending.get(req);
    if (!marked) return payload;
    pending.delete(req);
    const location = reply.getHeader("location");
    if (reply.statusCode < 300 || reply.statusCode >= 400 || typeof location !== "string") {
      await db.delete(formSubmissions).where(eq(formSubmissions.id, marked.id));
      return payload;
    }
    await db
      .update(formSubmissions)
      .set({ location: seal(marked.key, location), createdAt: sql`now()` })
      .where(eq(formSubmissions.id, marked.id));
    // Answers remembered longer than they count are of no use to anyone.
    await db.delete(formSubmissions).where(lt(formSubmissions.createdAt, new Date(Date.now() - ONCE_MINUTES * 60_000)));
    return payload;
  });
}
