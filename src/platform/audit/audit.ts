import { and, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "../db/client.ts";
import { auditLog } from "../schema.ts";

/** Who made a change: a signed-in user, or the system itself (reference import, demo data). */
export interface Actor {
  userId: number | null;
  label: string;
  isAdmin: boolean;
  /** Where a change came from, for the audit trail: set for requests, absent for the CLI and the system. */
  requestId?: string;
  ipHash?: string;
}

export const systemActor = (label = "system"): Actor => ({ userId: null, label, isAdmin: true });

export interface AuditEntry {
  action: "create" | "update" | "delete" | "end";
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

export async function historyOf(db: DbOrTx, entity: string, entityId: string | number, limit = 50) {
  return db
    .select()
    .from(auditLog)
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
