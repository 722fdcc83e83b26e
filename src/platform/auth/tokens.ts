import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import type { DbOrTx } from "../db/client.ts";
import { authTokens } from "../schema.ts";

export type TokenKind = (typeof authTokens.$inferSelect)["kind"];

/** How a secret handed out in a link or cookie is kept: only its SHA-256, so the database alone yields nothing that works. */
export const hashToken = (token: string) => createHash("sha256").update(token).digest("base64url");

/** Makes a single-use token; only its hash is stored, so the database alone never yields a working link. */
export async function issueToken(tx: DbOrTx, kind: TokenKind, userId: number, ttlMs: number, payload?: string): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await tx
    .insert(authTokens)
    .values({ idHash: hashToken(token), kind, userId, expiresAt: new Date(Date.now() + ttlMs), payload: payload ?? null });
  return token;
}

export type TokenState =
  | { ok: true; userId: number; payload: string | null }
  | { ok: false; reason: "unknown" | "expired" | "used" };

/** What a token is worth right now, without using it (to show the form, or why it cannot be used). */
export async function inspectToken(db: DbOrTx, kind: TokenKind, token: string): Promise<TokenState> {
  if (!/^[\w-]{20,100}$/.test(token)) return { ok: false, reason: "unknown" };
  const [row] = await db
    .select()
    .from(authTokens)
    .where(and(eq(authTokens.idHash, hashToken(token)), eq(authTokens.kind, kind)));
  if (!row) return { ok: false, reason: "unknown" };
  if (row.usedAt) return { ok: false, reason: "used" };
  if (row.expiresAt <= new Date()) return { ok: false, reason: "expired" };
  return { ok: true, userId: row.userId, payload: row.payload };
}

/** Uses a token once: of two requests racing with the same link, exactly one wins. */
export async function consumeToken(tx: DbOrTx, kind: TokenKind, token: string): Promise<TokenState> {
  const state = await inspectToken(tx, kind, token);
  if (!state.ok) return state;
  const used = await tx
    .update(authTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(authTokens.idHash, hashToken(token)), isNull(authTokens.usedAt), gt(authTokens.expiresAt, new Date())))
    .returning({ userId: authTokens.userId, payload: authTokens.payload });
  return used[0] ? { ok: true, userId: used[0].userId, payload: used[0].payload } : { ok: false, reason: "used" };
}
