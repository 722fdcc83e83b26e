import { and, asc, desc, eq, lt } from "drizzle-orm";
import { Repository } from "../../platform/db/repository.ts";
import type { Mapping } from "../../platform/import/importer.ts";
import { type ImportReport, importMappings, importRuns } from "./schema.ts";

export type ImportRun = typeof importRuns.$inferSelect;
export type SavedMapping = typeof importMappings.$inferSelect;

/** The only place with SQL for imports: the runs and the saved mappings. */
export class ImportRepo extends Repository {
  insertRun(values: typeof importRuns.$inferInsert) {
    return this.insertOne(importRuns, values);
  }

  /** The run, when it is the network's. */
  async run(networkId: number, id: number): Promise<ImportRun | undefined> {
    const [row] = await this.db
      .select()
      .from(importRuns)
      .where(and(eq(importRuns.id, id), eq(importRuns.networkId, networkId)));
    return row;
  }

  /** The network's latest runs, without their files. */
  recentRuns(networkId: number, limit = 20) {
    return this.db
      .select({
        id: importRuns.id,
        kind: importRuns.kind,
        fileName: importRuns.fileName,
        rowCount: importRuns.rowCount,
        state: importRuns.state,
        createdAt: importRuns.createdAt,
        appliedAt: importRuns.appliedAt,
      })
      .from(importRuns)
      .where(eq(importRuns.networkId, networkId))
      .orderBy(desc(importRuns.createdAt), desc(importRuns.id))
      .limit(limit);
  }

  async setMapping(id: number, mapping: Mapping): Promise<void> {
    await this.db.update(importRuns).set({ mapping }).where(eq(importRuns.id, id));
  }

  /** The run, locked for the transaction, if it is still to be applied. */
  async claim(id: number): Promise<ImportRun | undefined> {
    const [row] = await this.db
      .select()
      .from(importRuns)
      .where(and(eq(importRuns.id, id), eq(importRuns.state, "mapping")))
      .for("update");
    return row;
  }

  /** Marks the run applied with its report, unless another request applied it first (false then). */
  async markApplied(id: number, report: ImportReport): Promise<boolean> {
    const rows = await this.db
      .update(importRuns)
      .set({ state: "applied", report, appliedAt: new Date() })
      .where(and(eq(importRuns.id, id), eq(importRuns.state, "mapping")))
      .returning({ id: importRuns.id });
    return rows.length === 1;
  }

  /** Runs older than the cutoff, files and all. */
  async removeRunsBefore(cutoff: Date): Promise<number> {
    const rows = await this.db.delete(importRuns).where(lt(importRuns.createdAt, cutoff)).returning({ id: importRuns.id });
    return rows.length;
  }

  /** The network's saved mappings, of every kind. */
  allMappings(networkId: number) {
    return this.db
      .select()
      .from(importMappings)
      .where(eq(importMappings.networkId, networkId))
      .orderBy(asc(importMappings.kind), asc(importMappings.name));
  }

  async mapping(networkId: number, id: number): Promise<SavedMapping | undefined> {
    const [row] = await this.db
      .select()
      .from(importMappings)
      .where(and(eq(importMappings.id, id), eq(importMappings.networkId, networkId)));
    return row;
  }

  /** Saves a mapping under its name, replacing one of the same name. */
  async saveMapping(values: typeof importMappings.$inferInsert): Promise<void> {
    await this.db
      .insert(importMappings)
      .values(values)
      .onConflictDoUpdate({
        target: [importMappings.networkId, importMappings.kind, importMappings.name],
        set: { headers: values.headers, createdById: values.createdById ?? null, createdAt: new Date() },
      });
  }
}
