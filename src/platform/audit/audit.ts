import { and, count, desc, eq, getTableColumns, gte, ilike, isNull, lt, sql } from "drizzle-orm";
import type { Actor } from "../access/actor.ts";
import type { DbOrTx } from "../db/client.ts";
import { type AuditAction, auditLog, users } from "../schema.ts";

export interface AuditEntry {
  action: AuditAction;
  entity: string;
  entityId: string | number;
  before?: unknown;
  after?: unknown;
}

/** Writes audit entries; always called with the transaction that makes the change. */
export async function recordAudit(tx: DbOrTx, actor: Actor, entries: AuditEntry | AuditEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  await tx.insert(auditLog).values(
    list.map((e) => ({
      actorUserId: actor.userId,
      actorLabel: actor.label,
      requestId: actor.requestId ?? null,
      ipHash: actor.ipHash ?? null,
      action: e.action,
      entity: e.entity,
      entityId: String(e.entityId),
      before: e.before ?? null,
      after: e.after ?? null,
    })),
  );
}

/** Audit columns, and whether the actor has since been deleted (their stored name is then not shown). */
const entryColumns = {
  ...getTableColumns(auditLog),
  actorDeleted: sql<boolean>`coalesce(${users.deletedAt} is not null, false)`,
};

export async function historyOf(db: DbOrTx, entity: string, entityId: string | number, limit = 50) {
  return db
    .select(entryColumns)
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, String(entityId))))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit);
}

/** The fields whose values differ, for a compact "before/after" record. */
export function changedFields<T extends Record<string, unknown>>(before: T, after: Partial<T>) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b, after: a, changed: Object.keys(a).length > 0 };
}

export interface AuditSearch {
  entity?: string | undefined;
  action?: AuditAction | undefined;
  /** Part of the actor's name. */
  actor?: string | undefined;
  /** Calendar dates, inclusive, in UTC. */
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  offset: number;
}

/** The whole trail, newest first, for administrators. */
export async function searchAudit(db: DbOrTx, f: AuditSearch) {
  const where = and(
    f.entity ? eq(auditLog.entity, f.entity) : undefined,
    f.action ? eq(auditLog.action, f.action) : undefined,
    // A deleted person's stored name is kept for the trail's integrity but can no longer be searched for.
    f.actor
      ? and(ilike(auditLog.actorLabel, `%${f.actor.replace(/[\\%_]/g, (c) => `\\${c}`)}%`), isNull(users.deletedAt))
      : undefined,
    f.from ? gte(auditLog.at, new Date(`${f.from}T00:00:00Z`)) : undefined,
    f.to ? lt(auditLog.at, new Date(new Date(`${f.to}T00:00:00Z`).getTime() + 24 * 3600_000)) : undefined,
  );
  const items = await db
    .select(entryColumns)
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(where)
    .orderBy(desc(auditLog.id))
    .limit(f.limit)
    .offset(f.offset);
  const [total] = await db.select({ n: count() }).from(auditLog).leftJoin(users, eq(users.id, auditLog.actorUserId)).where(where);
  return { items, total: total?.n ?? 0 };
}
