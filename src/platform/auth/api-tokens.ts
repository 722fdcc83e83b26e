import { randomBytes } from "node:crypto";
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Actor, PlatformRole } from "../access/actor.ts";
import { recordAudit } from "../audit/audit.ts";
import type { Db } from "../db/client.ts";
import { invalid, NotFoundError, ok, type Result } from "../http/errors.ts";
import { optionalId, requiredText, toFieldErrors } from "../http/validation.ts";
import { apiTokens, users } from "../schema.ts";
import { hashToken } from "./tokens.ts";

export const TOKEN_PREFIX = "svk_";
export const API_SCOPES = ["read", "write"] as const;
export type ApiScope = (typeof API_SCOPES)[number];
export const TOKEN_DAYS = [30, 90, 365] as const;

export const tokenInput = z.object({
  name: requiredText(100),
  scopes: z.preprocess(
    (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.enum(API_SCOPES, "errors.choice")).min(1, "errors.chooseScope"),
  ),
  networkId: optionalId,
  days: z.coerce.number().refine((d) => (TOKEN_DAYS as readonly number[]).includes(d), "errors.choice"),
});

/** What a bearer token grants on one request. */
export interface TokenGrant {
  tokenId: number;
  scopes: ApiScope[];
  networkId: number | null;
}

const TOUCH_EVERY_MS = 60_000;

export class ApiTokenService {
  constructor(
    private readonly db: Db,
    private readonly networkExists: (id: number) => Promise<boolean>,
  ) {}

  listFor(userId: number) {
    return this.db
      .select({
        id: apiTokens.id,
        name: apiTokens.name,
        scopes: apiTokens.scopes,
        networkId: apiTokens.networkId,
        expiresAt: apiTokens.expiresAt,
        lastUsedAt: apiTokens.lastUsedAt,
        revokedAt: apiTokens.revokedAt,
        createdAt: apiTokens.createdAt,
      })
      .from(apiTokens)
      .where(eq(apiTokens.userId, userId))
      .orderBy(desc(apiTokens.id));
  }

  /** Makes a token and answers it in clear text: the only time it is ever shown. */
  async create(actor: Actor, input: unknown): Promise<Result<string>> {
    const parsed = tokenInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const { name, scopes, networkId, days } = parsed.data;
    if (networkId !== null && !(await this.networkExists(networkId)))
      return invalid([{ field: "networkId", key: "errors.choice" }]);
    const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
    await this.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(apiTokens)
        .values({
          userId: actor.userId!,
          name,
          tokenHash: hashToken(token),
          scopes: [...new Set(scopes)],
          networkId,
          expiresAt: new Date(Date.now() + days * 24 * 3600_000),
        })
        .returning({ id: apiTokens.id });
      await recordAudit(tx, actor, {
        action: "create",
        entity: "api_token",
        entityId: row!.id,
        after: { name, scopes, networkId, days },
      });
    });
    return ok(token);
  }

  async revoke(actor: Actor, id: number): Promise<void> {
    const [row] = await this.db
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, actor.userId!), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id });
    if (!row) throw new NotFoundError();
    await recordAudit(this.db, actor, { action: "update", entity: "api_token", entityId: id, after: { revoked: true } });
  }

  /** The actor and grant behind a bearer token, or null when it is unknown, expired or revoked. */
  async authenticate(token: string): Promise<{ actor: Actor; grant: TokenGrant } | null> {
    if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return null;
    const now = new Date();
    const [row] = await this.db
      .select({
        id: apiTokens.id,
        scopes: apiTokens.scopes,
        networkId: apiTokens.networkId,
        lastUsedAt: apiTokens.lastUsedAt,
        userId: users.id,
        name: users.name,
        email: users.email,
        isAdmin: users.isAdmin,
        roles: users.roles,
      })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .where(
        and(
          eq(apiTokens.tokenHash, hashToken(token)),
          isNull(apiTokens.revokedAt),
          gt(apiTokens.expiresAt, now),
          isNull(users.deletedAt),
        ),
      );
    if (!row) return null;
    if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
      await this.db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id));
    }
    return {
      actor: { userId: row.userId, label: row.name || row.email, isAdmin: row.isAdmin, roles: row.roles as PlatformRole[] },
      grant: { tokenId: row.id, scopes: row.scopes, networkId: row.networkId },
    };
  }
}
