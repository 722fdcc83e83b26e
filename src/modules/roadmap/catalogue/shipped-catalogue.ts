import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { eq, isNull } from "drizzle-orm";
import type { Actor } from "../../../platform/access/actor.ts";
import { type AuditEntry, recordAudit } from "../../../platform/audit/audit.ts";
import type { Db } from "../../../platform/db/client.ts";
import { nationalSolutions, SOLUTION_CATEGORIES, type SolutionCategory } from "../schema.ts";

export const catalogueFile = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../../../data/national-solutions/nasjonale-losninger.csv",
);

interface CatalogueRow {
  key: string;
  name: string;
  owner: string;
  category: SolutionCategory;
  purpose: string;
}

/** The shipped catalogue, checked: every row has an id and a name, and a category Samverk knows. */
export function readCatalogue(file = catalogueFile): CatalogueRow[] {
  const rows: Record<string, string>[] = parse(readFileSync(file, "utf8"), { columns: true, skip_empty_lines: true, trim: true });
  return rows.map((r, i) => {
    const category = SOLUTION_CATEGORIES.includes(r.kategori as SolutionCategory) ? (r.kategori as SolutionCategory) : "other";
    if (!r.id || !r.navn) throw new Error(`${file}: row ${i + 2} has no id or name`);
    return { key: r.id, name: r.navn, owner: r.eier ?? "", category, purpose: r.formaal_en ?? "" };
  });
}

/**
 * Loads the national catalogue: new rows are added, changed ones updated in place, each with an
 * audit entry; running it again changes nothing. Rows are never deleted here, so what hangs off a
 * solution (milestones, tasks, adoption) is never lost to an import.
 */
export async function importCatalogue(db: Db, actor: Actor, file = catalogueFile) {
  const rows = readCatalogue(file);
  const summary = { created: 0, updated: 0, unchanged: 0 };
  await db.transaction(async (tx) => {
    const existing = new Map(
      (await tx.select().from(nationalSolutions).where(isNull(nationalSolutions.networkId))).map((s) => [s.key, s]),
    );
    const audit: AuditEntry[] = [];
    for (const row of rows) {
      const found = existing.get(row.key);
      if (!found) {
        const [created] = await tx.insert(nationalSolutions).values(row).returning();
        audit.push({ action: "create", entity: "national_solution", entityId: created!.id, after: created });
        summary.created++;
      } else if (
        found.name !== row.name ||
        found.owner !== row.owner ||
        found.category !== row.category ||
        found.purpose !== row.purpose
      ) {
        await tx
          .update(nationalSolutions)
          .set({ ...row, updatedAt: new Date() })
          .where(eq(nationalSolutions.id, found.id));
        const { name, owner, category, purpose } = found;
        audit.push({
          action: "update",
          entity: "national_solution",
          entityId: found.id,
          before: { name, owner, category, purpose },
          after: row,
        });
        summary.updated++;
      } else summary.unchanged++;
    }
    await recordAudit(tx, actor, audit);
  });
  return summary;
}
