import type { Actor } from "../access/actor.ts";
import type { Db, Tx } from "../db/client.ts";
import { type AuditEntry, changedFields, recordAudit } from "./audit.ts";

/**
 * The one shape of every write: the change and its audit entries in one transaction, so a change is
 * never kept without its trace, nor a trace without its change. `audit` writes an entry in that
 * transaction.
 */
export function audited<T>(
  db: Db,
  actor: Actor,
  work: (tx: Tx, audit: (entries: AuditEntry | AuditEntry[]) => Promise<void>) => Promise<T>,
): Promise<T> {
  return db.transaction((tx) => work(tx, (entries) => recordAudit(tx, actor, entries)));
}

/** Creates a record and audits it with what was stored. */
export function createAudited<T extends { id: number | string }>(
  db: Db,
  actor: Actor,
  entity: string,
  insert: (tx: Tx) => Promise<T>,
): Promise<T> {
  return audited(db, actor, async (tx, audit) => {
    const created = await insert(tx);
    await audit({ action: "create", entity, entityId: created.id, after: created });
    return created;
  });
}

/**
 * Changes a record and audits only the fields that differ; when none differs nothing is written and
 * the record is returned as it was.
 */
export function updateAudited<T extends object>(
  db: Db,
  actor: Actor,
  entity: string,
  existing: T & { id: number | string },
  changes: Partial<T>,
  save: (tx: Tx) => Promise<T>,
): Promise<T> {
  return audited(db, actor, async (tx, audit) => {
    const diff = changedFields(existing as Record<string, unknown>, changes as Record<string, unknown>);
    if (!diff.changed) return existing;
    const saved = await save(tx);
    await audit({ action: "update", entity, entityId: existing.id, before: diff.before, after: diff.after });
    return saved;
  });
}

/** Removes a record and audits what it held. */
export function deleteAudited(
  db: Db,
  actor: Actor,
  entity: string,
  existing: { id: number | string },
  remove: (tx: Tx) => Promise<unknown>,
): Promise<void> {
  return audited(db, actor, async (tx, audit) => {
    await remove(tx);
    await audit({ action: "delete", entity, entityId: existing.id, before: existing });
  });
}
